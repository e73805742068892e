public import Dissect
public import Sessions

/// Everything the rules ask about one session, derived once: the primary call, the negotiation automata, the
/// authentication exchange and how far the session got. Rules read facts; they never walk packets themselves.
public struct SessionFacts: Sendable {
    public let session: Session
    public let call: Call?
    /// Time of the capture's last packet (seconds from its first): how long silence was observed.
    public let captureEnd: Double
    public let lcp: Negotiation
    public let ccp: Negotiation
    public let ipcp: Negotiation
    public let ipv6cp: Negotiation
    public let auth: AuthExchange
    public let echoFromClient: EchoStats
    public let echoFromServer: EchoStats
    /// Other VPN types tried against the same server (Windows "Automatic" falling back from PPTP).
    public let fallbacks: [(packet: PacketRef, what: String)]

    public init(session: Session, captureEnd: Double, fallbacks: [(packet: PacketRef, what: String)] = []) {
        self.fallbacks = fallbacks
        self.session = session
        self.call = session.primaryCall
        self.captureEnd = captureEnd
        let events = session.primaryCall?.ppp ?? []
        lcp = Negotiation(proto: .lcp, events: events)
        ccp = Negotiation(proto: .ccp, events: events)
        ipcp = Negotiation(proto: .ipcp, events: events)
        ipv6cp = Negotiation(proto: .ipv6cp, events: events)
        auth = AuthExchange(events: events, lcp: lcp)
        echoFromClient = EchoStats(from: .client, events: events)
        echoFromServer = EchoStats(from: .server, events: events)
    }

    /// Seconds of capture after `ref`.
    public func silence(after ref: PacketRef) -> Double { captureEnd - ref.time }

    public var pppEvents: [PPPEvent] { call?.ppp ?? [] }
    public func control(_ type: PPTPMessageType) -> [ControlEvent] { session.controlMessages(type) }
    public func control(_ type: PPTPMessageType, from side: Side) -> [ControlEvent] {
        session.control.filter { $0.type == type && $0.from == side }
    }
    public func tcp(_ kind: TCPEvent.Kind, from side: Side? = nil) -> [TCPEvent] {
        session.tcpEvents.filter { $0.kind == kind && (side == nil || $0.from == side) }
    }

    // MARK: How far it got

    public var tcpConnected: Bool { session.sawSYNAck || !session.control.isEmpty }
    public var sccrp: ControlEvent? { control(.startControlConnectionReply).last }
    public var controlConnected: Bool { sccrp?.resultCode == 1 }
    public var callConnected: Bool { call?.isConnected ?? false }
    public var greFromClient: GREDirectionStats { call?.greFromClient ?? GREDirectionStats() }
    public var greFromServer: GREDirectionStats { call?.greFromServer ?? GREDirectionStats() }
    public var greBothWays: Bool { greFromClient.packets > 0 && greFromServer.packets > 0 }
    public var dataBothWays: Bool { greFromClient.dataPackets > 0 && greFromServer.dataPackets > 0 }
    /// IPCP (or IPV6CP) open, or data flowing: the tunnel carried traffic.
    public var established: Bool { ipcp.isOpen || ipv6cp.isOpen || dataBothWays }

    /// Who refused encryption, and the packet that shows it: a Configure-Reject of the MPPE option, a Nak
    /// offering no MPPE bits, or a Protocol-Reject of CCP. Nil when CCP opened.
    public var encryptionRefused: (Side, PPPEvent)? {
        guard !ccp.isOpen else { return nil }
        for side in [Side.client, .server] {
            // `side`'s request refused by the peer: the refuser is side.other.
            let st = ccp.side(side)
            if let r = st.rejects.first(where: { $0.optionTypes.contains(18) }) { return (side.other, r) }
            if let n = st.naks.first(where: { ($0.mppeBits ?? 1) & 0x00E0 == 0 }) { return (side.other, n) }
            if let p = ccp.side(side.other).protocolReject { return (side.other, p) }
        }
        return nil
    }

    /// The first teardown message of the session, if any.
    public var teardownStart: PacketRef? {
        let candidates = [call?.clearRequest?.packet, call?.disconnect?.packet,
                          control(.stopControlConnectionRequest).first?.packet,
                          lcp.client.terminates.first?.packet, lcp.server.terminates.first?.packet]
        return candidates.compactMap { $0 }.min()
    }

    /// Any sign that the session ended (either side closed something).
    public var endedAt: PacketRef? {
        let candidates = [teardownStart, tcp(.fin).first?.packet, tcp(.rst).first?.packet]
        return candidates.compactMap { $0 }.min()
    }

    public func side(of endpoint: Side) -> String { endpoint == .client ? "client \(session.client.address)" : "server \(session.server.address)" }
}

/// The authentication exchange after LCP: which protocol the server asked for, and how it ended.
public struct AuthExchange: Sendable {
    public var protocolName: String?
    public var events: [PPPEvent]
    public var succeeded: PPPEvent?
    public var failed: PPPEvent?
    public var lastAttempt: PPPEvent?
    public var challenge: PPPEvent?

    init(events all: [PPPEvent], lcp: Negotiation) {
        events = all.filter { $0.proto == .pap || $0.proto == .chap || $0.proto == .eap }
        // The authenticator's LCP request carries the protocol; the peer's Ack makes it binding.
        let ackedByClient = lcp.server.acks.last(where: { $0.authProtocol != nil })
        let requested = ackedByClient ?? lcp.server.requests.last(where: { $0.authProtocol != nil })
        if let p = requested?.authProtocol {
            protocolName = OptionText.authProtocolName(p, algorithm: requested?.authAlgorithm)
        }
        for e in events {
            switch (e.proto, e.code) {
            case (.chap, 1): challenge = e
            case (.chap, 2), (.pap, 1), (.eap, 2): lastAttempt = e
            case (.chap, 3), (.pap, 2), (.eap, 3): succeeded = e
            case (.chap, 4), (.pap, 3), (.eap, 4): failed = e
            default: break
            }
        }
    }

    public var attempted: Bool { !events.isEmpty }
}
