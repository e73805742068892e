/// Hand-made reproductions of real-world captures the diagnosis once got wrong (issue 13): the shapes real
/// Windows RRAS, pptpd and capture filters produce, which our own scripted sessions never did.
extension FixtureCatalog {
    static var realWorldScenarios: [FixtureScenario] {
        [
            midSessionCleanDisconnect, midSessionServerHangup, serverPPPDDiesAfterCall, controlOnlyGREFiltered,
            clientClearsWithoutPPP, greOnlyFilter, captureStoppedDuringLCP, controlOnlyMidSessionHangup,
        ]
            + pppLinkScenarios
    }

    /// Windows sends binary data in its LCP Terminate-Request (not a reason text).
    static let windowsTerminateData: [UInt8] = [0x00, 0x3C, 0xCD, 0x74, 0x00, 0x00, 0x02, 0xDC]

    static let midSessionCleanDisconnect = FixtureScenario(
        name: "mid-session-clean-disconnect",
        summary: """
            A capture on the client side of a Windows RRAS server that starts while the session is running: a \
            few MPPE data packets both ways, then the client's clean disconnect — Set-Link-Info, LCP \
            Terminate-Request (binary data, as Windows sends it) and Terminate-Ack, Call-Clear-Request, \
            Call-Disconnect-Notify with result 0 (RRAS's value), Stop-Control-Connection-Request/Reply and FIN both \
            ways. The TCP handshake, SCCRQ/SCCRP and the call setup are before the capture. Nothing failed: the \
            session worked and the user hung up. Never a failure from what the capture did not see.
            """,
        expected: FixtureKit.expect(.success)
    ) {
        let b = FixtureKit.builder()
        b.resumeMidSession(clientGRESequence: 412, serverGRESequence: 977)
        b.greConversation(rounds: 4)
        b.wait(800)
        b.setLinkInfo()
        b.wait(20)
        b.gre(ppp: LCP.terminateRequest(identifier: 7, data: windowsTerminateData), from: .client)
        b.respond(.server, processingMs: 0.4)
        b.gre(ppp: LCP.terminateAck(identifier: 7), from: .server)
        b.wait(30)
        b.control(PPTPControl.callClearRequest(callID: b.profile.clientCallID), from: .client)
        b.respond(.server, processingMs: 1)
        b.control(PPTPControl.callDisconnectNotify(callID: b.profile.serverCallID, result: 0), from: .server)
        b.respond(.client, processingMs: 0.8)
        b.control(PPTPControl.stopControlConnectionRequest(reason: 1), from: .client)
        b.respond(.server, processingMs: 0.3)
        b.control(PPTPControl.stopControlConnectionReply(result: 1), from: .server)
        b.respond(.client, processingMs: 1)
        b.closeTCP(initiator: .client)
        return b.pcap()
    }

    static let midSessionServerHangup = FixtureScenario(
        name: "mid-session-server-hangup",
        summary: """
            A capture started while a pptpd session was running (MPPE data both ways), then the server's pppd \
            hangs up (it was stopped: SIGTERM): LCP Terminate-Request "MPPE disabled" twice from the server, both \
            acknowledged, the server's FIN, the client's Call-Clear-Request and the server's reset — what the lab \
            recorded from real pptpd and pppd. The session worked; the server ended it in order: success, with \
            a warning that the server hung up.
            """,
        expected: FixtureKit.expect(.success)
    ) {
        let b = FixtureKit.builder()
        FixtureKit.makePPPDClient(b)
        b.resumeMidSession(clientGRESequence: 88, serverGRESequence: 91)
        b.greConversation(rounds: 3)
        b.wait(600)
        b.lcpTerminate(from: .server, identifier: 2, reason: "MPPE disabled")
        b.lcpTerminate(from: .server, identifier: 3, reason: "MPPE disabled")
        b.wait(500)
        b.fin(from: .server)
        b.respond(.client, processingMs: 10)
        b.control(PPTPControl.callClearRequest(callID: b.profile.clientCallID), from: .client)
        b.respond(.server, processingMs: 2)
        b.rst(from: .server)
        return b.pcap()
    }

