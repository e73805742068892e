import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("LCP packets and options (RFC 1661 §5–6, RFC 1570)")
struct LCPTests {
    static let windowsRequest = Wire.configureFrame(
        Wire.lcp, .configureRequest, identifier: 1,
        options: [
            .mru(1400), .authMSCHAPv2, .magicNumber(0x0C6F_3548), .protocolFieldCompression,
            .addressControlFieldCompression,
        ])

    @Test("Configure-Request: options are visited in order with their type, length and data")
    func configureRequestOptions() throws {
        let walked = try #require(controlOptions(Self.windowsRequest))
        #expect(walked.complete)
        #expect(
            walked.options == [
                SeenOption(type: 1, length: 4, data: [0x05, 0x78]),
                SeenOption(type: 3, length: 5, data: [0xC2, 0x23, 0x81]),
                SeenOption(type: 5, length: 6, data: [0x0C, 0x6F, 0x35, 0x48]),
                SeenOption(type: 7, length: 2, data: []),
                SeenOption(type: 8, length: 2, data: []),
            ])
        let packet = dissect(Self.windowsRequest)
        let control = try #require(packet.control)
        #expect(control.proto == .lcp)
        #expect(control.code == ControlCode.configureRequest)
        #expect(control.identifier == 1)
        #expect(control.length == 4 + 4 + 5 + 6 + 2 + 2)
        #expect(control.offset == 54)
        #expect(control.hasOptions)
        #expect(!control.isTruncated)
        #expect(packet.malformed == nil)
    }

    @Test("the summary renders each option the way the packets command prints it")
    func summary() throws {
        #expect(
            summaryLine(Self.windowsRequest)
                == "LCP Configure-Request id=1 MRU=1400 auth=MS-CHAPv2 magic=0x0c6f3548 PFC ACFC")
        let others = Wire.configureFrame(
            Wire.lcp, .configureNak, identifier: 2,
            options: [
                .authPAP, .accm(0), .callback(), .mrru(1614), PPPOption(type: 99, data: [1]),
            ])
        #expect(summaryLine(others) == "LCP Configure-Nak id=2 auth=PAP ACCM=0x00000000 callback MRRU=1614 opt99")
    }

    @Test("the authentication protocol option names PAP, CHAP-MD5, MS-CHAPv1, MS-CHAPv2 and EAP")
    func authNames() throws {
        #expect(OptionText.authProtocolName(0xC023, algorithm: nil) == "PAP")
        #expect(OptionText.authProtocolName(0xC223, algorithm: 5) == "CHAP-MD5")
        #expect(OptionText.authProtocolName(0xC223, algorithm: 0x80) == "MS-CHAPv1")
        #expect(OptionText.authProtocolName(0xC223, algorithm: 0x81) == "MS-CHAPv2")
        #expect(OptionText.authProtocolName(0xC223, algorithm: 7) == "CHAP-alg7")
        #expect(OptionText.authProtocolName(0xC227, algorithm: nil) == "EAP")
        #expect(OptionText.authProtocolName(0x1234, algorithm: nil) == "0x1234")
        let frame = Wire.configureFrame(Wire.lcp, .configureReject, options: [.authCHAPMD5])
        #expect(summaryLine(frame) == "LCP Configure-Reject id=1 auth=CHAP-MD5")
    }

    @Test("LCP option fields are written under tshark's names")
    func fieldNames() throws {
        let f = fields(Self.windowsRequest)
        #expect(f.values("lcp.opt.type") == ["1", "3", "5", "7", "8"])
        #expect(f.first("lcp.opt.mru") == "1400")
        #expect(f.first("lcp.opt.auth_protocol") == "0xc223")
        #expect(f.first("lcp.opt.algorithm") == "129")
        #expect(f.first("lcp.opt.magic_number") == "0x0c6f3548")
        #expect(f.first("ppp.code") == "1")
        #expect(f.first("ppp.identifier") == "1")
        #expect(f.first("ppp.length") == "23")
    }

    @Test("the codes of RFC 1661 and RFC 1570 are named; unknown codes are Code-n")
    func codeNames() throws {
        let names = (1...13).map { ControlCode.name(UInt8($0), proto: .lcp) }
        #expect(
            names == [
                "Configure-Request", "Configure-Ack", "Configure-Nak", "Configure-Reject",
                "Terminate-Request", "Terminate-Ack", "Code-Reject", "Protocol-Reject", "Echo-Request",
                "Echo-Reply", "Discard-Request", "Identification", "Time-Remaining",
            ])
        #expect(ControlCode.name(9, proto: .ipcp) == "Code-9")
        #expect(ControlCode.name(99, proto: .lcp) == "Code-99")
    }

    @Test("an option of length 0 marks the LCP packet bad-length, the packet itself kept")
    func optionLengthZero() throws {
        let frame = Wire.controlFrame(Wire.lcp, code: 1, data: [0x01, 0x00, 0x05, 0x78])
        let packet = dissect(frame)
        #expect(packet.control?.code == 1)
        #expect(packet.ppp != nil)
        #expect(packet.malformed == Malformation(.lcp, .badLength, at: 54, ""))
        #expect(controlOptions(frame)?.complete == false)
        #expect(controlOptions(frame)?.options.isEmpty == true)
    }

    @Test("an option of length 1 marks the LCP packet bad-length after the good options before it")
    func optionLengthOne() throws {
        let frame = Wire.controlFrame(Wire.lcp, code: 1, data: [0x01, 0x04, 0x05, 0x78, 0x07, 0x01])
        #expect(dissect(frame).malformed == Malformation(.lcp, .badLength, at: 54, ""))
        let walked = try #require(controlOptions(frame))
        #expect(!walked.complete)
        #expect(walked.options.map(\.type) == [1])
        #expect(summaryLine(frame).hasPrefix("LCP Configure-Request id=1 MRU=1400 [malformed: lcp bad-length at byte 54"))
    }

    @Test("an option running past the packet's Length is a bad length")
    func optionPastPacket() throws {
        let frame = Wire.controlFrame(Wire.lcp, code: 2, data: [0x05, 0x06, 0x0C, 0x6F, 0x35, 0x48, 0x01, 0x0A, 0x05, 0x78])
        #expect(dissect(frame).malformed == Malformation(.lcp, .badLength, at: 54, ""))
        #expect(controlOptions(frame)?.options.map(\.type) == [5])
    }

    @Test("a list of 64 zero-data options is walked; the 65th ends the walk as malformed rather than running on")
    func optionCountLimit() throws {
        let pfc = PPPOption.protocolFieldCompression.encoded
        let sixtyFour = Wire.controlFrame(Wire.lcp, code: 1, data: Array((0..<64).map { _ in pfc }.joined()))
        #expect(dissect(sixtyFour).malformed == nil)
        #expect(controlOptions(sixtyFour)?.options.count == 64)
        let sixtyFive = Wire.controlFrame(Wire.lcp, code: 1, data: Array((0..<65).map { _ in pfc }.joined()))
        #expect(dissect(sixtyFive).malformed?.layer == .lcp)
    }

    @Test("a Length under 4 is a bad length and no control packet is kept")
    func lengthUnderFour() throws {
        for length: UInt16 in [0, 3] {
            let packet = dissect(Wire.controlFrame(Wire.lcp, code: 1, length: length, data: []))
            #expect(packet.control == nil)
            #expect(packet.ppp != nil)
            #expect(packet.malformed == Malformation(.lcp, .badLength, at: 54, ""), "length \(length)")
        }
    }

    @Test("a Length past the frame in a snapped capture is truncated, the control packet kept")
    func lengthPastSnap() throws {
        let packet = dissectCut(Self.windowsRequest, at: Self.windowsRequest.count - 3)
        #expect(packet.control?.isTruncated == true)
        #expect(packet.control?.data.upperBound == Self.windowsRequest.count - 3)
        #expect(packet.malformed == Malformation(.lcp, .truncated, at: 54, ""))
    }

    // DecodeProblem: ".truncated: the captured bytes end before the layer does (snaplen or a cut-off file);
    // .badLength: a length field in the packet contradicts itself or the bytes around it." This frame was captured
    // whole (wire length = captured length) and only the LCP Length lies, yet the dispatcher compares with
    // view.count instead of asking whether the capture was cut (packet.isSnapTruncated), and says .truncated.
    @Test("an LCP Length beyond a whole, unsnapped frame is a bad length, not a truncation")
    func lengthPastWholeFrame() throws {
        let frame = Wire.controlFrame(Wire.lcp, code: 9, length: 200, data: Wire.be32(1))
        let packet = dissect(frame)
        #expect(!packet.isSnapTruncated)
        #expect(packet.malformed == Malformation(.lcp, .badLength, at: 54, ""))
    }

    @Test("an LCP packet shorter than its 4-byte header is truncated")
    func headerCut() throws {
        #expect(dissectCut(Self.windowsRequest, at: 57).malformed == Malformation(.lcp, .truncated, at: 54, ""))
    }

    @Test("Echo-Request / Echo-Reply carry the sender's magic number")
    func echo() throws {
        let frame = Wire.greFrame(ppp: LCP.echoRequest(identifier: 5, magic: 0x1234_ABCD, data: [1, 2]))
        try ByteView.with(frame) { view in
            let control = try #require(PacketDissector.dissect(view, linkType: .ethernet).control)
            #expect(control.magicNumber(view) == 0x1234_ABCD)
            #expect(control.rejectedProtocol(view) == nil)
            #expect(control.hasOptions == false)
        }
        #expect(summaryLine(frame) == "LCP Echo-Request id=5 magic=0x1234abcd")
        #expect(fields(frame).first("lcp.magic_number") == "0x1234abcd")
        let reply = Wire.greFrame(ppp: LCP.echoReply(identifier: 5, magic: 0x0BAD_F00D))
        #expect(summaryLine(reply) == "LCP Echo-Reply id=5 magic=0x0badf00d")
    }

    @Test("Identification (RFC 1570) carries a magic number and text, and is no option list")
    func identification() throws {
        let frame = Wire.greFrame(ppp: LCP.identification(identifier: 2, magic: 0x0C6F_3548, message: "MSRASV5.20"))
        #expect(summaryLine(frame) == "LCP Identification id=2 magic=0x0c6f3548")
        #expect(dissect(frame).malformed == nil)
    }

    @Test("Protocol-Reject names the rejected protocol, and its fields decode the rejected packet too")
    func protocolReject() throws {
        let ccpRequest = PPPControl.packet(code: 1, identifier: 4, data: PPPOption.mppe(0x0100_0040).encoded)
        let frame = Wire.greFrame(
            ppp: LCP.protocolReject(
                identifier: 3, rejectedProtocol: Wire.ccp,
                rejectedInformation: ccpRequest))
        try ByteView.with(frame) { view in
            let control = try #require(PacketDissector.dissect(view, linkType: .ethernet).control)
            #expect(control.rejectedProtocol(view) == .ccp)
            #expect(control.magicNumber(view) == nil)
        }
        #expect(summaryLine(frame) == "LCP Protocol-Reject id=3 rejected=CCP")
        let f = fields(frame)
        #expect(f.first("lcp.rej_proto") == "0x80fd")
        #expect(f.values("ppp.code") == ["8", "1"])
        #expect(f.first("ccp.opt.supported_bits") == "0x01000040")
    }

    @Test("Terminate-Request data is not an option list, so free text in it is no malformation")
    func terminateRequest() throws {
        let frame = Wire.greFrame(ppp: LCP.terminateRequest(identifier: 2, data: Array("User request".utf8)))
        let packet = dissect(frame)
        #expect(packet.control?.code == 5)
        #expect(packet.malformed == nil)
        #expect(controlOptions(frame)?.options.isEmpty == true)
        #expect(summaryLine(frame) == "LCP Terminate-Request id=2")
    }
}
