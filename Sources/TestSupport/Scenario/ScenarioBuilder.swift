/// Scripts a PPTP session packet by packet with a deterministic clock.
///
/// The builder keeps TCP sequence/ack state per direction, GRE sequence/ack numbers per direction, IP IDs,
/// the Call IDs learnt from OCRQ/OCRP, and frames every packet on the chosen link layer. Each emitted packet
/// takes the current clock value; the clock then moves by `packetSpacingNanos` so timestamps stay strictly
/// increasing. Move the clock explicitly with `wait(_:)` (milliseconds) or `waitSeconds(_:)`.
public final class ScenarioBuilder {
    /// 2026-01-05 10:00:00 UTC, the epoch of every fixture.
    public static let defaultStartSeconds: UInt64 = 1_767_607_200

    public var client: Endpoint
    public var server: Endpoint
    public let link: LinkKind
    /// Which side's host the capture runs on (decides SLL "outgoing" vs "to us").
    public var capturedAt: Side
    /// Interface index given to frames (pcapng).
    public var interface: Int = 0
    /// Typical round trip used by the higher-level helpers, in milliseconds.
    public var rttMs: Double = 42
    public var packetSpacingNanos: UInt64 = 40_000
    /// Names, Call IDs, magic numbers and addresses used by the session helpers.
    public var profile = SessionProfile()

    public private(set) var now: UInt64
    public private(set) var frames: [CapturedFrame] = []

    /// Call IDs (learnt from OCRQ/OCRP passed through `control`, or set directly for mid-session captures).
    public var clientCallID: UInt16?
    public var serverCallID: UInt16?
    /// Whether each side sends PPP frames with ACFC/PFC applied (set once LCP agreed on them).
    public var pppCompression: [Side: Bool] = [.client: false, .server: false]

    // TCP state
    var tcpNext: [Side: UInt32]
    var synSeen: [Side: Bool] = [.client: false, .server: false]
    var lastSegment: [Side: SentSegment] = [:]
    // IP state
    var ipID: [Side: UInt16]
    // GRE state
    public var greNextSequence: [Side: UInt32] = [.client: 0, .server: 0]
    var greReceived: [Side: UInt32] = [:]
    var greAcked: [Side: UInt32] = [:]
    var mppeCount: [Side: UInt16] = [.client: 0, .server: 0]
    var payloadSeed: UInt64 = 0x5EED
    var pingSequence: UInt16 = 0

    public init(
        client: Endpoint = .defaultClient, server: Endpoint = .defaultServer, link: LinkKind = .ethernet,
        capturedAt: Side = .client, startNanos: UInt64 = ScenarioBuilder.defaultStartSeconds * 1_000_000_000
    ) {
        self.client = client
        self.server = server
        self.link = link
        self.capturedAt = capturedAt
        now = startNanos
        tcpNext = [.client: client.initialSequence, .server: server.initialSequence]
        ipID = [.client: client.initialIPID, .server: server.initialIPID]
    }

    public func endpoint(_ side: Side) -> Endpoint { side == .client ? client : server }

    // MARK: Clock

    /// Advances the clock by `ms` milliseconds.
    public func wait(_ ms: Double) {
        if ms > 0 { now += UInt64((ms * 1_000_000).rounded()) }
    }

    public func waitSeconds(_ seconds: Double) { wait(seconds * 1000) }

    /// Waits before `side` reacts to what its peer just sent, as seen at the capture point: only the
    /// processing time when `side` is the capturing host, a round trip plus processing otherwise.
    public func respond(_ side: Side, processingMs: Double = 0.3) {
        wait(side == capturedAt ? processingMs : rttMs + processingMs)
    }

    /// Milliseconds elapsed since `startNanos`-style absolute time `t`.
    public func elapsedMs(since t: UInt64) -> Double { Double(now &- t) / 1_000_000 }

    // MARK: Framing

    /// Frames an IP packet sent by `side` for the builder's link layer.
    public func linkFrame(_ ipPacket: [UInt8], from side: Side, etherType: UInt16 = EtherType.ipv4) -> [UInt8] {
        let sender = endpoint(side)
        let receiver = endpoint(side.peer)
        let packetType: LinkLayer.PacketType = side == capturedAt ? .outgoing : .host
        switch link {
        case .ethernet:
            return LinkLayer.ethernet(
                destination: receiver.mac, source: sender.mac, etherType: etherType,
                payload: ipPacket)
        case .ethernetVLAN(let tags):
            return LinkLayer.ethernet(
                destination: receiver.mac, source: sender.mac, etherType: etherType,
                tags: tags, payload: ipPacket)
        case .sll:
            return LinkLayer.sll(packetType: packetType, source: sender.mac, protocolType: etherType, payload: ipPacket)
        case .sll2:
            return LinkLayer.sll2(
                packetType: packetType, source: sender.mac, protocolType: etherType,
                payload: ipPacket)
        case .rawIPv4:
            return ipPacket
        }
    }

    /// Records an already framed packet at the current time.
    public func record(frame bytes: [UInt8], interface: Int? = nil) {
        frames.append(CapturedFrame(timestampNanos: now, interface: interface ?? self.interface, bytes: bytes))
        now += packetSpacingNanos
    }

    /// Hands over the frames recorded so far and forgets them, so a long script can be streamed to disk piece
    /// by piece (the benchmark's generator) instead of piling up in memory. The clock and every protocol state
    /// carry on as before.
    public func takeFrames() -> [CapturedFrame] {
        let taken = frames
        frames = []
        return taken
    }

    /// Next IPv4 identification value of `side`.
    public func nextIPID(_ side: Side) -> UInt16 {
        let value = ipID[side, default: 0]
        ipID[side] = value &+ 1
        return value
    }

