public import PPTPDissect

/// The RFC 1661 option-negotiation automaton of one control protocol (LCP, CCP, IPCP …) as the capture shows it:
/// per side, the Configure-Requests it sent and how the peer answered, Terminates and Protocol-Rejects.
/// "Opened" for a side means the peer acknowledged one of its requests.
public struct Negotiation: Sendable {
    public struct SideState: Sendable {
        public var requests: [PPPEvent] = []
        /// Requests repeated with an identifier already sent (a timeout retransmission).
        public var retransmissions = 0
        /// Answers the peer gave to this side's requests.
        public var acks: [PPPEvent] = []
        public var naks: [PPPEvent] = []
        public var rejects: [PPPEvent] = []
        /// Terminate-Requests this side sent.
        public var terminates: [PPPEvent] = []
        /// This side sent LCP Protocol-Reject for the protocol.
        public var protocolReject: PPPEvent?

        public var opened: Bool { !acks.isEmpty }
        public var answered: Bool { !acks.isEmpty || !naks.isEmpty || !rejects.isEmpty }
        public var lastRequest: PPPEvent? { requests.last }
    }

    public var proto: PPPProtocol
    public var client = SideState()
    public var server = SideState()

    public func side(_ s: Side) -> SideState { s == .client ? client : server }
    public var isOpen: Bool { client.opened && server.opened }
    public var attempted: Bool { !client.requests.isEmpty || !server.requests.isEmpty }
    /// The packet that completed the negotiation (the later of the two acks).
    public var openedAt: PacketRef? {
        guard let a = client.acks.first?.packet, let b = server.acks.first?.packet else { return nil }
        return max(a, b)
    }

    public init(proto: PPPProtocol, events: [PPPEvent]) {
        self.proto = proto
        var seen: [Side: Set<UInt8>] = [.client: [], .server: []]
        for e in events {
            if e.proto == .lcp, e.code == ControlCode.protocolReject, e.rejectedProtocol == proto {
                update(e.from) { $0.protocolReject = $0.protocolReject ?? e }
                continue
            }
            guard e.proto == proto else { continue }
            switch e.code {
            case ControlCode.configureRequest:
                update(e.from) {
                    $0.requests.append(e)
                    if seen[e.from]?.contains(e.identifier) == true { $0.retransmissions += 1 }
                }
                seen[e.from]?.insert(e.identifier)
            // An answer from one side is about the other side's request.
            case ControlCode.configureAck: update(e.from.other) { $0.acks.append(e) }
            case ControlCode.configureNak: update(e.from.other) { $0.naks.append(e) }
            case ControlCode.configureReject: update(e.from.other) { $0.rejects.append(e) }
            case ControlCode.terminateRequest: update(e.from) { $0.terminates.append(e) }
            default: break
            }
        }
    }

    private mutating func update(_ side: Side, _ body: (inout SideState) -> Void) {
        if side == .client { body(&client) } else { body(&server) }
    }
}

/// LCP echo keepalives of one side: how many were answered, and the longest run left unanswered.
public struct EchoStats: Sendable {
    public var requests = 0
    public var answered = 0
    public var longestUnansweredRun = 0
    public var unansweredRunStart: PacketRef?
    public var unansweredRunEnd: PacketRef?
    /// The run of unanswered requests reaches the end of the capture or of the link.
    public var endsUnanswered = false

    public init(from side: Side, events: [PPPEvent]) {
        var run = 0
        var runStart: PacketRef?
        for e in events where e.proto == .lcp {
            if e.code == ControlCode.echoRequest, e.from == side {
                requests += 1
                if run == 0 { runStart = e.packet }
                run += 1
                if run > longestUnansweredRun {
                    longestUnansweredRun = run
                    unansweredRunStart = runStart
                    unansweredRunEnd = e.packet
                }
            } else if e.code == ControlCode.echoReply, e.from == side.other {
                answered += 1
                run = 0
            }
        }
        endsUnanswered = run > 0
    }
}
