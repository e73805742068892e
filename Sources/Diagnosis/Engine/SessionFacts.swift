public import PPTPDissect
public import PPTPLogs
public import PPTPSessions

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
    /// The client's Windows generation when the source of the capture tells it (a pktmon capture taken at the
    /// client: Windows 10 or later); the rules' codes are then narrowed to the ones that version shows. The
    /// packets never do: TTL 128 and an SCCRQ from vendor "Microsoft" say Windows, not which one, so reports
    /// list the current code first and older ones with their versions.
    public var clientWindowsVersion: WindowsVersion?
    /// The logs written about this session at either end (`analyze --log`), placed on the capture's clock.
    public var logs: SessionLogs?

    public init(
        session: Session, captureEnd: Double, fallbacks: [(packet: PacketRef, what: String)] = [],
        clientWindowsVersion: WindowsVersion? = nil, logs: SessionLogs? = nil
    ) {
        self.fallbacks = fallbacks
        self.clientWindowsVersion = clientWindowsVersion
        self.logs = logs
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
            if let r = st.rejects.first(where: { $0.optionTypes.contains(OptionType.ccpMPPE) }) { return (side.other, r) }
            if let n = st.naks.first(where: { ($0.mppeBits ?? 1) & 0x00E0 == 0 }) { return (side.other, n) }
            if let p = ccp.side(side.other).protocolReject { return (side.other, p) }
        }
        return nil
    }

    /// The first teardown message of the session, if any.
    public var teardownStart: PacketRef? {
        let candidates = [
            call?.clearRequest?.packet, call?.disconnect?.packet,
            control(.stopControlConnectionRequest).first?.packet,
            lcp.client.terminates.first?.packet, lcp.server.terminates.first?.packet,
        ]
        return candidates.compactMap { $0 }.min()
    }

    /// Any sign that the session ended (either side closed something).
    public var endedAt: PacketRef? {
        let candidates = [teardownStart, tcp(.fin).first?.packet, tcp(.rst).first?.packet]
        return candidates.compactMap { $0 }.min()
    }

    // MARK: What the capture saw of the session's life

    /// The session's start is in the capture (the TCP SYN or the SCCRQ): only then can a missing SCCRP or OCRP
    /// count against it. A capture that starts later judges what follows, never what came before it.
    /// For a PPP link without PPTP, its start is LCP's negotiation.
    public var setupSeen: Bool {
        session.pppLink != nil ? lcpNegotiationSeen : session.sawSYN || !control(.startControlConnectionRequest).isEmpty
    }

    /// A PPP link seen without PPTP around it (a Windows adapter trace, PPP with direction, PPPoE).
    public var isPPPLinkOnly: Bool { session.pppLink != nil }

    /// PPP frames from both ends (the PPP-link counterpart of GRE both ways).
    public var pppFromBothSides: Bool {
        pppEvents.contains { $0.from == .client } && pppEvents.contains { $0.from == .server }
    }

    /// LCP's negotiation is in the capture (a Configure-Request from either side). Without it the link may well
    /// have been up long before the first packet.
    public var lcpNegotiationSeen: Bool { lcp.attempted }

    /// The PPP link was up in the part of the session the capture shows: established in view (IPCP open or data
    /// both ways), or already in use when the capture started (GRE both ways with no LCP negotiation in view).
    public var linkWasUp: Bool {
        established || (!lcpNegotiationSeen && (greBothWays || (isPPPLinkOnly && pppFromBothSides)))
    }

    /// A teardown the client asked for and the server confirmed: Call-Clear-Request answered by
    /// Call-Disconnect-Notify (whatever its result: Windows RRAS sends 0, pptpd 4), Stop-Control-Connection-
    /// Request answered by its Reply, or an LCP Terminate-Request answered by Terminate-Ack. The packet is the
    /// client's first request of it.
    public var orderlyEndByClient: PacketRef? {
        var starts: [PacketRef] = []
        if let clear = call?.clearRequest, clear.from == .client,
            let cdn = call?.disconnect, cdn.packet > clear.packet
        {
            starts.append(clear.packet)
        }
        if let stop = control(.stopControlConnectionRequest, from: .client).first,
            control(.stopControlConnectionReply, from: .server).contains(where: { $0.packet > stop.packet })
        {
            starts.append(stop.packet)
        }
        if let term = lcp.client.terminates.first,
            pppEvents.contains(where: {
                $0.proto == .lcp && $0.code == ControlCode.terminateAck && $0.from == .server
                    && $0.packet > term.packet
            })
        {
            starts.append(term.packet)
        }
        // The server must not have ended it first.
        let serverFirst =
            ([call?.disconnect].compactMap { $0 }.filter { $0.from == .server && call?.clearRequest == nil }
            .map(\.packet) + control(.stopControlConnectionRequest, from: .server).map(\.packet)
            + lcp.server.terminates.map(\.packet) + tcp(.rst, from: .server).map(\.packet)).min()
        guard let start = starts.min(), serverFirst.map({ $0 > start }) ?? true else { return nil }
        return start
    }

    /// The server closed or reset the control connection soon after a connected call, with no Call-Disconnect-
    /// Notify or Stop-Control-Connection-Request, before the client cleared anything and before the server sent
    /// a single GRE packet: what pptpd does when the pppd it started for the call exits at once.
    public var serverClosedAfterCall: (close: PacketRef, how: String)? {
        guard callConnected, let reply = call?.reply, !lcp.isOpen, greFromServer.packets == 0,
            control(.callDisconnectNotify, from: .server).isEmpty,
            control(.stopControlConnectionRequest, from: .server).isEmpty
        else { return nil }
        let closes =
            tcp(.fin, from: .server).map { ($0.packet, "a TCP FIN") }
            + tcp(.rst, from: .server).map { ($0.packet, "a TCP reset") }
        guard let close = closes.filter({ $0.0 > reply.packet }).min(by: { $0.0 < $1.0 }),
            close.0.time - reply.packet.time < Thresholds.serverGaveUpAtOnce
        else { return nil }
        let clientFirst =
            (control(.callClearRequest, from: .client) + control(.stopControlConnectionRequest, from: .client))
            .map(\.packet) + tcp(.fin, from: .client).map(\.packet) + tcp(.rst, from: .client).map(\.packet)
        guard clientFirst.allSatisfy({ $0 > close.0 }) else { return nil }
        return close
    }

    /// The server's PPP ended the link in order: its first LCP Terminate-Request, acknowledged by the client.
    public var serverEndedPPPInOrder: PacketRef? {
        guard let term = lcp.server.terminates.first,
            pppEvents.contains(where: {
                $0.proto == .lcp && $0.code == ControlCode.terminateAck && $0.from == .client
                    && $0.packet > term.packet
            })
        else { return nil }
        return term.packet
    }

    /// The client cleared a working call (Call-Clear-Request before anything else ended it) with no LCP
    /// Terminate-Request on the wire and no sign of trouble before it: the server's LCP echoes answered, no ICMP
    /// error about the tunnel. A hang-up whose Terminate-Request never reached the wire looks like this (pppd run
    /// with `record` kills its pty before sending it), and so does a client PPP that quit; nothing here says which.
    public var clientClearedWithoutTerminate: PacketRef? {
        guard established, greBothWays, let clear = control(.callClearRequest, from: .client).first?.packet,
            callEnd(by: .client) == clear, callEnd(by: .server).map({ $0 > clear }) ?? true,
            !(lcp.client.terminates + lcp.server.terminates).contains(where: { $0.packet < clear }),
            !echoFromServer.endsUnanswered,
            !session.icmp.contains(where: { $0.packet < clear && clear.time - $0.packet.time < Thresholds.silence })
        else { return nil }
        return clear
    }

    /// The first message by which `side` ended the call or the control connection (CCRQ, CDN, StopCCRQ, FIN, RST).
    public func callEnd(by side: Side) -> PacketRef? {
        ((control(.callClearRequest, from: side) + control(.callDisconnectNotify, from: side)
            + control(.stopControlConnectionRequest, from: side)).map(\.packet)
            + tcp(.fin, from: side).map(\.packet) + tcp(.rst, from: side).map(\.packet)).min()
    }

    /// Signs in the control channel that PPP ran inside the call even though no GRE is in the capture: a
    /// Set-Link-Info from the server or a second one from the client (sent once LCP has negotiated the ACCMs),
    /// or a call that lasted longer than any client waits for a silent tunnel and was then cleared in order.
    public var pppRanOutsideCapture: [PacketRef]? {
        guard callConnected, greFromClient.packets == 0, greFromServer.packets == 0, let reply = call?.reply else { return nil }
        let links = call?.setLinkInfo ?? []
        let fromServer = links.filter { $0.from == .server }.map(\.packet)
        let fromClient = links.filter { $0.from == .client }.map(\.packet)
        if !fromServer.isEmpty { return fromServer }
        if fromClient.count >= 2 { return Array(fromClient.dropFirst()) }
        if let end = orderlyEndByClient, end.time - reply.packet.time >= Thresholds.clientGivesUpOnSilentTunnel {
            return [end]
        }
        return nil
    }

    public func side(of endpoint: Side) -> String {
        endpoint == .client ? "client \(session.client.address)" : "server \(session.server.address)"
    }
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
