internal import CPPTPGzip

#if canImport(Glibc)
    import Glibc
#endif

/// A .gz file read as a stream of decompressed bytes (zlib through `CGzip`), never unpacked to disk: libpcap reads
/// it through a stdio stream, so memory stays at one 64 KiB input buffer and one stdio buffer whatever the size.
/// `limit` caps the decompressed bytes (a decompression bomb ends there, as a damaged file).
public final class GzipStream {
    public enum Failure: String, Sendable {
        case truncated, corrupt, limit, io
    }

    private let stream: OpaquePointer
    public let path: String

    /// What `analyze`, `packets` and `scan` decompress at most by default.
    public static let defaultLimit: UInt64 = 16 << 30

    public init(path: String, limit: UInt64) throws(CaptureError) {
        guard let s = cgz_open(path, limit) else {
            let reason = String(cString: strerror(errno))
            throw CaptureError(kind: .cannotOpen, path: path, message: "cannot open the file: \(reason)")
        }
        stream = s
        self.path = path
    }

    deinit { cgz_release(stream) }

    /// Reads up to `count` decompressed bytes from the current position (the sniffer's look at the start).
    public func read(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = out.withUnsafeMutableBytes { buf in
                cgz_read(stream, buf.baseAddress.map { $0 + filled }, count - filled)
            }
            if n == 0 { break }
            filled += n
        }
        return Array(out[0..<filled])
    }

    /// A capture reader over the decompressed bytes, from the start of the stream (use a fresh GzipStream).
    public func captureReader(format: CaptureInfo.Format, filter: String? = nil) throws(CaptureError) -> CaptureReader {
        guard let file = cgz_fopen(stream) else {
            throw CaptureError(kind: .readFailed, path: path, message: "cannot set up the gzip stream")
        }
        let reader = try CaptureReader(stream: file, name: path, format: format, filter: filter)
        // The reader's libpcap reads through this stream: it lives as long as the reader.
        reader.retainedSource = self
        return reader
    }

    /// Whether a file starts with gzip's magic bytes.
    public static func isGzip(path: String) -> Bool {
        guard let f = fopen(path, "rb") else { return false }
        defer { fclose(f) }
        var magic: [UInt8] = [0, 0]
        return fread(&magic, 1, 2, f) == 2 && magic == [0x1F, 0x8B]
    }

    /// A .gz capture opened for reading, its format found from the decompressed start: what `analyze` and
    /// `packets` do with `capture.pcap.gz`, streamed, never unpacked to disk.
    public static func openCapture(path: String, filter: String?, limit: UInt64 = defaultLimit) throws(CaptureError)
        -> CaptureReader
    {
        let head = try GzipStream(path: path, limit: limit).read(CaptureFormatSniffer.headLength)
        switch CaptureFormatSniffer.identify(head: head, fileName: path) {
        case .readable(let format):
            return try GzipStream(path: path, limit: limit).captureReader(format: format, filter: filter)
        case .unsupported(let format, let hint):
            throw CaptureFormatSniffer.unsupportedError(path: path, format: format, hint: hint)
        default:
            throw CaptureError(
                kind: .notACapture, path: path, byteOffset: 0,
                message: "a gzip file whose content is not a pcap or pcapng capture")
        }
    }

    /// Why the decompressed bytes ended early, if they did.
    public var failure: (kind: Failure, message: String)? {
        let message = String(cString: cgz_error_message(stream))
        switch cgz_error(stream) {
        case 1: return (.truncated, message)
        case 2: return (.corrupt, message)
        case 3: return (.limit, message)
        case 4: return (.io, message)
        default: return nil
        }
    }

    public var compressedOffset: UInt64 { cgz_compressed_offset(stream) }
    public var decompressedOffset: UInt64 { cgz_decompressed_offset(stream) }
    public var members: Int { Int(cgz_members(stream)) }
}

/// gzip compression of a buffer into one member (tests and fixtures build archives with it).
public enum Gzip {
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8]? {
        var size = 0
        let out = bytes.withUnsafeBytes { cgz_compress($0.baseAddress, $0.count, level, &size) }
        guard let out else { return nil }
        defer { free(out) }
        return Array(UnsafeBufferPointer(start: out, count: size))
    }
}
