extension FixtureCatalog {
    static var formatScenarios: [FixtureScenario] {
        [
            twoSessions, midSessionStart, linuxSLL, linuxSLL2, vlanQinQ, pcapngTwoInterfaces, truncatedMidRecord,
            snaplen96, unrelatedTrafficNoPPTP,
        ]
    }

    static let serverMAC = MACAddress(0x52, 0x54, 0x00, 0x12, 0x34, 0x56)
    static let gatewayMAC = MACAddress(0x00, 0x1A, 0x2B, 0x3C, 0x4D, 0x5E)

    static let twoSessions = FixtureScenario(
        name: "two-sessions",
        capturePoint: "server",
        summary: """
            Captured on the pptpd server (203.0.113.10, TTL 64). Client A (198.51.100.77, TTL 114, port 50211, \
            Call IDs 0x4a21/7) runs a complete successful MS-CHAPv2 + MPPE session with data and an orderly \
            teardown. 4.2 s after A started, client B (192.0.2.130, TTL 109, port 61544, Call IDs 0x0c80/8, user \
            CORP\\bob) connects; its MS-CHAPv2 Response is answered by Failure "E=691 R=0 ..." and the server \
            terminates B's link; B clears its call. The two sessions overlap in time and must be kept apart by \
            address, port and Call ID.
            """,
        expected: [
            ExpectedSession(client: "198.51.100.77", outcome: .success),
            ExpectedSession(client: "192.0.2.130", outcome: .failed, stage: .authentication, errorCodes: [691]),
        ]
    ) {
        let server = Endpoint(
            mac: serverMAC, ip: IPv4Address(203, 0, 113, 10), ttl: 64, port: PPTPControl.tcpPort,
            initialSequence: 0x9E07_3300, window: 29_200, initialIPID: 0x0100)
        let clientA = Endpoint(
            mac: gatewayMAC, ip: IPv4Address(198, 51, 100, 77), ttl: 114, port: 50_211,
            initialSequence: 0x0C44_9A10, initialIPID: 0x5120)
        let a = ScenarioBuilder(client: clientA, server: server, capturedAt: .server)
        FixtureKit.successfulSession(a)

        var serverB = server
        serverB.initialSequence = 0x2210_7F00
        serverB.initialIPID = 0x8800
        let clientB = Endpoint(
            mac: gatewayMAC, ip: IPv4Address(192, 0, 2, 130), ttl: 109, port: 61_544,
            initialSequence: 0xB001_0042, initialIPID: 0x0A31)
        let b = ScenarioBuilder(
            client: clientB, server: serverB, capturedAt: .server,
            startNanos: ScenarioBuilder.defaultStartSeconds * 1_000_000_000 + 4_200_000_000)
        b.rttMs = 57
        b.profile.clientCallID = 0x0C80
        b.profile.serverCallID = 8
        b.profile.clientMagic = 0x11E0_77A3
        b.profile.serverMagic = 0x6F3A_0D52
        b.profile.userName = "CORP\\bob"
        b.profile.clientHostName = "LAPTOP-BOB"
        b.profile.seed = 9
        b.openControlAndCall()
        b.negotiateLCP(auth: .msChapV2)
        b.msChapV2Failure(error: 691, retry: false)
        FixtureKit.serverTerminatesAfterAuthFailure(b)
        return PcapWriter.file(ScenarioBuilder.merge([a, b]), linkType: LinkType.ethernet)
    }

