/// One scenario per diagnosis rule that had none: each capture makes its rule the primary finding (failure rules)
/// or puts it among the findings of an otherwise expected verdict (warning and info rules).
extension FixtureCatalog {
    static var ruleScenarios: [FixtureScenario] {
        [
            sccrqNoReply, sccrqServerCloses, ocrqNoReply, greOneWayDelivery, lcpMRUNakLoop, lcpPeerPPPSilent,
            eapMD5Failure, ccpMPPERefusedByClient, controlEchoLoss, oneWayGREAfterData, largeDFUnanswered,
            greLossWarning, serverAdminDisconnect, vpnTypeFallback, natCaptureBetween, incomingCallSuccess,
            greWrongCallID,
        ]
    }

    static let greWrongCallID = FixtureScenario(
        name: "gre-wrong-call-id",
        summary: """
            A Linux pptp/pppd client (TTL 64) sets up the call: OCRQ with Call ID 0x4a21, OCRP with server Call ID 7. \
            Its LCP Configure-Requests go out in GRE keyed 7, every 3 s. The server's GRE does come back, also every \
            3 s, but keyed with Call ID 0x4a22 instead of 0x4a21 (a PPTP helper in a NAT rewrote the Call ID in the \
            control channel and not in GRE): pppd never sees it, gives up after 10 requests and clears the call.
            """,
        expected: FixtureKit.expect(.failed, .gre, [806, 721])
    ) {
        let b = FixtureKit.builder()
        FixtureKit.makePPPDClient(b)
        b.openControlAndCall()
        b.wait(1.2)
        let request = LCP.configure(.configureRequest, identifier: 1, options: b.pppdClientLCPOptions())
        let serverRequest = LCP.configure(
            .configureRequest, identifier: 1,
            options: b.serverLCPOptions(auth: nil))
        let agreed = b.clientCallID
        for attempt in 0..<10 {
            if attempt > 0 { b.waitSeconds(3) }
            b.gre(ppp: request, from: .client)
            b.wait(40)
            // The server's GRE carries a Call ID one off from the one agreed on TCP 1723.
            b.clientCallID = agreed.map { $0 &+ 1 }
            b.gre(ppp: serverRequest, from: .server)
            b.clientCallID = agreed
        }
        b.waitSeconds(3)
        b.controlTeardown()
        return b.pcap()
    }

    // MARK: Helpers

    /// Advances the clock to `seconds` after `start` (absolute builder time); never moves it back.
    static func waitUntil(_ b: ScenarioBuilder, _ start: UInt64, plus seconds: Double) {
        let target = start + UInt64((seconds * 1_000_000_000).rounded())
        if target > b.now { b.wait(Double(target - b.now) / 1_000_000) }
    }

    /// LCP between two pppd-style ends: both requests go out at once and are acked as they are; ACFC/PFC apply
    /// afterwards. `serverOptions` is the authenticator's request.
    static func lcpBothAck(_ b: ScenarioBuilder, clientOptions: [PPPOption], serverOptions: [PPPOption]) {
        b.wait(1.2)
        b.gre(ppp: LCP.configure(.configureRequest, identifier: 1, options: clientOptions), from: .client)
        b.respond(.server, processingMs: 0.8)
        b.gre(ppp: LCP.configure(.configureRequest, identifier: 1, options: serverOptions), from: .server)
        b.wait(0.1)
        b.gre(ppp: LCP.configure(.configureAck, identifier: 1, options: clientOptions), from: .server)
        b.respond(.client, processingMs: 0.4)
        b.gre(ppp: LCP.configure(.configureAck, identifier: 1, options: serverOptions), from: .client)
        b.pppCompression = [.client: true, .server: true]
    }

    /// An EAP packet (RFC 3748) framed in PPP: Code, Identifier, Length, then Type and type data when given.
    static func eap(code: UInt8, identifier: UInt8, type: UInt8? = nil, data: [UInt8] = []) -> [UInt8] {
        PPPFrame.build(
            protocolNumber: PPPProtocol.eap,
            PPPControl.packet(code: code, identifier: identifier, data: (type.map { [$0] } ?? []) + data))
    }

    /// A GRE data frame `side` sent that was lost before the capture point: its sequence number (and MPPE
    /// coherency count) is used up, nothing is recorded, the peer never acknowledges it.
    static func lostBeforeCapture(_ b: ScenarioBuilder, from side: Side) {
        b.greNextSequence[side] = b.greNextSequence[side, default: 0] &+ 1
        b.mppeCount[side] = (b.mppeCount[side, default: 0] &+ 1) & 0x0FFF
    }

