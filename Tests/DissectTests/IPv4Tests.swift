import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("IPv4 header (RFC 791)")
struct IPv4Tests {
    static let udpDatagram = Wire.ipv4(17, Wire.udp(payload: Array("abcd".utf8)))

    @Test("a valid header gives addresses, protocol, TTL, identification, DF and the payload range")
    func validHeader() throws {
        let frame = Wire.ethernet(Self.udpDatagram)
        let packet = dissect(frame)
        let ip = try #require(packet.ip)
        #expect(ip.version == 4)
        #expect(ip.source == .v4(0xC0A8_0117))
        #expect(ip.destination.description == "203.0.113.10")
        #expect(ip.proto == .udp)
        #expect(ip.ttl == 128)
        #expect(ip.identification == 0x2A10)
        #expect(ip.dontFragment)
        #expect(!ip.moreFragments)
        #expect(!ip.isFragment)
        #expect(ip.headerLength == 20)
        #expect(ip.totalLength == Self.udpDatagram.count)
        #expect(ip.offset == 14)
        #expect(ip.payload == 34..<frame.count)
        #expect(!ip.isTruncated)
        let udp = try #require(packet.udp)
        #expect(udp.sourcePort == 5353)
        #expect(udp.destinationPort == 53)
        #expect(udp.length == 12)
        let f = fields(frame)
        #expect(f.first("ip.src") == "192.168.1.23")
        #expect(f.first("ip.dst") == "203.0.113.10")
        #expect(f.first("ip.proto") == "17")
        #expect(f.first("ip.ttl") == "128")
        #expect(f.first("udp.dstport") == "53")
        #expect(summaryLine(frame) == "UDP 5353 → 53")
    }

    @Test("Ethernet padding after a short datagram is not taken for payload: the total length bounds it")
    func ethernetPadding() throws {
        let datagram = Wire.ipv4(17, Wire.udp())
        let frame = Wire.ethernet(datagram) + Array(repeating: 0, count: 60 - 14 - datagram.count)
        let packet = dissect(frame)
        #expect(frame.count == 60)
        #expect(packet.ip?.payload == 34..<42)
        #expect(packet.ip?.isTruncated == false)
        #expect(packet.udp != nil)
    }

    @Test("options are stepped over using the header length (IHL 6 = 24 bytes)")
    func options() throws {
        let udp = Wire.udp()
        var header = Array(Wire.ipv4(17, udp).prefix(20))
        header[0] = 0x46
        header = Wire.patch16(header, at: 2, UInt16(24 + udp.count))
        let packet = dissect(Wire.ethernet(header + [1, 1, 1, 0] + udp))
        #expect(packet.ip?.headerLength == 24)
        #expect(packet.udp?.offset == 38)
        #expect(packet.malformed == nil)
    }

    @Test("IHL under 5 is a bad value on the IPv4 layer; Ethernet stays")
    func ihlUnderFive() throws {
        for vihl: UInt8 in [0x40, 0x41, 0x44] {
            let packet = dissect(Wire.patch8(Wire.ethernet(Self.udpDatagram), at: 14, vihl))
            #expect(packet.malformed == Malformation(.ipv4, .badValue, at: 14, ""), "IHL byte \(vihl)")
            #expect(packet.ethernet != nil)
            #expect(packet.ip == nil)
        }
    }

    @Test("a version nibble other than 4 behind EtherType IPv4 is a bad value")
    func wrongVersion() throws {
        let packet = dissect(Wire.patch8(Wire.ethernet(Self.udpDatagram), at: 14, 0x65))
        #expect(packet.malformed == Malformation(.ipv4, .badValue, at: 14, ""))
    }

    @Test("options cut short by the capture are a truncated IPv4 layer")
    func optionsCutShort() throws {
        let frame = Wire.patch8(Wire.ethernet(Self.udpDatagram), at: 14, 0x4F)  // 60-byte header
        let packet = dissect(Array(frame.prefix(14 + 40)))
        #expect(packet.malformed == Malformation(.ipv4, .truncated, at: 14, ""))
    }

    @Test("a total length shorter than the header is a bad length")
    func totalShorterThanHeader() throws {
        let packet = dissect(Wire.patch16(Wire.ethernet(Self.udpDatagram), at: 16, 12))
        #expect(packet.malformed == Malformation(.ipv4, .badLength, at: 14, ""))
    }

    @Test("total length 0 (TCP segmentation offload on the sender) takes the captured length, and PPTP still decodes")
    func totalLengthZero() throws {
        let frame = Wire.patch16(Wire.pptpFrame(PPTPControl.echoRequest(identifier: 77)), at: 16, 0)
        let packet = dissect(frame)
        let ip = try #require(packet.ip)
        #expect(ip.totalLength == frame.count - 14)
        #expect(ip.payload == 34..<frame.count)
        #expect(packet.tcp?.payload.count == 16)
        #expect(packet.pptp?.identifier == 77)
        #expect(packet.malformed == nil)
    }