    static let midSessionStart = FixtureScenario(
        name: "mid-session-start",
        summary: """
            The capture starts in the middle of an established session: MPPE data in GRE both ways (client GRE \
            sequence from 1841, server from 2290, keys 7 and 0x4a21, ACFC/PFC already in use), then a PPTP \
            Echo-Request from the server answered on a TCP 1723 connection whose handshake is not in the file \
            (sequence numbers mid-stream), an LCP echo answered, more data. The capture stops without any \
            teardown. Neither the beginning nor the end is visible: incomplete, not failed.
            """,
        expected: FixtureKit.expect(.incomplete, .established)
    ) {
        var client = Endpoint.defaultClient
        client.initialSequence = 0x3A1C_2F51
        client.initialIPID = 0x4410
        var server = Endpoint.defaultServer
        server.initialSequence = 0x7F32_6A0C
        server.initialIPID = 0x7A02
        let b = ScenarioBuilder(client: client, server: server)
        b.resumeMidSession(clientGRESequence: 1841, serverGRESequence: 2290)
        b.greConversation(rounds: 10)
        b.waitSeconds(3)
        b.pptpEchoExchange(from: .server, identifier: 17)
        b.wait(300)
        b.lcpEchoExchange(from: .server, identifier: 0x2B)
        b.greConversation(rounds: 6)
        return b.pcap()
    }

    static func linuxCookedScenario(name: String, link: LinkKind, label: String) -> FixtureScenario {
        FixtureScenario(
            name: name,
            summary: """
                A complete successful session (as success-mschapv2, shorter) captured with `tcpdump -i any` on a \
                Linux pptp/pppd client (TTL 64): \(label). The client's packets are marked outgoing, the \
                server's as sent to this host.
                """,
            expected: FixtureKit.expect(.success)
        ) {
            let b = ScenarioBuilder(link: link)
            FixtureKit.makePPPDClient(b)
            FixtureKit.successfulSession(b)
            return b.pcap()
        }
    }

    static let linuxSLL = linuxCookedScenario(
        name: "linux-sll", link: .sll,
        label: "Linux cooked capture v1, link type 113 (16-byte header)")
    static let linuxSLL2 = linuxCookedScenario(
        name: "linux-sll2", link: .sll2,
        label: "Linux cooked capture v2, link type 276 (20-byte header)")

    static let vlanQinQ = FixtureScenario(
        name: "vlan-qinq",
        capturePoint: "client-side network (mirror port on a QinQ trunk)",
        summary: """
            A complete successful MS-CHAPv2 session captured on a provider trunk: every Ethernet frame carries two \
            tags, an 802.1ad service tag (TPID 0x88a8, VLAN 100) then an 802.1Q customer tag (TPID 0x8100, VLAN \
            20), before the IPv4 EtherType. Addresses and TTLs as at the client.
            """,
        expected: FixtureKit.expect(.success)
    ) {
        let b = ScenarioBuilder(link: .ethernetVLAN([.service(100), .customer(20)]))
        FixtureKit.successfulSession(b)
        return b.pcap()
    }

