public import PPTPPcapIO

#if canImport(Glibc)
    import Glibc
#endif

/// Decides from a file's first bytes, never from its name, whether it holds a capture: a pcap, pcapng, Network
/// Monitor or pppdump file (`CaptureFormatSniffer`), directly or at the start of a gzip stream. Formats that can be
/// named but not read (ETW traces, snoop …) are reported with the way to convert them, not skipped silently.
public enum ContentSniffer {
    public enum Container: String, Sendable, Codable {
        case plain
        case gzip
    }

    public enum Verdict: Sendable, Equatable {
        case capture(CaptureInfo.Format, Container)
        /// Not a capture (text, another binary format, an empty file, a gzip of something else): skipped.
        case notCapture(String)
        /// The bytes could not be read, or a gzip stream could not be decoded far enough to tell: recorded as a
        /// file that could not be read.
        case unreadable(ReadProblem)
        /// A capture in a format pptp-pcap does not read: recorded as unreadable, with the conversion to run.
        case unsupported(ReadProblem)
    }

    /// pcap (both byte orders, micro- and nanosecond) and pcapng's Section Header Block type.
    public static func format(ofMagic b: [UInt8]) -> CaptureInfo.Format? {
        if case .readable(let format) = CaptureFormatSniffer.identify(head: b) { return format }
        return nil
    }

    /// The one exception to "never from its name": a `.etl` is taken for an ETW trace even when its first buffer
    /// does not look like the ones recognised, since an archive's .etl files are Windows traces to convert.
    private static func unsupported(_ head: [UInt8], path: String) -> ReadProblem? {
        guard case .unsupported(let format, let hint) = CaptureFormatSniffer.identify(head: head, fileName: path) else {
            return nil
        }
        let error = CaptureFormatSniffer.unsupportedError(path: path, format: format, hint: hint)
        return ReadProblem(kind: error.kind.rawValue, message: error.message)
    }

    public static func isGzip(_ b: [UInt8]) -> Bool { b.count >= 3 && b[0] == 0x1F && b[1] == 0x8B && b[2] == 0x08 }

    public static func sniff(path: String, gzipLimit: UInt64) -> Verdict {
        guard let file = fopen(path, "rb") else {
            let reason = String(cString: strerror(errno))
            return .unreadable(
                ReadProblem(kind: CaptureError.Kind.cannotOpen.rawValue, message: "cannot open the file: \(reason)"))
        }
        var head = [UInt8](repeating: 0, count: CaptureFormatSniffer.headLength)
        let n = fread(&head, 1, head.count, file)
        let failed = ferror(file) != 0
        let reason = failed ? String(cString: strerror(errno)) : ""
        fclose(file)
        if failed {
            return .unreadable(
                ReadProblem(kind: CaptureError.Kind.readFailed.rawValue, message: "cannot read the file: \(reason)"))
        }
        head = Array(head[0..<n])
        if head.isEmpty { return .notCapture("empty") }
        if let format = format(ofMagic: head) { return .capture(format, .plain) }
        if let problem = unsupported(head, path: path) { return .unsupported(problem) }
        guard isGzip(head) else { return .notCapture("no capture magic number") }
        let stream: GzipStream
        do throws(CaptureError) { stream = try GzipStream(path: path, limit: gzipLimit) } catch {
            return .unreadable(ReadProblem(error))
        }
        let inner = stream.read(CaptureFormatSniffer.headLength)
        if let format = format(ofMagic: inner) { return .capture(format, .gzip) }
        if let problem = unsupported(inner, path: path) { return .unsupported(problem) }
        if let failure = stream.failure, inner.count < 4 {
            return .unreadable(
                ReadProblem(
                    kind: "gzip-\(failure.kind.rawValue)",
                    message: "a gzip file whose start cannot be decompressed: \(failure.message)"))
        }
        return .notCapture(inner.isEmpty ? "an empty gzip stream" : "a gzip stream without a capture inside")
    }
}
