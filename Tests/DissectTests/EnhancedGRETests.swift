import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("Enhanced GRE, version 1 (RFC 2637 §4.1)")
struct EnhancedGRETests {
    static let echo = LCP.echoRequest(identifier: 5, magic: 0x1234_ABCD)
    /// GRE with sequence and acknowledgment at 34 (16 bytes), PPP at 50, LCP at 54.
    static let dataFrame = Wire.greFrame(callID: 7, sequence: 42, acknowledgment: 41, ppp: echo)

    @Test("a data packet: the key holds payload length and Call ID, then sequence and acknowledgment numbers")
    func dataPacket() throws {
        let packet = dissect(Self.dataFrame)
        let gre = try #require(packet.gre)
        #expect(gre.version == 1)
        #expect(gre.isEnhanced)
        #expect(gre.flagsAndVersion == 0x3081)
        #expect(gre.protocolType == .ppp)
        #expect(gre.keyPresent && gre.sequencePresent && gre.ackPresent)
        #expect(!gre.checksumPresent && !gre.routingPresent)
        #expect(gre.payloadLength == UInt16(Self.echo.count))
        #expect(gre.callID == 7)
        #expect(gre.sequence == 42)
        #expect(gre.acknowledgment == 41)
        #expect(gre.offset == 34)
        #expect(gre.headerLength == 16)
        #expect(gre.payload == 50..<(50 + Self.echo.count))
        #expect(!gre.isAckOnly)
        #expect(packet.ppp?.offset == 50)
        #expect(packet.control?.code == 9)
        #expect(packet.stack == [.ethernet, .ipv4, .gre, .ppp, .lcp])
        #expect(packet.malformed == nil)
    }

    @Test("GRE fields are written under tshark's names")
    func fieldNames() throws {
        let f = fields(Self.dataFrame)
        #expect(f.first("gre.flags_and_version") == "0x3081")
        #expect(f.first("gre.proto") == "0x880b")
        #expect(f.first("gre.key.payload_length") == String(Self.echo.count))
        #expect(f.first("gre.key.call_id") == "7")
        #expect(f.first("gre.sequence_number") == "42")
        #expect(f.first("gre.ack_number") == "41")
        #expect(!f.has("gre.key"))
    }

    @Test("an encrypted data packet is summarised by its GRE call, sequence and acknowledgment")
    func mppeSummary() throws {
        let mppe = Wire.ppp(0x00FD, [0x90, 0x00, 1, 2, 3, 4], addressControl: false, compressProtocol: true)
        let frame = Wire.greFrame(callID: 7, sequence: 42, acknowledgment: 41, ppp: mppe)
        #expect(summaryLine(frame) == "PPP Compressed/MPPE data (GRE call=7 seq=42 ack=41)")
        #expect(dissect(frame).stack == [.ethernet, .ipv4, .gre, .ppp])
    }

    @Test("an ack-only packet (S=0, A=1) has no sequence number and no payload, and says so")
    func ackOnly() throws {
        let frame = Wire.greFrame(callID: 0x4A21, sequence: nil, acknowledgment: 99, ppp: [])
        let packet = dissect(frame)
        let gre = try #require(packet.gre)
        #expect(gre.flagsAndVersion == 0x2081)
        #expect(gre.sequence == nil)
        #expect(gre.acknowledgment == 99)
        #expect(gre.payloadLength == 0)
        #expect(gre.headerLength == 12)
        #expect(gre.payload.isEmpty)
        #expect(gre.isAckOnly)
        #expect(packet.ppp == nil)
        #expect(packet.malformed == nil)
        #expect(summaryLine(frame) == "GRE call=18977 ack=99 ack-only")
    }

    @Test("a packet with a sequence number and no acknowledgment has a 12-byte header")
    func sequenceOnly() throws {
        let packet = dissect(Wire.greFrame(callID: 7, sequence: 1, acknowledgment: nil, ppp: Self.echo))
        #expect(packet.gre?.headerLength == 12)
        #expect(packet.gre?.acknowledgment == nil)
        #expect(packet.ppp?.offset == 46)
        #expect(packet.control != nil)
    }

