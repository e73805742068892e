import PPTPTestSupport

/// Hosts of the unrelated traffic: clients in 198.19.0.0/16, servers on the pptpd server's segment.
enum UnrelatedHosts {
    static let webServers = (20...27).map { IPv4Address(203, 0, 113, UInt8($0)) }
    static let resolver = IPv4Address(203, 0, 113, 53)
    static let mediaServer = IPv4Address(203, 0, 113, 40)
    static let serverMAC = MACAddress(0x52, 0x54, 0x00, 0x77, 0x00, 0x01)

    static func client(_ index: Int) -> IPv4Address {
        IPv4Address(
            value: IPv4Address(198, 19, 0, 0).value &+ UInt32(index / 254 % 256) << 8
                &+ UInt32(index % 254 + 1))
    }

    /// A remote client and a local server, as the capture on the server's segment sees them.
    static func builder(
        clientIndex: Int, server: IPv4Address, serverPort: UInt16, startNanos: UInt64,
        random: inout BenchRandom
    ) -> ScenarioBuilder {
        let client = Endpoint(
            mac: PPTPSessionSource.gatewayMAC, ip: Self.client(clientIndex),
            ttl: UInt8(random.int(100...120)), port: UInt16(32_768 + random.int(0...28_000)),
            initialSequence: random.u32(), window: 64_240, initialIPID: random.u16())
        let host = Endpoint(
            mac: serverMAC, ip: server, ttl: 64, port: serverPort, initialSequence: random.u32(),
            window: 65_160, initialIPID: random.u16())
        let b = ScenarioBuilder(client: client, server: host, capturedAt: .server, startNanos: startNanos)
        b.rttMs = random.double(8...120)
        return b
    }
}

/// A TCP connection that moves about `budget` bytes: handshake, a request, segments of mixed sizes (bulk
/// downloads of full 1448-byte segments, or an interactive protocol's small ones) with the client's ACK every
/// second segment, then the server's close.
final class TCPTransferSource: FrameSource {
    let category = TrafficCategory.unrelated
    private let builder: ScenarioBuilder
    private var random: BenchRandom
    private var remaining: Int
    private let interactive: Bool
    private var phase = 0
    private var segments = 0

    init(clientIndex: Int, budget: Int, startNanos: UInt64, random: BenchRandom) {
        var random = random
        let ports: [UInt16] = [443, 443, 443, 80, 8080, 22, 445, 993]
        let port = ports[random.int(0...(ports.count - 1))]
        let server = UnrelatedHosts.webServers[random.int(0...(UnrelatedHosts.webServers.count - 1))]
        builder = UnrelatedHosts.builder(
            clientIndex: clientIndex, server: server, serverPort: port,
            startNanos: startNanos, random: &random)
        interactive = port == 22 || random.chance(0.1)
        remaining = budget
        self.random = random
    }

    func nextPiece() -> [CapturedFrame]? {
        let b = builder
        switch phase {
        case 0:
            b.tcpHandshake()
            b.wait(0.3)
            let request =
                b.server.port == 80 || b.server.port == 8080
                ? ApplicationPayload.httpGet(host: "www.example.com", path: "/files/\(random.int(1...9_999)).bin")
                : [0x16, 0x03, 0x01] + Filler.bytes(random.int(200...517), offset: random.int(0...65_535))
            b.tcpSegment(request, from: .client)
            remaining -= request.count
            b.respond(.server, processingMs: random.double(0.5...20))
            phase = 1
        case 1:
            for _ in 0..<48 where remaining > 0 {
                let size =
                    interactive
                    ? random.int(40...600)
                    : random.chance(0.9) ? 1_448 : random.int(100...1_447)
                b.tcpSegment(Filler.bytes(size, offset: random.int(0...65_535)), from: .server, flags: .ack)
                remaining -= size
                segments += 1
                if segments % 2 == 0 {
                    b.wait(random.double(0.05...0.4))
                    b.ack(from: .client)
                }
                b.wait(interactive ? random.double(5...60) : random.double(0.05...1.2))
            }
            if remaining <= 0 { phase = 2 }
        case 2:
            b.wait(random.double(1...50))
            b.closeTCP(initiator: .server)
            phase = 3
        default:
            return nil
        }
        return b.takeFrames()
    }
}

