import PPTPTestSupport

/// One PPTP session seen on the pptpd server (203.0.113.10, TTL 64), built with the project's ScenarioBuilder and
/// handed out piece by piece: the whole setup, then chunks of GRE data, then the teardown.
final class PPTPSessionSource: FrameSource {
    enum Kind: String {
        /// Control channel, LCP, MS-CHAPv2, CCP (MPPE), IPCP, a long run of MPPE data both ways of mixed sizes,
        /// LCP echoes every 10 s and PPTP echoes every 20 s, then the user disconnects (LCP Terminate, CCRQ/CDN,
        /// StopCCRQ/StopCCRP, FIN).
        case success
        /// The `server-capture-point` fixture's script: the call is set up, the server's LCP Configure-Request
        /// goes out in GRE ten times and no GRE ever comes back; pptpd clears the call (error 806; 721 before Vista).
        case greNoReturn = "gre-no-return"
        /// The `mschapv2-e691` fixture's script: MS-CHAPv2 Failure E=691 R=1, the client gives up (error 691).
        case authFailure691 = "mschapv2-e691"
    }

    static let serverAddress = IPv4Address(203, 0, 113, 10)
    static let serverMAC = MACAddress(0x52, 0x54, 0x00, 0x12, 0x34, 0x56)
    static let gatewayMAC = MACAddress(0x00, 0x1A, 0x2B, 0x3C, 0x4D, 0x5E)

    let category = TrafficCategory.pptp
    let kind: Kind
    /// Bytes of PPP information the data phase sends (both ways together).
    let plannedDataBytes: Int
    private let builder: ScenarioBuilder
    private var random: BenchRandom
    private var remainingDataBytes: Int
    private var phase = Phase.setup
    private var round = 0
    private var nextLCPEcho: UInt64 = 0
    private var nextPPTPEcho: UInt64 = 0
    private var lcpEchoIdentifier: UInt8 = 0x20
    private var pptpEchoIdentifier: UInt32 = 1

    private enum Phase {
        case setup
        case data
        case teardown
        case done
    }

    private static let lcpEchoIntervalNanos: UInt64 = 10_000_000_000
    private static let pptpEchoIntervalNanos: UInt64 = 20_000_000_000

    /// Session number `index` (addresses, ports and Call IDs all derive from it), starting at `startNanos`.
    init(index: Int, kind: Kind, startNanos: UInt64, random: BenchRandom, dataBytes: ClosedRange<Int>) {
        var random = random
        let pppdClient = kind == .success && random.chance(0.2)
        let hops = UInt8(random.int(8...24))
        let client = Endpoint(
            mac: Self.gatewayMAC, ip: Self.clientAddress(index),
            ttl: (pppdClient ? 64 : 128) - hops, port: UInt16(49_152 + random.int(0...16_000)),
            initialSequence: random.u32(), window: 64_240, initialIPID: random.u16())
        let server = Endpoint(
            mac: Self.serverMAC, ip: Self.serverAddress, ttl: 64, port: PPTPControl.tcpPort,
            initialSequence: random.u32(), window: 29_200, initialIPID: random.u16())
        let b = ScenarioBuilder(client: client, server: server, capturedAt: .server, startNanos: startNanos)
        b.rttMs = random.double(15...140)
        b.profile.clientCallID = UInt16(truncatingIfNeeded: 0x4000 &+ index &* 7)
        b.profile.serverCallID = UInt16(truncatingIfNeeded: index + 1)
        b.profile.callSerial = UInt16(truncatingIfNeeded: index + 1)
        b.profile.clientMagic = random.u32() | 1
        b.profile.serverMagic = random.u32() | 2
        b.profile.seed = 10_000 &+ UInt64(index)
        b.profile.userName = pppdClient ? "user\(index)" : "CORP\\user\(index)"
        b.profile.clientHostName = pppdClient ? "local" : "DESKTOP-\(String(index, radix: 36).uppercased())"
        b.profile.clientTunnelAddress = IPv4Address(value: IPv4Address(172, 16, 0, 2).value &+ UInt32(index))
        b.profile.serverTunnelAddress = IPv4Address(172, 31, 255, 1)
        if pppdClient {
            b.profile.clientIsPPPD = true
            b.profile.clientVendor = "cananian"
        }
        plannedDataBytes = kind == .success ? random.int(dataBytes) : 0
        remainingDataBytes = plannedDataBytes
        self.kind = kind
        self.random = random
        builder = b
    }

    /// 198.18.0.0/15 (the benchmarking range): session `index`'s client, never .0 or .255.
    static func clientAddress(_ index: Int) -> IPv4Address {
        IPv4Address(value: IPv4Address(198, 18, 0, 0).value &+ UInt32(index / 254) << 8 &+ UInt32(index % 254 + 1))
    }