    static let pcapngTwoInterfaces = FixtureScenario(
        name: "pcapng-two-interfaces",
        format: .pcapng,
        summary: """
            pcapng with two interfaces from a Linux pptp/pppd client: interface 0 "eth0" (Ethernet, microsecond \
            time stamps) carries the complete successful MS-CHAPv2 + MPPE session; interface 1 "ppp0" (raw IPv4, \
            link type 228, if_tsresol nanoseconds) carries the decrypted traffic inside the tunnel \
            (192.168.50.10 <-> 192.168.50.1: three DNS queries/answers and pings), each packet next to its \
            encrypted GRE twin on eth0. Only eth0 holds PPTP; ppp0 holds no PPTP session.
            """,
        expected: FixtureKit.expect(.success)
    ) {
        let b = FixtureKit.builder()
        FixtureKit.makePPPDClient(b)
        b.establish()
        b.wait(150)
        let local = b.profile.clientTunnelAddress
        let remote = b.profile.serverTunnelAddress
        let names = ["intranet.corp.example", "mail.corp.example", "files.corp.example"]
        for (index, name) in names.enumerated() {
            let id = UInt16(0x3C00 + index)
            let query = UDPDatagram.build(
                sourcePort: UInt16(40_100 + index), destinationPort: 53,
                payload: ApplicationPayload.dnsQuery(id: id, name: name),
                context: .v4(source: local, destination: remote))
            let queryPacket = IPPacket.v4(
                source: local, destination: remote, protocolNumber: IPProtocol.udp,
                ttl: 64, identification: UInt16(0x1200 + index), dontFragment: false,
                payload: query)
            b.record(frame: queryPacket, interface: 1)
            b.wait(0.05)
            b.greDataPacket(size: queryPacket.count + 4, from: .client)
            b.respond(.server, processingMs: 1.5)
            let answer = UDPDatagram.build(
                sourcePort: 53, destinationPort: UInt16(40_100 + index),
                payload: ApplicationPayload.dnsResponse(id: id, name: name, addresses: [[10, 1, 0, UInt8(10 + index)]]),
                context: .v4(source: remote, destination: local))
            let answerPacket = IPPacket.v4(
                source: remote, destination: local, protocolNumber: IPProtocol.udp,
                ttl: 64, identification: UInt16(0x5400 + index), dontFragment: false,
                payload: answer)
            b.greDataPacket(size: answerPacket.count + 4, from: .server)
            b.wait(0.08)
            b.record(frame: answerPacket, interface: 1)
            b.wait(0.5)
            let ping = IPPacket.v4(
                source: local, destination: remote, protocolNumber: IPProtocol.icmp, ttl: 64,
                identification: UInt16(0x1300 + index), dontFragment: true,
                payload: ICMPv4.echo(
                    reply: false, identifier: 0x0B1E, sequence: UInt16(index + 1),
                    payload: DeterministicBytes.make(56, seed: UInt64(index))))
            b.record(frame: ping, interface: 1)
            b.wait(0.05)
            b.greDataPacket(size: ping.count + 4, from: .client)
            b.respond(.server, processingMs: 0.2)
            let pong = IPPacket.v4(
                source: remote, destination: local, protocolNumber: IPProtocol.icmp, ttl: 64,
                identification: UInt16(0x5500 + index), dontFragment: false,
                payload: ICMPv4.echo(
                    reply: true, identifier: 0x0B1E, sequence: UInt16(index + 1),
                    payload: DeterministicBytes.make(56, seed: UInt64(index))))
            b.greDataPacket(size: pong.count + 4, from: .server)
            b.wait(0.08)
            b.record(frame: pong, interface: 1)
            b.wait(1000)
        }
        b.waitSeconds(2)
        b.lcpEchoExchange(from: .server, identifier: 1)
        b.orderlyTeardown()
        return b.pcapng(
            interfaceName: "eth0",
            extraInterfaces: [
                PcapNGWriter.Interface(
                    linkType: LinkType.ipv4, name: "ppp0",
                    timestampResolution: 9)
            ])
    }

    static let truncatedMidRecord = FixtureScenario(
        name: "truncated-mid-record",
        summary: """
            A complete successful MS-CHAPv2 session (as success-mschapv2, shorter, ending with the TCP close), but \
            the file was cut while the last record was being written: the last record header announces 54 bytes \
            and only half of them are present. Every earlier record is intact; the reader should report the \
            truncation and still analyse the session.
            """,
        expected: FixtureKit.expect(.success, warnings: ["capture file truncated in the middle of the last record"])
    ) {
        let b = FixtureKit.builder()
        FixtureKit.successfulSession(b)
        return CaptureTruncation.cutMidLastRecord(b.pcapWriter())
    }

    static let snaplen96 = FixtureScenario(
        name: "snaplen-96",
        summary: """
            A complete successful MS-CHAPv2 session captured with snaplen 96: every frame longer than 96 bytes is \
            stored with caplen 96 and its original length. PPTP control messages keep only their first 42 bytes \
            (header, SCCRP/OCRP/CDN result codes still visible), GRE packets keep 46 bytes of PPP; MS-CHAPv2 \
            messages and MPPE data are cut. The verdict must come from what is present, never reading past caplen.
            """,
        expected: FixtureKit.expect(.success, warnings: ["packets truncated by snaplen 96"])
    ) {
        let b = FixtureKit.builder()
        FixtureKit.successfulSession(b)
        return b.pcap(snaplen: 96)
    }

