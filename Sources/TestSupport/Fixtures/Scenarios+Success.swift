extension FixtureCatalog {
    static var successScenarios: [FixtureScenario] {
        [
            successMSCHAPv2, successPAP, lcpRetransmitThenSuccess, fragNeededWarningOnly, wanErrorNotify,
            controlSplitMerged, mppe40Stateful, serverAcceptsCHAPMD5,
        ]
    }

    static let successMSCHAPv2 = FixtureScenario(
        name: "success-mschapv2",
        summary: """
            A Windows client (192.168.1.23, TTL 128) connects to a pptpd server (203.0.113.10, TTL 52): TCP \
            handshake on 1723, SCCRQ/SCCRP result 1, OCRQ (Call ID 0x4a21) / OCRP result 1 (Call ID 7), \
            Set-Link-Info. LCP both ways (the server rejects the client's Callback option, the client requests \
            again; the server asks MS-CHAPv2, 0xC223/0x81; both Ack; ACFC/PFC agreed, later PPP frames are \
            compressed), LCP Identification, MS-CHAPv2 challenge/response/success (S=... M=Access granted), CCP \
            with MPPE 128-bit stateless (option 18) acked both ways, IPCP (server address acked; client asks \
            0.0.0.0 with DNS/NBNS, NBNS rejected, address 192.168.50.10 and DNS Nak'ed, then acked) and an IPV6CP \
            request the server Protocol-Rejects (harmless). About a minute of MPPE data (protocol 0x00FD) both \
            ways with GRE acks, LCP echoes from the server answered, one PPTP Echo answered. The user \
            disconnects: LCP Terminate-Request/Ack, CCRQ, CDN result 4, StopCCRQ/StopCCRP, FIN both ways.
            """,
        expected: FixtureKit.expect(.success)
    ) {
        let b = FixtureKit.builder()
        FixtureKit.successfulSession(b, long: true)
        return b.pcap()
    }

    static let successPAP = FixtureScenario(
        name: "success-pap",
        summary: """
            Same path as success-mschapv2 but the server asks PAP (LCP option 3 = 0xC023): the client sends \
            Authenticate-Request (user CORP\\alice, password in clear), the server Acks "Login ok". No CCP (no \
            MPPE without MS-CHAP keys): IPCP assigns 192.168.50.10 and unencrypted IPv4 (PPP protocol 0x0021, \
            ICMP echoes inside) flows both ways, LCP echo answered, orderly teardown.
            """,
        expected: FixtureKit.expect(
            .success,
            warnings: [
                "PAP sends the password in clear",
                "no encryption (no CCP/MPPE)",
            ])
    ) {
        let b = FixtureKit.builder()
        FixtureKit.successfulSession(b, auth: .pap)
        return b.pcap()
    }

    static let mppe40Stateful = FixtureScenario(
        name: "mppe-40-stateful",
        summary: """
            A working MS-CHAPv2 session whose CCP agrees on MPPE with a 40-bit key in stateful mode (option 18 with \
            only the L bit: no S for 128 bits, no H for stateless), as an old client or a server with `mppe-40` and \
            `mppe-stateful` ends up with. Data flows, the user disconnects in order. A success, with two security \
            findings after the verdict: an export-grade key and stateful MPPE.
            """,
        expected: FixtureKit.expect(.success)
    ) {
        let b = FixtureKit.builder()
        b.establish(auth: .msChapV2, mppe: [.mppe(MPPEBits.bits40)])
        b.wait(200)
        b.greConversation(rounds: 4)
        b.orderlyTeardown()
        return b.pcap()
    }

    static let serverAcceptsCHAPMD5 = FixtureScenario(
        name: "server-accepts-chap-md5-downgrade",
        summary: """
            The server asks for MS-CHAPv2; the client (configured for CHAP only) answers with a Configure-Nak \
            proposing CHAP-MD5, and the server asks again with CHAP-MD5, which the client acks. CHAP-MD5 succeeds; \
            without MS-CHAP keys there is no MPPE, so IPv4 flows unencrypted; orderly teardown. A success, with \
            security findings after the verdict: the downgrade, the weak method and the unencrypted data.
            """,
        expected: FixtureKit.expect(.success)
    ) {
        let b = FixtureKit.builder()
        b.openControlAndCall()
        b.wait(1.2)
        let clientOptions = b.clientLCPOptions(callback: false)
        b.gre(ppp: LCP.configure(.configureRequest, identifier: 1, options: clientOptions), from: .client)
        b.wait(40)
        let asked = b.serverLCPOptions(auth: .msChapV2)
        b.gre(ppp: LCP.configure(.configureRequest, identifier: 1, options: asked), from: .server)
        b.gre(ppp: LCP.configure(.configureAck, identifier: 1, options: clientOptions), from: .server)
        b.wait(0.4)
        b.gre(ppp: LCP.configure(.configureNak, identifier: 1, options: [AuthMethod.chapMD5.lcpOption]), from: .client)
        b.wait(40)
        let settled = b.serverLCPOptions(auth: .chapMD5)
        b.gre(ppp: LCP.configure(.configureRequest, identifier: 2, options: settled), from: .server)
        b.wait(0.4)
        b.gre(ppp: LCP.configure(.configureAck, identifier: 2, options: settled), from: .client)
        b.authenticate(.chapMD5)
        b.negotiateIPCP()
        b.wait(200)
        b.greConversation(rounds: 4, kind: b.dataKind(for: .chapMD5))
        b.orderlyTeardown()
        return b.pcap()
    }

    static let lcpRetransmitThenSuccess = FixtureScenario(
        name: "lcp-retransmit-then-success",
        summary: """
            Control connection and call succeed; the client's first LCP Configure-Request (identifier 1) is sent \
            three times, 3 s apart, before the server's pppd starts answering (the PAC waits for the PNS). From \
            then on the session is the normal MS-CHAPv2 + MPPE session with data and an orderly teardown. The \
            retransmissions deserve at most a warning.
            """,
        expected: FixtureKit.expect(.success, warnings: ["LCP Configure-Request retransmitted twice before the peer answered"])
    ) {
        let b = FixtureKit.builder()
        b.establish(auth: .msChapV2, lcpRetransmits: 2)
        b.wait(200)
        b.greConversation(rounds: 6)
        b.orderlyTeardown()
        return b.pcap()
    }

    static let fragNeededWarningOnly = FixtureScenario(
        name: "frag-needed-warning-only",
        summary: """
            Established MS-CHAPv2 + MPPE session. The client sends one 1500-byte GRE packet with DF set; a router \
            (198.51.100.1) answers ICMP 3/4 fragmentation needed, next-hop MTU 1400, quoting that GRE packet. The \
            client's following packets fit (at most 1400 bytes), data keeps flowing both ways, LCP echo answered, \
            orderly teardown. A warning about the path MTU, not a failure.
            """,
        expected: FixtureKit.expect(.success, warnings: ["ICMP fragmentation needed (MTU 1400) quoting the tunnel's GRE"])
    ) {
        let b = FixtureKit.builder()
        b.establish()
        b.wait(200)
        b.greConversation(rounds: 4)
        b.wait(15)
        let big = b.greDataPacket(size: 1460, from: .client)
        b.wait(9.5)
        b.icmpFragNeeded(mtu: 1400, quoting: big)
        b.wait(30)
        b.greConversation(rounds: 6, clientSize: 1360, serverSize: 900)
        b.waitSeconds(3)
        b.lcpEchoExchange(from: .server, identifier: 1)
        b.greConversation(rounds: 3)
        b.orderlyTeardown()
        return b.pcap()
    }

    static let wanErrorNotify = FixtureScenario(
        name: "wan-error-notify",
        summary: """
            Established MS-CHAPv2 + MPPE session with data. The server sends a WAN-Error-Notify (peer Call ID \
            0x4a21; CRC 0, framing 2, hardware overruns 0, buffer overruns 1, timeout 3, alignment 0) on the \
            control connection; data keeps flowing, LCP echo answered, the user disconnects in order. The \
            notification is informational: success with a warning.
            """,
        expected: FixtureKit.expect(.success, warnings: ["WAN-Error-Notify reported framing/buffer/timeout errors"])
    ) {
        let b = FixtureKit.builder()
        b.establish()
        b.wait(200)
        b.greConversation(rounds: 5)
        b.waitSeconds(2)
        b.control(
            PPTPControl.wanErrorNotify(
                peerCallID: b.clientCallID ?? b.profile.clientCallID, crcErrors: 0,
                framingErrors: 2, hardwareOverruns: 0, bufferOverruns: 1,
                timeoutErrors: 3, alignmentErrors: 0), from: .server)
        b.respond(.client, processingMs: 120)
        b.ack(from: .client)
        b.wait(300)
        b.greConversation(rounds: 5)
        b.waitSeconds(2)
        b.lcpEchoExchange(from: .server, identifier: 1)
        b.orderlyTeardown()
        return b.pcap()
    }

    static let controlSplitMerged = FixtureScenario(
        name: "control-split-merged",
        summary: """
            A successful MS-CHAPv2 session whose control channel is awkward on the wire: the SCCRQ is split over \
            two TCP segments (60 + 96 bytes); the OCRQ is retransmitted after 300 ms (same sequence number); the \
            server's OCRP and its Set-Link-Info travel in two segments that arrive out of order (the SLI segment \
            is captured first); the client's Set-Link-Info and a PPTP Echo-Request share one segment; the server \
            answers the echo. PPP then proceeds normally, data flows, orderly teardown. A reassembler that frames \
            by the Length field and orders by sequence number reads every message exactly once.
            """,
        expected: FixtureKit.expect(.success)
    ) {
        let b = FixtureKit.builder()
        let p = b.profile
        b.tcpHandshake()
        b.wait(0.3)
        b.control(
            PPTPControl.startControlConnectionRequest(hostName: p.clientHostName, vendor: p.clientVendor),
            from: .client, splitAt: 60)
        b.respond(.server, processingMs: 1.5)
        b.control(
            PPTPControl.startControlConnectionReply(hostName: p.serverHostName, vendor: p.serverVendor),
            from: .server)
        b.respond(.client, processingMs: 0.6)
        b.control(PPTPControl.outgoingCallRequest(callID: p.clientCallID, serial: p.callSerial), from: .client)
        b.wait(300)
        b.retransmitLastSegment(from: .client)
        b.respond(.server, processingMs: 2)
        b.controlOutOfOrder(
            [
                PPTPControl.outgoingCallReply(callID: p.serverCallID, peerCallID: p.clientCallID),
                PPTPControl.setLinkInfo(peerCallID: p.clientCallID),
            ], from: .server, gapMs: 0.4)
        b.respond(.client, processingMs: 0.5)
        b.controlMerged(
            [
                PPTPControl.setLinkInfo(peerCallID: p.serverCallID),
                PPTPControl.echoRequest(identifier: 1),
            ], from: .client)
        b.respond(.server, processingMs: 0.3)
        b.control(PPTPControl.echoReply(identifier: 1), from: .server)
        b.negotiateLCP(auth: .msChapV2)
        b.authenticate(.msChapV2)
        b.negotiateCCP()
        b.negotiateIPCP()
        b.wait(200)
        b.greConversation(rounds: 5)
        b.orderlyTeardown()
        return b.pcap()
    }
}
