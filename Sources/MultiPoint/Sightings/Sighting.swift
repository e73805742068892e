public import Sessions

/// The kinds of a session's traffic whose passage along the path is compared point by point.
public enum FlowClass: String, Sendable, Codable, CaseIterable, Comparable {
    case control, gre, icmp

    public static func < (a: FlowClass, b: FlowClass) -> Bool { a.order < b.order }
    var order: Int { switch self { case .control: 0; case .gre: 1; case .icmp: 2 } }
}

/// What identifies one packet at every point of the path, whatever a NAT rewrote on the way: for TCP the
/// direction, flags, payload size and sequence numbers relative to each side's SYN; for enhanced GRE the
/// direction, sequence (or acknowledgment) number and payload length, never the Call ID; for ICMP errors the
/// type, code, MTU and quoted length. Two packets with equal keys at two points are the same packet (the nth
/// occurrence at one point pairs with the nth at the other).
public struct PacketKey: Hashable, Sendable {
    var high: UInt64
    var low: UInt64
}

/// One packet of a session as one capture point saw it: small and flat, so a file of many sessions stays cheap.
public struct Sighting: Sendable {
    public var key: PacketKey
    /// Packet number in the point's file.
    public var number: Int
    /// Nanoseconds since the epoch, on the point's clock.
    public var time: Int64
    /// Index into the point's sessions.
    public var session: Int
    /// The side that sent it (for ICMP errors: the side it travels away from).
    public var from: Side
    public var flow: FlowClass
    public var ttl: UInt8
    public var ipLength: Int
    /// The point saw this packet as an IPv4 fragment (the first one: later fragments carry no key).
    public var fragmented: Bool
    /// TCP MSS option of a SYN.
    public var mss: UInt16?
    /// The Call ID in the GRE key, or the Call ID field of an OCRQ.
    public var callID: UInt16?
    /// An OCRQ (its Call ID is the client's).
    public var isCallRequest: Bool
    /// The ICMP error's sender.
    public var reporter: String?
}
