import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("Linux cooked SLL/SLL2, BSD loopback, raw IP, PPP and PPPoE link types")
struct OtherLinkTypeTests {
    static let datagram = Wire.ipv4(17, Wire.udp(payload: [9, 9]))
    static let datagram6 = IPPacket.v6(
        source: IPv6Address(0x2001, 0xDB8, 0, 0, 0, 0, 0, 1),
        destination: IPv6Address(0x2001, 0xDB8, 0, 0, 0, 0, 0, 2),
        nextHeader: 17, payload: Wire.udp())

    @Test("Linux cooked v1 (SLL): packet type, ARPHRD type and protocol from the 16-byte header")
    func sll() throws {
        let frame = LinkLayer.sll(packetType: .outgoing, source: Wire.clientMAC, payload: Self.datagram)
        let packet = dissect(frame, .linuxSLL)
        let cooked = try #require(packet.cooked)
        #expect(cooked.version == 1)
        #expect(cooked.packetType == 4)
        #expect(cooked.addressType == 1)
        #expect(cooked.protocolType == .ipv4)
        #expect(cooked.payloadOffset == 16)
        #expect(packet.ip?.offset == 16)
        #expect(packet.stack == [.sll, .ipv4, .udp])
        #expect(packet.malformed == nil)
    }

    @Test("Linux cooked v2 (SLL2): protocol first, packet type byte and ARPHRD type from the 20-byte header")
    func sll2() throws {
        let frame = LinkLayer.sll2(packetType: .host, source: Wire.serverMAC, interfaceIndex: 3, payload: Self.datagram)
        let packet = dissect(frame, .linuxSLL2)
        let cooked = try #require(packet.cooked)
        #expect(cooked.version == 2)
        #expect(cooked.packetType == 0)
        #expect(cooked.addressType == 1)
        #expect(cooked.protocolType == .ipv4)
        #expect(cooked.payloadOffset == 20)
        #expect(packet.stack == [.sll2, .ipv4, .udp])
    }

    @Test("SLL2 carrying IPv6 leads to the IPv6 decoder")
    func sll2IPv6() throws {
        let frame = LinkLayer.sll2(
            packetType: .host, source: Wire.serverMAC, protocolType: Wire.ipv6Type,
            payload: Self.datagram6)
        let packet = dissect(frame, .linuxSLL2)
        #expect(packet.ip?.version == 6)
        #expect(packet.stack == [.sll2, .ipv6, .udp])
    }

    @Test("SLL and SLL2 headers cut short are truncated sll / sll2 layers at byte 0")
    func cookedTruncated() throws {
        let v1 = LinkLayer.sll(packetType: .host, source: Wire.clientMAC, payload: Self.datagram)
        for cut in [1, 8, 15] {
            #expect(dissectCut(v1, at: cut, .linuxSLL).malformed == Malformation(.sll, .truncated, at: 0, ""))
        }
        let v2 = LinkLayer.sll2(packetType: .host, source: Wire.clientMAC, payload: Self.datagram)
        for cut in [1, 10, 19] {
            #expect(dissectCut(v2, at: cut, .linuxSLL2).malformed == Malformation(.sll2, .truncated, at: 0, ""))
        }
        // Cut just after the cooked header: the header stands, IPv4 is the truncated layer.
        let cut = dissectCut(v2, at: 25, .linuxSLL2)
        #expect(cut.cooked != nil)
        #expect(cut.malformed == Malformation(.ipv4, .truncated, at: 20, ""))
    }

    @Test("BSD loopback family 2 leads to IPv4 whichever byte order the writer used (DLT_NULL and DLT_LOOP)")
    func loopbackIPv4() throws {
        for link in [LinkType.null, .loop] {
            for header: [UInt8] in [[2, 0, 0, 0], [0, 0, 0, 2]] {
                let packet = dissect(header + Self.datagram, link)
                #expect(packet.loopbackFamily == 2, "\(link) \(header)")
                #expect(packet.ip?.offset == 4)
                #expect(packet.stack == [.loopback, .ipv4, .udp])
            }
        }
    }

    @Test("BSD loopback families 10, 24, 28 and 30 (AF_INET6 on Linux and the BSDs) lead to IPv6")
    func loopbackIPv6() throws {
        for family: UInt8 in [10, 24, 28, 30] {
            let packet = dissect([family, 0, 0, 0] + Self.datagram6, .null)
            #expect(packet.loopbackFamily == UInt32(family))
            #expect(packet.ip?.version == 6, "family \(family)")
            #expect(packet.udp != nil)
        }
    }

    @Test("an unknown loopback family decodes no further and is not malformed")
    func loopbackUnknownFamily() throws {
        let packet = dissect([7, 0, 0, 0] + Self.datagram, .null)
        #expect(packet.loopbackFamily == 7)
        #expect(packet.ip == nil)
        #expect(packet.malformed == nil)
    }

