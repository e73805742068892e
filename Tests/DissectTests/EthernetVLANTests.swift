import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("Ethernet II and 802.1Q / 802.1ad (QinQ) tags")
struct EthernetVLANTests {
    static let datagram = Wire.ipv4(17, Wire.udp(payload: [1, 2, 3, 4]))

    @Test("an Ethernet II frame gives both MAC addresses, the EtherType and the IPv4 datagram after it")
    func plainEthernet() throws {
        let packet = dissect(Wire.ethernet(Self.datagram))
        let eth = try #require(packet.ethernet)
        #expect(eth.destination.description == "00:1a:2b:3c:4d:5e")
        #expect(eth.source.description == "00:15:5d:01:02:03")
        #expect(eth.etherType == .ipv4)
        #expect(eth.payloadOffset == 14)
        #expect(eth.vlan.count == 0)
        #expect(packet.ip?.offset == 14)
        #expect(packet.stack == [.ethernet, .ipv4, .udp])
        #expect(packet.malformed == nil)
        let addresses = PacketSummary.addresses(packet)
        #expect(addresses.source == "192.168.1.23")
        #expect(addresses.destination == "203.0.113.10")
    }

    @Test("a single 802.1Q tag is stepped over and its TCI kept: VLAN ID in the low 12 bits, priority above")
    func singleTag() throws {
        let frame = Wire.ethernet(Self.datagram, tags: [VLANTag(priority: 5, vlanID: 20)])
        let packet = dissect(frame)
        let eth = try #require(packet.ethernet)
        #expect(eth.vlan.count == 1)
        #expect(eth.vlan.ids == [20])
        #expect(eth.vlan[0] == 5 << 13 | 20)
        #expect(eth.etherType == .ipv4)
        #expect(eth.payloadOffset == 18)
        #expect(packet.ip?.offset == 18)
        #expect(packet.stack == [.ethernet, .vlan, .ipv4, .udp])
        #expect(fields(frame).values("vlan.id") == ["20"])
    }

    @Test("QinQ: an 802.1ad service tag over an 802.1Q customer tag gives both IDs, outermost first")
    func qinq() throws {
        let frame = Wire.ethernet(Self.datagram, tags: [.service(100), .customer(20)])
        let packet = dissect(frame)
        let eth = try #require(packet.ethernet)
        #expect(eth.vlan.ids == [100, 20])
        #expect(eth.payloadOffset == 22)
        #expect(eth.vlan.isProviderTag(0))
        #expect(!eth.vlan.isProviderTag(1))
        #expect(packet.udp != nil)
        #expect(packet.malformed == nil)
        // tshark names an 802.1ad service tag's ID ieee8021ad.id and an 802.1Q tag's vlan.id.
        let f = fields(frame)
        #expect(f.values("ieee8021ad.id") == ["100"])
        #expect(f.values("vlan.id") == ["20"])
    }

    @Test("the legacy 0x9100 QinQ TPID is recognised as a tag too")
    func legacyQinQ() throws {
        let packet = dissect(Wire.ethernet(Self.datagram, tags: [VLANTag(tpid: 0x9100, vlanID: 7), .customer(8)]))
        #expect(packet.ethernet?.vlan.ids == [7, 8])
        #expect(packet.udp != nil)
    }

    @Test("four stacked tags, the most kept inline, are all followed")
    func fourTags() throws {
        let tags = (1...4).map { VLANTag.customer(UInt16($0)) }
        let packet = dissect(Wire.ethernet(Self.datagram, tags: tags))
        #expect(packet.ethernet?.vlan.ids == [1, 2, 3, 4])
        #expect(packet.ethernet?.payloadOffset == 30)
        #expect(packet.udp != nil)
        #expect(packet.malformed == nil)
    }

