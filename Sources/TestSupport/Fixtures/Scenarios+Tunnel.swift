extension FixtureCatalog {
    static var tunnelScenarios: [FixtureScenario] {
        [
            greNoReturn, greNoGREAtAll, greProtocolUnreachable, serverCapturePoint, lcpTerminateDuringSetup,
            lcpAuthRejectLoop,
        ]
    }

    static let greNoReturn = FixtureScenario(
        name: "gre-no-return",
        summary: """
            A Linux pptp/pppd client (TTL 64) sets up the control connection and the call (OCRP result 1, server \
            Call ID 7) and starts LCP: its Configure-Request (identifier 1: asyncmap 0, magic, PFC, ACFC) goes out \
            in GRE keyed with Call ID 7 and is retransmitted every 3 s, 10 transmissions in all (pppd's \
            max-configure). Nothing ever comes back over GRE, though TCP 1723 works. 3 s after the last request \
            pppd gives up ("LCP: timeout sending Config-Requests") and pptp clears the call: CCRQ, CDN result 4, \
            StopCCRQ/StopCCRP, FIN. GRE from the server is blocked inbound or upstream (NAT without PPTP \
            passthrough).
            """,
        expected: FixtureKit.expect(.failed, .gre, [806, 721])
    ) {
        let b = FixtureKit.builder()
        FixtureKit.makePPPDClient(b)
        b.openControlAndCall()
        b.wait(1.2)
        let request = LCP.configure(.configureRequest, identifier: 1, options: b.pppdClientLCPOptions())
        for attempt in 0..<10 {
            if attempt > 0 { b.waitSeconds(3) }
            b.gre(ppp: request, from: .client, delivered: false)
        }
        b.waitSeconds(3)
        b.controlTeardown()
        return b.pcap()
    }

    static let greNoGREAtAll = FixtureScenario(
        name: "gre-no-gre-at-all",
        summary: """
            TCP, SCCRQ/SCCRP, OCRQ/OCRP (result 1) and Set-Link-Info all succeed, then the capture shows 30 s with \
            no GRE in either direction (no LCP at all) before the Windows client gives up and clears the call \
            (CCRQ, CDN result 4, StopCCRQ/StopCCRP, FIN). Either GRE is blocked both ways at the capture host, or \
            the capture filter (e.g. `tcp port 1723`) excluded protocol 47: the report should say both.
            """,
        expected: FixtureKit.expect(
            .failed, .gre, [806, 721],
            warnings: ["no GRE at all: a capture filter such as 'tcp port 1723' may have excluded it"])
    ) {
        let b = FixtureKit.builder()
        b.openControlAndCall()
        b.waitSeconds(30)
        b.controlTeardown()
        return b.pcap()
    }

    static let greProtocolUnreachable = FixtureScenario(
        name: "gre-protocol-unreachable",
        summary: """
            Control connection and call succeed. Each LCP Configure-Request the Windows client sends in GRE \
            (identifier 1, every 3 s, 5 times) is answered by the server host itself with ICMP destination \
            unreachable type 3 code 2 (protocol unreachable) quoting the whole GRE packet (protocol 47): the \
            server's kernel has no GRE handler, or a host firewall rejects GRE. The client then clears the call.
            """,
        expected: FixtureKit.expect(.failed, .gre, [806, 721])
    ) {
        let b = FixtureKit.builder()
        b.openControlAndCall()
        b.wait(1.2)
        let request = LCP.configure(.configureRequest, identifier: 1, options: b.clientLCPOptions(callback: true))
        for attempt in 0..<5 {
            if attempt > 0 { b.waitSeconds(3) }
            let sent = b.gre(ppp: request, from: .client, delivered: false)
            b.respond(.server, processingMs: 0.05)
            b.icmpUnreachable(
                code: .protocolUnreachable, quoting: sent, from: b.server.ip, ttl: b.server.ttl,
                quotedPayloadBytes: 548)
        }
        b.waitSeconds(3)
        b.controlTeardown()
        return b.pcap()
    }

    static let serverCapturePoint = FixtureScenario(
        name: "server-capture-point",
        capturePoint: "server",
        summary: """
            gre-no-return as seen on the pptpd server (203.0.113.10, local TTL 64; the Windows client arrives as \
            198.51.100.77 with TTL 111, through the gateway MAC). TCP and the control connection work, the call is \
            set up (client Call ID 0x4a21, server Call ID 7); the server's pppd sends LCP Configure-Request \
            (identifier 1: asyncmap 0, MS-CHAPv2, magic, PFC, ACFC) in GRE keyed 0x4a21 every 3 s, 10 times; no \
            GRE ever arrives from the client. 3 s after the last request pppd gives up and pptpd sends CDN \
            (result 3, admin shutdown) then StopCCRQ; the client replies StopCCRP and the server closes TCP. The \
            client's GRE does not reach the server (blocked at the client's NAT/firewall or on the way).
            """,
        expected: FixtureKit.expect(.failed, .gre, [806, 721], client: "198.51.100.77")
    ) {
        let client = Endpoint(
            mac: MACAddress(0x00, 0x1A, 0x2B, 0x3C, 0x4D, 0x5E), ip: IPv4Address(198, 51, 100, 77),
            ttl: 111, port: 50_211, initialSequence: 0x0C44_9A10, window: 64_240,
            initialIPID: 0x5120)
        let server = Endpoint(
            mac: MACAddress(0x52, 0x54, 0x00, 0x12, 0x34, 0x56), ip: IPv4Address(203, 0, 113, 10),
            ttl: 64, port: PPTPControl.tcpPort, initialSequence: 0x9E07_3300, window: 29_200,
            initialIPID: 0x0000)
        let b = ScenarioBuilder(client: client, server: server, capturedAt: .server)
        b.openControlAndCall()
        b.wait(2)
        let request = LCP.configure(.configureRequest, identifier: 1, options: b.serverLCPOptions(auth: .msChapV2))
        for attempt in 0..<10 {
            if attempt > 0 { b.waitSeconds(3) }
            b.gre(ppp: request, from: .server, delivered: false)
        }
        b.waitSeconds(3)
        b.control(PPTPControl.callDisconnectNotify(callID: b.profile.serverCallID, result: 3), from: .server)
        b.wait(1)
        b.control(PPTPControl.stopControlConnectionRequest(reason: 1), from: .server)
        b.respond(.client, processingMs: 0.5)
        b.control(PPTPControl.stopControlConnectionReply(result: 1), from: .client)
        b.respond(.server, processingMs: 0.5)
        b.closeTCP(initiator: .server)
        return b.pcap()
    }

    static let lcpTerminateDuringSetup = FixtureScenario(
        name: "lcp-terminate-during-setup",
        summary: """
            Control connection and call succeed; LCP starts both ways (the server rejects the Callback option, the \
            client Acks the server's request and requests again, identifier 2). Instead of acking, the server sends \
            LCP Terminate-Request (identifier 2, no data); the client answers Terminate-Ack and clears the call \
            (CCRQ, CDN result 4, StopCCRQ/StopCCRP, FIN). The link control protocol was terminated before \
            authentication.
            """,
        expected: FixtureKit.expect(.failed, .lcp, [734])
    ) {
        let b = FixtureKit.builder()
        b.openControlAndCall()
        b.wait(1.2)
        b.gre(
            ppp: LCP.configure(.configureRequest, identifier: 1, options: b.clientLCPOptions(callback: true)),
            from: .client)
        b.respond(.server, processingMs: 0.8)
        let serverOptions = b.serverLCPOptions(auth: .msChapV2)
        b.gre(ppp: LCP.configure(.configureRequest, identifier: 1, options: serverOptions), from: .server)
        b.wait(0.1)
        b.gre(ppp: LCP.configure(.configureReject, identifier: 1, options: [.callback()]), from: .server)
        b.respond(.client, processingMs: 0.4)
        b.gre(ppp: LCP.configure(.configureAck, identifier: 1, options: serverOptions), from: .client)
        b.wait(0.2)
        b.gre(
            ppp: LCP.configure(.configureRequest, identifier: 2, options: b.clientLCPOptions(callback: false)),
            from: .client)
        b.respond(.server, processingMs: 4)
        b.lcpTerminate(from: .server, identifier: 2, reason: "")
        b.controlTeardown()
        return b.pcap()
    }

    static let lcpAuthRejectLoop = FixtureScenario(
        name: "lcp-auth-reject-loop",
        summary: """
            Control connection and call succeed. The server (pppd with require-eap) asks for EAP (LCP option 3 = \
            0xC227); the Windows client, allowed only MS-CHAPv2, Configure-Naks it proposing 0xC223/0x81. The \
            server asks EAP again, five rounds of Request/Nak, then the client Configure-Rejects the \
            authentication option and the server sends Terminate-Request ("peer refused to authenticate"); the \
            client acks and clears the call. The two ends cannot agree on an authentication protocol.
            """,
        expected: FixtureKit.expect(.failed, .lcp, [919, 734])
    ) {
        let b = FixtureKit.builder()
        b.openControlAndCall()
        b.wait(1.2)
        b.gre(
            ppp: LCP.configure(.configureRequest, identifier: 1, options: b.clientLCPOptions(callback: true)),
            from: .client)
        b.respond(.server, processingMs: 0.8)
        let eapOptions: [PPPOption] = [
            .accm(0), .authEAP, .magicNumber(b.profile.serverMagic),
            .protocolFieldCompression, .addressControlFieldCompression,
        ]
        b.gre(ppp: LCP.configure(.configureRequest, identifier: 1, options: eapOptions), from: .server)
        b.wait(0.1)
        b.gre(ppp: LCP.configure(.configureReject, identifier: 1, options: [.callback()]), from: .server)
        b.respond(.client, processingMs: 0.4)
        b.gre(ppp: LCP.configure(.configureNak, identifier: 1, options: [.authMSCHAPv2]), from: .client)
        b.wait(0.2)
        let clientOptions = b.clientLCPOptions(callback: false)
        b.gre(ppp: LCP.configure(.configureRequest, identifier: 2, options: clientOptions), from: .client)
        b.respond(.server, processingMs: 0.3)
        b.gre(ppp: LCP.configure(.configureAck, identifier: 2, options: clientOptions), from: .server)
        for identifier in UInt8(2)...6 {
            b.wait(0.2)
            b.gre(ppp: LCP.configure(.configureRequest, identifier: identifier, options: eapOptions), from: .server)
            b.respond(.client, processingMs: 0.4)
            if identifier < 6 {
                b.gre(
                    ppp: LCP.configure(.configureNak, identifier: identifier, options: [.authMSCHAPv2]),
                    from: .client)
                b.respond(.server, processingMs: 0.3)
            } else {
                b.gre(
                    ppp: LCP.configure(.configureReject, identifier: identifier, options: [.authEAP]),
                    from: .client)
            }
        }
        b.respond(.server, processingMs: 0.5)
        b.lcpTerminate(from: .server, identifier: 7, reason: "peer refused to authenticate")
        b.controlTeardown()
        return b.pcap()
    }
}