/// A UDP flow of about `budget` bytes: a voice call (RTP-sized 172-byte payloads every 20 ms both ways) or a
/// QUIC-like download (1200–1350-byte datagrams down, 40–80-byte ones up).
final class UDPStreamSource: FrameSource {
    let category = TrafficCategory.unrelated
    private let builder: ScenarioBuilder
    private var random: BenchRandom
    private var remaining: Int
    private let voice: Bool
    private let clientPort: UInt16
    private let serverPort: UInt16

    init(clientIndex: Int, budget: Int, startNanos: UInt64, random: BenchRandom) {
        var random = random
        voice = random.chance(0.5)
        serverPort = voice ? UInt16(16_384 + 2 * random.int(0...4_000)) : 443
        builder = UnrelatedHosts.builder(
            clientIndex: clientIndex, server: UnrelatedHosts.mediaServer,
            serverPort: serverPort, startNanos: startNanos, random: &random)
        clientPort = voice ? UInt16(16_384 + 2 * random.int(0...4_000)) : builder.client.port
        remaining = budget
        self.random = random
    }

    func nextPiece() -> [CapturedFrame]? {
        guard remaining > 0 else { return nil }
        let b = builder
        for _ in 0..<64 where remaining > 0 {
            if voice {
                b.udp(
                    Filler.bytes(172, offset: random.int(0...65_535)), from: .client, sourcePort: clientPort,
                    destinationPort: serverPort)
                b.wait(random.double(0.5...9))
                b.udp(
                    Filler.bytes(172, offset: random.int(0...65_535)), from: .server, sourcePort: serverPort,
                    destinationPort: clientPort)
                b.wait(random.double(10...19))
                remaining -= 344
            } else {
                for _ in 0..<random.int(2...6) {
                    let size = random.int(1_200...1_350)
                    b.udp(
                        Filler.bytes(size, offset: random.int(0...65_535)), from: .server, sourcePort: serverPort,
                        destinationPort: clientPort)
                    remaining -= size
                    b.wait(random.double(0.05...0.6))
                }
                let ack = random.int(40...80)
                b.udp(
                    Filler.bytes(ack, offset: random.int(0...65_535)), from: .client, sourcePort: clientPort,
                    destinationPort: serverPort)
                remaining -= ack
                b.wait(random.double(1...25))
            }
        }
        return b.takeFrames()
    }
}

/// A client's DNS lookups: `count` A or AAAA queries over UDP, each answered after a few milliseconds.
final class DNSLookupSource: FrameSource {
    let category = TrafficCategory.unrelated
    private let builder: ScenarioBuilder
    private var random: BenchRandom
    private let count: Int
    private var done = false

    static let names = [
        "www.example.com", "mail.example.org", "updates.example.net", "cdn.example.com",
        "login.example.org", "time.example.net", "api.example.com", "intranet.corp.example",
    ]

    init(clientIndex: Int, count: Int, startNanos: UInt64, random: BenchRandom) {
        var random = random
        builder = UnrelatedHosts.builder(
            clientIndex: clientIndex, server: UnrelatedHosts.resolver, serverPort: 53,
            startNanos: startNanos, random: &random)
        self.count = count
        self.random = random
    }

    func nextPiece() -> [CapturedFrame]? {
        guard !done else { return nil }
        done = true
        let b = builder
        for _ in 0..<count {
            let id = random.u16()
            let name = Self.names[random.int(0...(Self.names.count - 1))]
            let aaaa = random.chance(0.3)
            let port = UInt16(32_768 + random.int(0...28_000))
            b.udp(
                ApplicationPayload.dnsQuery(id: id, name: name, type: aaaa ? 28 : 1), from: .client,
                sourcePort: port, destinationPort: 53)
            b.wait(random.double(0.3...30))
            let addresses: [[UInt8]] =
                aaaa
                ? [IPv6Address(0x2001, 0xdb8, 0x77, 0, 0, 0, 0, id).bytes]
                : (0..<random.int(1...3)).map { [192, 0, 2, UInt8(truncatingIfNeeded: Int(id) &+ $0)] }
            b.udp(
                ApplicationPayload.dnsResponse(id: id, name: name, type: aaaa ? 28 : 1, addresses: addresses),
                from: .server, sourcePort: 53, destinationPort: port)
            b.wait(random.double(5...400))
        }
        return b.takeFrames()
    }
}
