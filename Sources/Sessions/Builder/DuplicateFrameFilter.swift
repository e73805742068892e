import Dissect

/// Recognises duplicate frames: the same bytes seen again within a millisecond, as SPAN ports and captures on
/// two interfaces produce. They look like retransmissions but are one packet seen twice, so the session
/// builder skips them. A few recent frames are remembered by length and a hash of their first bytes (which hold
/// the IP identification and the TCP or GRE sequence numbers); nothing is copied.
public struct DuplicateFrameFilter: Sendable {
    /// Frames closer than this with identical bytes are one frame seen twice.
    public static let window: Int64 = 1_000_000
    private var recent: [(hash: UInt64, length: Int, timestamp: Int64)] = []
    public private(set) var duplicates = 0

    public init() {}

    /// True when this frame repeats one of the last few within the window.
    public mutating func isDuplicate(_ view: ByteView, timestamp: Int64) -> Bool {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        view.withBytes(0..<min(view.count, 96)) { bytes in
            for b in bytes {
                hash ^= UInt64(b)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        let length = view.count
        let seen = recent.contains { r in
            let (gap, overflow) = timestamp.subtractingReportingOverflow(r.timestamp)
            return r.hash == hash && r.length == length && !overflow && gap >= 0 && gap < Self.window
        }
        if recent.count == 4 { recent.removeFirst() }
        recent.append((hash, length, timestamp))
        if seen { duplicates += 1 }
        return seen
    }
}