    /// IKEv1 Main Mode message 1 as a Windows L2TP/IPsec client sends it: ISAKMP header, an SA payload with three
    /// transforms (pre-shared key; AES-256 and AES-128 with MODP-2048, 3DES with MODP-1024; SHA-1; 8 hours) and
    /// the usual vendor IDs (MS NT5 ISAKMPOAKLEY, RFC 3947 and draft-02 NAT-T, IKE fragmentation).
    static func ikeMainModeFirst(initiatorCookie: UInt64) -> [UInt8] {
        func transform(_ number: UInt8, last: Bool, attributes: [(UInt16, UInt16)]) -> [UInt8] {
            var t = ByteWriter()
            t.u8(last ? 0 : 3)  // next payload: another transform, or none
            t.u8(0)
            t.be16(UInt16(8 + 4 * attributes.count))
            t.u8(number)
            t.u8(1)  // KEY_IKE
            t.be16(0)
            for (type, value) in attributes {
                t.be16(0x8000 | type)  // TV format
                t.be16(value)
            }
            return t.bytes
        }
        let lifetime: [(UInt16, UInt16)] = [(11, 1), (12, 28_800)]
        let transforms =
            transform(1, last: false, attributes: [(1, 7), (14, 256), (2, 2), (3, 1), (4, 14)] + lifetime)
            + transform(2, last: false, attributes: [(1, 7), (14, 128), (2, 2), (3, 1), (4, 14)] + lifetime)
            + transform(3, last: true, attributes: [(1, 5), (2, 2), (3, 1), (4, 2)] + lifetime)
        var proposal = ByteWriter()
        proposal.u8(0)
        proposal.u8(0)
        proposal.be16(UInt16(8 + transforms.count))
        proposal.u8(1)  // proposal #1
        proposal.u8(1)  // PROTO_ISAKMP
        proposal.u8(0)  // SPI size
        proposal.u8(3)  // transforms
        proposal.append(transforms)
        var sa = ByteWriter()
        sa.u8(13)  // next payload: vendor ID
        sa.u8(0)
        sa.be16(UInt16(12 + proposal.bytes.count))
        sa.be32(1)  // DOI IPsec
        sa.be32(1)  // SIT_IDENTITY_ONLY
        sa.append(proposal.bytes)
        let vendorIDs: [[UInt8]] = [
            [
                0x1E, 0x2B, 0x51, 0x69, 0x05, 0x99, 0x1C, 0x7D, 0x7C, 0x96, 0xFC, 0xBF, 0xB5, 0x87, 0xE4, 0x61,
                0x00, 0x00, 0x00, 0x09,
            ],
            [0x4A, 0x13, 0x1C, 0x81, 0x07, 0x03, 0x58, 0x45, 0x5C, 0x57, 0x28, 0xF2, 0x0E, 0x95, 0x45, 0x2F],
            [0x90, 0xCB, 0x80, 0x91, 0x3E, 0xBB, 0x69, 0x6E, 0x08, 0x63, 0x81, 0xB5, 0xEC, 0x42, 0x7B, 0x1F],
            [
                0x40, 0x48, 0xB7, 0xD5, 0x6E, 0xBC, 0xE8, 0x85, 0x25, 0xE7, 0xDE, 0x7F, 0x00, 0xD6, 0xC2, 0xD3,
                0x80, 0x00, 0x00, 0x00,
            ],
        ]
        var payloads = sa.bytes
        for (index, vendorID) in vendorIDs.enumerated() {
            payloads.append(index == vendorIDs.count - 1 ? 0 : 13)
            payloads.append(0)
            payloads += PPPOption.be16(UInt16(4 + vendorID.count))
            payloads += vendorID
        }
        var header = ByteWriter()
        header.be32(UInt32(truncatingIfNeeded: initiatorCookie >> 32))
        header.be32(UInt32(truncatingIfNeeded: initiatorCookie))
        header.zeros(8)  // responder cookie
        header.u8(1)  // next payload: SA
        header.u8(0x10)  // version 1.0
        header.u8(2)  // Identity Protection (Main Mode)
        header.u8(0)
        header.be32(0)  // message ID
        header.be32(UInt32(28 + payloads.count))
        return header.bytes + payloads
    }

    // MARK: Control connection

    static let sccrqNoReply = FixtureScenario(
        name: "sccrq-no-reply",
        summary: """
            The client's SYN to 203.0.113.10:1723 is answered and the handshake completes; the client sends SCCRQ \
            (host DESKTOP-7Q2M4KD, vendor Microsoft) and the server's TCP acknowledges it 82 ms later, but no \
            Start-Control-Connection-Reply ever comes: pptpd's manager process hangs and never accept()s, while \
            the kernel completes handshakes from the listen backlog and acknowledges data. Windows keeps showing \
            "Connecting"; after 30 s the user cancels and the client closes with FIN, which the server's kernel \
            acknowledges. The server never closes its side.
            """,
        expected: FixtureKit.expect(.failed, .controlConnection, [800, 619, 638])
    ) {
        let b = FixtureKit.builder()
        b.tcpHandshake()
        b.wait(0.3)
        b.control(
            PPTPControl.startControlConnectionRequest(
                hostName: b.profile.clientHostName,
                vendor: b.profile.clientVendor), from: .client)
        b.respond(.server, processingMs: 40)
        b.ack(from: .server)
        b.waitSeconds(30)
        b.fin(from: .client)
        b.respond(.server, processingMs: 0.1)
        b.ack(from: .server)
        return b.pcap()
    }