    @Test("a loopback header shorter than 4 bytes is a truncated loopback layer")
    func loopbackTruncated() throws {
        #expect(dissect([2, 0, 0], .null).malformed == Malformation(.loopback, .truncated, at: 0, ""))
    }

    @Test("raw IP link types take the IP version from the first nibble")
    func rawIP() throws {
        for link in [LinkType.raw, .rawOpenBSD, .rawLinux12, .ipv4, .ipv6] {
            #expect(dissect(Self.datagram, link).ip?.version == 4, "\(link)")
            #expect(dissect(Self.datagram6, link).ip?.version == 6, "\(link)")
        }
        #expect(dissect(Self.datagram, .raw).stack == [.ipv4, .udp])
    }

    @Test("raw IP whose first nibble is neither 4 nor 6 is a bad value")
    func rawIPBadVersion() throws {
        let m = try #require(dissect(Wire.patch8(Self.datagram, at: 0, 0x55), .raw).malformed)
        #expect(m.layer == .ipv4)
        #expect(m.problem == .badValue)
    }

    @Test("the PPP link type starts with the PPP frame, FF 03 and all")
    func pppLink() throws {
        let frame = LCP.echoRequest(identifier: 3, magic: 0x0102_0304)
        let packet = dissect(frame, .ppp)
        #expect(packet.ppp?.hasAddressControl == true)
        #expect(packet.control?.code == 9)
        #expect(packet.stack == [.ppp, .lcp])
    }

    @Test("PPP with direction: one direction byte, then the PPP frame; the direction names the addresses")
    func pppWithDirection() throws {
        let frame = [1] + LCP.echoRequest(identifier: 3, magic: 0x0102_0304)
        let packet = dissect(frame, .pppWithDirection)
        let ppp = try #require(packet.ppp)
        #expect(ppp.direction == 1)
        #expect(ppp.offset == 1)
        #expect(packet.control?.code == 9)
        let addresses = PacketSummary.addresses(packet)
        #expect(addresses.source == "DTE")
        #expect(addresses.destination == "DCE")
        #expect(fields(frame, .pppWithDirection).first("ppp.direction") == "1")
    }

    @Test("PPPoE session (RFC 2516): session ID and length, then a PPP protocol field without FF 03")
    func pppoe() throws {
        let lcp = Wire.controlPacket(code: 9, identifier: 2, data: Wire.be32(0xAABB_CCDD))
        let payload = Wire.be16(Wire.lcp) + lcp
        let session: [UInt8] = [0x11, 0x00, 0x00, 0x2A] + Wire.be16(UInt16(payload.count)) + payload
        for (bytes, link) in [(session, LinkType.pppEther), (Wire.ethernet(session, etherType: 0x8864), .ethernet)] {
            let packet = dissect(bytes, link)
            let pppoe = try #require(packet.pppoe)
            #expect(pppoe.sessionID == 42)
            #expect(pppoe.code == 0)
            #expect(Int(pppoe.length) == payload.count)
            #expect(packet.ppp?.hasAddressControl == false)
            #expect(packet.control?.identifier == 2)
            #expect(packet.malformed == nil)
        }
    }

    @Test("PPPoE with a version/type other than 1/1 is a bad value")
    func pppoeBadVersion() throws {
        let packet = dissect([0x21, 0x00, 0x00, 0x01, 0x00, 0x02, 0xC0, 0x21], .pppEther)
        #expect(packet.malformed == Malformation(.pppoe, .badValue, at: 0, ""))
    }

    @Test("zero-length input is a truncated first layer on every link type, and decodes nothing")
    func zeroLength() throws {
        // PPP with direction: the PPP frame would start after the direction byte, at 1.
        let expected: [(LinkType, Layer, Int)] = [
            (.ethernet, .ethernet, 0), (.linuxSLL, .sll, 0), (.linuxSLL2, .sll2, 0), (.null, .loopback, 0),
            (.loop, .loopback, 0), (.raw, .frame, 0), (.ipv4, .frame, 0), (.ipv6, .frame, 0), (.ppp, .ppp, 0),
            (.pppHDLC, .ppp, 0), (.pppWithDirection, .ppp, 1), (.pppEther, .pppoe, 0),
        ]
        for (link, layer, offset) in expected {
            let packet = dissect([], link)
            #expect(packet.capturedLength == 0)
            #expect(packet.stack.isEmpty, "\(link)")
            #expect(packet.malformed == Malformation(layer, .truncated, at: offset, ""), "\(link)")
        }
    }

    @Test("a link type with no decoder yields an empty stack, no malformed mark, and a summary naming it")
    func unknownLinkType() throws {
        let packet = dissect(Self.datagram, LinkType(rawValue: 147))
        #expect(packet.stack.isEmpty)
        #expect(packet.malformed == nil)
        #expect(summaryLine(Self.datagram, LinkType(rawValue: 147)) == "link type 147")
        #expect(LinkType(rawValue: 147).description == "link type 147")
        #expect(LinkType.linuxSLL2.description == "Linux cooked v2 (SLL2) (276)")
    }
}