    @Test(
        "a 65535-byte total length in a 30-byte unsnapped packet keeps the header, clamps the payload and marks IPv4 a bad length"
    )
    func hugeTotalLength() throws {
        let bytes = Wire.patch16(Array(Wire.ipv4(6, Wire.tcp()).prefix(30)), at: 2, 0xFFFF)
        let packet = dissect(bytes, .ipv4)
        let ip = try #require(packet.ip)
        #expect(ip.totalLength == 65_535)
        #expect(ip.isTruncated)
        #expect(ip.payload == 20..<30)
        #expect(packet.tcp == nil)
        let m = try #require(packet.malformed)
        #expect(m.layer == .ipv4)
        #expect(m.problem == .badLength)
        #expect(m.offset == 0)
    }

    @Test("a non-first fragment has no transport header decoded and is summarised as a fragment")
    func laterFragment() throws {
        let frame = Wire.patch16(Wire.ethernet(Self.udpDatagram), at: 20, 185)  // offset 185 × 8 = 1480
        let packet = dissect(frame)
        let ip = try #require(packet.ip)
        #expect(ip.fragmentOffset == 1480)
        #expect(ip.isFragment)
        #expect(packet.udp == nil)
        #expect(packet.malformed == nil)
        #expect(summaryLine(frame) == "IPv4 fragment offset=1480 id=10768")
    }

    @Test("a first fragment (MF set) has its TCP header decoded but no PPTP message read from it")
    func firstFragment() throws {
        let frame = Wire.patch16(Wire.pptpFrame(PPTPControl.echoRequest(identifier: 1)), at: 20, 0x2000)
        let packet = dissect(frame)
        #expect(packet.ip?.moreFragments == true)
        #expect(packet.tcp != nil)
        #expect(packet.pptp == nil)
    }

    @Test("IP in IP: the outer header is kept as outerIP and the inner one carries the transport")
    func ipInIP() throws {
        let inner = IPPacket.v4(
            source: IPv4Address(10, 0, 0, 1), destination: IPv4Address(10, 0, 0, 2),
            protocolNumber: 17, payload: Wire.udp())
        let packet = dissect(Wire.ethernet(Wire.ipv4(4, inner)))
        #expect(packet.outerIP?.proto == .ipInIP)
        #expect(packet.ip?.source.description == "10.0.0.1")
        #expect(packet.ip?.offset == 34)
        #expect(packet.udp != nil)
        #expect(packet.stack == [.ethernet, .ipv4, .ipv4, .udp])
    }

    @Test("IP in IP nested more than four deep is a bad value, the outer headers kept")
    func tooDeep() throws {
        var datagram = Wire.ipv4(17, Wire.udp())
        for _ in 0..<4 { datagram = Wire.ipv4(4, datagram) }
        let packet = dissect(Wire.ethernet(datagram))
        #expect(packet.malformed == Malformation(.ipv4, .badValue, at: 14 + 4 * 20, ""))
        #expect(packet.outerIP?.offset == 14)
        #expect(packet.ip?.offset == 14 + 3 * 20)
        #expect(packet.udp == nil)
    }

    @Test("an IPv4 header cut by the capture is truncated at its start; cut after it, the transport is")
    func truncated() throws {
        let frame = Wire.ethernet(Self.udpDatagram)
        for cut in [15, 20, 33] {
            let packet = dissectCut(frame, at: cut)
            #expect(packet.ethernet != nil, "cut at \(cut)")
            #expect(packet.ip == nil)
            #expect(packet.malformed == Malformation(.ipv4, .truncated, at: 14, ""), "cut at \(cut)")
        }
        let afterIP = dissectCut(frame, at: 37)
        #expect(afterIP.ip?.isTruncated == true)
        #expect(afterIP.ip?.payload == 34..<37)
        #expect(afterIP.malformed == Malformation(.udp, .truncated, at: 34, ""))
        #expect(afterIP.isSnapTruncated)
    }

    @Test("IPv4 addresses print dotted and private ranges are recognised")
    func addressText() throws {
        #expect(IPAddress.v4(0xC0A8_0117).description == "192.168.1.23")
        #expect(IPAddress.v4(0x0A00_0001).isPrivate)
        #expect(IPAddress.v4(0xAC10_0001).isPrivate)
        #expect(IPAddress.v4(0x6440_0001).isPrivate)  // 100.64/10, carrier-grade NAT
        #expect(!IPAddress.v4(0xCB00_710A).isPrivate)  // 203.0.113.10
        #expect(IPAddress.v4(1) < IPAddress.v6(0, 0))
    }
}