    static let greOnlyFilter = FixtureScenario(
        name: "gre-only-filter",
        summary: """
            A capture taken with a GRE-only filter (`ip proto 47`) while a session ran: MPPE data both ways, and \
            no TCP 1723 at all. The tunnel carried data, but without the control connection the capture cannot \
            say whether the session was set up and ended in order: incomplete, and the report says the capture \
            filter left the control channel out and how to capture again.
            """,
        expected: FixtureKit.expect(.incomplete)
    ) {
        let b = FixtureKit.builder()
        FixtureKit.makePPPDClient(b)
        b.resumeMidSession(clientGRESequence: 40, serverGRESequence: 52)
        b.greConversation(rounds: 4)
        return b.pcap()
    }

    static let captureStoppedDuringLCP = FixtureScenario(
        name: "capture-stopped-during-lcp",
        summary: """
            A Linux pptp/pppd client connects, the call is set up (OCRP result 1) and LCP starts: the client's \
            Configure-Request goes out twice, 3 s apart, with no answer yet, and the capture stops 2 s later, long \
            before any client gives up on a silent tunnel. Nothing has failed in view: incomplete, and the report \
            says to capture until Windows shows its error or pppd logs how it ended.
            """,
        expected: FixtureKit.expect(.incomplete)
    ) {
        let b = FixtureKit.builder()
        FixtureKit.makePPPDClient(b)
        b.openControlAndCall()
        b.wait(1.2)
        let request = LCP.configure(.configureRequest, identifier: 1, options: b.pppdClientLCPOptions())
        b.gre(ppp: request, from: .client, delivered: false)
        b.waitSeconds(3)
        b.gre(ppp: request, from: .client, delivered: false)
        b.waitSeconds(2)
        return b.pcap()
    }

    static let serverPPPDDiesAfterCall = FixtureScenario(
        name: "server-pppd-dies-after-call",
        summary: """
            A Linux pptp client and a pptpd server: control connection and call succeed (OCRP result 1), the \
            client's pppd sends its first LCP Configure-Request in GRE, and the server never sends any GRE: 0.9 s \
            after the call was connected it closes TCP 1723 with a FIN, with no Call-Disconnect-Notify. Its pppd \
            died at start (pptpd logs `GRE: read(fd=…) from PTY failed … usually caused by unexpected termination \
            of pppd`, then `CTRL: EOF or bad error reading ctrl packet length`). Windows shows 619 here.
            """,
        expected: FixtureKit.expect(.failed, .callSetup, [619, 628])
    ) {
        let b = FixtureKit.builder()
        FixtureKit.makePPPDClient(b)
        b.openControlAndCall()
        b.wait(2)
        b.gre(ppp: LCP.configure(.configureRequest, identifier: 1, options: b.pppdClientLCPOptions()), from: .client)
        b.wait(880)
        b.fin(from: .server)
        b.respond(.client, processingMs: 0.5)
        b.fin(from: .client)
        b.respond(.server, processingMs: 0.2)
        b.ack(from: .server)
        return b.pcap()
    }

    static let controlOnlyGREFiltered = FixtureScenario(
        name: "control-only-gre-filtered",
        summary: """
            A capture taken with `tcp port 1723`: only the control channel. TCP, SCCRQ/SCCRP, OCRQ/OCRP (result 1), \
            the client's Set-Link-Info, then twice a Set-Link-Info from the pptpd server — which pptpd sends only \
            once PPP's LCP has negotiated the ACCMs, so GRE did flow — PPTP echoes, and 95 s after the call the \
            client's Call-Clear-Request, CDN result 4, StopCCRQ/StopCCRP and FIN. The capture filter hid the \
            tunnel: incomplete, and the report must say so and give the filter to capture again with.
            """,
        expected: FixtureKit.expect(.incomplete, .callSetup)
    ) {
        let b = FixtureKit.builder()
        b.openControlAndCall()
        b.wait(400)
        for _ in 0..<2 {
            b.control(
                PPTPControl.setLinkInfo(peerCallID: b.profile.clientCallID, sendACCM: 0, receiveACCM: 0),
                from: .server)
            b.respond(.client, processingMs: 0.4)
            b.ack(from: .client)
            b.wait(150)
        }
        b.waitSeconds(60)
        b.pptpEchoExchange(from: .server, identifier: 1)
        b.waitSeconds(35)
        b.controlTeardown()
        return b.pcap()
    }

