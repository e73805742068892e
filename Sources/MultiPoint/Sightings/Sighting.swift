public import PPTPSessions

/// The kinds of a session's traffic whose passage along the path is compared point by point.
public enum FlowClass: String, Sendable, Codable, CaseIterable, Comparable {
    case control, gre, icmp

    public static func < (a: FlowClass, b: FlowClass) -> Bool { a.order < b.order }
    var order: Int {
        switch self {
        case .control: 0
        case .gre: 1
        case .icmp: 2
        }
    }
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

/// One packet of a session as one capture point saw it: 48 bytes, flat, so a file of many sessions stays cheap
/// (a million sightings are 48 MB).
public struct Sighting: Sendable {
    public var key: PacketKey
    /// Nanoseconds since the epoch, on the point's clock.
    public var time: Int64
    private var packedNumber: UInt32
    private var packedSession: UInt32
    private var packedLength: UInt16
    private var packedMSS: UInt16
    private var packedCallID: UInt16
    public var ttl: UInt8
    /// Bits: 0 from the server, 1–2 flow, 3 fragmented, 4 call request, 5 has MSS, 6 has Call ID.
    private var bits: UInt8
    /// Index into the collector's reporters (ICMP errors only), or UInt32.max.
    private var reporterIndex: UInt32

    public init(
        key: PacketKey, number: Int, time: Int64, session: Int, from: Side, flow: FlowClass, ttl: UInt8,
        ipLength: Int, fragmented: Bool, mss: UInt16?, callID: UInt16?, isCallRequest: Bool,
        reporterIndex: Int? = nil
    ) {
        self.key = key
        self.time = time
        packedNumber = UInt32(clamping: number)
        packedSession = UInt32(clamping: session)
        packedLength = UInt16(clamping: ipLength)
        packedMSS = mss ?? 0
        packedCallID = callID ?? 0
        self.ttl = ttl
        var b: UInt8 = from == .server ? 1 : 0
        b |= UInt8(flow.order) << 1
        if fragmented { b |= 1 << 3 }
        if isCallRequest { b |= 1 << 4 }
        if mss != nil { b |= 1 << 5 }
        if callID != nil { b |= 1 << 6 }
        bits = b
        self.reporterIndex = reporterIndex.map { UInt32(clamping: $0) } ?? .max
    }

    /// Packet number in the point's file.
    public var number: Int { Int(packedNumber) }
    /// Index into the point's sessions.
    public var session: Int { Int(packedSession) }
    /// The side that sent it (for ICMP errors: the side it travels away from).
    public var from: Side { bits & 1 == 0 ? .client : .server }
    public var flow: FlowClass { FlowClass.allCases[Int((bits >> 1) & 3) % FlowClass.allCases.count] }
    public var ipLength: Int { Int(packedLength) }
    /// The point saw this packet as an IPv4 fragment (the first one: later fragments carry no key).
    public var fragmented: Bool { bits & (1 << 3) != 0 }
    /// An OCRQ (its Call ID is the client's).
    public var isCallRequest: Bool { bits & (1 << 4) != 0 }
    /// TCP MSS option of a SYN.
    public var mss: UInt16? { bits & (1 << 5) != 0 ? packedMSS : nil }
    /// The Call ID in the GRE key, or the Call ID field of an OCRQ.
    public var callID: UInt16? { bits & (1 << 6) != 0 ? packedCallID : nil }
    /// Index of the ICMP error's sender in `PointCapture.reporters`.
    public var reporter: Int? { reporterIndex == .max ? nil : Int(reporterIndex) }
}
