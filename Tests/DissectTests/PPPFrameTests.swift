import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("PPP frame header: address/control and protocol field compression (RFC 1661 §6.5–6.6)")
struct PPPFrameTests {
    static let ipcpRequest = PPPControl.packet(code: 1, identifier: 1, data: PPPOption.ipAddress(.any).encoded)
    static let innerIP = IPPacket.v4(
        source: IPv4Address(192, 168, 42, 10), destination: IPv4Address(10, 0, 0, 1),
        protocolNumber: 17, payload: Wire.udp(from: 137, to: 137))

    @Test("FF 03 then a 2-byte protocol: address/control noted, payload after the four bytes")
    func addressControl() throws {
        let frame = Wire.greFrame(ppp: Wire.ppp(Wire.ipcp, Self.ipcpRequest))
        let ppp = try #require(dissect(frame).ppp)
        #expect(ppp.hasAddressControl)
        #expect(ppp.proto == .ipcp)
        #expect(!ppp.protocolFieldCompressed)
        #expect(ppp.offset == 50)
        #expect(ppp.payload.lowerBound == 54)
        let f = fields(frame)
        #expect(f.first("ppp.address") == "0xff")
        #expect(f.first("ppp.control") == "0x03")
        #expect(f.first("ppp.protocol") == "0x8021")
    }

    @Test("missing FF 03 (ACFC agreed): the protocol field starts the frame")
    func missingAddressControl() throws {
        let frame = Wire.greFrame(ppp: Wire.ppp(Wire.ipcp, Self.ipcpRequest, addressControl: false))
        let packet = dissect(frame)
        #expect(packet.ppp?.hasAddressControl == false)
        #expect(packet.ppp?.proto == .ipcp)
        #expect(packet.control?.proto == .ipcp)
        #expect(packet.control?.offset == 52)
        #expect(!fields(frame).has("ppp.address"))
    }

    @Test("PFC: an odd first byte is a 1-byte protocol field (0x21 = IPv4), with or without FF 03")
    func protocolFieldCompression() throws {
        for addressControl in [false, true] {
            let frame = Wire.greFrame(
                ppp: Wire.ppp(
                    0x0021, Self.innerIP, addressControl: addressControl,
                    compressProtocol: true))
            let packet = dissect(frame)
            let ppp = try #require(packet.ppp)
            #expect(ppp.protocolFieldCompressed)
            #expect(ppp.proto == .ipv4)
            #expect(ppp.payload.lowerBound == 50 + (addressControl ? 3 : 1))
            #expect(packet.innerIP?.source.description == "192.168.42.10")
            #expect(packet.innerPorts?.destination == 137)
            #expect(packet.stack == [.ethernet, .ipv4, .gre, .ppp, .ipv4])
            #expect(summaryLine(frame) == "tunnelled IPv4 192.168.42.10 → 10.0.0.1 proto=17")
        }
    }

    @Test("a 1-byte 0xFD protocol is compressed/MPPE data: a PPP layer with nothing decoded under it")
    func compressedData() throws {
        let packet = dissect(Wire.greFrame(ppp: [0xFD, 0x90, 0x01, 0xAA, 0xBB]))
        #expect(packet.ppp?.proto == .compressed)
        #expect(packet.ppp?.protocolFieldCompressed == true)
        #expect(packet.control == nil)
        #expect(packet.malformed == nil)
    }

    @Test("an even first byte with only one byte captured is a protocol field cut short")
    func protocolCutShort() throws {
        let frame = Wire.greFrame(
            ppp: Wire.ppp(
                Wire.lcp, Wire.controlPacket(code: 9, data: Wire.be32(1)),
                addressControl: false))
        #expect(dissectCut(frame, at: 51).malformed == Malformation(.ppp, .truncated, at: 50, ""))
    }

    // RFC 1661 reserves 0x00FF ("compression inefficient") and `FF 03` can only be address and control, yet a frame
    // whose capture ends right after `FF 03` takes the FF as a 1-byte protocol 0x00FF with a 1-byte payload and
    // is not marked at all: PPPFrame.decode only strips FF 03 when a byte follows it, then falls back to PFC.
    @Test("a frame cut right after FF 03 is a truncated PPP layer, not protocol 0x00FF")
    func cutAfterAddressControl() throws {
        let frame = Wire.greFrame(ppp: LCP.echoRequest(identifier: 1, magic: 1))
        let packet = dissectCut(frame, at: 52)
        #expect(packet.ppp == nil || packet.ppp?.proto == .lcp)
        #expect(packet.malformed == Malformation(.ppp, .truncated, at: 50, ""))
    }

    @Test("an unknown protocol below 0x8000 is a PPP layer with nothing under it; 0x80xx–0xBFxx decode as an NCP")
    func unknownProtocols() throws {
        let unknown = dissect(Wire.greFrame(ppp: Wire.ppp(0x003D, [1, 2, 3, 4])))
        #expect(unknown.ppp?.proto.rawValue == 0x003D)
        #expect(unknown.ppp?.proto.name == "PPP 0x003d")
        #expect(unknown.control == nil)
        #expect(unknown.malformed == nil)

        let ncp = dissect(Wire.greFrame(ppp: Wire.ppp(0x8207, Wire.controlPacket(code: 1, identifier: 9))))
        #expect(ncp.control?.proto.rawValue == 0x8207)
        #expect(ncp.control?.identifier == 9)
        #expect(ncp.stack.last == .ncp)
        #expect(PPPProtocol(rawValue: 0x8207).isControlProtocol)
        #expect(PPPProtocol.lcp.isControlProtocol)
        #expect(!PPPProtocol.pap.isControlProtocol)
    }
}
