extension FixtureCatalog {
    static var establishedScenarios: [FixtureScenario] {
        [echoLoss, mtuBlackhole]
    }

    static let echoLoss = FixtureScenario(
        name: "echo-loss",
        summary: """
            A Linux pptp/pppd client (TTL 64) establishes a full MS-CHAPv2 + MPPE session; data flows both ways \
            and its LCP Echo-Requests (every 10 s) are answered twice. Then nothing more arrives from the server \
            over GRE (a NAT dropped the GRE state): the client's data goes out one way, five Echo-Requests \
            (identifiers 3 to 7, 10 s apart) stay unanswered, pppd sends LCP Terminate-Request "Peer not \
            responding" twice, 3 s apart, without answer, and pptp clears the call over TCP 1723, which still \
            works (CCRQ, CDN result 4, StopCCRQ/StopCCRP, FIN). The link died after it was established.
            """,
        expected: FixtureKit.expect(.failed, .established, [807, 619, 629])
    ) {
        let b = FixtureKit.builder()
        FixtureKit.makePPPDClient(b)
        b.establish()
        b.wait(200)
        b.greConversation(rounds: 6)
        b.waitSeconds(10)
        b.lcpEchoExchange(from: .client, identifier: 1)
        b.greConversation(rounds: 3)
        b.waitSeconds(10)
        b.lcpEchoExchange(from: .client, identifier: 2)
        b.wait(600)
        b.greData(count: 4, size: 120, from: .client, intervalMs: 900)
        for identifier in UInt8(3)...7 {
            b.waitSeconds(identifier == 3 ? 6.4 : 10)
            b.gre(ppp: LCP.echoRequest(identifier: identifier, magic: b.profile.clientMagic), from: .client)
        }
        for attempt in 0..<2 {
            b.waitSeconds(attempt == 0 ? 10 : 3)
            b.gre(ppp: LCP.terminateRequest(identifier: 8, data: Array("Peer not responding".utf8)), from: .client)
        }
        b.waitSeconds(3)
        b.controlTeardown()
        return b.pcap()
    }

    static let mtuBlackhole = FixtureScenario(
        name: "mtu-blackhole",
        summary: """
            An established MS-CHAPv2 + MPPE session with small packets flowing. The client then sends ~1500-byte \
            GRE packets with DF set; each is answered by ICMP 3/4 fragmentation needed, next-hop MTU 1400, from \
            router 198.51.100.1, quoting the GRE packet; the client keeps sending the same-size packet (the inner \
            TCP retransmitting with doubling timeouts: 0.3, 0.6, 1.2, 2.4, 4.8 s) and never shrinks it. Small \
            packets and an LCP echo still pass. After ~20 s the user disconnects in order. The session hangs on \
            large packets without an error code: an MTU black hole (fix: mtu/mru 1400, MSS clamping).
            """,
        expected: FixtureKit.expect(
            .failed, .established, [],
            warnings: ["MTU black hole: ICMP frag-needed (MTU 1400) and large DF packets retransmitted"])
    ) {
        let b = FixtureKit.builder()
        b.establish()
        b.wait(200)
        b.greConversation(rounds: 5)
        b.wait(25)
        var backoff = 300.0
        for _ in 0..<6 {
            let big = b.greDataPacket(size: 1460, from: .client)
            b.wait(9.7)
            b.icmpFragNeeded(mtu: 1400, quoting: big)
            b.wait(backoff - 9.7)
            backoff *= 2
        }
        b.lcpEchoExchange(from: .server, identifier: 1)
        b.greConversation(rounds: 2, clientSize: 90, serverSize: 90)
        b.orderlyTeardown()
        return b.pcap()
    }
}
