import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("PAP (RFC 1334 §2.2)")
struct PAPTests {
    static let request = Wire.greFrame(ppp: PAP.authenticateRequest(identifier: 1, peerID: "alice", password: "s3cret"))

    @Test("Authenticate-Request: peer ID and password are ranges over the packet; the summary shows no password")
    func request() throws {
        let packet = dissect(Self.request)
        let pap = try #require(packet.pap)
        #expect(pap.code == 1)
        #expect(pap.codeName == "Authenticate-Request")
        #expect(pap.identifier == 1)
        #expect(pap.length == 4 + 1 + 5 + 1 + 6)
        #expect(pap.offset == 54)
        #expect(text(Self.request, pap.peerID) == "alice")
        #expect(text(Self.request, pap.password) == "s3cret")
        #expect(pap.message == nil)
        #expect(packet.stack == [.ethernet, .ipv4, .gre, .ppp, .pap])
        #expect(summaryLine(Self.request) == "PAP Authenticate-Request id=1 peer=\"alice\"")
    }

    @Test("Authenticate-Ack and -Nak carry a message")
    func ackAndNak() throws {
        let nak = Wire.greFrame(ppp: PAP.authenticateNak(identifier: 2, message: "Login incorrect"))
        let pap = try #require(dissect(nak).pap)
        #expect(pap.codeName == "Authenticate-Nak")
        #expect(text(nak, pap.message) == "Login incorrect")
        #expect(summaryLine(nak) == "PAP Authenticate-Nak id=2 message=\"Login incorrect\"")
        let ack = Wire.greFrame(ppp: PAP.authenticateAck(identifier: 2))
        #expect(summaryLine(ack) == "PAP Authenticate-Ack id=2 message=\"Login ok\"")
        #expect(fields(ack).first("pap.message") == "Login ok")
    }

    @Test("an Ack with no message field at all (Length 4) decodes without one")
    func ackWithoutMessage() throws {
        let frame = Wire.greFrame(ppp: Wire.ppp(Wire.pap, Wire.controlPacket(code: 2, identifier: 3)))
        let packet = dissect(frame)
        #expect(packet.pap?.message == nil)
        #expect(packet.malformed == nil)
        #expect(summaryLine(frame) == "PAP Authenticate-Ack id=3")
    }

    @Test("a peer-ID length past the packet is a bad length")
    func peerIDPastPacket() throws {
        let frame = Wire.greFrame(ppp: Wire.ppp(Wire.pap, Wire.controlPacket(code: 1, data: [32] + Array("abc".utf8))))
        #expect(dissect(frame).malformed == Malformation(.pap, .badLength, at: 58, ""))
        #expect(dissect(frame).pap == nil)
    }

    @Test("a password length past the packet is a bad length")
    func passwordPastPacket() throws {
        let frame = Wire.greFrame(ppp: Wire.ppp(Wire.pap, Wire.controlPacket(code: 1, data: [1, 0x61, 9, 0x62])))
        #expect(dissect(frame).malformed == Malformation(.pap, .badLength, at: 60, ""))
    }

    @Test("a message length past the packet is a bad length; a Length under 4 too")
    func messageAndLength() throws {
        let message = Wire.greFrame(ppp: Wire.ppp(Wire.pap, Wire.controlPacket(code: 3, data: [20, 0x61])))
        #expect(dissect(message).malformed == Malformation(.pap, .badLength, at: 58, ""))
        let short = Wire.greFrame(ppp: Wire.ppp(Wire.pap, Wire.controlPacket(code: 2, length: 2)))
        #expect(dissect(short).malformed == Malformation(.pap, .badLength, at: 54, ""))
    }

    @Test("a PAP packet cut inside its 4-byte header is truncated")
    func headerCut() throws {
        #expect(dissectCut(Self.request, at: 56).malformed == Malformation(.pap, .truncated, at: 54, ""))
    }

    // CHAP, LCP and PPTP call a packet cut by the capture's snapshot length `.truncated`; PAPPacket.decode returns
    // `.badLength` for any length field that runs past the bytes, whether the field lies or the capture was cut.
    @Test("an Authenticate-Request cut by the snapshot length inside the password is truncated, not a bad length")
    func requestCutBySnaplen() throws {
        let packet = dissectCut(Self.request, at: Self.request.count - 3)
        #expect(packet.isSnapTruncated)
        #expect(packet.malformed?.layer == .pap)
        #expect(packet.malformed?.problem == .truncated)
    }
}
