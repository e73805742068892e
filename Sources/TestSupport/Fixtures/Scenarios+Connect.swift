extension FixtureCatalog {
    static var connectScenarios: [FixtureScenario] {
        [
            tcpSynNoAnswer, tcpRST, sccrpGeneralError, sccrpNotAuthorized, stopCCRQDuringSetup, ocrpBusy,
            ocrpDoNotAccept, cdnDuringSetup,
        ]
    }

    static let tcpSynNoAnswer = FixtureScenario(
        name: "tcp-syn-no-answer",
        summary: """
            The Windows client sends a SYN to 203.0.113.10:1723 and retransmits it after 3 s and again 6 s later \
            (t = 0, 3, 9 s, same initial sequence number, MSS 1460). Nothing comes back: no SYN-ACK, no RST, no \
            ICMP. The server is down or TCP 1723 is filtered on the path.
            """,
        expected: FixtureKit.expect(.failed, .tcpConnect, [800, 678])
    ) {
        let b = FixtureKit.builder()
        b.synOnly()
        b.waitSeconds(3)
        b.synOnly()
        b.waitSeconds(6)
        b.synOnly()
        return b.pcap()
    }

    static let tcpRST = FixtureScenario(
        name: "tcp-rst",
        summary: """
            The client's SYN to port 1723 is answered by RST/ACK (sequence 0, acknowledging the SYN) one RTT later. \
            Windows tries twice more, 0.5 s apart, and gets RST each time. Nothing listens on 1723 (or a firewall \
            resets the connection).
            """,
        expected: FixtureKit.expect(.failed, .tcpConnect, [800, 678])
    ) {
        let b = FixtureKit.builder()
        for attempt in 0..<3 {
            if attempt > 0 { b.wait(500) }
            b.synOnly()
            b.respond(.server, processingMs: 0.1)
            b.rst(from: .server)
        }
        return b.pcap()
    }

    static let sccrpGeneralError = FixtureScenario(
        name: "sccrp-general-error",
        summary: """
            TCP connects; the client sends SCCRQ; the server answers SCCRP with Result Code 2 (general error) and \
            Error Code 4 (no resource), then closes the TCP connection (server FIN first). No call is attempted.
            """,
        expected: FixtureKit.expect(.failed, .controlConnection, [800, 619, 628])
    ) {
        let b = FixtureKit.builder()
        b.tcpHandshake()
        b.wait(0.3)
        b.startControlConnection(result: 2, error: 4)
        b.wait(2)
        b.closeTCP(initiator: .server)
        return b.pcap()
    }

    static let sccrpNotAuthorized = FixtureScenario(
        name: "sccrp-not-authorized",
        format: .pcap(precision: .nanoseconds, byteOrder: .big),
        summary: """
            TCP connects; SCCRQ is answered by SCCRP Result Code 4 (requester not authorized to establish a \
            control channel), Error Code 0. The client closes the connection. The file is a big-endian pcap with \
            nanosecond time stamps.
            """,
        expected: FixtureKit.expect(.failed, .controlConnection, [800, 619])
    ) {
        let b = FixtureKit.builder()
        b.tcpHandshake()
        b.wait(0.3)
        b.startControlConnection(result: 4, error: 0)
        b.respond(.client, processingMs: 2)
        b.closeTCP(initiator: .client)
        return b.pcap(precision: .nanoseconds, byteOrder: .big)
    }

    static let stopCCRQDuringSetup = FixtureScenario(
        name: "stopccrq-during-setup",
        summary: """
            SCCRQ/SCCRP succeed and the client sends OCRQ, but instead of an OCRP the server sends \
            Stop-Control-Connection-Request (reason 3, stop-local-shutdown). The client answers \
            Stop-Control-Connection-Reply result 1 and the server closes TCP. The control connection existed; the \
            call was never set up, so the failure belongs to call setup, caused by the remote side.
            """,
        expected: FixtureKit.expect(.failed, .callSetup, [628, 619])
    ) {
        let b = FixtureKit.builder()
        b.tcpHandshake()
        b.wait(0.3)
        b.startControlConnection()
        b.respond(.client, processingMs: 0.6)
        b.control(PPTPControl.outgoingCallRequest(callID: b.profile.clientCallID, serial: 1), from: .client)
        b.respond(.server, processingMs: 3)
        b.control(PPTPControl.stopControlConnectionRequest(reason: 3), from: .server)
        b.respond(.client, processingMs: 0.5)
        b.control(PPTPControl.stopControlConnectionReply(result: 1), from: .client)
        b.respond(.server, processingMs: 1)
        b.closeTCP(initiator: .server)
        return b.pcap()
    }

    static let ocrpBusy = FixtureScenario(
        name: "ocrp-busy",
        format: .pcap(precision: .microseconds, byteOrder: .big),
        summary: """
            The control connection comes up; OCRQ (Call ID 0x4a21) is answered by OCRP Result Code 4 (busy), \
            Error 0, Cause 0. The client stops the control connection (StopCCRQ reason 1 / StopCCRP result 1) and \
            closes TCP. Big-endian pcap, microsecond time stamps.
            """,
        expected: FixtureKit.expect(.failed, .callSetup, [619, 628])
    ) {
        let b = FixtureKit.builder()
        b.tcpHandshake()
        b.wait(0.3)
        b.startControlConnection()
        b.outgoingCall(result: 4)
        b.stopControlConnection()
        return b.pcap(byteOrder: .big)
    }

    static let ocrpDoNotAccept = FixtureScenario(
        name: "ocrp-do-not-accept",
        format: .pcap(precision: .nanoseconds, byteOrder: .little),
        summary: """
            The control connection comes up; OCRQ is answered by OCRP Result Code 7 (do not accept: the PAC refuses \
            the call, e.g. a per-user or capacity policy). The client stops the control connection and closes TCP. \
            Little-endian pcap with nanosecond time stamps.
            """,
        expected: FixtureKit.expect(.failed, .callSetup, [619, 628])
    ) {
        let b = FixtureKit.builder()
        b.tcpHandshake()
        b.wait(0.3)
        b.startControlConnection()
        b.outgoingCall(result: 7)
        b.stopControlConnection()
        return b.pcap(precision: .nanoseconds)
    }

    static let cdnDuringSetup = FixtureScenario(
        name: "cdn-during-setup",
        summary: """
            SCCRQ/SCCRP and OCRQ/OCRP succeed and the client sends Set-Link-Info, but 15 ms later, before any GRE, \
            the server sends Call-Disconnect-Notify for its call (Call ID 7) with Result Code 2 (general error), \
            Error Code 4 (no resource): pppd could not be started. The client stops the control connection and \
            closes TCP.
            """,
        expected: FixtureKit.expect(.failed, .callSetup, [628, 619])
    ) {
        let b = FixtureKit.builder()
        b.openControlAndCall()
        b.wait(15)
        b.control(
            PPTPControl.callDisconnectNotify(callID: b.profile.serverCallID, result: 2, error: 4),
            from: .server)
        b.stopControlConnection()
        return b.pcap()
    }
}