    static let sccrqServerCloses = FixtureScenario(
        name: "sccrq-server-closes",
        summary: """
            pptpd has no free connection slot ("MGR: No free connection slots or IPs"): it accepts the TCP \
            connection and closes it at once. The client completes the handshake and sends its SCCRQ 0.3 ms later; \
            the server's FIN/ACK, sent before the SCCRQ reached it (it acknowledges only the SYN), arrives 42 ms \
            after the SCCRQ. The client acknowledges the FIN; the SCCRQ then reaches the closed socket and the \
            server answers with RST/ACK. No SCCRP.
            """,
        expected: FixtureKit.expect(.failed, .controlConnection, [628, 800])
    ) {
        let b = FixtureKit.builder()
        b.tcpHandshake()
        b.wait(0.3)
        let sccrq = PPTPControl.startControlConnectionRequest(
            hostName: b.profile.clientHostName,
            vendor: b.profile.clientVendor)
        b.control(sccrq, from: .client)
        b.wait(41.9)
        let serverSequence = b.tcpNext[.server, default: 0]
        let ackOfSYNOnly = b.tcpNext[.client, default: 0] &- UInt32(sccrq.count)
        let finPacket = b.tcpPacket(
            [], from: .server, flags: [.fin, .ack], sequence: serverSequence,
            acknowledgment: ackOfSYNOnly)
        b.record(frame: b.linkFrame(finPacket, from: .server))
        b.tcpNext[.server] = serverSequence &+ 1
        b.wait(0.05)
        b.ack(from: .client)
        b.wait(0.25)
        b.rst(from: .server)
        return b.pcap()
    }

    // MARK: Call setup

    static let ocrqNoReply = FixtureScenario(
        name: "ocrq-no-reply",
        summary: """
            TCP and the control connection come up (SCCRP result 1). The client sends OCRQ (Call ID 0x4a21); the \
            server's TCP acknowledges it but no Outgoing-Call-Reply comes: the PAC's call handling hangs. After \
            30 s the client gives up and sends Stop-Control-Connection-Request (reason 1), which is acknowledged \
            but not answered; 3 s later the client closes with FIN, acknowledged by the server's kernel. The \
            server neither answers nor closes.
            """,
        expected: FixtureKit.expect(.failed, .callSetup, [619, 638])
    ) {
        let b = FixtureKit.builder()
        b.tcpHandshake()
        b.wait(0.3)
        b.startControlConnection()
        b.respond(.client, processingMs: 0.6)
        b.control(
            PPTPControl.outgoingCallRequest(callID: b.profile.clientCallID, serial: b.profile.callSerial),
            from: .client)
        b.respond(.server, processingMs: 40)
        b.ack(from: .server)
        b.waitSeconds(30)
        b.control(PPTPControl.stopControlConnectionRequest(reason: 1), from: .client)
        b.respond(.server, processingMs: 40)
        b.ack(from: .server)
        b.waitSeconds(3)
        b.fin(from: .client)
        b.respond(.server, processingMs: 0.1)
        b.ack(from: .server)
        return b.pcap()
    }

    // MARK: GRE and LCP

    static let greOneWayDelivery = FixtureScenario(
        name: "gre-one-way-delivery",
        summary: """
            A Linux pptp/pppd client (TTL 64) whose iptables INPUT chain drops GRE (no rule for protocol 47, no \
            nf_conntrack_pptp helper); tcpdump runs on the same host and sees packets before netfilter drops \
            them. The control connection and the call work. The client's LCP Configure-Request (identifier 1: \
            asyncmap 0, magic, PFC, ACFC) goes out every 3 s, 10 times; the server's pppd acks each one and sends \
            its own Configure-Request (identifier 1: asyncmap 0, MS-CHAPv2, magic, PFC, ACFC) every 3 s, 10 times. \
            All the server's GRE reaches the capture, none reaches pppd: the client never acks or answers the \
            server's requests and its GRE never acknowledges the server's sequence numbers. 3 s after its last \
            request pppd gives up and pptp clears the call (CCRQ, CDN result 4, StopCCRQ/StopCCRP, FIN).
            """,
        expected: FixtureKit.expect(.failed, .gre, [806, 721, 718])
    ) {
        let b = FixtureKit.builder()
        FixtureKit.makePPPDClient(b)
        b.openControlAndCall()
        b.wait(1.2)
        let clientOptions = b.pppdClientLCPOptions()
        let clientRequest = LCP.configure(.configureRequest, identifier: 1, options: clientOptions)
        let serverRequest = LCP.configure(
            .configureRequest, identifier: 1,
            options: b.serverLCPOptions(auth: .msChapV2))
        let serverAck = LCP.configure(.configureAck, identifier: 1, options: clientOptions)
        let start = b.now
        for attempt in 0..<10 {
            waitUntil(b, start, plus: 3 * Double(attempt))
            b.gre(ppp: clientRequest, from: .client)
            b.respond(.server, processingMs: 0.5)
            b.gre(ppp: serverAck, from: .server, delivered: false)
            b.wait(0.3)
            b.gre(ppp: serverRequest, from: .server, delivered: false)
        }
        waitUntil(b, start, plus: 28)
        b.controlTeardown()
        return b.pcap()
    }

