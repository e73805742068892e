/// A capture file that cannot be read, or stops being readable part-way. Every case names the file; the
/// read errors also name the last good packet and the byte offset, so a user can find the spot with a hex editor.
public struct CaptureError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: String, Sendable {
        case cannotOpen = "cannot-open"
        case empty
        case notACapture = "not-a-capture"
        case unsupported
        /// A capture format pptp-pcap can name but does not read (ETW, snoop …); the message says how to convert it.
        case unsupportedFormat = "unsupported-format"
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
        var place = path
        if let n = packetNumber { place += ", packet \(n)" }
        if let o = byteOffset { place += ", byte offset \(o)" }
        return "\(place): \(message)"
    }

    public static func == (a: CaptureError, b: CaptureError) -> Bool { a.kind == b.kind && a.path == b.path }
}

/// Something a reader did not deliver as it found it (frames it skipped, frames whose FCS failed), worded for the
/// report: the file was read, but not every byte of it became a packet.
public struct CaptureNote: Sendable, Equatable {
    /// Stable id, as report warnings have: `capture.skipped-records`, `capture.bad-fcs`.
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
