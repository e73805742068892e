#if canImport(Glibc)
import Glibc
#endif
public import PcapIO

/// Decides from a file's first bytes, never from its name, whether it holds a capture: a pcap or pcapng magic
/// number, directly or at the start of a gzip stream.
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
    }

    /// pcap (both byte orders, micro- and nanosecond) and pcapng's Section Header Block type.
    public static func format(ofMagic b: [UInt8]) -> CaptureInfo.Format? {
        guard b.count >= 4 else { return nil }
        let be = UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
        switch be {
        case 0xA1B2_C3D4, 0xD4C3_B2A1, 0xA1B2_3C4D, 0x4D3C_B2A1: return .pcap
        case 0x0A0D_0D0A: return .pcapng
        default: return nil
        }
    }

    public static func isGzip(_ b: [UInt8]) -> Bool { b.count >= 3 && b[0] == 0x1F && b[1] == 0x8B && b[2] == 0x08 }

    public static func sniff(path: String, gzipLimit: UInt64) -> Verdict {
        guard let file = fopen(path, "rb") else {
            let reason = String(cString: strerror(errno))
            return .unreadable(ReadProblem(kind: CaptureError.Kind.cannotOpen.rawValue, message: "cannot open the file: \(reason)"))
        }
        var head = [UInt8](repeating: 0, count: 4)
        let n = fread(&head, 1, 4, file)
        let failed = ferror(file) != 0
        let reason = failed ? String(cString: strerror(errno)) : ""
        fclose(file)
        if failed {
            return .unreadable(ReadProblem(kind: CaptureError.Kind.readFailed.rawValue, message: "cannot read the file: \(reason)"))
        }
        head = Array(head[0..<n])
        if head.isEmpty { return .notCapture("empty") }
        if let format = format(ofMagic: head) { return .capture(format, .plain) }
        guard isGzip(head) else { return .notCapture("no capture magic number") }
        let stream: GzipStream
        do { stream = try GzipStream(path: path, limit: gzipLimit) } catch { return .unreadable(error) }
        let inner = stream.read(4)
        if let format = format(ofMagic: inner) { return .capture(format, .gzip) }
        if let failure = stream.failure, inner.count < 4 {
            return .unreadable(ReadProblem(kind: "gzip-\(failure.kind.rawValue)",
                                           message: "a gzip file whose start cannot be decompressed: \(failure.message)"))
        }
        return .notCapture(inner.isEmpty ? "an empty gzip stream" : "a gzip stream without a capture inside")
    }
}