    /// Rough size in the file (frames plus record headers), to plan the capture's length.
    var plannedFileBytes: Int {
        switch kind {
        case .success: return plannedDataBytes + plannedDataBytes / 11 + 12_000
        case .greNoReturn: return 3_000
        case .authFailure691: return 6_500
        }
    }

    func nextPiece() -> [CapturedFrame]? {
        let b = builder
        switch phase {
        case .setup:
            switch kind {
            case .success:
                b.establish(auth: .msChapV2, ipv6cp: !b.profile.clientIsPPPD)
                b.wait(180)
                nextLCPEcho = b.now + Self.lcpEchoIntervalNanos
                nextPPTPEcho = b.now + Self.pptpEchoIntervalNanos
                phase = .data
            case .greNoReturn:
                greNoReturnAtServer()
                phase = .done
            case .authFailure691:
                msChapV2E691()
                phase = .done
            }
        case .data:
            for _ in 0..<24 where remainingDataBytes > 0 {
                dataRound()
                keepAlives()
            }
            if remainingDataBytes <= 0 { phase = .teardown }
        case .teardown:
            b.orderlyTeardown()
            phase = .done
        case .done:
            return nil
        }
        return b.takeFrames()
    }

    /// One exchange: a small packet one way, a burst of 1–4 larger ones back (mostly downloads, sometimes an
    /// upload), an ack-only GRE packet every third round, then a pause.
    private func dataRound() {
        let b = builder
        let upload = random.chance(0.15)
        let bulk: Side = upload ? .client : .server
        let small = random.int(60...200)
        b.greDataPacket(size: small, from: bulk.peer)
        remainingDataBytes -= small
        b.wait(random.double(0.3...4))
        for packet in 0..<random.int(1...4) {
            if packet > 0 { b.wait(random.double(0.1...1.5)) }
            let size = bulkSize()
            b.greDataPacket(size: size, from: bulk)
            remainingDataBytes -= size
        }
        round += 1
        if round % 3 == 0 {
            b.wait(0.4)
            b.greAck(from: bulk.peer)
        }
        b.wait(random.double(5...85))
    }

    /// PPP information sizes of bulk packets: 60 % near the 1400-byte MRU, 25 % medium, 15 % small.
    private func bulkSize() -> Int {
        let pick = random.double(0...1)
        if pick < 0.60 { return random.int(1_300...1_400) }
        if pick < 0.85 { return random.int(500...1_299) }
        return random.int(60...499)
    }

    /// pppd's LCP echo (lcp-echo-interval 10) and pptpd's control-connection echo, when due.
    private func keepAlives() {
        let b = builder
        if b.now >= nextLCPEcho {
            b.lcpEchoExchange(from: .server, identifier: lcpEchoIdentifier)
            lcpEchoIdentifier &+= 1
            nextLCPEcho = b.now + Self.lcpEchoIntervalNanos
        }
        if b.now >= nextPPTPEcho {
            b.pptpEchoExchange(from: .server, identifier: pptpEchoIdentifier)
            pptpEchoIdentifier &+= 1
            nextPPTPEcho = b.now + Self.pptpEchoIntervalNanos
        }
    }

    /// The `server-capture-point` fixture (gre-no-return seen on the server), with this session's endpoints.
    private func greNoReturnAtServer() {
        let b = builder
        b.openControlAndCall()
        b.wait(2)
        let request = LCP.configure(.configureRequest, identifier: 1, options: b.serverLCPOptions(auth: .msChapV2))
        for attempt in 0..<10 {
            if attempt > 0 { b.waitSeconds(3) }
            b.gre(ppp: request, from: .server, delivered: false)
        }
        b.waitSeconds(3)
        b.control(PPTPControl.callDisconnectNotify(callID: b.profile.serverCallID, result: 3), from: .server)
        b.wait(1)
        b.control(PPTPControl.stopControlConnectionRequest(reason: 1), from: .server)
        b.respond(.client, processingMs: 0.5)
        b.control(PPTPControl.stopControlConnectionReply(result: 1), from: .client)
        b.respond(.server, processingMs: 0.5)
        b.closeTCP(initiator: .server)
    }

    /// The `mschapv2-e691` fixture (Failure E=691 R=1, the client terminates), with this session's endpoints.
    private func msChapV2E691() {
        let b = builder
        b.openControlAndCall()
        b.negotiateLCP(auth: .msChapV2)
        b.msChapV2Failure(error: 691, retry: true, text: "Authentication failure")
        b.wait(150)
        b.lcpTerminate(from: .client, identifier: 5, reason: "")
        b.controlTeardown()
    }
}