    static let clientClearsWithoutPPP = FixtureScenario(
        name: "client-clears-without-ppp",
        summary: """
            The Windows client opens the control connection and the call (OCRP result 1) and clears the call \
            0.2 s later (Call-Clear-Request, CDN result 4, StopCCRQ/StopCCRP, FIN) without sending a single GRE \
            packet: its own PPP never started (a RAS/WAN miniport problem on the client, or the client was \
            cancelled). Capture taken at the client, unfiltered, with other traffic around it.
            """,
        expected: FixtureKit.expect(.incomplete, .callSetup)
    ) {
        let b = FixtureKit.builder()
        b.openControlAndCall()
        b.wait(200)
        b.controlTeardown()
        return b.pcap()
    }

    static let controlOnlyMidSessionHangup = FixtureScenario(
        name: "control-only-mid-session-hangup",
        capturePoint: "server",
        summary: """
            A user reports that the VPN "keeps dropping"; the admin starts `tcpdump -i eth0 tcp port 1723` on the \
            pptpd server (203.0.113.10, TTL 64) while the user's session is up (the Windows client arrives as \
            198.51.100.77 with TTL 111). The capture holds two of pptpd's idle-time PPTP Echo-Requests, 60 s \
            apart, each answered, then the client's disconnect: Call-Clear-Request, CDN result 4, StopCCRQ/StopCCRP \
            and FIN both ways. No SYN, SCCRQ or OCRP (before the capture) and no GRE (the filter): nothing failed in \
            view, but whether the tunnel carried anything, and why the user hung up, is not in the file. \
            Incomplete, and the report says to capture the whole session with GRE.
            """,
        expected: FixtureKit.expect(.incomplete, .tcpConnect, client: "198.51.100.77")
    ) {
        let client = Endpoint(
            mac: MACAddress(0x00, 0x1A, 0x2B, 0x3C, 0x4D, 0x5E), ip: IPv4Address(198, 51, 100, 77),
            ttl: 111, port: 50_211, initialSequence: 0x0C44_9A10, window: 64_240,
            initialIPID: 0x5120)
        let server = Endpoint(
            mac: MACAddress(0x52, 0x54, 0x00, 0x12, 0x34, 0x56), ip: IPv4Address(203, 0, 113, 10),
            ttl: 64, port: PPTPControl.tcpPort, initialSequence: 0x9E07_3300, window: 29_200,
            initialIPID: 0x3C40)
        let b = ScenarioBuilder(client: client, server: server, capturedAt: .server)
        b.resumeMidSession(clientGRESequence: 5120, serverGRESequence: 7311)
        b.pptpEchoExchange(from: .server, identifier: 31)
        b.waitSeconds(60)
        b.pptpEchoExchange(from: .server, identifier: 32)
        b.waitSeconds(23)
        b.controlTeardown()
        return b.pcap()
    }
}

extension FixtureCatalog {
    static var pppLinkScenarios: [FixtureScenario] { [windowsPPPAdapterMSCHAP691, windowsPPPAdapterPeerSilent] }

    /// A Windows PPP adapter trace: each PPP control frame as a pseudo-Ethernet frame whose two addresses are
    /// " SEND" or " RECV" plus the link number and whose type field is the PPP protocol.
    static func windowsAdapterFrame(_ pppFrame: [UInt8], sent: Bool, link: UInt8) -> [UInt8] {
        let address: [UInt8] = Array((sent ? " SEND" : " RECV").utf8) + [link]
        // The helpers build `FF 03 <protocol> <packet>`: the type field takes the protocol.
        return address + address + Array(pppFrame[2...])
    }