    static let lcpMRUNakLoop = FixtureScenario(
        name: "lcp-mru-nak-loop",
        summary: """
            Windows client against a router's built-in PPTP server whose PPP only accepts the default MRU. The \
            control connection and the call work. The server rejects the client's Callback option and requests \
            MS-CHAPv2 (the client acks that request). The client's next Configure-Request (identifier 2: MRU \
            1400, magic, PFC, ACFC) is Configure-Nak'ed with MRU 1500; the client, whose PPTP MTU is 1400, asks \
            for 1400 again, and so on for ten rounds (identifiers 2 to 11, each Nak'ed with MRU 1500). The client \
            then gives up: LCP Terminate-Request (identifier 12, acked) and it clears the call. The \
            authentication option is never refused; LCP never opens in the client's direction.
            """,
        // The Terminate-Request that ends the loop is explained by the loop: lcp.no-agreement leads, not lcp.terminated.
        expected: FixtureKit.expect(.failed, .lcp, [732, 734])
    ) {
        let b = FixtureKit.builder()
        b.openControlAndCall()
        b.wait(1.2)
        b.gre(
            ppp: LCP.configure(.configureRequest, identifier: 1, options: b.clientLCPOptions(callback: true)),
            from: .client)
        b.respond(.server, processingMs: 0.8)
        let serverOptions: [PPPOption] = [
            .authMSCHAPv2, .magicNumber(b.profile.serverMagic),
            .protocolFieldCompression, .addressControlFieldCompression,
        ]
        b.gre(ppp: LCP.configure(.configureRequest, identifier: 1, options: serverOptions), from: .server)
        b.wait(0.1)
        b.gre(ppp: LCP.configure(.configureReject, identifier: 1, options: [.callback()]), from: .server)
        b.respond(.client, processingMs: 0.4)
        b.gre(ppp: LCP.configure(.configureAck, identifier: 1, options: serverOptions), from: .client)
        let clientOptions = b.clientLCPOptions(callback: false)
        for identifier in UInt8(2)...11 {
            b.wait(0.2)
            b.gre(
                ppp: LCP.configure(.configureRequest, identifier: identifier, options: clientOptions),
                from: .client)
            b.respond(.server, processingMs: 0.3)
            b.gre(ppp: LCP.configure(.configureNak, identifier: identifier, options: [.mru(1500)]), from: .server)
            b.respond(.client, processingMs: 0.2)
        }
        b.lcpTerminate(from: .client, identifier: 12, reason: "")
        b.controlTeardown()
        return b.pcap()
    }

    static let lcpPeerPPPSilent = FixtureScenario(
        name: "lcp-peer-ppp-silent",
        summary: """
            Control connection and call succeed. The Windows client's LCP Configure-Request (identifier 1: MRU \
            1400, magic, PFC, ACFC, Callback) goes out in GRE every 3 s, 10 times. Each one is acknowledged at the \
            GRE level by an ack-only GRE packet from the server (no sequence number, no payload) about 220 ms \
            later, but no LCP ever comes back: pptpd's GRE side runs, the pppd it started does not negotiate (it \
            hangs before LCP, e.g. in a plugin). 3 s after the last request the client gives up (no LCP \
            Terminate: the request timer ran out) and clears the call (CCRQ, CDN result 4, StopCCRQ/StopCCRP, FIN).
            """,
        expected: FixtureKit.expect(.failed, .lcp, [721, 718])
    ) {
        let b = FixtureKit.builder()
        b.openControlAndCall()
        b.wait(1.2)
        let request = LCP.configure(.configureRequest, identifier: 1, options: b.clientLCPOptions(callback: true))
        let start = b.now
        for attempt in 0..<10 {
            waitUntil(b, start, plus: 3 * Double(attempt))
            b.gre(ppp: request, from: .client)
            b.respond(.server, processingMs: 180)
            b.greAck(from: .server)
        }
        waitUntil(b, start, plus: 28)
        b.controlTeardown()
        return b.pcap()
    }

    // MARK: Authentication and encryption

    static let eapMD5Failure = FixtureScenario(
        name: "eap-md5-failure",
        summary: """
            A Linux pptp/pppd client (TTL 64, user alice) against pptpd whose pppd has `require-eap`. LCP agrees \
            EAP (option 3 = 0xC227) at once in both directions. The server sends EAP Request/Identity ("Name"), the \
            client Response/Identity "alice"; the server sends Request/MD5-Challenge (16-byte value, name pptpd), \
            the client Response/MD5 (16-byte value, name alice); the server answers EAP Failure (the password in \
            its secrets differs), then LCP Terminate-Request "Authentication failed"; the client acks and clears \
            the call.
            """,
        expected: FixtureKit.expect(.failed, .authentication, [691])
    ) {
        let b = FixtureKit.builder()
        FixtureKit.makePPPDClient(b)
        b.openControlAndCall()
        lcpBothAck(
            b, clientOptions: b.pppdClientLCPOptions(),
            serverOptions: [
                .accm(0), .authEAP, .magicNumber(b.profile.serverMagic),
                .protocolFieldCompression, .addressControlFieldCompression,
            ])
        b.wait(0.3)
        b.gre(ppp: eap(code: 1, identifier: 1, type: 1, data: Array("Name".utf8)), from: .server)
        b.respond(.client, processingMs: 0.5)
        b.gre(ppp: eap(code: 2, identifier: 1, type: 1, data: Array(b.profile.userName.utf8)), from: .client)
        b.respond(.server, processingMs: 0.6)
        let challenge = DeterministicBytes.make(16, seed: b.profile.seed &+ 510)
        b.gre(
            ppp: eap(code: 1, identifier: 2, type: 4, data: [16] + challenge + Array(b.profile.serverName.utf8)),
            from: .server)
        b.respond(.client, processingMs: 0.8)
        let hash = DeterministicBytes.make(16, seed: b.profile.seed &+ 520)
        b.gre(
            ppp: eap(code: 2, identifier: 2, type: 4, data: [16] + hash + Array(b.profile.userName.utf8)),
            from: .client)
        b.respond(.server, processingMs: 1)
        b.gre(ppp: eap(code: 4, identifier: 2), from: .server)
        FixtureKit.serverTerminatesAfterAuthFailure(b)
        return b.pcap()
    }

