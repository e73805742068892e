/// Every multi-point scenario, in the order `make-fixtures` writes them (Fixtures/multipoint/<name>/).
///
/// The path of each: a Windows client at 192.168.1.23 (TTL 128), the pptpd server at 203.0.113.10 (TTL 64),
/// 12 router hops and 21 ms one-way between them (the single-point fixtures see the server at TTL 52 from the
/// client for the same reason).
public enum MultiPointCatalog {
    public static var all: [MultiPointScenario] {
        [
            greFilteredBetween, natThreePoints, icmpFilteredBetween, natWithoutPPTPHelper, greLostBeforeSilentPoint,
            silentPointSkewedClock, silentPointWindowMissesSession, synAckDroppedOnReturn,
            connectionBlockedBeforeRouter, lossyWiFiAndMirrorDrops, icmpOriginBetween,
        ]
    }

    public static func named(_ name: String) -> MultiPointScenario? { all.first { $0.name == name } }

    static let clientHost = "the client host"

    static func point(
        _ name: String, _ file: String, _ description: String, role: String,
        clockOffsetMs: Double = 0, holdsSession: Bool = true,
        clockMethod: String? = nil, delayInClockOffsetMs: Double = 0
    ) -> MultiPointScenario.Point {
        .init(
            name: name, fileName: file, description: description, role: role, clockOffsetMs: clockOffsetMs,
            holdsSession: holdsSession, clockMethod: clockMethod, delayInClockOffsetMs: delayInClockOffsetMs)
    }

    static func render(_ b: ScenarioBuilder, _ path: NetworkPath, points: [MultiPointScenario.Point]) -> [[UInt8]] {
        let files = pcapFiles(b, path)
        return points.map { files[$0.name] ?? [] }
    }

    /// Each point's capture of the builder's script walked along `path`, as pcap file bytes, by point name.
    public static func pcapFiles(_ b: ScenarioBuilder, _ path: NetworkPath) -> [String: [UInt8]] {
        let captures = PathSimulator(path: path, clientAddress: b.client.ip).captures(of: b.frames)
        return captures.mapValues { frames in
            var writer = PcapWriter(
                linkType: LinkType.ethernet, snaplen: 262_144, precision: .microseconds,
                byteOrder: .little)
            for frame in frames { writer.add(frame.bytes, timestampNanos: frame.timestampNanos) }
            return writer.bytes
        }
    }

    // MARK: - GRE filtered between the client and the server

    static let greFilteredPoints = [
        point("A", "A-client.pcap", clientHost, role: "client-side"),
        point(
            "B", "B-server.pcap", "the pptpd server's segment, its clock 3.2175 s ahead", role: "server-side",
            clockOffsetMs: 3217.5),
    ]

    public static let greFilteredBetween = MultiPointScenario(
        name: "gre-filtered-between",
        summary: """
            Captured at the client (A) and at the server (B) at the same time. TCP 1723, SCCRQ/SCCRP, OCRQ/OCRP and \
            Set-Link-Info pass; then both ends start LCP in GRE and every GRE packet dies one router hop from the \
            client (a firewall or NAT without PPTP passthrough): A sees only the client's ten Configure-Requests, B \
            only the server's. The client gives up after 30 s and clears the call. A single capture can only say \
            "nothing came back"; the two together say where it was lost, and that TCP between the same points \
            passed, so protocol 47 is filtered.
            """,
        points: greFilteredPoints,
        expected: ExpectedSession(client: "192.168.1.23", outcome: .failed, stage: .gre, errorCodes: [806, 721]),
        losses: [
            .init(flow: "gre client→server", after: "A", before: "B"),
            .init(flow: "gre server→client", after: "B", before: "A"),
        ],
        pathFindings: ["path.gre-filtered"]
    ) {
        let b = lcpThatNeverMeets(serverRejectsCallback: false)
        return render(
            b,
            NetworkPath([
                .point("A"), .routers(hops: 1, delayMs: 0.4), .filter(.gre()), .routers(hops: 11, delayMs: 20.6),
                .point("B", clockOffsetMs: 3217.5),
            ]), points: greFilteredPoints)
    }

    static let rttAndProcessing = 43.0

    /// Control connection and call set up, then both ends send LCP Configure-Requests (the server also rejecting
    /// the client's Callback option when asked) ten times, 3 s apart, as if none arrived; the client gives up and
    /// clears the call. Which of them a point sees is the path's business.
    static func lcpThatNeverMeets(serverRejectsCallback: Bool) -> ScenarioBuilder {
        let b = ScenarioBuilder()
        b.openControlAndCall()
        b.wait(1.2)
        let clientRequest = LCP.configure(.configureRequest, identifier: 1, options: b.clientLCPOptions(callback: true))
        let serverRequest = LCP.configure(.configureRequest, identifier: 1, options: b.serverLCPOptions(auth: .msChapV2))
        for attempt in 0..<10 {
            if attempt > 0 { b.waitSeconds(3) }
            b.gre(ppp: clientRequest, from: .client, delivered: false)
            b.wait(rttAndProcessing)
            if serverRejectsCallback {
                b.gre(
                    ppp: LCP.configure(.configureReject, identifier: 1, options: [.callback()]), from: .server,
                    delivered: false)
            }
            b.gre(ppp: serverRequest, from: .server, delivered: false)
        }
        b.waitSeconds(3)
        b.controlTeardown()
        return b
    }

