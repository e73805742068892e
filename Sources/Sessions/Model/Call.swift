import PPTPDissect

/// One PPTP call inside a control connection (RFC 2637 §1.3): set up by OCRQ/OCRP (or ICRQ/ICRP/ICCN), cleared
/// by CCRQ/CDN, carried over enhanced GRE keyed by the receiving side's Call ID.
public struct Call: Sendable, Hashable {
    /// The client's (PNS's) Call ID, from OCRQ; the server's GRE carries it.
    public var clientCallID: UInt16?
    /// The server's (PAC's) Call ID, from OCRP; the client's GRE carries it.
    public var serverCallID: UInt16?
    public var request: ControlEvent?
    public var reply: ControlEvent?
    public var incomingConnected: ControlEvent?
    public var setLinkInfo: [ControlEvent] = []
    public var clearRequest: ControlEvent?
    public var disconnect: ControlEvent?
    public var wanErrors: [ControlEvent] = []

    /// GRE sent by each side.
    public var greFromClient = GREDirectionStats()
    public var greFromServer = GREDirectionStats()
    public var ppp: [PPPEvent] = []
    /// PPP negotiation packets beyond the per-call cap, counted but not kept.
    public var pppDropped = 0

    public init() {}

    public func gre(from side: Side) -> GREDirectionStats { side == .client ? greFromClient : greFromServer }

    public var isConnected: Bool {
        if let r = reply?.resultCode, reply?.type == .outgoingCallReply { return r == 1 }
        if let r = reply?.resultCode, reply?.type == .incomingCallReply { return r == 1 }
        return false
    }
}