    static let ccpMPPERefusedByClient = FixtureScenario(
        name: "ccp-mppe-refused-by-client",
        summary: """
            A Linux pptp/pppd client whose peer file says `nomppe` connects to pptpd with `require-mppe-128`. \
            LCP (MS-CHAPv2) and MS-CHAPv2 succeed. The server's pppd then sends CCP Configure-Request \
            (identifier 1: MPPE 128-bit stateless, option 18 = 0x01000040) and IPCP Configure-Request (its \
            address 192.168.50.1). The client answers with its own, empty CCP Configure-Request, a CCP \
            Configure-Reject of option 18, its IPCP Configure-Request (0.0.0.0) and an IPCP Configure-Ack. The \
            server acks the empty CCP request and, as MPPE is required, sends LCP Terminate-Request "MPPE \
            required but peer refused"; the client acks and clears the call. The client refused the encryption \
            the server requires.
            """,
        expected: FixtureKit.expect(.failed, .encryption, [734, 743])
    ) {
        let b = FixtureKit.builder()
        FixtureKit.makePPPDClient(b)
        b.openControlAndCall()
        b.negotiateLCP(auth: .msChapV2)
        b.authenticate(.msChapV2)
        let serverIPCP: [PPPOption] = [.ipAddress(b.profile.serverTunnelAddress)]
        b.wait(0.3)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ccp, code: .configureRequest, identifier: 1,
                options: ScenarioBuilder.mppe128), from: .server)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureRequest, identifier: 1,
                options: serverIPCP), from: .server)
        b.respond(.client, processingMs: 0.4)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ccp, code: .configureRequest, identifier: 1,
                options: []), from: .client)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ccp, code: .configureReject, identifier: 1,
                options: ScenarioBuilder.mppe128), from: .client)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureRequest, identifier: 1,
                options: [.ipAddress(.any)]), from: .client)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureAck, identifier: 1,
                options: serverIPCP), from: .client)
        b.respond(.server, processingMs: 0.3)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ccp, code: .configureAck, identifier: 1,
                options: []), from: .server)
        b.lcpTerminate(from: .server, identifier: 2, reason: "MPPE required but peer refused")
        b.controlTeardown()
        return b.pcap()
    }

    // MARK: Established

    static let controlEchoLoss = FixtureScenario(
        name: "control-echo-loss",
        summary: """
            A branch router's built-in PPTP client (host branch-gw, TTL 64, capture on the router) against an \
            accel-ppp server configured with `echo-interval=30` and `echo-failure=3`. The session comes up \
            (MS-CHAPv2, MPPE, IPCP) and carries data both ways; the server's LCP echoes are answered. The \
            router's PPTP code does not implement PPTP Echo-Reply: the server's Echo-Requests on TCP 1723 (30 s \
            and 60 s after the SCCRP, identifiers 1 and 2) are acknowledged by its TCP stack but never answered. \
            At 90 s accel-ppp gives up ("pptp: no echo reply"): it closes the control connection (FIN) and ends \
            the session without LCP Terminate. The router acknowledges the FIN and closes its side; no GRE after.
            """,
        expected: FixtureKit.expect(.failed, .established, [807, 619])
    ) {
        let b = FixtureKit.builder()
        FixtureKit.makePPPDClient(b)
        b.profile.clientHostName = "branch-gw"
        b.profile.clientVendor = "NetFW PPTP"
        b.profile.userName = "branch-gw"
        b.profile.serverVendor = "accel-ppp"
        b.tcpHandshake()
        b.wait(0.3)
        b.startControlConnection()
        let controlUp = b.now
        b.outgoingCall()
        b.setLinkInfo()
        b.negotiateLCP(auth: .msChapV2)
        b.authenticate(.msChapV2)
        b.negotiateCCP()
        b.negotiateIPCP()
        b.wait(200)
        b.greConversation(rounds: 8)
        waitUntil(b, controlUp, plus: 20)
        b.lcpEchoExchange(from: .server, identifier: 1)
        b.greConversation(rounds: 4)
        for (identifier, offset) in [(UInt32(1), 30.0), (2, 60.0)] {
            waitUntil(b, controlUp, plus: offset)
            b.control(PPTPControl.echoRequest(identifier: identifier), from: .server)
            b.respond(.client, processingMs: 40)
            b.ack(from: .client)
            b.wait(2_000)
            b.greConversation(rounds: 3)
            waitUntil(b, controlUp, plus: offset + 10)
            b.lcpEchoExchange(from: .server, identifier: UInt8(identifier + 1))
            b.greConversation(rounds: 2)
        }
        waitUntil(b, controlUp, plus: 90)
        b.fin(from: .server)
        b.respond(.client, processingMs: 0.2)
        b.ack(from: .client)
        b.wait(1.5)
        b.fin(from: .client)
        b.respond(.server, processingMs: 0.1)
        b.ack(from: .server)
        return b.pcap()
    }

    static let oneWayGREAfterData = FixtureScenario(
        name: "one-way-gre-after-data",
        summary: """
            An established MS-CHAPv2 + MPPE session from a Windows client behind a home router; data flows both \
            ways and the server's LCP echo is answered. Then a second PC behind the same router opens a PPTP \
            session to the same server, and the router, which maps GRE by address pair only (no Call-ID \
            tracking), delivers the server's GRE to that PC from then on: nothing more arrives from the server \
            over GRE. The client keeps sending for 26 s (inner TCP retransmissions with growing gaps, DNS \
            retries: 14 packets; Windows sends no LCP echoes); TCP 1723 still works. The user then disconnects: \
            LCP Terminate-Request (its Ack goes to the other PC), CCRQ, CDN result 4, StopCCRQ/StopCCRP, FIN.
            """,
        expected: FixtureKit.expect(.failed, .established, [807, 619])
    ) {
        let b = FixtureKit.builder()
        b.establish(ipv6cp: true)
        b.wait(180)
        b.greConversation(rounds: 8)
        b.waitSeconds(4)
        b.lcpEchoExchange(from: .server, identifier: 1)
        b.greConversation(rounds: 5)
        let stop = b.now
        for offset in [0.4, 0.7, 1.3, 2.5, 2.6, 4.9, 5.2, 9.7, 10.1, 13.4, 17.8, 18.3, 21.9, 26.4] {
            waitUntil(b, stop, plus: offset)
            b.greDataPacket(
                size: offset.truncatingRemainder(dividingBy: 1) < 0.5 ? 120 : 74, from: .client,
                delivered: false)
        }
        waitUntil(b, stop, plus: 31)
        b.lcpTerminate(from: .client, identifier: 5, acknowledged: false, reason: "")
        b.controlTeardown()
        return b.pcap()
    }

    static let largeDFUnanswered = FixtureScenario(
        name: "large-df-unanswered",
        summary: """
            An established MS-CHAPv2 + MPPE session; small packets flow both ways. The client then starts an \
            upload: four full-size GRE packets (1435 bytes, DF set: 1400-byte inner packets) at once, then the \
            first one again after 0.3, 0.6, 1.2, 2.4 and 4.8 s (the inner TCP backing off). A link on the path \
            has an MTU of 1400 and its ICMP fragmentation-needed messages are filtered: no ICMP reaches the \
            client and the server's data stops. The server's LCP echo still passes and is answered; after 12 s \
            without progress the user disconnects in order. The session worked; the large packets hint at an MTU \
            black hole whose ICMP is filtered.
            """,
        expected: FixtureKit.expect(
            .success, warnings: ["large DF packets from the client and no data back: possible MTU black hole"])
    ) {
        let b = FixtureKit.builder()
        b.establish(ipv6cp: true)
        b.wait(200)
        b.greConversation(rounds: 6)
        b.wait(25)
        for index in 0..<4 {
            if index > 0 { b.wait(0.2) }
            b.greDataPacket(size: 1402, from: .client, delivered: false)
        }
        for backoff in [300.0, 600, 1200, 2400, 4800] {
            b.wait(backoff)
            b.greDataPacket(size: 1402, from: .client, delivered: false)
        }
        b.waitSeconds(1.3)
        b.lcpEchoExchange(from: .server, identifier: 1)
        b.waitSeconds(1.5)
        b.orderlyTeardown()
        return b.pcap()
    }

    static let greLossWarning = FixtureScenario(
        name: "gre-loss-warning",
        summary: """
            A Windows client on a lossy mobile hotspot: a full MS-CHAPv2 + MPPE (stateless) session with a \
            download of about 48 s. Nine of the server's data packets are lost before they reach the client (gaps \
            in the server's GRE sequence numbers; the client's GRE acknowledgments skip them), about 4 % of the \
            tunnel's packets. Data keeps flowing, LCP echoes are answered, the user disconnects in order. Success, \
            with a warning about GRE loss.
            """,
        expected: FixtureKit.expect(.success, warnings: ["9 GRE packets from the server missing from the sequence numbers"])
    ) {
        let b = FixtureKit.builder()
        b.establish(ipv6cp: true)
        b.wait(200)
        let lostRounds: Set<Int> = [7, 12, 19, 20, 26, 33, 38, 41, 52]
        for round in 0..<60 {
            if round > 0 { b.wait(round % 10 == 0 ? 2_600 : 640) }
            if round == 30 { b.lcpEchoExchange(from: .server, identifier: 1) }
            b.greDataPacket(size: 120, from: .client)
            b.wait(35)
            b.greDataPacket(size: 900, from: .server)
            b.wait(1.2)
            if lostRounds.contains(round) {
                lostBeforeCapture(b, from: .server)
            } else {
                b.greDataPacket(size: 900, from: .server)
            }
            if round % 3 == 2 {
                b.wait(12)
                b.greAck(from: .client)
            }
        }
        b.orderlyTeardown()
        return b.pcap()
    }

    // MARK: Teardown

    static let serverAdminDisconnect = FixtureScenario(
        name: "server-admin-disconnect",
        summary: """
            A working MS-CHAPv2 + MPPE session with data both ways and answered LCP echoes. An administrator then \
            ends the user's session on the server (kill -9 of its pppd: no LCP Terminate). pptpd sends \
            Call-Disconnect-Notify for Call ID 7 with Result Code 3 (admin shutdown) and, a millisecond later, \
            Stop-Control-Connection-Request (reason 1); the client answers Stop-Control-Connection-Reply and the \
            server closes TCP. The client never sent a Call-Clear-Request: the server dropped a working session.
            """,
        expected: FixtureKit.expect(.failed, .teardown, [629, 807])
    ) {
        let b = FixtureKit.builder()
        b.establish(ipv6cp: true)
        b.wait(180)
        b.greConversation(rounds: 8)
        b.waitSeconds(6)
        b.lcpEchoExchange(from: .server, identifier: 1)
        b.greConversation(rounds: 6)
        b.waitSeconds(2.4)
        b.control(PPTPControl.callDisconnectNotify(callID: b.profile.serverCallID, result: 3), from: .server)
        b.wait(1)
        b.control(PPTPControl.stopControlConnectionRequest(reason: 1), from: .server)
        b.respond(.client, processingMs: 0.8)
        b.control(PPTPControl.stopControlConnectionReply(result: 1), from: .client)
        b.respond(.server, processingMs: 0.5)
        b.closeTCP(initiator: .server)
        return b.pcap()
    }

    // MARK: Capture

    static let vpnTypeFallback = FixtureScenario(
        name: "vpn-type-fallback",
        summary: """
            A Windows client whose VPN type is "Automatic". Its SYNs to 203.0.113.10:1723 (t = 0, 3, 9 s) get no \
            answer at all. At 21 s Windows moves on to L2TP/IPsec: IKEv1 Main Mode message 1 (SA with three \
            transforms, MS NT5 ISAKMPOAKLEY, NAT-T and fragmentation vendor IDs) from UDP 500 to the same \
            server's UDP 500, retransmitted after 1, 2 and 4 s, also unanswered. The PPTP failure is the \
            connection; the L2TP attempt is Windows' fallback and worth a note.
            """,
        expected: FixtureKit.expect(.failed, .tcpConnect, [800, 678, 807])
    ) {
        let b = FixtureKit.builder()
        b.synOnly()
        b.waitSeconds(3)
        b.synOnly()
        b.waitSeconds(6)
        b.synOnly()
        b.waitSeconds(12.2)
        let mainMode = ikeMainModeFirst(initiatorCookie: 0x7C3E_91A0_55D2_0B18)
        for (index, gap) in [0.0, 1, 2, 4].enumerated() {
            if index > 0 { b.waitSeconds(gap) }
            b.udp(mainMode, from: .client, sourcePort: 500, destinationPort: 500)
        }
        return b.pcap()
    }

    static let natCaptureBetween = FixtureScenario(
        name: "nat-capture-between",
        capturePoint: "between",
        summary: """
            A Windows PC (192.168.1.23 inside) behind a home router with PPTP pass-through, which rewrites its \
            address to 198.51.100.77, its TCP port to 61402 and its Call ID to 0x8b1c. The capture is a mirror \
            port in the server's data centre, three hops before the server: client packets arrive with TTL 119 \
            (128 − 9), server packets with TTL 61 (64 − 3), each through a different router MAC. The session is \
            the normal successful MS-CHAPv2 + MPPE session (IPCP, IPV6CP rejected, data, LCP echo, orderly \
            teardown). Neither end's TTL is an initial value: the capture point is between them.
            """,
        expected: FixtureKit.expect(.success, client: "198.51.100.77")
    ) {
        let client = Endpoint(
            mac: MACAddress(0x00, 0x25, 0x90, 0x7A, 0x11, 0x02), ip: IPv4Address(198, 51, 100, 77),
            ttl: 119, port: 61_402, initialSequence: 0x51E0_7C33, window: 64_240,
            initialIPID: 0x2A10)
        let server = Endpoint(
            mac: MACAddress(0x00, 0x1C, 0x73, 0x4E, 0x20, 0x91), ip: IPv4Address(203, 0, 113, 10),
            ttl: 61, port: PPTPControl.tcpPort, initialSequence: 0x7F32_1000, window: 29_200,
            initialIPID: 0x6B00)
        let b = ScenarioBuilder(client: client, server: server, capturedAt: .server)
        b.rttMs = 36
        b.profile.clientCallID = 0x8B1C
        FixtureKit.successfulSession(b)
        return b.pcap()
    }

    // MARK: Incoming call

    static let incomingCallSuccess = FixtureScenario(
        name: "incoming-call-success",
        summary: """
            Two FreeBSD mpd routers (vendor "MPD: Multi-link PPP daemon for FreeBSD"): the branch (192.168.1.23, \
            TTL 64, the PNS, capture on it) holds a control connection to the head office (203.0.113.10, the PAC, \
            listening on 1723; SCCRQ/SCCRP result 1, framing and bearer capabilities 3). 2.5 s later the PAC \
            places an incoming call: Incoming-Call-Request (Call ID 0x0031, serial 5, digital bearer), the PNS \
            answers Incoming-Call-Reply result 1 (Call ID 0x4a21, peer 0x0031), the PAC confirms with \
            Incoming-Call-Connected (peer 0x4a21, 64 kbit/s, synchronous framing) and the PNS sends Set-Link-Info. \
            PPP over GRE as usual: LCP (MRU 1500, the PAC side asks MS-CHAPv2, both ack), MS-CHAPv2 success for \
            user "branch", CCP MPPE 128-bit stateless, IPCP (the PAC side assigns 192.168.50.10 with a Nak), MPPE \
            data both ways, an LCP echo; then the PNS clears the call (CCRQ, CDN result 4, StopCCRQ/StopCCRP, FIN).
            """,
        expected: FixtureKit.expect(.success)
    ) {
        let b = FixtureKit.builder()
        let mpd = "MPD: Multi-link PPP daemon for FreeBSD"
        b.client.ttl = 64
        b.profile.clientIsPPPD = true
        b.profile.clientHostName = "branch-gw"
        b.profile.clientVendor = mpd
        b.profile.serverHostName = "hq-gw"
        b.profile.serverVendor = mpd
        b.profile.serverCallID = 0x0031
        b.profile.userName = "branch"
        b.profile.serverName = "hq-gw"
        b.tcpHandshake()
        b.wait(0.3)
        b.control(
            PPTPControl.startControlConnectionRequest(
                hostName: b.profile.clientHostName, vendor: mpd,
                framingCapabilities: 3, bearerCapabilities: 3,
                firmwareRevision: 0x0101), from: .client)
        b.respond(.server, processingMs: 1.2)
        b.control(
            PPTPControl.startControlConnectionReply(
                hostName: b.profile.serverHostName, vendor: mpd,
                framingCapabilities: 3, bearerCapabilities: 3,
                maximumChannels: 0, firmwareRevision: 0x0101),
            from: .server)
        b.respond(.client, processingMs: 40)
        b.ack(from: .client)
        b.waitSeconds(2.5)
        b.control(
            PPTPControl.incomingCallRequest(callID: b.profile.serverCallID, serial: 5, bearerType: 2),
            from: .server)
        b.respond(.client, processingMs: 0.8)
        b.control(
            PPTPControl.incomingCallReply(callID: b.profile.clientCallID, peerCallID: b.profile.serverCallID),
            from: .client)
        b.respond(.server, processingMs: 0.9)
        b.control(
            PPTPControl.incomingCallConnected(
                peerCallID: b.profile.clientCallID, connectSpeed: 64_000,
                framingType: 2), from: .server)
        b.setLinkInfo()
        let clientLCP: [PPPOption] = [
            .mru(1500), .magicNumber(b.profile.clientMagic), .protocolFieldCompression,
            .addressControlFieldCompression,
        ]
        let serverLCP: [PPPOption] = [
            .mru(1500), .authMSCHAPv2, .magicNumber(b.profile.serverMagic),
            .protocolFieldCompression, .addressControlFieldCompression,
        ]
        lcpBothAck(b, clientOptions: clientLCP, serverOptions: serverLCP)
        b.authenticate(.msChapV2)
        b.negotiateCCP()
        let hqAddress: [PPPOption] = [.ipAddress(b.profile.serverTunnelAddress)]
        let branchAddress: [PPPOption] = [.ipAddress(b.profile.clientTunnelAddress)]
        b.respond(.server, processingMs: 0.5)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureRequest, identifier: 1,
                options: hqAddress), from: .server)
        b.wait(0.1)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureRequest, identifier: 1,
                options: [.ipAddress(.any)]), from: .client)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureAck, identifier: 1,
                options: hqAddress), from: .client)
        b.respond(.server, processingMs: 0.3)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureNak, identifier: 1,
                options: branchAddress), from: .server)
        b.respond(.client, processingMs: 0.4)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureRequest, identifier: 2,
                options: branchAddress), from: .client)
        b.respond(.server, processingMs: 0.3)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureAck, identifier: 2,
                options: branchAddress), from: .server)
        b.wait(200)
        b.greConversation(rounds: 8)
        b.waitSeconds(5)
        b.lcpEchoExchange(from: .server, identifier: 1)
        b.greConversation(rounds: 4)
        b.wait(500)
        b.controlTeardown()
        return b.pcap()
    }
}
