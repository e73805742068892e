import PPTPDissect

/// Connection-level events of the control channel's TCP connection, kept for the timeline.
public struct TCPEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case syn
        case synRetransmission = "syn-retransmission"
        case synAck = "syn-ack"
        case fin, rst
        case retransmission
        case outOfOrder = "out-of-order"
        case gap
    }

    public var packet: PacketRef
    public var from: Side
    public var kind: Kind
    public var detail: String?
}