    static let unrelatedTrafficNoPPTP = FixtureScenario(
        name: "unrelated-traffic-no-pptp",
        summary: """
            Ordinary traffic of the client 192.168.1.23 and nothing else: DNS over UDP to 192.168.1.1 (A and AAAA \
            for www.example.com, plus one query over IPv6 to 2001:db8:1::1), then an HTTP/1.1 GET to \
            93.184.215.14:80 with its 200 response and the TCP close. No TCP 1723, no GRE: the report should say \
            that the file holds no PPTP session.
            """,
        expected: []
    ) {
        var client = Endpoint.defaultClient
        client.port = 53_211
        let resolver = Endpoint(
            mac: gatewayMAC, ip: IPv4Address(192, 168, 1, 1), ttl: 64, port: 53,
            initialSequence: 0, initialIPID: 0x0C00)
        let dns = ScenarioBuilder(client: client, server: resolver)
        dns.udp(
            ApplicationPayload.dnsQuery(id: 0x1A2B, name: "www.example.com"), from: .client,
            sourcePort: 53_211, destinationPort: 53)
        dns.wait(0.2)
        dns.udp(
            ApplicationPayload.dnsQuery(id: 0x1A2C, name: "www.example.com", type: 28), from: .client,
            sourcePort: 53_212, destinationPort: 53)
        dns.wait(11.8)
        dns.udp(
            ApplicationPayload.dnsResponse(
                id: 0x1A2B, name: "www.example.com",
                addresses: [[93, 184, 215, 14]]),
            from: .server, sourcePort: 53, destinationPort: 53_211)
        dns.wait(1.1)
        dns.udp(
            ApplicationPayload.dnsResponse(
                id: 0x1A2C, name: "www.example.com", type: 28,
                addresses: [
                    IPv6Address(
                        0x2606, 0x2800, 0x21f, 0xcb07, 0x6820,
                        0x80da, 0xaf6b, 0x8b2c
                    ).bytes
                ]),
            from: .server, sourcePort: 53, destinationPort: 53_212)
        dns.wait(2)
        let v6Client = IPv6Address(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0x23)
        let v6Resolver = IPv6Address(0x2001, 0xdb8, 1, 0, 0, 0, 0, 1)
        let v6Query = UDPDatagram.build(
            sourcePort: 53_213, destinationPort: 53,
            payload: ApplicationPayload.dnsQuery(id: 0x1A2D, name: "www.example.com", type: 28),
            context: .v6(source: v6Client, destination: v6Resolver))
        dns.record(
            frame: LinkLayer.ethernet(
                destination: gatewayMAC, source: client.mac, etherType: EtherType.ipv6,
                payload: IPPacket.v6(
                    source: v6Client, destination: v6Resolver,
                    nextHeader: IPProtocol.udp, hopLimit: 128,
                    payload: v6Query)))

        var webClient = Endpoint.defaultClient
        webClient.port = 49_810
        webClient.initialSequence = 0x51C0_0000
        webClient.initialIPID = 0x2A40
        let webServer = Endpoint(
            mac: gatewayMAC, ip: IPv4Address(93, 184, 215, 14), ttl: 56, port: 80,
            initialSequence: 0x0BAD_F00D, window: 65_535, initialIPID: 0x3300)
        let web = ScenarioBuilder(
            client: webClient, server: webServer,
            startNanos: ScenarioBuilder.defaultStartSeconds * 1_000_000_000 + 16_000_000)
        web.rttMs = 18
        web.tcpHandshake()
        web.wait(0.2)
        web.tcpSegment(ApplicationPayload.httpGet(host: "www.example.com"), from: .client)
        web.respond(.server, processingMs: 2)
        web.tcpSegment(
            ApplicationPayload.httpResponse(
                body: "<!doctype html><html><head><title>Example Domain"
                    + "</title></head><body><h1>Example Domain</h1></body></html>\n"), from: .server)
        web.respond(.client, processingMs: 0.3)
        web.ack(from: .client)
        web.wait(60)
        web.closeTCP(initiator: .server)
        return PcapWriter.file(ScenarioBuilder.merge([dns, web]), linkType: LinkType.ethernet)
    }
}
