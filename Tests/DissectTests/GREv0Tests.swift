import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("GRE version 0 (RFC 2784 / RFC 2890)")
struct GREv0Tests {
    static let inner = IPPacket.v4(
        source: IPv4Address(10, 0, 0, 1), destination: IPv4Address(10, 0, 0, 2),
        protocolNumber: 17, payload: Wire.udp(from: 5000, to: 53))

    static func frame(_ gre: [UInt8]) -> [UInt8] { Wire.ethernet(Wire.ipv4(47, gre)) }

    @Test("a plain 4-byte header carrying IPv4: the datagram inside is a tunnelled IP with its ports")
    func plainIPv4() throws {
        let frame = Self.frame([0x00, 0x00, 0x08, 0x00] + Self.inner)
        let packet = dissect(frame)
        let gre = try #require(packet.gre)
        #expect(gre.version == 0)
        #expect(!gre.isEnhanced)
        #expect(gre.protocolType == .ipv4)
        #expect(gre.headerLength == 4)
        #expect(gre.callID == nil)
        #expect(gre.payloadLength == nil)
        #expect(!gre.isAckOnly)
        let inner = try #require(packet.innerIP)
        #expect(inner.source.description == "10.0.0.1")
        #expect(inner.offset == 38)
        #expect(packet.innerPorts?.source == 5000)
        #expect(packet.innerPorts?.destination == 53)
        #expect(packet.ip?.source.description == "192.168.1.23")
        #expect(packet.stack == [.ethernet, .ipv4, .gre, .ipv4])
        #expect(summaryLine(frame) == "tunnelled IPv4 10.0.0.1 → 10.0.0.2 proto=17")
        let f = fields(frame)
        #expect(f.values("ip.src") == ["192.168.1.23", "10.0.0.1"])
        #expect(f.first("udp.dstport") == "53")
    }

    @Test("checksum, key and sequence number present (RFC 2890): each read in order, 16-byte header")
    func allOptionalFields() throws {
        let header: [UInt8] = [0xB0, 0x00, 0x08, 0x00, 0xAB, 0xCD, 0x00, 0x00] + Wire.be32(0xDEAD_BEEF) + Wire.be32(5)
        let frame = Self.frame(header + Self.inner)
        let gre = try #require(dissect(frame).gre)
        #expect(gre.checksum == 0xABCD)
        #expect(gre.key == 0xDEAD_BEEF)
        #expect(gre.sequence == 5)
        #expect(gre.callID == nil)
        #expect(gre.headerLength == 16)
        #expect(dissect(frame).innerIP?.offset == 34 + 16)
        let f = fields(frame)
        #expect(f.first("gre.key") == "0xdeadbeef")
        #expect(f.first("gre.sequence_number") == "5")
        #expect(!f.has("gre.key.call_id"))
    }

    @Test("GRE v0 carrying IPv6 leads to a tunnelled IPv6 datagram")
    func ipv6Inside() throws {
        let inner6 = IPPacket.v6(
            source: IPv6Address(0xFD00, 0, 0, 0, 0, 0, 0, 1),
            destination: IPv6Address(0xFD00, 0, 0, 0, 0, 0, 0, 2), nextHeader: 17, payload: Wire.udp())
        let packet = dissect(Self.frame([0x00, 0x00, 0x86, 0xDD] + inner6))
        #expect(packet.innerIP?.version == 6)
        #expect(packet.innerIP?.source.description == "fd00::1")
    }

    @Test("routing present (RFC 1701 source routing) is refused as a bad value")
    func routingRefused() throws {
        let packet = dissect(Self.frame([0x40, 0x00, 0x08, 0x00, 0, 0, 0, 0] + Self.inner))
        #expect(packet.malformed == Malformation(.gre, .badValue, at: 34, ""))
    }

    @Test("cut in its checksum, key or sequence, GRE v0 is truncated at that field")
    func truncated() throws {
        let header: [UInt8] = [0xB0, 0x00, 0x08, 0x00, 0xAB, 0xCD, 0x00, 0x00] + Wire.be32(1) + Wire.be32(5)
        let frame = Self.frame(header + Self.inner)
        #expect(dissectCut(frame, at: 34 + 5).malformed == Malformation(.gre, .truncated, at: 38, ""))
        #expect(dissectCut(frame, at: 34 + 10).malformed == Malformation(.gre, .truncated, at: 42, ""))
        #expect(dissectCut(frame, at: 34 + 14).malformed == Malformation(.gre, .truncated, at: 46, ""))
        // Cut inside the tunnelled datagram: GRE stands, the inner IPv4 is truncated.
        let inner = dissectCut(frame, at: 34 + 16 + 10)
        #expect(inner.gre != nil)
        #expect(inner.malformed == Malformation(.ipv4, .truncated, at: 50, ""))
    }

    @Test("an unknown protocol type is kept and decoded no further")
    func unknownProtocol() throws {
        let frame = Self.frame([0x00, 0x00, 0x65, 0x58] + Array(repeating: 0, count: 20))
        let packet = dissect(frame)
        #expect(packet.gre?.protocolType.rawValue == 0x6558)
        #expect(packet.innerIP == nil)
        #expect(packet.malformed == nil)
        #expect(summaryLine(frame) == "GRE v0 proto=0x6558")
    }
}
