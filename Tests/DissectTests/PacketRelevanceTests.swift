import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("Which packets the analysis needs")
struct PacketRelevanceTests {
    /// Every Ethernet frame of every fixture, with the full dissector's answer.
    static func ethernetFrames() -> [(name: String, bytes: [UInt8], packet: DecodedPacket)] {
        FixtureCatalog.all.flatMap { scenario in
            CaptureRecords.packets(in: scenario.bytes())
                .filter { LinkType(rawValue: $0.linkType) == .ethernet }
                .map { (scenario.name, $0.bytes, dissect($0.bytes, .ethernet, wireLength: $0.wireLength)) }
        }
    }

    /// Everyday traffic the fixtures hold little of: TCP and UDP between made-up hosts on well-known ports, the
    /// control port's neighbours, SYNs to 443 and their answers, the VPN fallback ports, with random payloads.
    static func ordinaryFrames() -> [(name: String, bytes: [UInt8], packet: DecodedPacket)] {
        typealias Flags = PPTPTestSupport.TCPFlags
        var random = SplitMix(seed: 0x5EED_1723)
        let ports: [UInt16] = [22, 53, 80, 123, 443, 500, 1701, 1722, 1724, 3389, 4500, 8080, 17230, 51_723]
        let flagSets: [Flags] = [[.ack], [.ack, .psh], [.syn], [.syn, .ack], [.fin, .ack], [.rst]]
        return (0..<600).map { i in
            let client = IPv4Address(10, 1, UInt8(i % 200), 2)
            let server = IPv4Address(192, 0, 2, UInt8(1 + i % 250))
            let payload = (0..<random.below(i % 7 == 0 ? 1_400 : 120)).map { _ in random.byte() }
            let (sport, dport) = (ports[random.below(ports.count)], ports[random.below(ports.count)])
            let isUDP = i % 3 == 0
            let l4 =
                isUDP
                ? UDPDatagram.build(
                    sourcePort: sport, destinationPort: dport, payload: payload, context: .v4(source: client, destination: server)
                )
                : TCPSegment.build(
                    sourcePort: sport, destinationPort: dport, sequence: UInt32(i), acknowledgment: 7,
                    flags: flagSets[i % flagSets.count], payload: payload, context: .v4(source: client, destination: server))
            let ip = IPPacket.v4(
                source: client, destination: server,
                protocolNumber: isUDP ? PPTPTestSupport.IPProtocol.udp : PPTPTestSupport.IPProtocol.tcp,
                payload: l4)
            let frame = LinkLayer.ethernet(
                destination: PPTPTestSupport.MACAddress(2, 0, 0, 0, 0, 1), source: PPTPTestSupport.MACAddress(2, 0, 0, 0, 0, 2),
                payload: ip)
            return ("ordinary \(i)", frame, dissect(frame, .ethernet))
        }
    }

    /// The same frame with 802.1ad and 802.1Q tags inserted after the MAC addresses.
    static func doubleTagged(_ frame: [UInt8]) -> [UInt8] {
        Array(frame[0..<12]) + [0x88, 0xA8, 0x00, 0x0A, 0x81, 0x00, 0x00, 0x14] + Array(frame[12...])
    }

    @Test("the header-bytes fast path never says yes to a packet the full dissector would count as unrelated")
    func fastPathIsASubsetOfNeeds() {
        let frames = Self.ethernetFrames()
        #expect(frames.count > 1_000)
        for frame in frames where ByteView.with(frame.bytes, { PacketRelevance.isCertainlyTunnel(ethernetFrame: $0) }) {
            #expect(PacketRelevance.needs(frame.packet), "\(frame.name)")
        }
    }

    @Test("the fast path recognises every IPv4 GRE and TCP 1723 frame, untagged and double-tagged")
    func fastPathFindsTheTunnel() {
        var tunnelFrames = 0
        for frame in Self.ethernetFrames() {
            guard let ip = frame.packet.ip, ip.version == 4, frame.packet.outerIP == nil,
                frame.packet.gre != nil
                    || frame.packet.tcp.map({ $0.sourcePort == 1723 || $0.destinationPort == 1723 }) == true
            else { continue }
            tunnelFrames += 1
            #expect(ByteView.with(frame.bytes) { PacketRelevance.isCertainlyTunnel(ethernetFrame: $0) }, "\(frame.name)")
            guard frame.bytes[12] == 0x08, frame.bytes[13] == 0x00 else { continue }  // tagged already
            let tagged = Self.doubleTagged(frame.bytes)
            #expect(ByteView.with(tagged) { PacketRelevance.isCertainlyTunnel(ethernetFrame: $0) }, "\(frame.name) tagged")
            #expect(PacketRelevance.needs(dissect(tagged, .ethernet)), "\(frame.name) tagged")
        }
        #expect(tunnelFrames > 500)
    }