    @Test("20 stacked VLAN tags are marked malformed (vlan, bad value) at the fifth tag instead of being walked")
    func twentyTags() throws {
        let tags = (1...20).map { VLANTag.customer(UInt16($0)) }
        let packet = dissect(Wire.ethernet(Self.datagram, tags: tags))
        let m = try #require(packet.malformed)
        #expect(m.layer == .vlan)
        #expect(m.problem == .badValue)
        #expect(m.offset == 14 + 4 * 4)
        #expect(packet.ip == nil)
    }

    @Test("a VLAN tag cut short by the capture is a truncated vlan layer at the tag")
    func vlanTagCut() throws {
        let frame = Wire.ethernet(Self.datagram, tags: [.service(100), .customer(20)])
        for cut in [15, 17, 19, 21] {
            let m = try #require(dissectCut(frame, at: cut).malformed, "cut at \(cut)")
            #expect(m.layer == .vlan, "cut at \(cut)")
            #expect(m.problem == .truncated, "cut at \(cut)")
            #expect(m.offset == (cut < 18 ? 14 : 18), "cut at \(cut)")
        }
    }

    // The MAC addresses before a bad VLAN tag are whole, and the dissector's contract is that the layers before
    // the malformed one stand; but EthernetHeader.decode returns .failure for the whole header, so
    // `packet.ethernet` is nil and PacketSummary.addresses falls back to "-".
    @Test("the Ethernet addresses are kept when a VLAN tag after them is cut short or too deep")
    func ethernetKeptBeforeBadTag() throws {
        let frame = Wire.ethernet(Self.datagram, tags: [.service(100), .customer(20)])
        let cut = dissectCut(frame, at: 20)
        #expect(cut.malformed?.layer == .vlan)
        #expect(cut.ethernet?.source.description == "00:15:5d:01:02:03")
        let deep = dissect(Wire.ethernet(Self.datagram, tags: (1...20).map { VLANTag.customer(UInt16($0)) }))
        #expect(deep.malformed?.layer == .vlan)
        #expect(deep.ethernet != nil)
    }

    @Test("a frame shorter than the 14-byte Ethernet header is a truncated ethernet layer at byte 0")
    func shortEthernet() throws {
        let frame = Wire.ethernet(Self.datagram)
        for cut in [1, 6, 12, 13] {
            let packet = dissectCut(frame, at: cut)
            let m = try #require(packet.malformed, "cut at \(cut)")
            #expect(m.layer == .ethernet)
            #expect(m.problem == .truncated)
            #expect(m.offset == 0)
            #expect(packet.ethernet == nil)
            #expect(packet.isSnapTruncated)
        }
    }

    @Test("an Ethernet frame cut right after its header keeps Ethernet and marks IPv4 truncated")
    func cutAfterEthernet() throws {
        let packet = dissectCut(Wire.ethernet(Self.datagram), at: 14)
        #expect(packet.ethernet != nil)
        #expect(packet.malformed == Malformation(.ipv4, .truncated, at: 14, ""))
    }

    @Test("an EtherType with no decoder (ARP) stops after Ethernet without a malformed mark")
    func unknownEtherType() throws {
        let packet = dissect(Wire.ethernet(Array(repeating: 0, count: 28), etherType: 0x0806))
        #expect(packet.ethernet?.etherType == .arp)
        #expect(packet.stack == [.ethernet])
        #expect(packet.malformed == nil)
        #expect(summaryLine(Wire.ethernet(Array(repeating: 0, count: 28), etherType: 0x0806)) == "Ethernet type=0x0806")
    }

    @Test("a PPP control packet written as pseudo-Ethernet with the PPP protocol as EtherType is decoded")
    func pppAsEtherType() throws {
        let lcp = Wire.controlPacket(code: 9, identifier: 4, data: Wire.be32(0x0C6F_3548))
        let packet = dissect(Wire.ethernet(lcp, etherType: Wire.lcp))
        #expect(packet.ppp == nil)
        let control = try #require(packet.control)
        #expect(control.proto == .lcp)
        #expect(control.code == 9)
        #expect(control.identifier == 4)
        #expect(packet.stack == [.ethernet, .lcp])
    }
}