    @Test("Call ID 0 is a Call ID like any other")
    func callIDZero() throws {
        let frame = Wire.greFrame(callID: 0, ppp: Self.echo)
        #expect(dissect(frame).gre?.callID == 0)
        #expect(fields(frame).first("gre.key.call_id") == "0")
        #expect(
            summaryLine(Wire.greFrame(callID: 0, sequence: nil, acknowledgment: 3, ppp: []))
                == "GRE call=0 ack=3 ack-only")
    }

    @Test("version 1 with the K (key present) bit clear is a bad value; IPv4 stays")
    func keyBitClear() throws {
        let packet = dissect(Wire.patch8(Self.dataFrame, at: 34, 0x10))
        #expect(packet.malformed == Malformation(.gre, .badValue, at: 34, ""))
        #expect(packet.gre == nil)
        #expect(packet.ip != nil)
    }

    @Test("version 1 with the checksum or routing bit set is a bad value")
    func checksumOrRoutingSet() throws {
        for byte: UInt8 in [0xB0, 0x70] {
            #expect(dissect(Wire.patch8(Self.dataFrame, at: 34, byte)).malformed == Malformation(.gre, .badValue, at: 34, ""))
        }
    }

    // RFC 2637 §4.1: "s (Bit 4) Strict source route present. Set to zero (0)." Bit 4 is 0x0800; the decoder's
    // mask 0xC008 tests C, R and bit 12 (one of the reserved Flags bits) instead, so s=1 passes.
    @Test("version 1 with the strict source route bit (s, 0x0800) set is a bad value")
    func strictSourceRouteSet() throws {
        #expect(dissect(Wire.patch8(Self.dataFrame, at: 34, 0x38)).malformed == Malformation(.gre, .badValue, at: 34, ""))
    }

    @Test("GRE versions 2 to 7 are bad values")
    func unknownVersion() throws {
        for version: UInt8 in 2...7 {
            let packet = dissect(Wire.patch8(Self.dataFrame, at: 35, 0x80 | version))
            #expect(packet.malformed == Malformation(.gre, .badValue, at: 34, ""), "version \(version)")
        }
    }

    @Test("the key's payload length bounds the PPP frame when more bytes follow in the datagram")
    func payloadLengthBounds() throws {
        // 10 of the 12 PPP bytes: FF 03 C0 21, then 6 of the LCP packet's 8.
        let packet = dissect(Wire.patch16(Self.dataFrame, at: 38, 10))
        #expect(packet.gre?.payload == 50..<60)
        // The LCP Length says 8 but its frame holds 6 while the capture holds all 8: a bad length, not a cut.
        #expect(packet.control?.length == 8)
        #expect(packet.control?.data == 58..<60)
        #expect(packet.malformed == Malformation(.lcp, .badLength, at: 54, ""))
    }

    @Test("a payload length larger than the whole datagram is clamped to the bytes there are and marked a bad length")
    func payloadLengthClamped() throws {
        let packet = dissect(Wire.patch16(Self.dataFrame, at: 38, 500))
        #expect(packet.gre?.payloadLength == 500)
        #expect(packet.gre?.payload == 50..<Self.dataFrame.count)
        #expect(packet.control != nil)
        #expect(packet.malformed?.layer == .ppp)
        #expect(packet.malformed?.problem == .badLength)
    }

    @Test("cut by the capture in each header field, GRE is truncated at that field and IPv4 stays")
    func truncatedHeader() throws {
        for (cut, at) in [(35, 34), (37, 34), (40, 38), (44, 42), (48, 46)] {
            let packet = dissectCut(Self.dataFrame, at: cut)
            #expect(packet.ip != nil, "cut \(cut)")
            #expect(packet.gre == nil, "cut \(cut)")
            #expect(packet.malformed == Malformation(.gre, .truncated, at: at, ""), "cut \(cut)")
        }
    }

    @Test("cut by the capture inside the PPP payload, GRE stays and the inner layer is truncated")
    func truncatedPayload() throws {
        let inProtocol = dissectCut(Self.dataFrame, at: 53)
        #expect(inProtocol.gre != nil)
        #expect(inProtocol.malformed == Malformation(.ppp, .truncated, at: 52, ""))

        let inLCPHeader = dissectCut(Self.dataFrame, at: 56)
        #expect(inLCPHeader.ppp?.proto == .lcp)
        #expect(inLCPHeader.control == nil)
        #expect(inLCPHeader.malformed == Malformation(.lcp, .truncated, at: 54, ""))

        let inLCPData = dissectCut(Self.dataFrame, at: 60)
        #expect(inLCPData.control?.isTruncated == true)
        #expect(inLCPData.malformed == Malformation(.lcp, .truncated, at: 54, ""))
    }
}
