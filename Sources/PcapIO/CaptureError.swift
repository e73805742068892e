/// A capture file that cannot be read, or stops being readable part-way. Every case names the file; the
/// read errors also name the last good packet and the byte offset, so a user can find the spot with a hex editor.
public struct CaptureError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: String, Sendable {
        case cannotOpen = "cannot-open"
        case empty
        case notACapture = "not-a-capture"
        case unsupported
        case badFilter = "bad-filter"
        case truncated
        case readFailed = "read-failed"
    }

    public var kind: Kind
    public var path: String
    /// Number of the packet that could not be read (1-based), when reading had started.
    public var packetNumber: Int?
    public var byteOffset: Int?
    /// Plain-words explanation, followed by what libpcap said.
    public var message: String

    public init(kind: Kind, path: String, packetNumber: Int? = nil, byteOffset: Int? = nil, message: String) {
        self.kind = kind
        self.path = path
        self.packetNumber = packetNumber
        self.byteOffset = byteOffset
        self.message = message
    }

    public var description: String {
        var where_ = path
        if let n = packetNumber { where_ += ", packet \(n)" }
        if let o = byteOffset { where_ += ", byte offset \(o)" }
        return "\(where_): \(message)"
    }

    public static func == (a: CaptureError, b: CaptureError) -> Bool { a.kind == b.kind && a.path == b.path }
}
