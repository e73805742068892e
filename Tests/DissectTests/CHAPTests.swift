import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("CHAP (RFC 1994) and MS-CHAPv2 (RFC 2759) packets")
struct CHAPTests {
    static func frame(_ ppp: [UInt8]) -> [UInt8] { Wire.greFrame(ppp: ppp) }

    @Test("Challenge: the 16-byte MS-CHAPv2 value and the authenticator's name")
    func challenge() throws {
        let frame = Self.frame(CHAP.challenge(identifier: 1, value: MSCHAPv2.challengeValue(seed: 1), name: "pptpd"))
        let chap = try #require(dissect(frame).chap)
        #expect(chap.code == 1)
        #expect(chap.codeName == "Challenge")
        #expect(chap.identifier == 1)
        #expect(chap.valueSize == 16)
        #expect(chap.value == 59..<75)
        #expect(text(frame, chap.name) == "pptpd")
        #expect(chap.message == nil)
        #expect(dissect(frame).stack == [.ethernet, .ipv4, .gre, .ppp, .chap])
        #expect(summaryLine(frame) == "CHAP Challenge id=1 value-size=16 name=\"pptpd\"")
    }

    @Test("Response: the 49-byte value and the user name, a domain backslash shown as it is")
    func response() throws {
        let frame = Self.frame(CHAP.response(identifier: 1, value: MSCHAPv2.responseValue(seed: 2), name: "CORP\\alice"))
        let chap = try #require(dissect(frame).chap)
        #expect(chap.codeName == "Response")
        #expect(chap.valueSize == 49)
        #expect(text(frame, chap.name) == "CORP\\alice")
        #expect(summaryLine(frame) == "CHAP Response id=1 value-size=49 name=\"CORP\\alice\"")
        #expect(fields(frame).first("chap.name") == "CORP\\alice")
    }

    @Test("Success: the message's S= authenticator response is redacted in the summary, M= kept")
    func success() throws {
        let message = MSCHAPv2.successMessage(seed: 3)
        let frame = Self.frame(CHAP.success(identifier: 1, message: message))
        let chap = try #require(dissect(frame).chap)
        #expect(chap.codeName == "Success")
        #expect(text(frame, chap.message) == message)
        #expect(chap.value == nil)
        #expect(summaryLine(frame) == "CHAP Success id=1 \"S=<redacted> M=Access granted\"")
    }

    @Test("Failure: E=, R= and V= stay in the summary, the C= challenge is redacted")
    func failure() throws {
        let frame = Self.frame(
            CHAP.failure(
                identifier: 1,
                message: MSCHAPv2.failureMessage(
                    error: 691, retry: false,
                    seed: 4)))
        #expect(dissect(frame).chap?.codeName == "Failure")
        #expect(summaryLine(frame) == "CHAP Failure id=1 \"E=691 R=0 C=<redacted> V=3 M=Authentication failure\"")
    }

    @Test("a plain-text success message that is no MS-CHAP grammar is shown escaped as it is")
    func plainSuccess() throws {
        let frame = Self.frame(CHAP.success(identifier: 7, message: "Welcome\tin"))
        #expect(summaryLine(frame) == "CHAP Success id=7 \"Welcome\\x09in\"")
    }

    @Test("an empty success message adds nothing to the summary")
    func emptySuccess() throws {
        #expect(summaryLine(Self.frame(CHAP.success(identifier: 7, message: ""))) == "CHAP Success id=7")
    }

    @Test("a value size past the packet's Length is a bad length; cut by the capture, the packet is kept and truncated")
    func valueSizePastPacket() throws {
        let lying = Self.frame(Wire.ppp(Wire.chap, Wire.controlPacket(code: 2, data: [60] + Array(repeating: 0xAB, count: 10))))
        #expect(dissect(lying).malformed == Malformation(.chap, .badLength, at: 58, ""))
        let whole = Self.frame(CHAP.response(identifier: 1, value: MSCHAPv2.responseValue(seed: 2), name: "alice"))
        let cut = dissectCut(whole, at: 80)
        let chap = try #require(cut.chap)
        #expect(chap.isTruncated)
        #expect(chap.value == 59..<80)
        #expect(chap.name == nil)
        #expect(cut.malformed == Malformation(.chap, .truncated, at: 54, ""))
        // A message cut short is left out of the fields rather than shown half.
        let success = Self.frame(
            CHAP.failure(
                identifier: 1,
                message: MSCHAPv2.failureMessage(
                    error: 691, retry: false,
                    seed: 1)))
        let cutMessage = dissectCut(success, at: 70)
        #expect(cutMessage.chap?.isTruncated == true)
        #expect(cutMessage.malformed == Malformation(.chap, .truncated, at: 54, ""))
        #expect(!fields(Array(success.prefix(70))).has("chap.message"))
    }

    @Test("a Length under 4 is a bad length; fewer than 4 bytes is truncated")
    func shortPackets() throws {
        let short = Self.frame(Wire.ppp(Wire.chap, Wire.controlPacket(code: 1, length: 3)))
        #expect(dissect(short).malformed == Malformation(.chap, .badLength, at: 54, ""))
        let whole = Self.frame(CHAP.success(identifier: 1, message: "ok"))
        #expect(dissectCut(whole, at: 57).malformed == Malformation(.chap, .truncated, at: 54, ""))
    }

    @Test("MS-CHAPv2 Change-Password (code 7) decodes under a generic name without value or message")
    func changePassword() throws {
        let chap = try #require(dissect(Self.frame(MSCHAPv2.changePassword(identifier: 9, seed: 5))).chap)
        #expect(chap.code == 7)
        #expect(chap.codeName == "Code-7")
        #expect(chap.length == 586)
        #expect(chap.value == nil)
        #expect(chap.message == nil)
    }

    @Test("EAP carried by PPP is decoded far enough to name code and type")
    func eap() throws {
        let frame = Self.frame(Wire.ppp(Wire.eap, [1, 1, 0, 5, 1]))
        let eap = try #require(dissect(frame).eap)
        #expect(eap.codeName == "Request")
        #expect(eap.type == 1)
        #expect(summaryLine(frame) == "EAP Request id=1 type=1")
        #expect(dissect(frame).stack.last == .eap)
        #expect(summaryLine(Self.frame(Wire.ppp(Wire.eap, [3, 1, 0, 4]))) == "EAP Success id=1")
    }

    @Test("an EAP packet shorter than its 4-byte header is truncated")
    func eapTruncated() throws {
        let frame = Self.frame(Wire.ppp(Wire.eap, [1, 1, 0, 5, 1]))
        #expect(dissectCut(frame, at: 57).malformed == Malformation(.eap, .truncated, at: 54, ""))
    }
}
