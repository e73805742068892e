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
}
