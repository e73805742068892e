import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("FieldWriter keeps credentials out unless asked")
struct FieldWriterCredentialTests {
    static let papRequest = Wire.greFrame(ppp: PAP.authenticateRequest(identifier: 1, peerID: "alice", password: "s3cret"))
    static let chapResponse = Wire.greFrame(
        ppp: CHAP.response(
            identifier: 2, value: MSCHAPv2.responseValue(seed: 7),
            name: "alice"))
    static let chapSuccess = Wire.greFrame(ppp: CHAP.success(identifier: 2, message: MSCHAPv2.successMessage(seed: 8)))

    @Test("pap.password is not written by default; the peer ID is")
    func papHidden() throws {
        let f = fields(Self.papRequest)
        #expect(!f.has("pap.password"))
        #expect(f.first("pap.peer_id") == "alice")
        #expect(f.first("pap.code") == "1")
        #expect(!f.pairs.contains { $0.value.contains("s3cret") })
    }

    @Test("pap.password is written with FieldOptions(showCredentials: true)")
    func papShown() throws {
        let f = fields(Self.papRequest, options: FieldOptions(showCredentials: true))
        #expect(f.first("pap.password") == "s3cret")
    }

    @Test("chap.value is not written by default; its size is")
    func chapValueHidden() throws {
        let f = fields(Self.chapResponse)
        #expect(!f.has("chap.value"))
        #expect(f.first("chap.value_size") == "49")
        #expect(f.first("chap.name") == "alice")
        #expect(f.first("chap.code") == "2")
    }

    @Test("chap.value is written as lowercase hex with FieldOptions(showCredentials: true)")
    func chapValueShown() throws {
        let f = fields(Self.chapResponse, options: FieldOptions(showCredentials: true))
        #expect(f.first("chap.value") == MSCHAPv2.responseValue(seed: 7).hexString)
    }

    @Test("the S= and C= parts of chap.message are redacted by default and shown when asked")
    func chapMessage() throws {
        #expect(fields(Self.chapSuccess).first("chap.message") == "S=\(MSCHAPText.marker) M=Access granted")
        #expect(
            fields(Self.chapSuccess, options: FieldOptions(showCredentials: true)).first("chap.message")
                == MSCHAPv2.successMessage(seed: 8))
    }

    @Test("the default options hide credentials")
    func defaults() {
        #expect(FieldOptions().showCredentials == false)
    }
}

@Suite("FieldWriter general output")
struct FieldWriterGeneralTests {
    @Test("Ethernet and IP come first, in tshark's names, and a malformed packet says where it broke")
    func orderAndMalformed() throws {
        let frame = Wire.patch8(Wire.ethernet(Wire.ipv4(17, Wire.udp())), at: 14, 0x44)
        let f = fields(frame)
        #expect(f.pairs.map(\.name) == ["eth.dst", "eth.src", "_ws.malformed"])
        #expect(f.first("eth.src") == "00:15:5d:01:02:03")
        #expect(f.first("_ws.malformed") == "ipv4 bad-value at byte 14: header length under 20 bytes")
    }

    @Test("a zero-length packet writes only its malformed mark")
    func emptyPacket() throws {
        #expect(fields([]).pairs.map(\.name) == ["_ws.malformed"])
    }
}
