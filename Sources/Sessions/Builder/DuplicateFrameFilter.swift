import PPTPDissect

/// Recognises duplicate frames: the same bytes seen again within a millisecond, as SPAN ports and captures on
/// two interfaces produce. They look like retransmissions but are one packet seen twice, so the session
/// builder skips them. The last few frames are remembered by length and a hash of their first 128 bytes; nothing
/// is copied. 128, not fewer: two SYN-ACKs a kernel sends within a millisecond (a timer and an answer to the
/// client's repeated SYN, sent with checksum offload so both checksums read the same) differ only in the TCP
/// timestamp, at byte 62–65 behind the options, and each is a packet of its own.
public struct DuplicateFrameFilter: Sendable {
    /// Frames closer than this with identical bytes are one frame seen twice.
    public static let window: Int64 = 1_000_000
    /// Bytes hashed from the start of each frame: Ethernet with two VLAN tags, IPv4 and a TCP header with the
    /// longest options end by byte 122.
    static let hashedBytes = 128
    private struct Slot: Sendable {
        var hash: UInt64 = 0
        var length = -1
        var time: Int64 = 0
    }

    /// A ring of recent frames, allocated once and overwritten in place.
    private var slots = [Slot](repeating: Slot(), count: 4)
    private var next = 0
    public private(set) var duplicates = 0

    public init() {}

    /// True when this frame repeats one of the last few within the window.
    public mutating func isDuplicate(_ view: ByteView, timestamp: Int64) -> Bool {
        let length = view.count
        // Eight-byte words loaded straight from the buffer and mixed multiplicatively: a few instructions per
        // packet instead of one per byte (the byte order of a word does not matter, only equality does).
        let hash = view.withBytes(0..<min(length, Self.hashedBytes)) { head -> UInt64 in
            var hash = UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15
            var offset = 0
            while offset + 8 <= head.count {
                hash = (hash ^ head.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                offset += 8
            }
            while offset < head.count {
                hash = (hash ^ UInt64(head[offset])) &* 0x94D0_49BB_1331_11EB
                offset += 1
            }
            return hash
        }
        var seen = false
        for slot in slots where slot.length == length && slot.hash == hash {
            let (gap, overflow) = timestamp.subtractingReportingOverflow(slot.time)
            if !overflow, gap >= 0, gap < Self.window { seen = true }
        }
        slots[next] = Slot(hash: hash, length: length, time: timestamp)
        next = (next + 1) % slots.count
        if seen { duplicates += 1 }
        return seen
    }
}
