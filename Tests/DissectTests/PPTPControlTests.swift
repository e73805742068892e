import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("PPTP control messages (RFC 2637 §2)")
struct PPTPControlTests {
    /// One example of every control message type, built by TestSupport.
    static let examples: [(PPTPControl.MessageType, [UInt8])] = [
        (.startControlConnectionRequest, PPTPControl.startControlConnectionRequest(hostName: "LAPTOP-7")),
        (.startControlConnectionReply, PPTPControl.startControlConnectionReply()),
        (.stopControlConnectionRequest, PPTPControl.stopControlConnectionRequest(reason: 3)),
        (.stopControlConnectionReply, PPTPControl.stopControlConnectionReply()),
        (.echoRequest, PPTPControl.echoRequest(identifier: 0x0102_0304)),
        (.echoReply, PPTPControl.echoReply(identifier: 0x0102_0304)),
        (.outgoingCallRequest, PPTPControl.outgoingCallRequest(callID: 0x4A21, serial: 3)),
        (.outgoingCallReply, PPTPControl.outgoingCallReply(callID: 256, peerCallID: 2932)),
        (.incomingCallRequest, PPTPControl.incomingCallRequest(callID: 11, serial: 12)),
        (.incomingCallReply, PPTPControl.incomingCallReply(callID: 13, peerCallID: 11)),
        (.incomingCallConnected, PPTPControl.incomingCallConnected(peerCallID: 13)),
        (.callClearRequest, PPTPControl.callClearRequest(callID: 0x4A21)),
        (.callDisconnectNotify, PPTPControl.callDisconnectNotify(callID: 7, result: 3, cause: 0x1234)),
        (.wanErrorNotify, PPTPControl.wanErrorNotify(peerCallID: 7, crcErrors: 5)),
        (.setLinkInfo, PPTPControl.setLinkInfo(peerCallID: 7)),
    ]

    @Test("every control message type decodes with its RFC length, header fields, name and abbreviation")
    func everyType() throws {
        let abbreviations = [
            "SCCRQ", "SCCRP", "StopCCRQ", "StopCCRP", "Echo-Request", "Echo-Reply", "OCRQ", "OCRP",
            "ICRQ", "ICRP", "ICCN", "CCRQ", "CDN", "WAN-Error-Notify", "Set-Link-Info",
        ]
        for ((type, message), abbreviation) in zip(Self.examples, abbreviations) {
            let packet = dissect(Wire.pptpFrame(message))
            let pptp = try #require(packet.pptp, "\(type)")
            #expect(pptp.type.rawValue == type.rawValue)
            #expect(pptp.length == type.length)
            #expect(pptp.type.expectedLength == type.length)
            #expect(pptp.pptpType == 1)
            #expect(pptp.cookie == PPTPControlMessage.magicCookie)
            #expect(pptp.offset == 54)
            #expect(pptp.type.abbreviation == abbreviation)
            #expect(!pptp.type.name.hasPrefix("Unknown"))
            #expect(packet.pptpMessageCount == 1)
            #expect(packet.stack == [.ethernet, .ipv4, .tcp, .pptp])
            #expect(packet.malformed == nil, "\(type)")
        }
    }

    @Test("SCCRQ: protocol version, firmware revision and the NUL-padded host and vendor names")
    func sccrq() throws {
        let message = PPTPControl.startControlConnectionRequest(
            hostName: "LAPTOP-7", vendor: "Microsoft",
            firmwareRevision: 0x0A28)
        let frame = Wire.pptpFrame(message)
        try ByteView.with(frame) { view in
            let pptp = try #require(PacketDissector.dissect(view, linkType: .ethernet).pptp)
            #expect(pptp.protocolVersion == 0x0100)
            #expect(pptp.firmwareRevision == 0x0A28)
            #expect(pptp.resultCode == nil)
            #expect(pptp.text(pptp.hostName, in: view) == "LAPTOP-7")
            #expect(pptp.text(pptp.vendorName, in: view) == "Microsoft")
            #expect(pptp.summary(in: view) == "SCCRQ host=\"LAPTOP-7\"")
        }
        let f = fields(frame)
        #expect(f.first("pptp.protocol_version") == "256")
        #expect(f.first("pptp.host_name") == "LAPTOP-7")
        #expect(f.first("pptp.vendor_name") == "Microsoft")
        #expect(f.first("pptp.magic_cookie") == "0x1a2b3c4d")
    }

