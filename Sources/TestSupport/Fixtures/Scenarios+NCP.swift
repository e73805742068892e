extension FixtureCatalog {
    static var ncpScenarios: [FixtureScenario] {
        [ccpMPPERejected, ccpProtocolReject, ipcpRejected, ipcpAddressRejected, ipcpNakLoop]
    }

    /// Control connection, call, LCP (MS-CHAPv2) and a successful authentication.
    static func upToAuthentication(_ b: ScenarioBuilder) {
        b.openControlAndCall()
        b.negotiateLCP(auth: .msChapV2)
        b.authenticate(.msChapV2)
    }

    static let ccpMPPERejected = FixtureScenario(
        name: "ccp-mppe-rejected",
        summary: """
            Everything up to MS-CHAPv2 Success works. The client's CCP Configure-Request (identifier 4) offers \
            only MPPE 128-bit stateless (option 18, 0x01000040); the server (pppd without MPPE support) \
            Configure-Rejects option 18 and starts IPCP. The client, which requires encryption, sends LCP \
            Terminate-Request; the server acks; the client clears the call.
            """,
        expected: FixtureKit.expect(.failed, .encryption, [742])
    ) {
        let b = FixtureKit.builder()
        upToAuthentication(b)
        b.respond(.client, processingMs: 0.5)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ccp, code: .configureRequest, identifier: 4,
                options: ScenarioBuilder.mppe128), from: .client)
        b.respond(.server, processingMs: 0.4)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ccp, code: .configureReject, identifier: 4,
                options: ScenarioBuilder.mppe128), from: .server)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureRequest, identifier: 1,
                options: [.ipAddress(b.profile.serverTunnelAddress)]), from: .server)
        b.respond(.client, processingMs: 2)
        b.lcpTerminate(from: .client, identifier: 5, reason: "")
        b.controlTeardown()
        return b.pcap()
    }

    static let ccpProtocolReject = FixtureScenario(
        name: "ccp-protocol-reject",
        summary: """
            Everything up to MS-CHAPv2 Success works. The client sends CCP Configure-Request (MPPE 128-bit); the \
            server answers with an LCP Protocol-Reject of protocol 0x80FD carrying the rejected CCP packet (its pppd \
            has no CCP at all). No encryption can be agreed: the client sends LCP Terminate-Request, the server \
            acks, the client clears the call.
            """,
        expected: FixtureKit.expect(.failed, .encryption, [742])
    ) {
        let b = FixtureKit.builder()
        upToAuthentication(b)
        b.respond(.client, processingMs: 0.5)
        let ccpRequest = PPPControl.packet(code: 1, identifier: 4, data: ScenarioBuilder.mppe128.flatMap(\.encoded))
        b.gre(ppp: PPPFrame.build(protocolNumber: PPPProtocol.ccp, ccpRequest), from: .client)
        b.respond(.server, processingMs: 0.3)
        b.gre(
            ppp: LCP.protocolReject(
                identifier: 5, rejectedProtocol: PPPProtocol.ccp,
                rejectedInformation: ccpRequest), from: .server)
        b.respond(.client, processingMs: 1)
        b.lcpTerminate(from: .client, identifier: 6, reason: "")
        b.controlTeardown()
        return b.pcap()
    }

    static let ipcpRejected = FixtureScenario(
        name: "ipcp-rejected",
        summary: """
            Authentication (MS-CHAPv2) and CCP (MPPE 128-bit, acked both ways) succeed. The client's IPCP \
            Configure-Request is answered by an LCP Protocol-Reject of protocol 0x8021 (IPCP) carrying the request; \
            no network protocol can be configured. The client sends LCP Terminate-Request, the server acks, the \
            client clears the call.
            """,
        expected: FixtureKit.expect(.failed, .networkConfig, [733, 720])
    ) {
        let b = FixtureKit.builder()
        upToAuthentication(b)
        b.negotiateCCP()
        b.respond(.client, processingMs: 0.5)
        let ipcpRequest = PPPControl.packet(
            code: 1, identifier: 5,
            data: b.clientIPCPInitialOptions.flatMap(\.encoded))
        b.gre(ppp: PPPFrame.build(protocolNumber: PPPProtocol.ipcp, ipcpRequest), from: .client)
        b.respond(.server, processingMs: 0.3)
        b.gre(
            ppp: LCP.protocolReject(
                identifier: 5, rejectedProtocol: PPPProtocol.ipcp,
                rejectedInformation: ipcpRequest), from: .server)
        b.respond(.client, processingMs: 1)
        b.lcpTerminate(from: .client, identifier: 6, reason: "")
        b.controlTeardown()
        return b.pcap()
    }

    static let ipcpAddressRejected = FixtureScenario(
        name: "ipcp-address-rejected",
        summary: """
            Authentication and CCP succeed. The server requests its address 192.168.50.1 (the client acks). The \
            client, configured with a static address, requests IP-Address 10.20.30.40; the server Configure-Naks \
            it proposing 192.168.50.10 instead. The client cannot accept another address: it sends LCP \
            Terminate-Request, the server acks, the client clears the call.
            """,
        expected: FixtureKit.expect(.failed, .networkConfig, [735])
    ) {
        let b = FixtureKit.builder()
        upToAuthentication(b)
        b.negotiateCCP()
        let serverOptions: [PPPOption] = [.ipAddress(b.profile.serverTunnelAddress)]
        b.respond(.server, processingMs: 0.5)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureRequest, identifier: 1,
                options: serverOptions), from: .server)
        b.wait(0.1)
        let staticRequest: [PPPOption] = [
            .ipAddress(IPv4Address(10, 20, 30, 40)), .primaryDNS(.any),
            .secondaryDNS(.any),
        ]
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureRequest, identifier: 5,
                options: staticRequest), from: .client)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureAck, identifier: 1,
                options: serverOptions), from: .client)
        b.respond(.server, processingMs: 0.3)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureNak, identifier: 5,
                options: [
                    .ipAddress(b.profile.clientTunnelAddress),
                    .primaryDNS(b.profile.primaryDNS),
                    .secondaryDNS(b.profile.secondaryDNS),
                ]), from: .server)
        b.respond(.client, processingMs: 2)
        b.lcpTerminate(from: .client, identifier: 6, reason: "")
        b.controlTeardown()
        return b.pcap()
    }

    static let ipcpNakLoop = FixtureScenario(
        name: "ipcp-nak-loop",
        summary: """
            Authentication and CCP succeed. The server requests its own address (acked). The client asks for \
            IP-Address 0.0.0.0; the server, whose address pool is exhausted, Configure-Naks with 0.0.0.0 again, \
            five rounds (identifiers 5 to 9), then sends IPCP Terminate-Request "No IP address available"; the \
            client acks it and, with no network protocol left, sends LCP Terminate-Request (acked) and clears the \
            call.
            """,
        expected: FixtureKit.expect(.failed, .networkConfig, [736, 738, 720])
    ) {
        let b = FixtureKit.builder()
        upToAuthentication(b)
        b.negotiateCCP()
        let serverOptions: [PPPOption] = [.ipAddress(b.profile.serverTunnelAddress)]
        b.respond(.server, processingMs: 0.5)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureRequest, identifier: 1,
                options: serverOptions), from: .server)
        b.wait(0.1)
        b.gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureAck, identifier: 1,
                options: serverOptions), from: .client)
        let ask: [PPPOption] = [.ipAddress(.any), .primaryDNS(.any), .secondaryDNS(.any)]
        for identifier in UInt8(5)...9 {
            b.wait(0.2)
            b.gre(
                ppp: PPPControl.configure(
                    protocolNumber: PPPProtocol.ipcp, code: .configureRequest,
                    identifier: identifier, options: ask), from: .client)
            b.respond(.server, processingMs: 0.3)
            b.gre(
                ppp: PPPControl.configure(
                    protocolNumber: PPPProtocol.ipcp, code: .configureNak,
                    identifier: identifier, options: [.ipAddress(.any)]), from: .server)
            b.respond(.client, processingMs: 0.2)
        }
        b.gre(
            ppp: PPPControl.frame(
                protocolNumber: PPPProtocol.ipcp, code: .terminateRequest, identifier: 2,
                data: Array("No IP address available".utf8)), from: .server)
        b.respond(.client, processingMs: 0.3)
        b.gre(
            ppp: PPPControl.frame(protocolNumber: PPPProtocol.ipcp, code: .terminateAck, identifier: 2),
            from: .client)
        b.wait(3)
        b.lcpTerminate(from: .client, identifier: 6, reason: "")
        b.controlTeardown()
        return b.pcap()
    }
}
