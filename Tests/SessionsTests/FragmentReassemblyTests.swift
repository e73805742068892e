import PPTPDissect
import PPTPTestSupport
import Testing

/// A GRE packet split by a router with a small MTU is put back together before it is dissected.
@Suite("IPv4 fragment reassembly")
struct FragmentReassemblyTests {
    /// A GRE/PPP/LCP echo packet padded to 600 bytes, as one IPv4 datagram.
    static func datagram() -> [UInt8] {
        // LCP builders return whole PPP frames (FF 03 C0 21 …).
        let ppp = LCP.echoRequest(identifier: 9, magic: 0x0102_0304, data: [UInt8](repeating: 0xAB, count: 540))
        let gre = EnhancedGRE.build(callID: 77, sequence: 5, acknowledgment: nil, payload: ppp)
        return IPPacket.v4(
            source: IPv4Address(10, 0, 0, 1), destination: IPv4Address(10, 0, 0, 2),
            protocolNumber: PPTPTestSupport.IPProtocol.gre, identification: 0x1234, dontFragment: false,
            payload: gre)
    }

    /// Splits a datagram's payload at `cut` (a multiple of 8) into two fragments.
    static func fragments(_ whole: [UInt8], cut: Int) -> [[UInt8]] {
        let header = Array(whole[0..<20])
        let payload = Array(whole[20...])
        func fragment(_ part: ArraySlice<UInt8>, offset: Int, more: Bool) -> [UInt8] {
            var h = header
            let length = 20 + part.count
            h[2] = UInt8(length >> 8)
            h[3] = UInt8(length & 0xFF)
            let field = UInt16(offset / 8) | (more ? 0x2000 : 0)
            h[6] = UInt8(field >> 8)
            h[7] = UInt8(field & 0xFF)
            return h + Array(part)
        }
        return [fragment(payload[0..<cut], offset: 0, more: true), fragment(payload[cut...], offset: cut, more: false)]
    }

    static func feed(_ packets: [[UInt8]], into reassembler: inout IPv4Reassembler) -> [UInt8]? {
        var result: [UInt8]?
        for (i, bytes) in packets.enumerated() {
            ByteView.with(bytes) { view in
                let p = PacketDissector.dissect(view, linkType: .ipv4)
                if let ip = p.ip, let whole = reassembler.add(ip, view: view, timestamp: Int64(i)) { result = whole }
            }
        }
        return result
    }

    @Test("two fragments in order give back the GRE packet and its LCP message")
    func inOrder() throws {
        var r = IPv4Reassembler()
        let whole = try #require(Self.feed(Self.fragments(Self.datagram(), cut: 296), into: &r))
        ByteView.with(whole) { view in
            let p = PacketDissector.dissect(view, linkType: .ipv4)
            #expect(p.gre?.callID == 77)
            #expect(p.control?.code == 9)
            #expect(p.malformed == nil)
        }
    }

    @Test("fragments out of order and duplicated still reassemble once")
    func outOfOrderAndDuplicated() throws {
        var r = IPv4Reassembler()
        let parts = Self.fragments(Self.datagram(), cut: 296)
        let whole = try #require(Self.feed([parts[1], parts[1], parts[0]], into: &r))
        #expect(whole.count == Self.datagram().count)
    }

    @Test("the first fragment alone is not dissected past IP")
    func firstFragmentAlone() {
        let parts = Self.fragments(Self.datagram(), cut: 296)
        ByteView.with(parts[1]) { view in
            let p = PacketDissector.dissect(view, linkType: .ipv4)
            #expect(p.ip?.isFragment == true)
            #expect(p.gre == nil)
        }
    }

    @Test("pending datagrams are capped")
    func pendingIsBounded() {
        var r = IPv4Reassembler()
        for id in 0..<(IPv4Reassembler.maxPending + 10) {
            var first = Self.fragments(Self.datagram(), cut: 296)[0]
            first[4] = UInt8(id >> 8)
            first[5] = UInt8(id & 0xFF)
            _ = Self.feed([first], into: &r)
        }
        #expect(r.abandoned >= 10)
    }
}