    @Test("SCCRP: result and general error codes are named in the summary")
    func sccrp() throws {
        let frame = Wire.pptpFrame(
            PPTPControl.startControlConnectionReply(result: 2, error: 6, hostName: "vpn"),
            sourcePort: 1723, destinationPort: 49_723)
        let packet = dissect(frame)
        #expect(packet.pptp?.resultCode == 2)
        #expect(packet.pptp?.errorCode == 6)
        #expect(summaryLine(frame) == "PPTP SCCRP result=2 (General error) error=6 (PAC-Error) host=\"vpn\"")
        #expect(fields(frame).first("pptp.control_result") == "2")
    }

    @Test("OCRQ carries the Call ID and serial; OCRP the Call ID, peer's Call ID, result, error and cause")
    func outgoingCall() throws {
        let request = dissect(Wire.pptpFrame(PPTPControl.outgoingCallRequest(callID: 0x4A21, serial: 3)))
        #expect(request.pptp?.callID == 0x4A21)
        #expect(request.pptp?.callSerial == 3)
        #expect(request.pptp?.peerCallID == nil)

        let replyFrame = Wire.pptpFrame(
            PPTPControl.outgoingCallReply(
                callID: 256, peerCallID: 2932, result: 1,
                cause: 0x77))
        let reply = dissect(replyFrame)
        #expect(reply.pptp?.callID == 256)
        #expect(reply.pptp?.peerCallID == 2932)
        #expect(reply.pptp?.resultCode == 1)
        #expect(reply.pptp?.errorCode == 0)
        #expect(reply.pptp?.causeCode == 0x77)
        #expect(summaryLine(replyFrame) == "PPTP OCRP call=256 peer=2932 result=1 (Connected)")
        let f = fields(replyFrame)
        #expect(f.first("pptp.call_id") == "256")
        #expect(f.first("pptp.peer_call_id") == "2932")
        #expect(f.first("pptp.out_result") == "1")
        #expect(f.first("pptp.cause") == "119")
        #expect(f.first("pptp.length") == "32")
        #expect(f.first("pptp.control_message_type") == "8")
    }

