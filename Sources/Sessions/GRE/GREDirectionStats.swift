import PPTPDissect

/// What one direction of a call's enhanced GRE did: counts, sequence analysis and size extremes.
/// Sequence numbers are compared modulo 2³² (RFC 1982 style), so a wrap is not taken for loss.
public struct GREDirectionStats: Sendable, Hashable {
    public var packets = 0
    public var payloadPackets = 0
    public var ackOnly = 0
    /// PPP data frames (IP, IPv6, MPPE/compressed), not negotiation.
    public var dataPackets = 0
    public var bytes = 0
    public var first: PacketRef?
    public var last: PacketRef?
    public var lastData: PacketRef?
    public var lost = 0
    public var reordered = 0
    public var duplicates = 0
    /// Largest IP datagram of this direction, and how many were at least 1400 bytes with DF set.
    public var largestDatagram = 0
    public var largeWithDF = 0
    public var lastLargeWithDF: PacketRef?
    /// Internal, not private, only so that SessionCodec (same module) can spool and restore it: a decoded call
    /// must keep analysing sequence numbers exactly where the original left off.
    var highestSequence: UInt32?

    public init() {}

    mutating func record(
        _ ref: PacketRef, sequence: UInt32?, isData: Bool, datagramLength: Int, dontFragment: Bool,
        payloadBytes: Int
    ) {
        packets += 1
        bytes += payloadBytes
        if first == nil { first = ref }
        last = ref
        if datagramLength > largestDatagram { largestDatagram = datagramLength }
        if datagramLength >= 1400 && dontFragment {
            largeWithDF += 1
            lastLargeWithDF = ref
        }
        guard let seq = sequence else {
            ackOnly += 1
            return
        }
        payloadPackets += 1
        if isData {
            dataPackets += 1
            lastData = ref
        }
        guard let high = highestSequence else {
            highestSequence = seq
            return
        }
        let delta = Int32(bitPattern: seq &- high)
        if delta == 1 {
            highestSequence = seq
        } else if delta > 1 {
            // Gaps larger than a window are a restart or a mismatch, not loss; cap what one jump can add.
            lost += Int(min(delta - 1, 1024))
            highestSequence = seq
        } else if delta == 0 {
            duplicates += 1
        } else {
            reordered += 1
            if lost > 0 { lost -= 1 }
        }
    }
}
