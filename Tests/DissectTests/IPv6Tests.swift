import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("IPv6 header and extension header chains (RFC 8200)")
struct IPv6Tests {
    static let source = IPv6Address(0x2001, 0xDB8, 0, 0, 0, 0, 0, 1)
    static let destination = IPv6Address(0xFE80, 0, 0, 0, 0x0215, 0x5DFF, 0xFE01, 0x0203)

    static func frame(nextHeader: UInt8, _ payload: [UInt8]) -> [UInt8] {
        Wire.ethernet(
            IPPacket.v6(
                source: source, destination: destination, nextHeader: nextHeader, hopLimit: 61,
                payload: payload), etherType: Wire.ipv6Type)
    }

    // Extension headers, each 8 bytes: Next Header, Hdr Ext Len (units of 8 bytes beyond the first 8), data.
    static func hopByHop(next: UInt8) -> [UInt8] { [next, 0, 1, 4, 0, 0, 0, 0] }
    static func routing(next: UInt8) -> [UInt8] { [next, 0, 0, 0, 0, 0, 0, 0] }
    static func destinationOptions(next: UInt8) -> [UInt8] { [next, 0, 1, 4, 0, 0, 0, 0] }
    static func fragment(next: UInt8, offset: UInt16, more: Bool, id: UInt32) -> [UInt8] {
        [next, 0] + Wire.be16(offset | (more ? 1 : 0)) + Wire.be32(id)
    }

    @Test("a valid header gives addresses, next header and hop limit; the transport follows at byte 40")
    func validHeader() throws {
        let packet = dissect(Self.frame(nextHeader: 17, Wire.udp()))
        let ip = try #require(packet.ip)
        #expect(ip.version == 6)
        #expect(ip.source.description == "2001:db8::1")
        #expect(ip.destination.description == "fe80::215:5dff:fe01:203")
        #expect(ip.proto == .udp)
        #expect(ip.ttl == 61)
        #expect(ip.headerLength == 40)
        #expect(ip.totalLength == 48)
        #expect(packet.udp?.offset == 54)
        #expect(packet.stack == [.ethernet, .ipv6, .udp])
        let f = fields(Self.frame(nextHeader: 17, Wire.udp()))
        #expect(f.first("ipv6.src") == "2001:db8::1")
        #expect(f.first("ipv6.nxt") == "17")
        #expect(f.first("ipv6.hlim") == "61")
    }

    @Test("a hop-by-hop → routing → destination options → fragment chain leads to TCP with the fragment fields")
    func extensionChain() throws {
        let chain =
            Self.hopByHop(next: 43) + Self.routing(next: 60) + Self.destinationOptions(next: 44)
            + Self.fragment(next: 6, offset: 0, more: true, id: 0xDEAD_BEEF)
        let frame = Self.frame(nextHeader: 0, chain + Wire.tcp(payload: PPTPControl.echoRequest(identifier: 1)))
        let packet = dissect(frame)
        let ip = try #require(packet.ip)
        #expect(ip.proto == .tcp)
        #expect(ip.headerLength == 72)
        #expect(ip.identification == 0xDEAD_BEEF)
        #expect(ip.moreFragments)
        #expect(ip.fragmentOffset == 0)
        #expect(packet.tcp?.offset == 14 + 72)
        // A first fragment: TCP is read, the PPTP message it may cut is not.
        #expect(packet.pptp == nil)
        #expect(packet.malformed == nil)
    }

    @Test("Hdr Ext Len counts 8-byte units beyond the first eight")
    func extensionLengthUnits() throws {
        let routing: [UInt8] = [17, 2, 0, 0, 0, 0, 0, 0] + Array(repeating: 0xAA, count: 16)
        let packet = dissect(Self.frame(nextHeader: 43, routing + Wire.udp()))
        #expect(packet.ip?.headerLength == 64)
        #expect(packet.udp?.offset == 14 + 64)
    }

    @Test("a non-first IPv6 fragment carries no transport header")
    func laterFragment() throws {
        let frame = Self.frame(nextHeader: 44, Self.fragment(next: 17, offset: 1448, more: false, id: 9) + Wire.udp())
        let packet = dissect(frame)
        #expect(packet.ip?.fragmentOffset == 1448)
        #expect(packet.ip?.isFragment == true)
        #expect(packet.udp == nil)
        #expect(packet.malformed == nil)
    }

