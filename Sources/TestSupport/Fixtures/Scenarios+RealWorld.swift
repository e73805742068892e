/// Hand-made reproductions of real-world captures the diagnosis once got wrong (issue 13): the shapes real
/// Windows RRAS, pptpd and capture filters produce, which our own scripted sessions never did.
extension FixtureCatalog {
    static var realWorldScenarios: [FixtureScenario] {
        [midSessionCleanDisconnect, serverPPPDDiesAfterCall, controlOnlyGREFiltered, clientClearsWithoutPPP]
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
        expected: FixtureKit.expect(.success)) {
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

    static let serverPPPDDiesAfterCall = FixtureScenario(
        name: "server-pppd-dies-after-call",
        summary: """
            A Linux pptp client and a pptpd server: control connection and call succeed (OCRP result 1), the \
            client's pppd sends its first LCP Configure-Request in GRE, and the server never sends any GRE: 0.9 s \
            after the call was connected it closes TCP 1723 with a FIN, with no Call-Disconnect-Notify. Its pppd \
            died at start (pptpd logs `GRE: read(fd=…) from PTY failed … usually caused by unexpected termination \
            of pppd`, then `CTRL: EOF or bad error reading ctrl packet length`). Windows shows 619 here.
            """,
        expected: FixtureKit.expect(.failed, .callSetup, [619, 628])) {
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
        expected: FixtureKit.expect(.incomplete, .callSetup)) {
            let b = FixtureKit.builder()
            b.openControlAndCall()
            b.wait(400)
            for _ in 0..<2 {
                b.control(PPTPControl.setLinkInfo(peerCallID: b.profile.clientCallID, sendACCM: 0, receiveACCM: 0),
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
        expected: FixtureKit.expect(.incomplete, .callSetup)) {
            let b = FixtureKit.builder()
            b.openControlAndCall()
            b.wait(200)
            b.controlTeardown()
            return b.pcap()
        }
}