    @Test("other traffic is left to the dissector: IPv6 and ARP are never certain, DNS and web traffic are not needed")
    func otherTrafficIsNotCertain() {
        var unrelated = 0
        for frame in Self.ethernetFrames() {
            let certain = ByteView.with(frame.bytes) { PacketRelevance.isCertainlyTunnel(ethernetFrame: $0) }
            if frame.packet.ip?.version == 6 || frame.packet.ip == nil { #expect(!certain, "\(frame.name)") }
            if let udp = frame.packet.udp, udp.destinationPort == 53 || udp.sourcePort == 53,
                frame.packet.ip?.isFragment == false, frame.packet.malformed == nil
            {
                #expect(!PacketRelevance.needs(frame.packet), "\(frame.name)")
                unrelated += 1
            }
        }
        #expect(unrelated > 0, "the fixtures hold DNS traffic to test with")
    }

    /// Whether the unrelated fast path says yes, with the snapshot length the dissector saw.
    static func certainlyUnrelated(_ bytes: [UInt8], wireLength: Int) -> Bool {
        ByteView.with(bytes) {
            PacketRelevance.isCertainlyUnrelated(ethernetFrame: $0, snapTruncated: wireLength > bytes.count)
        }
    }

    @Test("the unrelated fast path never says yes to a packet the full dissector would keep, also on mutated frames")
    func unrelatedFastPathIsOutsideNeeds() {
        var frames = 0
        var certain = 0
        var mutated = 0
        for (index, frame) in (Self.ethernetFrames() + Self.ordinaryFrames()).enumerated() {
            frames += 1
            if Self.certainlyUnrelated(frame.bytes, wireLength: frame.packet.wireLength) {
                certain += 1
                #expect(!PacketRelevance.needs(frame.packet), "\(frame.name)")
            }
            // Every tenth frame, cut at each length through its headers and with each header byte changed: the
            // fast path must agree with the dissector on malformed, fragmented and oddly sized headers too.
            guard index % 10 == 0 else { continue }
            let headers = min(frame.bytes.count, 90)
            var variants: [(bytes: [UInt8], wire: Int)] = (0..<headers).map { (Array(frame.bytes[..<$0]), $0) }
            variants += (0..<headers).map { (Array(frame.bytes[..<$0]), frame.bytes.count) }
            for i in 0..<headers {
                for value: UInt8 in [0x00, 0xFF, frame.bytes[i] ^ 0x40, frame.bytes[i] &+ 1] {
                    var bytes = frame.bytes
                    bytes[i] = value
                    variants.append((bytes, bytes.count))
                }
            }
            for v in variants where Self.certainlyUnrelated(v.bytes, wireLength: v.wire) {
                mutated += 1
                let packet = dissect(v.bytes, .ethernet, wireLength: v.wire)
                #expect(!PacketRelevance.needs(packet), "\(frame.name) frame \(index) mutated: \(v.bytes.prefix(64))")
            }
        }
        #expect(frames > 1_000 && certain > 100 && mutated > 1_000, "\(frames) frames, \(certain) certain, \(mutated) mutated")
    }

    @Test("the unrelated fast path takes plain DNS and web traffic, untagged and double-tagged, never the tunnel")
    func unrelatedFastPathTakesOrdinaryTraffic() {
        var ordinary = 0
        for frame in Self.ethernetFrames() + Self.ordinaryFrames() {
            let p = frame.packet
            guard let ip = p.ip, ip.version == 4, !ip.isFragment, p.malformed == nil, p.outerIP == nil,
                !PacketRelevance.needs(p), p.tcp != nil || p.udp != nil, frame.bytes[12] == 0x08, frame.bytes[13] == 0x00
            else {
                if PacketRelevance.needs(frame.packet) {
                    #expect(!Self.certainlyUnrelated(frame.bytes, wireLength: frame.packet.wireLength), "\(frame.name)")
                }
                continue
            }
            ordinary += 1
            #expect(Self.certainlyUnrelated(frame.bytes, wireLength: p.wireLength), "\(frame.name)")
            #expect(Self.certainlyUnrelated(Self.doubleTagged(frame.bytes), wireLength: p.wireLength + 8), "\(frame.name)")
        }
        #expect(ordinary > 100)
    }
}