    static let windowsPPPAdapterMSCHAP691 = FixtureScenario(
        name: "windows-ppp-adapter-mschapv2-691",
        summary: """
            A Windows client's trace of its PPP adapter (no PPTP or GRE layer: PPP control frames written as \
            pseudo-Ethernet frames whose addresses spell " SEND"/" RECV" and link 3, the type field holding the \
            PPP protocol), every frame recorded twice 4 ms apart. LCP agrees on MS-CHAPv2, then three MS-CHAPv2 \
            Failures: `E=691 R=1`, `E=691 R=1` (the client retries with new credentials each time) and \
            `E=691 R=0`, after which the server terminates LCP. Authentication failed with 691, from the PPP \
            negotiation alone; the tunnel layers are outside the capture.
            """,
        expected: [
            ExpectedSession(
                client: "this Windows host (SEND)", outcome: .failed, stage: .authentication,
                errorCodes: [691])
        ]
    ) {
        let b = FixtureKit.builder()
        func put(_ frame: [UInt8], from side: Side) {
            let bytes = windowsAdapterFrame(frame, sent: side == .client, link: 3)
            b.record(frame: bytes)
            b.wait(4)
            b.record(frame: bytes)
            b.wait(25)
        }
        let clientOptions = b.clientLCPOptions(callback: false)
        let serverOptions = b.serverLCPOptions(auth: .msChapV2)
        put(LCP.configure(.configureRequest, identifier: 0, options: clientOptions), from: .client)
        put(LCP.configure(.configureRequest, identifier: 1, options: serverOptions), from: .server)
        put(LCP.configure(.configureAck, identifier: 1, options: serverOptions), from: .client)
        put(LCP.configure(.configureAck, identifier: 0, options: clientOptions), from: .server)
        put(CHAP.challenge(identifier: 1, value: MSCHAPv2.challengeValue(seed: 71), name: "RAS-GW"), from: .server)
        for (attempt, retry) in [(1, true), (2, true), (3, false)] {
            b.wait(300)
            put(
                CHAP.response(
                    identifier: UInt8(attempt), value: MSCHAPv2.responseValue(seed: UInt64(80 + attempt)),
                    name: "CORP\\alice"), from: .client)
            b.wait(40)
            put(
                CHAP.failure(
                    identifier: UInt8(attempt),
                    message: MSCHAPv2.failureMessage(error: 691, retry: retry, seed: UInt64(90 + attempt))),
                from: .server)
        }
        b.wait(20)
        put(LCP.terminateRequest(identifier: 2, data: Array("Authentication failed".utf8)), from: .server)
        put(LCP.terminateAck(identifier: 2), from: .client)
        return b.pcap()
    }

    static let windowsPPPAdapterPeerSilent = FixtureScenario(
        name: "windows-ppp-adapter-peer-silent",
        summary: """
            A Windows client's PPP adapter trace (pseudo-Ethernet " SEND"/" RECV" frames, each recorded twice) in \
            which the client sends LCP Configure-Request after Configure-Request, 3 s apart, and not one PPP frame \
            comes back: the tunnel under the link does not carry them (GRE blocked, or the server's PPTP side \
            gone). The capture holds the PPP layer only, so it can say the peer never answered LCP (721), not where \
            the frames died.
            """,
        expected: [ExpectedSession(client: "this Windows host (SEND)", outcome: .failed, stage: .lcp, errorCodes: [721])]
    ) {
        let b = FixtureKit.builder()
        let options = b.clientLCPOptions(callback: false)
        for attempt in 0..<10 {
            let bytes = windowsAdapterFrame(
                LCP.configure(.configureRequest, identifier: UInt8(attempt), options: options),
                sent: true, link: 3)
            b.record(frame: bytes)
            b.wait(4)
            b.record(frame: bytes)
            b.wait(3_000)
        }
        return b.pcap()
    }
}