    @Test("seven extension headers are followed; a hostile chain of twenty is refused as a bad value")
    func chainLimit() throws {
        let seven = (0..<6).flatMap { _ in Self.destinationOptions(next: 60) } + Self.destinationOptions(next: 17)
        #expect(dissect(Self.frame(nextHeader: 60, seven + Wire.udp())).udp != nil)

        let twenty = (0..<20).flatMap { _ in Self.destinationOptions(next: 60) }
        let packet = dissect(Self.frame(nextHeader: 60, twenty + Wire.udp()))
        let m = try #require(packet.malformed)
        #expect(m.layer == .ipv6)
        #expect(m.problem == .badValue)
        #expect(packet.ethernet != nil)
    }

    @Test("an extension header cut by the capture is a truncated IPv6 layer at that header")
    func extensionCut() throws {
        let frame = Self.frame(
            nextHeader: 0,
            Self.hopByHop(next: 44) + Self.fragment(next: 6, offset: 0, more: false, id: 1)
                + Wire.tcp())
        #expect(dissectCut(frame, at: 14 + 40 + 1).malformed == Malformation(.ipv6, .truncated, at: 54, ""))
        // The fragment header needs all 8 bytes.
        #expect(dissectCut(frame, at: 14 + 48 + 5).malformed == Malformation(.ipv6, .truncated, at: 62, ""))
    }

    @Test("an extension header running past the packet leaves IPv6 decoded and the packet malformed")
    func extensionPastPacket() throws {
        let hop: [UInt8] = [6, 10, 1, 4, 0, 0, 0, 0]  // claims 88 bytes
        let packet = dissect(Self.frame(nextHeader: 0, hop + Wire.tcp()))
        #expect(packet.ip != nil)
        #expect(packet.tcp == nil)
        #expect(packet.malformed != nil)
    }

    @Test("an IPv6 header cut by the capture is truncated at its start")
    func headerCut() throws {
        let frame = Self.frame(nextHeader: 17, Wire.udp())
        for cut in [15, 30, 53] {
            #expect(dissectCut(frame, at: cut).malformed == Malformation(.ipv6, .truncated, at: 14, ""), "cut \(cut)")
        }
    }

    @Test("a version nibble other than 6 behind EtherType IPv6 is a bad value")
    func wrongVersion() throws {
        let frame = Wire.patch8(Self.frame(nextHeader: 17, Wire.udp()), at: 14, 0x45)
        #expect(dissect(frame).malformed == Malformation(.ipv6, .badValue, at: 14, ""))
    }

    @Test("IPv4 carried in IPv6 keeps the IPv6 header as outerIP")
    func ipv4InIPv6() throws {
        let packet = dissect(Self.frame(nextHeader: 4, Wire.ipv4(17, Wire.udp())))
        #expect(packet.outerIP?.version == 6)
        #expect(packet.ip?.version == 4)
        #expect(packet.stack == [.ethernet, .ipv6, .ipv4, .udp])
    }

    @Test("IPv6 addresses print in RFC 5952 form: lowercase, the longest (first) zero run as ::")
    func addressText() throws {
        #expect(IPAddress.v6(0x2001_0DB8_0000_0000, 1).description == "2001:db8::1")
        #expect(IPAddress.v6(0, 0).description == "::")
        #expect(IPAddress.v6(0, 1).description == "::1")
        #expect(IPAddress.v6(0x2001_0DB8_0000_0001, 0x0001_0001_0001_0001).description == "2001:db8:0:1:1:1:1:1")
        #expect(IPAddress.v6(0x2001_0DB8_0000_0000, 0x0001_0000_0000_0001).description == "2001:db8::1:0:0:1")
        #expect(IPAddress.v6(0x2001_0DB8_0000_0001, 0x0000_0000_0000_0001).description == "2001:db8:0:1::1")
        #expect(IPAddress.v6(0xFE80_0000_0000_0000, 0).isPrivate)
        #expect(IPAddress.v6(0xFD00_0000_0000_0000, 0).isPrivate)
    }
}