    @Test("the result tables name each message's own codes (OCRP busy, CDN admin shutdown, StopCCRQ shutdown)")
    func resultTexts() throws {
        #expect(
            summaryLine(Wire.pptpFrame(PPTPControl.outgoingCallReply(callID: 1, peerCallID: 2, result: 4)))
                == "PPTP OCRP call=1 peer=2 result=4 (Busy)")
        #expect(
            summaryLine(Wire.pptpFrame(PPTPControl.callDisconnectNotify(callID: 7, result: 3)))
                == "PPTP CDN call=7 result=3 (Admin shutdown)")
        #expect(
            summaryLine(Wire.pptpFrame(PPTPControl.stopControlConnectionRequest(reason: 3)))
                == "PPTP StopCCRQ reason=3 (Requester is being shut down)")
        #expect(
            summaryLine(Wire.pptpFrame(PPTPControl.incomingCallReply(callID: 1, peerCallID: 2, result: 3)))
                == "PPTP ICRP call=1 peer=2 result=3 (Do not accept)")
        #expect(PPTPCodes.controlResult(4) == "Requester is not authorized to establish a command channel")
        #expect(PPTPCodes.generalError(9) == "Unknown error 9")
    }

    @Test("the other messages expose their fields: echo identifier, CDN cause, ICCN / WAN-Error / SLI peer Call ID")
    func otherFields() throws {
        let echo = dissect(Wire.pptpFrame(PPTPControl.echoReply(identifier: 99, result: 2, error: 1)))
        #expect(echo.pptp?.identifier == 99)
        #expect(echo.pptp?.resultCode == 2)
        #expect(echo.pptp?.errorCode == 1)
        let cdn = dissect(Wire.pptpFrame(PPTPControl.callDisconnectNotify(callID: 7, result: 3, error: 0, cause: 0x1234)))
        #expect(cdn.pptp?.callID == 7)
        #expect(cdn.pptp?.causeCode == 0x1234)
        for message in [
            PPTPControl.incomingCallConnected(peerCallID: 13), PPTPControl.wanErrorNotify(peerCallID: 13),
            PPTPControl.setLinkInfo(peerCallID: 13),
        ] {
            #expect(dissect(Wire.pptpFrame(message)).pptp?.peerCallID == 13)
        }
        let stop = dissect(Wire.pptpFrame(PPTPControl.stopControlConnectionReply(result: 2, error: 4)))
        #expect(stop.pptp?.resultCode == 2)
        #expect(stop.pptp?.errorCode == 4)
        let sli = fields(Wire.pptpFrame(PPTPControl.setLinkInfo(peerCallID: 13, sendACCM: 0, receiveACCM: 0xFFFF_FFFF)))
        #expect(sli.first("pptp.send_accm") == "0x00000000")
        #expect(sli.first("pptp.receive_accm") == "0xffffffff")
    }

    @Test("call ID 0 is decoded as the value 0, not as an absent field")
    func callIDZero() throws {
        let frame = Wire.pptpFrame(PPTPControl.outgoingCallRequest(callID: 0, serial: 0))
        #expect(dissect(frame).pptp?.callID == 0)
        #expect(summaryLine(frame) == "PPTP OCRQ call=0")
        #expect(fields(frame).first("pptp.call_id") == "0")
    }

    @Test("several whole messages in one segment are counted, the first one kept and all written as fields")
    func severalMessages() throws {
        let frame = Wire.pptpFrame(
            PPTPControl.echoRequest(identifier: 1) + PPTPControl.echoReply(identifier: 2)
                + PPTPControl.setLinkInfo(peerCallID: 3))
        let packet = dissect(frame)
        #expect(packet.pptpMessageCount == 3)
        #expect(packet.pptp?.type == .echoRequest)
        #expect(summaryLine(frame) == "PPTP Echo-Request (+2 more)")
        #expect(fields(frame).values("pptp.control_message_type") == ["5", "6", "15"])
    }

    @Test("a message continuing past a whole segment is left to reassembly, not marked malformed")
    func continuesPastSegment() throws {
        let sccrq = PPTPControl.startControlConnectionRequest()
        let packet = dissect(Wire.pptpFrame(Array(sccrq.prefix(100))))
        #expect(packet.tcp?.payload.count == 100)
        #expect(packet.pptp == nil)
        #expect(packet.pptpMessageCount == 0)
        #expect(packet.malformed == nil)

        let second = dissect(Wire.pptpFrame(PPTPControl.echoRequest(identifier: 1) + Array(sccrq.prefix(20))))
        #expect(second.pptpMessageCount == 1)
        #expect(second.malformed == nil)
    }

    @Test("a message cut by the snapshot length is decoded as far as the capture goes, the rest left nil")
    func snapTruncated() throws {
        let frame = Wire.pptpFrame(PPTPControl.startControlConnectionRequest(hostName: "LAPTOP-7", vendor: "Microsoft"))
        // Cut inside the vendor name: the header, version and host name are there; the vendor is not written.
        let cutInVendor = Array(frame.prefix(54 + 100))
        let packet = dissect(cutInVendor, wireLength: frame.count)
        let pptp = try #require(packet.pptp)
        #expect(pptp.type == .startControlConnectionRequest)
        #expect(pptp.length == 156)
        #expect(pptp.protocolVersion == 0x0100)
        #expect(text(cutInVendor, pptp.hostName)?.hasPrefix("LAPTOP-7") == true)
        #expect(packet.pptpRange == 54..<frame.count)
        #expect(packet.isSnapTruncated)
        #expect(packet.malformed?.layer == .pptp)
        #expect(packet.malformed?.problem == .truncated)
        let f = fields(cutInVendor)
        #expect(f.first("pptp.host_name") == "LAPTOP-7")
        #expect(!f.has("pptp.vendor_name"))

        // Cut right after the 12-byte header: the type is known, nothing else.
        let headerOnly = dissectCut(frame, at: 54 + 12)
        #expect(headerOnly.pptp?.type == .startControlConnectionRequest)
        #expect(headerOnly.pptp?.protocolVersion == nil)
        #expect(headerOnly.pptp?.hostName == nil)

        // Cut inside the header: no message, TCP kept, and no mark (the capture's snap length explains it).
        let inHeader = dissectCut(frame, at: 54 + 6)
        #expect(inHeader.tcp != nil)
        #expect(inHeader.pptp == nil)
        #expect(inHeader.malformed == nil)
    }

    @Test("a PPTP length under the 12-byte header is a bad length (and cannot make the walk loop)")
    func lengthUnderTwelve() throws {
        for length: UInt16 in [0, 1, 8, 11] {
            let message = Wire.patch16(PPTPControl.echoRequest(identifier: 1), at: 0, length)
            let packet = dissect(Wire.pptpFrame(message))
            #expect(packet.malformed == Malformation(.pptp, .badLength, at: 54, ""), "length \(length)")
            #expect(packet.pptp == nil)
            #expect(packet.tcp != nil)
        }
    }

    @Test("a segment not starting with the magic cookie is taken for the middle of a message: no PPTP, no mark")
    func wrongCookie() throws {
        var message = PPTPControl.echoRequest(identifier: 1)
        message[7] = 0x4E
        let packet = dissect(Wire.pptpFrame(message))
        #expect(packet.pptp == nil)
        #expect(packet.pptpMessageCount == 0)
        #expect(packet.tcp?.payload.count == 16)
        #expect(packet.malformed == nil)
        // The decoder itself says why.
        ByteView.with(message) { view in
            guard case .failure(let m) = PPTPControlMessage.decode(view, at: 0, end: message.count) else {
                Issue.record("a wrong cookie decoded")
                return
            }
            #expect(m == Malformation(.pptp, .badValue, at: 0, ""))
        }
    }

    @Test("a message shorter than its type requires is a bad length")
    func shorterThanType() throws {
        let short = Wire.patch16(Array(PPTPControl.startControlConnectionRequest().prefix(16)), at: 0, 16)
        #expect(dissect(Wire.pptpFrame(short)).malformed == Malformation(.pptp, .badLength, at: 54, ""))
    }

    @Test("an unknown control message type with a sane length decodes under a generic name")
    func unknownType() throws {
        let message = Wire.patch16(Wire.patch16(PPTPControl.echoRequest(identifier: 1), at: 8, 99), at: 0, 16)
        let frame = Wire.pptpFrame(message)
        let pptp = try #require(dissect(frame).pptp)
        #expect(pptp.type.rawValue == 99)
        #expect(pptp.type.expectedLength == nil)
        #expect(pptp.type.abbreviation == "type-99")
        #expect(pptp.type.name == "Unknown control message 99")
        #expect(summaryLine(frame) == "PPTP type-99")
    }

    @Test("a whole message followed by bytes without the cookie keeps and counts the first message")
    func goodThenBad() throws {
        var bad = PPTPControl.echoRequest(identifier: 2)
        bad[4] = 0
        let packet = dissect(Wire.pptpFrame(PPTPControl.echoRequest(identifier: 1) + bad))
        #expect(packet.pptp?.identifier == 1)
        #expect(packet.pptpMessageCount == 1)
    }

    @Test("PPTP is looked for only on TCP port 1723, in either direction")
    func onlyPort1723() throws {
        let message = PPTPControl.echoRequest(identifier: 1)
        #expect(dissect(Wire.pptpFrame(message, sourcePort: 49_723, destinationPort: 80)).pptp == nil)
        #expect(dissect(Wire.pptpFrame(message, sourcePort: 1723, destinationPort: 49_723)).pptp != nil)
    }

    @Test("control characters in a host name are escaped in the summary, so a capture cannot drive the terminal")
    func hostileHostName() throws {
        let frame = Wire.pptpFrame(PPTPControl.startControlConnectionRequest(hostName: "evil\u{1B}[2J\u{7F}"))
        #expect(summaryLine(frame) == "PPTP SCCRQ host=\"evil\\x1b[2J\\x7f\"")
        #expect(fields(frame).first("pptp.host_name") == "evil\\x1b[2J\\x7f")
    }
}
