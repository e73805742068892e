import PPTPDissect

/// Connection-level events of the control channel's TCP connection, kept for the timeline.
public struct TCPEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case syn, synRetransmission = "syn-retransmission", synAck = "syn-ack", fin, rst
        case retransmission, outOfOrder = "out-of-order", gap
    }

    public var packet: PacketRef
    public var from: Side
    public var kind: Kind
    public var detail: String?
}
