/// Scenarios where the control connection or part of a session's traffic is lost between two capture points.
extension MultiPointCatalog {
    /// Waits until `seconds` after `start` on the builder's clock (not at all when that is already past).
    static func wait(_ b: ScenarioBuilder, until seconds: Double, after start: UInt64) {
        let target = start + UInt64((seconds * 1e9).rounded())
        if target > b.now { b.wait(Double(target - b.now) / 1e6) }
    }

    /// A Windows client's connection attempt: SYNs at 0, 3 and 9 s (it shows its error at 21 s). `synAcksAt`: when
    /// the server's SYN-ACKs reach the client host, in seconds from the first SYN, if nothing drops them;
    /// `dnsAt`: the client host's DNS exchanges (numbered) around it.
    static func connectionAttempt(_ b: ScenarioBuilder, synAcksAt: [Double], dnsAt: [(n: Int, seconds: Double)] = []) {
        enum Step {
            case syn, synAck
            case dns(Int)
        }
        let start = b.now
        let steps =
            [0, 3, 9].map { ($0, Step.syn) } + synAcksAt.map { ($0, Step.synAck) } + dnsAt.map { ($0.seconds, Step.dns($0.n)) }
        for (time, step) in steps.sorted(by: { $0.0 < $1.0 }) {
            wait(b, until: time, after: start)
            switch step {
            case .syn: b.synOnly()
            case .synAck: b.synAck()
            case .dns(let n): dnsExchange(b, n)
            }
        }
    }

    // MARK: - The server's SYN-ACKs dropped on their way back

    static let synAckDroppedPoints = [
        point("A", "A-client.pcap", clientHost, role: "client-side"),
        point(
            "B", "B-server.pcap", "the pptpd server, captured with `host 203.0.113.10`, its clock 1.25 s ahead",
            role: "server-side", clockOffsetMs: 1250, delayInClockOffsetMs: 21),
    ]

    public static let synAckDroppedOnReturn = MultiPointScenario(
        name: "syn-ack-dropped-on-return",
        summary: """
            After a change of routes at the client's office, packets to the server leave through one firewall and \
            the answers come back through the other, which never saw the connection open and drops the server's \
            SYN-ACKs as out of state (asymmetric routing). Captured at the client (A, everything: its DNS lookups \
            too) and at the server (B, `host 203.0.113.10`). The client's SYNs to port 1723 at 0, 3 and 9 s all \
            reach the server; the server answers each and retransmits its SYN-ACK on its own timer (1, 3, 7, 15, \
            31 s), and not one of them reaches the client, which gives up at 21 s (error 800). A alone says "no \
            answer"; B alone says "the client never completed the handshake"; together they say the answers die \
            between B and A. Only the client's SYNs are seen at both points, all going one way, so B's clock \
            offset carries the 21 ms one-way delay, and the report says so.
            """,
        points: synAckDroppedPoints,
        expected: ExpectedSession(client: "192.168.1.23", outcome: .failed, stage: .tcpConnect, errorCodes: [800, 678]),
        losses: [.init(flow: "control server→client", after: "B", before: "A")],
        pathFindings: ["path.control-blocked"]
    ) {
        let b = ScenarioBuilder()
        dnsExchange(b, 1)
        b.wait(3)
        // Linux answers every SYN (a repeated one at once) and retransmits its SYN-ACK 1, 3, 7, 15 and 31 s after
        // the first; the answer to the SYN at 3 s is the timer's retransmission. The client host goes on with other
        // things, so its capture covers the server's last retransmission.
        connectionAttempt(
            b, synAcksAt: [0.042, 1.042, 3.042, 7.042, 9.042, 15.042, 31.042],
            dnsAt: [(2, 24.5), (3, 33.0), (4, 38.5)])
        return render(
            b,
            NetworkPath([
                .point("A"), .routers(hops: 2, delayMs: 0.8), .filter(.control(from: [.server])),
                .routers(hops: 10, delayMs: 20.2), .point("B", clockOffsetMs: 1250),
            ]), points: synAckDroppedPoints, keep: ["B": serverOnly])
    }

    // MARK: - The connection blocked before a point that recorded everything else

    static let notReachedPoints = [
        point("A", "A-client.pcap", clientHost, role: "client-side"),
        point(
            "B", "B-internet-router.pcap",
            "the office's Internet router, outside port, everything (`tcpdump -i wan0`), its clock 0.8 s behind",
            role: "server-side", clockOffsetMs: -800, holdsSession: false),
    ]

    public static let connectionBlockedBeforeRouter = MultiPointScenario(
        name: "connection-blocked-before-router",
        summary: """
            The office's internal firewall, between the users' LAN and the Internet router, drops outgoing TCP 1723 \
            without a word (no reset, no ICMP): company policy against PPTP. Captured at the client (A) and on the \
            Internet router's outside port (B, everything). The client's three SYNs to the server never appear at \
            B, which recorded the client host's DNS lookups from before the attempt until after it: the attempt \
            died between A and B. B's clock, 0.8 s behind, is set on the DNS packets both recorded.
            """,
        points: notReachedPoints,
        expected: ExpectedSession(client: "192.168.1.23", outcome: .failed, stage: .tcpConnect, errorCodes: [800, 678]),
        losses: [.init(flow: "control client→server", after: "A", before: "B")],
        pathFindings: ["path.not-reached", "path.point-silent"]
    ) {
        let b = ScenarioBuilder()
        dnsTraffic(b, first: 1, count: 3, everySeconds: 2)
        connectionAttempt(b, synAcksAt: [], dnsAt: [(10, 1.5), (11, 6.0), (12, 12.5), (13, 18.0)])
        b.waitSeconds(4)
        dnsTraffic(b, first: 20, count: 3, everySeconds: 2)
        return render(
            b,
            NetworkPath([
                .point("A"), .routers(hops: 1, delayMs: 0.3), .filter(.control(from: [.client])),
                .routers(hops: 1, delayMs: 0.4), .point("B", clockOffsetMs: -800), .routers(hops: 10, delayMs: 20.3),
            ]), points: notReachedPoints, keep: [:])
    }
}