    /// Builds an IPv4 packet from `side` to its peer, records it framed, and returns the IP packet.
    @discardableResult
    public func sendIPv4(
        protocolNumber: UInt8, payload: [UInt8], from side: Side, dontFragment: Bool = true,
        identification: UInt16? = nil
    ) -> [UInt8] {
        let sender = endpoint(side)
        let packet = IPPacket.v4(
            source: sender.ip, destination: endpoint(side.peer).ip, protocolNumber: protocolNumber,
            ttl: sender.ttl, identification: identification ?? nextIPID(side),
            dontFragment: dontFragment, payload: payload)
        record(frame: linkFrame(packet, from: side))
        return packet
    }

    /// Records an IP packet that does not come from the two endpoints (a router's ICMP, say), framed as
    /// travelling in the direction of `towards`.
    public func recordForeign(ipPacket: [UInt8], towards side: Side, etherType: UInt16 = EtherType.ipv4) {
        record(frame: linkFrame(ipPacket, from: side.peer, etherType: etherType))
    }

    // MARK: UDP

    @discardableResult
    public func udp(_ payload: [UInt8], from side: Side, sourcePort: UInt16, destinationPort: UInt16) -> [UInt8] {
        let context = ChecksumContext.v4(source: endpoint(side).ip, destination: endpoint(side.peer).ip)
        let datagram = UDPDatagram.build(
            sourcePort: sourcePort, destinationPort: destinationPort, payload: payload,
            context: context)
        return sendIPv4(protocolNumber: IPProtocol.udp, payload: datagram, from: side, dontFragment: false)
    }

    // MARK: ICMP

    /// ICMP 3/4 "fragmentation needed and DF set" from `router`, sent back to the source of `quoting`.
    @discardableResult
    public func icmpFragNeeded(
        mtu: UInt16, quoting original: [UInt8], router: IPv4Address = IPv4Address(198, 51, 100, 1),
        routerTTL: UInt8 = 253, quotedPayloadBytes: Int = 8
    ) -> [UInt8] {
        icmpUnreachable(
            code: .fragmentationNeeded, nextHopMTU: mtu, quoting: original, from: router,
            ttl: routerTTL, quotedPayloadBytes: quotedPayloadBytes)
    }

    /// ICMP destination unreachable from `source` (a router, or the peer itself) to the quoted packet's source.
    @discardableResult
    public func icmpUnreachable(
        code: ICMPv4.UnreachableCode, nextHopMTU: UInt16 = 0, quoting original: [UInt8],
        from source: IPv4Address, ttl: UInt8, quotedPayloadBytes: Int = 8
    ) -> [UInt8] {
        let message = ICMPv4.destinationUnreachable(
            code: code, nextHopMTU: nextHopMTU, quoting: original,
            quotedPayloadBytes: quotedPayloadBytes)
        let quotedSource = original.count >= 16 ? Array(original[12..<16]) : client.ip.bytes
        let towards: Side = quotedSource == server.ip.bytes ? .server : .client
        let packet = IPPacket.v4(
            source: source, destination: endpoint(towards).ip, protocolNumber: IPProtocol.icmp,
            ttl: ttl, identification: UInt16(truncatingIfNeeded: payloadSeed &* 7919),
            dontFragment: false, payload: message)
        payloadSeed &+= 1
        recordForeign(ipPacket: packet, towards: towards)
        return packet
    }

    // MARK: Merging

    /// Frames of several builders (e.g. two sessions with different clients) in time order; equal times keep
    /// builder order.
    public static func merge(_ builders: [ScenarioBuilder]) -> [CapturedFrame] {
        var all: [(UInt64, Int, Int, CapturedFrame)] = []
        for (b, builder) in builders.enumerated() {
            for (i, frame) in builder.frames.enumerated() { all.append((frame.timestampNanos, b, i, frame)) }
        }
        all.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        return all.map(\.3)
    }

    // MARK: Output

    public func pcap(
        snaplen: UInt32 = 262_144, precision: PcapPrecision = .microseconds,
        byteOrder: CaptureByteOrder = .little
    ) -> [UInt8] {
        pcapWriter(snaplen: snaplen, precision: precision, byteOrder: byteOrder).bytes
    }

    /// The filled writer (keeps the offset of the last record, for truncated-file fixtures).
    public func pcapWriter(
        snaplen: UInt32 = 262_144, precision: PcapPrecision = .microseconds,
        byteOrder: CaptureByteOrder = .little
    ) -> PcapWriter {
        var writer = PcapWriter(linkType: link.linkType, snaplen: snaplen, precision: precision, byteOrder: byteOrder)
        for frame in frames { writer.add(frame.bytes, timestampNanos: frame.timestampNanos) }
        return writer
    }

    /// pcapng with this builder's link as interface 0, then `extraInterfaces`; `extraFrames` are merged in time
    /// order (their `interface` index selects the IDB).
    public func pcapng(
        interfaceName: String = "eth0", snaplen: UInt32 = 262_144,
        extraInterfaces: [PcapNGWriter.Interface] = [], extraFrames: [CapturedFrame] = [],
        byteOrder: CaptureByteOrder = .little
    ) -> [UInt8] {
        let interfaces =
            [PcapNGWriter.Interface(linkType: link.linkType, snaplen: snaplen, name: interfaceName)]
            + extraInterfaces
        let merged = (frames.map { ($0, 0) } + extraFrames.map { ($0, 1) })
            .enumerated()
            .sorted {
                ($0.element.0.timestampNanos, $0.element.1, $0.offset) < ($1.element.0.timestampNanos, $1.element.1, $1.offset)
            }
            .map(\.element.0)
        return PcapNGWriter.file(merged, interfaces: interfaces, byteOrder: byteOrder)
    }
}