    // MARK: - Three points, a NAT with a PPTP helper, MSS clamping, fragmentation

    static let natPoints = [
        point("A", "A-client.pcap", clientHost, role: "client-side"),
        point(
            "B", "B-nat-wan.pcap", "the NAT router's WAN port, its clock 0.85025 s behind", role: "between",
            clockOffsetMs: -850.25),
        point(
            "C", "C-server.pcap", "the pptpd server's segment, its clock 2.400125 s ahead", role: "server-side",
            clockOffsetMs: 2400.125),
    ]

    public static let natThreePoints = MultiPointScenario(
        name: "nat-three-points",
        summary: """
            A successful session captured at the client (A), on the WAN side of its NAT router (B) and at the \
            server (C), three clocks all set differently. The router translates 192.168.1.23:49723 to \
            198.51.100.7:1045, its PPTP helper rewrites the client's Call ID 0x4a21 to 0x9a1f (in OCRQ, OCRP and \
            the server's GRE keys), and it clamps the TCP MSS to 1400. Between B and C a link with MTU 1400 \
            fragments the server's large GRE packets (sent without DF): C sees them whole, B and A in two pieces.
            """,
        points: natPoints,
        expected: ExpectedSession(client: "192.168.1.23", outcome: .success),
        pathFindings: ["path.nat", "path.call-id-rewritten", "path.mss-clamped", "path.fragmented"]
    ) {
        let b = ScenarioBuilder()
        b.establish(auth: .msChapV2, ipv6cp: true)
        b.wait(180)
        for round in 0..<6 {
            b.greDataPacket(size: 120, from: .client)
            b.wait(35)
            b.greDataPacket(size: 1420, from: .server, dontFragment: false)
            b.wait(1.2)
            b.greDataPacket(size: 600, from: .server, dontFragment: false)
            b.wait(12)
            if round % 3 == 2 { b.greAck(from: .client) }
            b.wait(35)
        }
        b.waitSeconds(4)
        b.lcpEchoExchange(from: .server, identifier: 1)
        b.orderlyTeardown()
        let nat = NATMapping(
            privateAddress: b.client.ip, publicAddress: IPv4Address(198, 51, 100, 7),
            privatePort: b.client.port, publicPort: 1045,
            callIDs: (private: b.profile.clientCallID, public: 0x9A1F))
        return render(
            b,
            NetworkPath([
                .point("A"), .routers(hops: 1, delayMs: 0.3), .nat(nat), .clampMSS(1400),
                .point("B", clockOffsetMs: -850.25), .routers(hops: 4, delayMs: 6.2),
                .mtu(1400, router: IPv4Address(198, 51, 100, 77)), .routers(hops: 7, delayMs: 14.5),
                .point("C", clockOffsetMs: 2400.125),
            ]), points: natPoints)
    }

    // MARK: - A NAT without a PPTP helper: the server's GRE dies at the NAT

    static let natWithoutHelperPoints = [
        point("A", "A-client.pcap", clientHost, role: "client-side"),
        point(
            "B", "B-nat-wan.pcap", "the NAT router's WAN port, its clock 1.5 s behind", role: "between",
            clockOffsetMs: -1500),
        point(
            "C", "C-server.pcap", "the pptpd server's segment, its clock 0.25 s ahead", role: "server-side",
            clockOffsetMs: 250),
    ]

    public static let natWithoutPPTPHelper = MultiPointScenario(
        name: "nat-without-pptp-helper",
        summary: """
            The client sits behind a NAT router with no PPTP helper (no passthrough): it translates TCP 1723 and \
            the client's GRE on the way out, but has no state to send the server's GRE back in. Captured at the \
            client (A), on the router's WAN port (B) and at the server (C). The client's LCP Configure-Requests \
            reach the server; the server's answers and its own requests reach the router's WAN port and go no \
            further. After ten requests the client gives up and clears the call. The verdict names the segment \
            between B and A: the NAT.
            """,
        points: natWithoutHelperPoints,
        expected: ExpectedSession(client: "192.168.1.23", outcome: .failed, stage: .gre, errorCodes: [806, 721]),
        losses: [.init(flow: "gre server→client", after: "B", before: "A")],
        pathFindings: ["path.gre-filtered", "path.nat"]
    ) {
        let b = lcpThatNeverMeets(serverRejectsCallback: true)
        let nat = NATMapping(
            privateAddress: b.client.ip, publicAddress: IPv4Address(198, 51, 100, 7),
            privatePort: b.client.port, publicPort: 1045)
        return render(
            b,
            NetworkPath([
                .point("A"), .routers(hops: 1, delayMs: 0.3), .filter(.gre(from: [.server])), .nat(nat),
                .point("B", clockOffsetMs: -1500), .routers(hops: 11, delayMs: 20.7), .point("C", clockOffsetMs: 250),
            ]), points: natWithoutHelperPoints)
    }

