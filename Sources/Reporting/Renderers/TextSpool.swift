#if canImport(Glibc)
    import Glibc
#endif

/// Text written once and read back once, in order: in an unlinked temporary file in $TMPDIR (else /tmp), where
/// the analysis spools its sessions too, or in memory where no such file can be made. What lets a document or a
/// stored report of any size be built in the memory of one session.
public final class TextSpool {
    private var file: UnsafeMutablePointer<FILE>?
    private var memory: [UInt8] = []
    private var failed = false
    /// Bytes appended so far.
    public private(set) var count = 0

    public init() {
        guard let fd = TemporaryFile.unlinked(prefix: "pptp-pcap-report") else { return }
        file = fdopen(fd, "w+b")
        if file == nil { close(fd) }
    }

    deinit { if let file { fclose(file) } }

    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    public func append(_ bytes: UnsafeRawBufferPointer) {
        count += bytes.count
        guard let file else { return memory.append(contentsOf: bytes) }
        if fwrite(bytes.baseAddress, 1, bytes.count, file) != bytes.count { failed = true }
    }

    /// Everything appended, to `sink`, in chunks; false when the file could not be written or read back whole.
    public func replay(_ sink: (UnsafeRawBufferPointer) -> Void) -> Bool {
        guard let file else {
            memory.withUnsafeBytes(sink)
            return true
        }
        guard !failed, fflush(file) == 0 else { return false }
        rewind(file)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { chunk.withUnsafeBytes { sink(UnsafeRawBufferPointer(rebasing: $0[0..<n])) } }
            if n < chunk.count { return ferror(file) == 0 }
        }
    }
}

/// Temporary files for spools: made in `directory`, else $TMPDIR, else /tmp, and unlinked at once, so they are
/// gone when the process ends, however it ends.
public enum TemporaryFile {
    /// An open descriptor of a new, already unlinked file; nil when none could be made.
    public static func unlinked(prefix: String, directory: String? = nil) -> Int32? {
        let directory =
            directory ?? getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/\(prefix)-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        return fd
    }
}
