import PPTPDissect

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Buffered writes to standard output and unbuffered ones to standard error; the packet listing prints
/// millions of lines, so stdout goes out in 64 KiB chunks through write(2).
enum Output {
    nonisolated(unsafe) private static var buffer: [UInt8] = {
        var b = [UInt8]()
        b.reserveCapacity(1 << 16)
        return b
    }()

    static func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Large pieces already gathered by the caller (the packet listing's 64 KiB of lines) go to standard output
    /// as they are, after what is buffered, without another copy.
    static func writeThrough(bytes: UnsafeRawBufferPointer) {
        flush()
        writeAll(fd: STDOUT_FILENO, bytes)
    }

    static func write(bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func line(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func flush() {
        writeAll(fd: STDOUT_FILENO, buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Messages name files and quote libpcap, both of which can hold control characters (a hostile file name):
    /// those are shown as \xNN, never sent to the terminal.
    static func error(_ s: String) {
        flush()
        writeAll(fd: STDERR_FILENO, Array((SafeText.escape(bytes: Array(s.utf8), limit: 4096) + "\n").utf8))
    }

    /// A progress line's escape sequences and text, written to standard error as they are (the text is the tool's
    /// own: counts and sizes, nothing from a capture).
    static func status(_ s: String) { writeAll(fd: STDERR_FILENO, Array(s.utf8)) }

    private static func writeAll(fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { writeAll(fd: fd, $0) }
    }

    private static func writeAll(fd: Int32, _ raw: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < raw.count {
            let n = Glibc.write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            if n <= 0 { return }  // a closed pipe (`| head`) ends the output quietly
            offset += n
        }
    }

    /// A rendered report to the file `path`, or to standard output without one; false when the file cannot
    /// be written.
    static func deliver(_ text: String, to path: String?) -> Bool {
        if let path {
            guard writeFile(path, text) else { return false }
        } else {
            write(text)
        }
        flush()
        return true
    }

    /// A report written piece by piece (`body` calls the sink as often as it likes) to the file `path`, or to
    /// standard output without one; false when the file cannot be created or written.
    static func stream(to path: String?, _ body: (_ sink: (UnsafeRawBufferPointer) -> Void) -> Void) -> Bool {
        guard let path else {
            body { write(bytes: $0) }
            flush()
            return true
        }
        guard let file = fopen(path, "wb") else { return false }
        var complete = true
        body { bytes in
            if complete, bytes.count > 0, fwrite(bytes.baseAddress, 1, bytes.count, file) != bytes.count { complete = false }
        }
        return fclose(file) == 0 && complete
    }

    static func writeFile(_ path: String, _ text: String) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        defer { fclose(file) }
        var text = text
        return text.withUTF8 { buf in fwrite(buf.baseAddress, 1, buf.count, file) == buf.count }
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Colour only on a terminal, never when NO_COLOR is set (https://no-color.org) or TERM=dumb.
    static var useColor: Bool {
        guard stdoutIsTerminal else { return false }
        if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
        if let t = getenv("TERM"), String(cString: t) == "dumb" { return false }
        return true
    }
}
