import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("Fixture packets, whole and mutated")
struct MutationFuzzTests {
    static let fixtureNames = FixtureCatalog.all.map(\.name)

    /// Everything a packet goes through after capture: dissection, the summary line, the fields (credentials
    /// shown, to walk every path), the stack text and the option walk.
    static func exercise(_ view: ByteView, _ link: LinkType, wireLength: Int? = nil) {
        let packet = PacketDissector.dissect(view, linkType: link, wireLength: wireLength)
        _ = PacketSummary.line(packet, view)
        _ = PacketSummary.stackText(packet)
        _ = PacketSummary.addresses(packet)
        var sink = FieldCollector()
        FieldWriter.write(packet, view, options: FieldOptions(showCredentials: true), to: &sink)
        _ = packet.control?.forEachOption(view) { _ in }
        if let pptp = packet.pptp { _ = pptp.summary(in: view) }
        if let m = packet.chap?.message { _ = MSCHAPMessage.parse(view, m) }
    }

    /// FNV-1a, to seed each fixture's generator from its name.
    static func seed(_ name: String) -> UInt64 {
        name.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }

    @Test(
        "every fixture capture holds packets, and every one of them decodes with no malformed mark unless snapped",
        arguments: fixtureNames)
    func wholePackets(fixture name: String) throws {
        let scenario = try #require(FixtureCatalog.named(name))
        let packets = CaptureRecords.packets(in: scenario.bytes())
        #expect(!packets.isEmpty)
        for (index, captured) in packets.enumerated() {
            let packet = dissect(captured.bytes, LinkType(rawValue: captured.linkType), wireLength: captured.wireLength)
            if !packet.isSnapTruncated {
                #expect(packet.malformed == nil, "\(name) packet \(index + 1): \(String(describing: packet.malformed))")
            }
        }
    }

    @Test(
        "byte flips, 0x00, 0xFF and truncation at every 7th offset of every fixture packet never trap",
        arguments: fixtureNames)
    func mutations(fixture name: String) throws {
        let scenario = try #require(FixtureCatalog.named(name))
        var random = DeterministicBytes(seed: Self.seed(name))
        var mutations = 0
        for captured in CaptureRecords.packets(in: scenario.bytes()) {
            let link = LinkType(rawValue: captured.linkType)
            var bytes = captured.bytes
            for offset in stride(from: 0, to: bytes.count, by: 7) {
                let original = bytes[offset]
                let flip = UInt8(truncatingIfNeeded: random.next64()) | 1
                for replacement in [original ^ flip, 0x00, 0xFF] {
                    bytes[offset] = replacement
                    bytes.withUnsafeBytes { Self.exercise(ByteView($0), link, wireLength: captured.wireLength) }
                    mutations += 1
                }
                bytes[offset] = original
                bytes.withUnsafeBytes { raw in
                    Self.exercise(
                        ByteView(UnsafeRawBufferPointer(rebasing: raw[0..<offset])), link,
                        wireLength: captured.wireLength)
                }
                mutations += 1
            }
        }
        #expect(mutations > 0)
    }

    @Test("random byte strings of 0 to 255 bytes never trap on any link type")
    func randomBytes() {
        let links: [LinkType] = [
            .ethernet, .linuxSLL, .linuxSLL2, .null, .loop, .raw, .ipv4, .ipv6, .ppp, .pppHDLC,
            .pppWithDirection, .pppEther,
        ]
        var random = DeterministicBytes(seed: 0x5EED_F00D)
        for round in 0..<4000 {
            let length = Int(random.next64() % 256)
            var bytes = random.bytes(length)
            // Steer a quarter of them into the interesting paths: IPv4 → GRE / TCP 1723, Ethernet → IPv4.
            if round % 4 == 0, length >= 40 {
                bytes[0] = 0x45
                bytes[9] = round % 8 == 0 ? 47 : 6
                bytes[22] = 0x06
                bytes[23] = 0xBB
            }
            let link = links[round % links.count]
            bytes.withUnsafeBytes { Self.exercise(ByteView($0), link) }
        }
    }
}
