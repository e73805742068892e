import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("CCP and the MPPE/MPPC option (RFC 1962, RFC 2118, RFC 3078)")
struct CCPTests {
    @Test("Configure-Request with option 18: the 32-bit supported bits, rendered as MPPE strengths and flags")
    func mppeOption() throws {
        let frame = Wire.configureFrame(
            Wire.ccp, .configureRequest, identifier: 1,
            options: [.mppe(MPPEBits.bits128 | MPPEBits.stateless)])
        let packet = dissect(frame)
        #expect(packet.control?.proto == .ccp)
        #expect(packet.stack == [.ethernet, .ipv4, .gre, .ppp, .ccp])
        let walked = try #require(controlOptions(frame))
        #expect(walked.options == [SeenOption(type: 18, length: 6, data: [0x01, 0x00, 0x00, 0x40])])
        #expect(summaryLine(frame) == "CCP Configure-Request id=1 MPPE/MPPC=MPPE-128,stateless")
        let f = fields(frame)
        #expect(f.first("ccp.opt.type") == "18")
        #expect(f.first("ccp.opt.supported_bits") == "0x01000040")
    }

    @Test("the supported bits name MPPE-128, -56, -40, MPPC, the obsolete D bit and stateless mode")
    func mppeBitNames() throws {
        #expect(OptionText.mppeBits(0) == "none")
        #expect(OptionText.mppeBits(MPPEBits.mppc) == "MPPC")
        #expect(OptionText.mppeBits(MPPEBits.bits40) == "MPPE-40")
        #expect(OptionText.mppeBits(MPPEBits.bits56) == "MPPE-56")
        let all =
            MPPEBits.bits128 | MPPEBits.bits56 | MPPEBits.bits40 | MPPEBits.mppc | MPPEBits.obsoleteD
            | MPPEBits.stateless
        #expect(OptionText.mppeBits(all) == "MPPE-128,MPPE-56,MPPE-40,MPPC,D,stateless")
    }

    @Test("a Configure-Nak asking for other bits, and a Configure-Reject of the option, are named")
    func nakAndReject() throws {
        let nak = Wire.configureFrame(Wire.ccp, .configureNak, identifier: 2, options: [.mppe(MPPEBits.bits40)])
        #expect(summaryLine(nak) == "CCP Configure-Nak id=2 MPPE/MPPC=MPPE-40")
        let reject = Wire.configureFrame(Wire.ccp, .configureReject, identifier: 2, options: [.mppe(MPPEBits.bits128)])
        #expect(summaryLine(reject) == "CCP Configure-Reject id=2 MPPE/MPPC=MPPE-128")
    }

    @Test("Reset-Request and Reset-Ack (codes 14, 15) are CCP's own; in LCP the same codes are unknown")
    func resetCodes() throws {
        #expect(ControlCode.name(14, proto: .ccp) == "Reset-Request")
        #expect(ControlCode.name(15, proto: .ccp) == "Reset-Ack")
        #expect(ControlCode.name(14, proto: .lcp) == "Code-14")
        let frame = Wire.controlFrame(Wire.ccp, code: 14, identifier: 3, data: [])
        #expect(summaryLine(frame) == "CCP Reset-Request id=3")
    }

    @Test("other compression options are named; an MPPE option without its 4 bytes renders a question mark")
    func otherOptions() throws {
        let frame = Wire.configureFrame(
            Wire.ccp, .configureRequest,
            options: [
                PPPOption(type: 17, data: [0, 1, 3]), PPPOption(type: 26, data: [0x78, 0]), PPPOption(type: 18, data: []),
            ])
        #expect(summaryLine(frame) == "CCP Configure-Request id=1 Stac-LZS Deflate MPPE/MPPC=?")
    }

    @Test("IPV6CP is decoded as a control protocol and names its interface-identifier option")
    func ipv6cp() throws {
        let frame = Wire.configureFrame(
            Wire.ipv6cp, .configureRequest,
            options: [
                PPPOption(type: 1, data: [0x02, 0x15, 0x5D, 0xFF, 0xFE, 0x01, 0x02, 0x03])
            ])
        let packet = dissect(frame)
        #expect(packet.control?.proto == .ipv6cp)
        #expect(packet.stack.last == .ipv6cp)
        #expect(summaryLine(frame) == "IPV6CP Configure-Request id=1 interface-id")
    }

    @Test("a CCP packet cut by the capture inside its option is truncated, the packet and PPP kept")
    func truncated() throws {
        let frame = Wire.configureFrame(Wire.ccp, .configureRequest, options: [.mppe(MPPEBits.bits128)])
        let packet = dissectCut(frame, at: frame.count - 2)
        #expect(packet.ppp?.proto == .ccp)
        #expect(packet.control?.isTruncated == true)
        #expect(packet.malformed == Malformation(.ccp, .truncated, at: 54, ""))
        #expect(dissectCut(frame, at: 56).malformed == Malformation(.ccp, .truncated, at: 54, ""))
    }

    @Test("a CCP option of length 1 is a bad length on the CCP layer")
    func optionLengthOne() throws {
        let frame = Wire.controlFrame(Wire.ccp, code: 1, data: [18, 1, 0, 0])
        #expect(dissect(frame).malformed == Malformation(.ccp, .badLength, at: 54, ""))
    }
}
