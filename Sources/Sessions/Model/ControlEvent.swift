public import PPTPDissect

/// One PPTP control message as the session keeps it: the fixed fields copied out of the packet, the strings
/// already made safe to print. `packet` is the frame in which the message's last byte arrived.
public struct ControlEvent: Sendable, Hashable {
    public var packet: PacketRef
    public var from: Side
    public var type: PPTPMessageType
    public var callID: UInt16?
    public var peerCallID: UInt16?
    public var resultCode: UInt8?
    public var errorCode: UInt8?
    public var causeCode: UInt16?
    public var reason: UInt8?
    public var hostName: String?
    public var vendorName: String?
    /// OCRQ / ICRQ call serial number: a NAT does not rewrite it, so it helps match a call across capture points.
    public var callSerial: UInt16?

    /// What a timeline shows: "OCRP call=256 peer=2932 result=1 (Connected)".
    public var summary: String
}

extension PPTPMessageType: Hashable {}
