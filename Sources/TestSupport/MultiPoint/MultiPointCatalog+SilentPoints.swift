/// Scenarios with a capture point that holds none of the session: one that recorded other traffic all along (its
/// silence ends the loss segment there; its clock is set on the traffic it shares), and one that started
/// capturing too late to say anything.
extension MultiPointCatalog {
    static let dnsServer = IPv4Address(198, 51, 100, 53)

    /// A DNS query of the client host's and its answer: the everyday traffic every point of the path shares.
    static func dnsExchange(_ b: ScenarioBuilder, _ n: Int) {
        let name = Array("host\(n).example.net".utf8)
        let query: [UInt8] = [UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF), 1, 0, 0, 1, 0, 0, 0, 0, 0, 0] + name
        let port = UInt16(40_000 + n % 20_000)
        let out = UDPDatagram.build(
            sourcePort: port, destinationPort: 53, payload: query,
            context: .v4(source: b.client.ip, destination: dnsServer))
        b.record(
            frame: b.linkFrame(
                IPPacket.v4(
                    source: b.client.ip, destination: dnsServer,
                    protocolNumber: IPProtocol.udp, ttl: b.client.ttl,
                    identification: b.nextIPID(.client), dontFragment: false, payload: out),
                from: .client))
        b.wait(b.rttMs)
        let answer = query + [192, 0, 2, UInt8(n & 0xFF)]
        let back = UDPDatagram.build(
            sourcePort: 53, destinationPort: port, payload: answer,
            context: .v4(source: dnsServer, destination: b.client.ip))
        b.recordForeign(
            ipPacket: IPPacket.v4(
                source: dnsServer, destination: b.client.ip,
                protocolNumber: IPProtocol.udp, ttl: 52,
                identification: UInt16(truncatingIfNeeded: 0x5000 + n),
                dontFragment: false, payload: back),
            towards: .client)
    }

    /// `count` DNS exchanges, `everySeconds` apart, numbered from `first`.
    static func dnsTraffic(_ b: ScenarioBuilder, first: Int, count: Int, everySeconds: Double) {
        for n in first..<(first + count) {
            dnsExchange(b, n)
            b.waitSeconds(everySeconds)
        }
    }

    /// DNS before, then the control connection and call; the client's LCP Configure-Requests (six, 3 s apart,
    /// DNS in between) get no answer — the server's pppd runs `silent`, waiting for the peer — and the client
    /// clears the call; DNS after.
    static func greThatNeverArrives() -> ScenarioBuilder {
        let b = ScenarioBuilder()
        dnsTraffic(b, first: 1, count: 3, everySeconds: 2)
        b.openControlAndCall()
        b.wait(1.2)
        let request = LCP.configure(.configureRequest, identifier: 1, options: b.clientLCPOptions(callback: false))
        for attempt in 0..<6 {
            if attempt > 0 { b.waitSeconds(1.5) }
            b.gre(ppp: request, from: .client, delivered: false)
            b.waitSeconds(1.5)
            dnsExchange(b, 10 + attempt)
        }
        b.waitSeconds(1)
        b.controlTeardown()
        b.waitSeconds(1)
        dnsTraffic(b, first: 20, count: 3, everySeconds: 2)
        return b
    }

    /// Each point's capture as pcap bytes, in `points` order, after that point's capture filter (what its
    /// `tcpdump` expression would have kept) and with `extra` frames only it recorded.
    static func render(
        _ b: ScenarioBuilder, _ path: NetworkPath, points: [MultiPointScenario.Point],
        keep: [String: @Sendable ([UInt8]) -> Bool], extra: [String: [CapturedFrame]] = [:]
    ) -> [[UInt8]] {
        let captures = PathSimulator(path: path, clientAddress: b.client.ip).captures(of: b.frames)
        return points.map { point in
            var frames = (captures[point.name] ?? []).filter { keep[point.name]?($0.bytes) ?? true }
            frames += extra[point.name] ?? []
            frames.sort { $0.timestampNanos < $1.timestampNanos }
            var writer = PcapWriter(
                linkType: LinkType.ethernet, snaplen: 262_144, precision: .microseconds,
                byteOrder: .little)
            for frame in frames { writer.add(frame.bytes, timestampNanos: frame.timestampNanos) }
            return writer.bytes
        }
    }

    /// `not tcp port 1723` on an Ethernet frame carrying IPv4 (a GRE-and-the-rest capture at a firewall).
    static let notControl: @Sendable ([UInt8]) -> Bool = { f in
        guard f.count >= 38, f[23] == IPProtocol.tcp else { return true }
        let h = 14 + Int(f[14] & 0x0F) * 4
        guard f.count >= h + 4 else { return true }
        let ports = [UInt16(f[h]) << 8 | UInt16(f[h + 1]), UInt16(f[h + 2]) << 8 | UInt16(f[h + 3])]
        return !ports.contains(1723)
    }

    /// `host 203.0.113.10` (the server's own capture).
    static let serverOnly: @Sendable ([UInt8]) -> Bool = { f in
        f.count >= 34 && (f[26...29].elementsEqual([203, 0, 113, 10]) || f[30...33].elementsEqual([203, 0, 113, 10]))
    }

    // MARK: - GRE lost before a point that captured everything else

    static let silentBetweenPoints = [
        point("A", "A-client.pcap", clientHost, role: "client-side"),
        point(
            "B", "B-firewall.pcap",
            "the firewall's outside port, captured with `not tcp port 1723`, its clock "
                + "1.75 s ahead", role: "between", clockOffsetMs: 1750, holdsSession: false),
        point(
            "C", "C-server.pcap", "the pptpd server, captured with `host 203.0.113.10`, its clock 0.6 s behind",
            role: "server-side", clockOffsetMs: -600),
    ]

    public static let greLostBeforeSilentPoint = MultiPointScenario(
        name: "gre-lost-before-silent-point",
        summary: """
            Captured at the client (A), at a firewall's outside port (B, `not tcp port 1723`) and at the server \
            (C, `host 203.0.113.10`). The control connection and the call pass from A to C; the client's GRE dies \
            one router hop from the client. B recorded the client host's DNS traffic from before the session to \
            after it and none of the session's GRE: the segment ends at B, not at C. B's clock, 1.75 s ahead, is \
            set on the DNS packets it shares with A (both directions).
            """,
        points: silentBetweenPoints,
        expected: ExpectedSession(client: "192.168.1.23", outcome: .failed, stage: .gre, errorCodes: [806, 721]),
        losses: [.init(flow: "gre client→server", after: "A", before: "B")],
        pathFindings: ["path.gre-filtered", "path.point-silent"]
    ) {
        render(
            greThatNeverArrives(),
            NetworkPath([
                .point("A"), .routers(hops: 1, delayMs: 0.4), .filter(.gre(from: [.client])),
                .routers(hops: 5, delayMs: 8), .point("B", clockOffsetMs: 1750), .routers(hops: 6, delayMs: 12.6),
                .point("C", clockOffsetMs: -600),
            ]), points: silentBetweenPoints, keep: ["B": notControl, "C": serverOnly])
    }

    // MARK: - A silent point whose clock is far off, set on the traffic it shares

    static let skewedPoints = [
        point("A", "A-client.pcap", clientHost, role: "client-side"),
        point(
            "B", "B-isp-edge.pcap",
            "the ISP's edge router, captured with `not tcp port 1723`, its clock 95 s "
                + "behind (longer than the whole capture)", role: "server-side", clockOffsetMs: -95_000,
            holdsSession: false),
    ]

    public static let silentPointSkewedClock = MultiPointScenario(
        name: "silent-point-skewed-clock",
        summary: """
            Captured at the client (A) and at the ISP's edge (B, `not tcp port 1723`), whose clock runs 95 s \
            behind: taken as right, its capture would seem to end before the session began. Aligned on the DNS \
            packets both recorded, it covers the session, holds none of its GRE, and so ends the GRE's loss \
            segment; TCP 1723 went past B unrecorded (the server answered), so B says nothing about it.
            """,
        points: skewedPoints,
        expected: ExpectedSession(client: "192.168.1.23", outcome: .failed, stage: .gre, errorCodes: [806, 721]),
        losses: [.init(flow: "gre client→server", after: "A", before: "B")],
        pathFindings: ["path.point-silent"]
    ) {
        render(
            greThatNeverArrives(),
            NetworkPath([
                .point("A"), .routers(hops: 1, delayMs: 0.4), .filter(.gre(from: [.client])),
                .routers(hops: 11, delayMs: 20.6), .point("B", clockOffsetMs: -95_000),
            ]), points: skewedPoints, keep: ["B": notControl])
    }

    // MARK: - A point that started capturing after the session began

    static let lateStartPoints = [
        point("A", "A-client.pcap", clientHost, role: "client-side"),
        point(
            "B", "B-server-lan.pcap",
            "the server's LAN, a capture started 12 s after the client connected that "
                + "recorded only other hosts' DNS", role: "server-side", clockOffsetMs: 0, holdsSession: false,
            clockMethod: "capture-window"),
    ]

    public static let silentPointWindowMissesSession = MultiPointScenario(
        name: "silent-point-window-misses-session",
        summary: """
            Captured at the client (A) and on the server's LAN (B). B holds none of the session, but its capture \
            started 12 s after the client connected and it shares no packet with A: it is no evidence of where \
            the session's GRE went, and the report says so instead of ending the loss segment there.
            """,
        points: lateStartPoints,
        expected: ExpectedSession(client: "192.168.1.23", outcome: .failed, stage: .gre, errorCodes: [806, 721]),
        pathFindings: ["path.point-not-capturing"]
    ) {
        let b = greThatNeverArrives()
        let start = b.frames.first { notDNS($0.bytes) }?.timestampNanos ?? 0
        // Other hosts' DNS on the server's LAN, every 2 s from 12 s after the client's SYN until 40 s later.
        var lan: [CapturedFrame] = []
        for k in 0..<20 {
            let query = UDPDatagram.build(
                sourcePort: UInt16(50_000 + k), destinationPort: 53,
                payload: [0, UInt8(k), 1, 0, 0, 1, 0, 0, 0, 0, 0, 0],
                context: .v4(source: IPv4Address(203, 0, 113, 20), destination: dnsServer))
            let ip = IPPacket.v4(
                source: IPv4Address(203, 0, 113, 20), destination: dnsServer,
                protocolNumber: IPProtocol.udp, identification: UInt16(0x7000 + k),
                dontFragment: false, payload: query)
            lan.append(
                CapturedFrame(
                    timestampNanos: start + 12_000_000_000 + UInt64(k) * 2_000_000_000,
                    bytes: LinkLayer.ethernet(
                        destination: Endpoint.defaultServer.mac,
                        source: Endpoint.defaultClient.mac,
                        etherType: EtherType.ipv4, payload: ip)))
        }
        return render(
            b,
            NetworkPath([
                .point("A"), .routers(hops: 1, delayMs: 0.4), .filter(.gre(from: [.client])),
                .routers(hops: 11, delayMs: 20.6), .point("B"),
            ]), points: lateStartPoints, keep: ["B": { _ in false }], extra: ["B": lan])
    }

    /// Not a UDP packet (the scripts' DNS is all UDP).
    static func notDNS(_ f: [UInt8]) -> Bool { !(f.count > 23 && f[23] == IPProtocol.udp) }
}