    // MARK: - ICMP "fragmentation needed" filtered on its way back (path-MTU black hole)

    static let icmpPoints = [
        point("A", "A-client.pcap", clientHost, role: "client-side"),
        point(
            "B", "B-isp-edge.pcap", "the ISP edge, three hops out, its clock 0.512 s ahead", role: "between",
            clockOffsetMs: 512),
    ]

    public static let icmpFilteredBetween = MultiPointScenario(
        name: "icmp-filtered-between",
        summary: """
            Captured at the client (A) and three hops out at the ISP edge (B). The session comes up and small \
            packets pass; then the client sends five 1450-byte GRE packets with DF set. A router beyond B has a \
            1400-byte link: it drops them and answers each with ICMP "fragmentation needed, MTU 1400". B sees the \
            ICMP pass towards the client; A never does — a firewall between A and B drops ICMP, so path-MTU \
            discovery cannot work (the classic black hole: small packets pass, large ones vanish). A alone looks like \
            a success; B alone shows the black hole; together they show where the ICMP dies.
            """,
        points: icmpPoints,
        expected: ExpectedSession(client: "192.168.1.23", outcome: .failed, stage: .established),
        losses: [.init(flow: "icmp", after: "B", before: "A")],
        pathFindings: ["path.icmp-filtered"]
    ) {
        let b = ScenarioBuilder()
        b.establish(auth: .msChapV2, ipv6cp: true)
        b.wait(180)
        b.greConversation(rounds: 3)
        for _ in 0..<5 {
            b.greDataPacket(size: 1450, from: .client, delivered: false)
            b.wait(200)
        }
        b.greConversation(rounds: 3)
        b.waitSeconds(2)
        b.orderlyTeardown()
        return render(
            b,
            NetworkPath([
                .point("A"), .routers(hops: 1, delayMs: 0.3), .filter(.icmp), .routers(hops: 2, delayMs: 1.2),
                .point("B", clockOffsetMs: 512), .routers(hops: 2, delayMs: 4.5),
                .mtu(1400, router: IPv4Address(198, 51, 100, 77)), .routers(hops: 7, delayMs: 15),
            ]), points: icmpPoints)
    }

    // MARK: - ICMP "fragmentation needed" that reaches the client, from a router two points place

    static let icmpOriginPoints = [
        point("A", "A-client.pcap", clientHost, role: "client-side"),
        point(
            "B", "B-isp-edge.pcap", "the ISP edge, three hops out, its clock 0.215 s behind", role: "between",
            clockOffsetMs: -215),
        point(
            "C", "C-server.pcap", "the pptpd server's segment, its clock 1.83 s ahead", role: "server-side",
            clockOffsetMs: 1830),
    ]

    public static let icmpOriginBetween = MultiPointScenario(
        name: "icmp-origin-between",
        summary: """
            Path-MTU discovery working, seen from three points: the client (A), the ISP edge three hops out (B) and \
            the server's segment (C). In the middle of an upload the client sends one 1450-byte GRE packet with DF \
            set; a router with a 1400-byte link (198.51.100.77) drops it and answers ICMP "fragmentation needed, \
            MTU 1400", which passes B and reaches the client; the client's following packets fit and the session \
            goes on. A alone can say that a link somewhere has an MTU of 1400; B saw the ICMP and C, which was \
            capturing, neither the ICMP nor the large packet: the router is between B and C, beyond the ISP edge. \
            One packet of more than a hundred is no lossy link, so the path says only where it stopped.
            """,
        points: icmpOriginPoints,
        expected: ExpectedSession(client: "192.168.1.23", outcome: .success),
        losses: [.init(flow: "gre client→server", after: "B", before: "C")],
        pathFindings: ["path.icmp-origin"]
    ) {
        let b = ScenarioBuilder()
        b.establish(auth: .msChapV2, ipv6cp: true)
        b.wait(180)
        b.greConversation(rounds: 20)
        // An upload: full-size packets until the router's ICMP, then packets that fit the 1400-byte link.
        for size in [1300, 1450] {
            b.greDataPacket(size: size, from: .client, delivered: size < 1400)
            b.wait(3)
        }
        b.wait(40)
        for _ in 0..<40 {
            b.greDataPacket(size: 1340, from: .client)
            b.wait(8)
            b.greAck(from: .server)
            b.wait(30)
        }
        b.greConversation(rounds: 20)
        b.waitSeconds(2)
        b.lcpEchoExchange(from: .server, identifier: 1)
        b.orderlyTeardown()
        return render(
            b,
            NetworkPath([
                .point("A"), .routers(hops: 3, delayMs: 1.5), .point("B", clockOffsetMs: -215),
                .routers(hops: 2, delayMs: 4.5), .mtu(1400, router: IPv4Address(198, 51, 100, 77)),
                .routers(hops: 7, delayMs: 15), .point("C", clockOffsetMs: 1830),
            ]), points: icmpOriginPoints)
    }
}