extension MultiPointCatalog {
    /// The IP identification of an Ethernet frame carrying IPv4.
    static func ipIdentification(_ frame: CapturedFrame?) -> UInt16 {
        guard let bytes = frame?.bytes, bytes.count >= 20 else { return 0 }
        return UInt16(bytes[18]) << 8 | UInt16(bytes[19])
    }

    /// The enhanced GRE sequence number of an Ethernet frame from the server, nil for anything else.
    static func serverGRESequence(_ frame: [UInt8]) -> UInt32? {
        guard frame.count >= 34, frame[23] == IPProtocol.gre, frame[26...29].elementsEqual([203, 0, 113, 10]) else {
            return nil
        }
        let h = 14 + Int(frame[14] & 0x0F) * 4
        guard frame.count >= h + 12, frame[h] & 0x10 != 0 else { return nil }
        return frame[(h + 8)..<(h + 12)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    // MARK: - A lossy Wi-Fi link, and a mirror port that cannot keep up

    static let lossyLinkPoints = [
        point("A", "A-client.pcap", "the client laptop, on the office Wi-Fi", role: "client-side"),
        point(
            "B", "B-mirror-port.pcap", "a mirror port of the office's Internet router, its clock 0.3 s behind",
            role: "between", clockOffsetMs: -300),
        point(
            "C", "C-server.pcap", "the pptpd server's segment, its clock 2.1 s ahead", role: "server-side",
            clockOffsetMs: 2100),
    ]

    public static let lossyWiFiAndMirrorDrops = MultiPointScenario(
        name: "lossy-wifi-and-mirror-drops",
        summary: """
            A laptop on the office Wi-Fi (A), a mirror port of the office's Internet router (B) and the pptpd \
            server's segment (C), captured at once while the user downloads. The session works, but the Wi-Fi \
            between the laptop and the router loses one in sixteen of the server's GRE packets (3 of 62; MPPE is \
            stateless, so the tunnel carries on) and the first copy of pptpd's PPTP Echo-Request, which the \
            server's TCP sends again 0.23 s later. A alone sees three gaps in the server's GRE sequence numbers, too \
            few for a loss warning of its own, and one Echo-Request; B and C show that every packet crossed the \
            router and the losses are on the Wi-Fi, between B and A. The mirror port, oversubscribed during the \
            burst, did not record three of the server's packets that A and C both saw: the capture's misses, not \
            loss.
            """,
        points: lossyLinkPoints,
        expected: ExpectedSession(client: "192.168.1.23", outcome: .success),
        losses: [
            .init(flow: "gre server→client", after: "B", before: "A"),
            .init(flow: "control server→client", after: "B", before: "A"),
        ],
        pathFindings: ["path.gre-loss", "path.control-loss", "path.capture-missed"]
    ) {
        let b = ScenarioBuilder()
        let start = b.now
        b.establish(auth: .msChapV2, ipv6cp: true)
        b.wait(180)
        download(b, rounds: 12)
        // pptpd's Echo-Request after 60 s without control traffic: the Wi-Fi loses it, and the server's TCP sends it
        // again one retransmission timeout later (Linux: at least 200 ms).
        wait(b, until: 61, after: start)
        b.control(PPTPControl.echoRequest(identifier: 1), from: .server)
        let lostEchoRequest = ipIdentification(b.frames.last)
        b.wait(230)
        b.retransmitLastSegment(from: .server)
        b.respond(.client, processingMs: 0.2)
        b.control(PPTPControl.echoReply(identifier: 1), from: .client)
        b.respond(.server, processingMs: 40)
        b.ack(from: .server)
        b.wait(300)
        download(b, rounds: 12)
        b.waitSeconds(4)
        b.lcpEchoExchange(from: .server, identifier: 1)
        b.orderlyTeardown()
        // The mirror port, oversubscribed by the burst, drops three of the server's packets.
        let mirrorDrops: Set<UInt32> = [40, 41, 42]
        return render(
            b,
            NetworkPath([
                .point("A"), .filter(.everyNthGRE(wifiLossEvery, from: .server)),
                .filter(.single(ipIdentification: lostEchoRequest, from: .server)), .routers(hops: 1, delayMs: 2.5),
                .point("B", clockOffsetMs: -300), .routers(hops: 11, delayMs: 18.5), .point("C", clockOffsetMs: 2100),
            ]), points: lossyLinkPoints,
            keep: ["B": { frame in serverGRESequence(frame).map { !mirrorDrops.contains($0) } ?? true }])
    }

    /// Every how many of the server's GRE packets the Wi-Fi loses.
    static let wifiLossEvery = 16

    /// A download: a small client packet, two large server packets, now and then a GRE ack; the client acknowledges
    /// only the server packets the lossy Wi-Fi delivers (the path's `everyNthGRE` filter drops the same ones).
    static func download(_ b: ScenarioBuilder, rounds: Int) {
        func serverData() {
            let sequence = Int(b.greNextSequence[.server, default: 0])
            b.greDataPacket(size: 900, from: .server, delivered: sequence % wifiLossEvery != wifiLossEvery - 1)
        }
        for round in 0..<rounds {
            b.greDataPacket(size: 120, from: .client)
            b.wait(35)
            serverData()
            b.wait(1.2)
            serverData()
            b.wait(35.0 / 3)
            if round % 3 == 2 { b.greAck(from: .client) }
            b.wait(35)
        }
    }
}
