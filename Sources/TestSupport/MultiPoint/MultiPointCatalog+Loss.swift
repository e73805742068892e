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
