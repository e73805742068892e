public import PPTPPcapIO

/// Why a file could not be read (or stopped being readable): a stable kind for the catalog's `error_kind`
/// (CaptureError's kinds, `gzip-…`, `crashed`) and plain words without the path (the catalog row has it).
public struct ReadProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var kind: String
    public var message: String

    public init(kind: String, message: String) {
        self.kind = kind
        self.message = message
    }

    /// "packet 12, byte offset 4096: the file is cut off …".
    public init(_ e: CaptureError) {
        kind = e.kind.rawValue
        var parts: [String] = []
        if let n = e.packetNumber { parts.append("packet \(n)") }
        if let o = e.byteOffset, o > 0 || e.packetNumber != nil { parts.append("byte offset \(o)") }
        message = parts.isEmpty ? e.message : parts.joined(separator: ", ") + ": " + e.message
    }

    public var description: String { message }
}
