import PPTPDissect
import PPTPTestSupport
import Testing

/// The grammar of MS-CHAP Success and Failure messages: RFC 2759 §5 (`S=<auth_string> M=<message>`) and §6
/// (`E=eeeeeeeeee R=r C=cccccccccccccccccccccccccccccccc V=vvvvvvvvvv M=<msg>`), with MS-CHAPv1's shorter form.
@Suite("MS-CHAP Success / Failure message grammar (RFC 2759 §5–6)")
struct MSCHAPMessageTests {
    /// Parses `message`, returning the parsed fields with their ranges read back as text.
    static func parse(_ message: String) -> (message: MSCHAPMessage, text: (Range<Int>?) -> String?)? {
        let bytes = Array(message.utf8)
        guard let parsed = ByteView.with(bytes, { MSCHAPMessage.parse($0, 0..<bytes.count) }) else { return nil }
        return (parsed, { range in range.map { String(decoding: bytes[$0], as: UTF8.self) } })
    }

    @Test("Success: S= holds the 40-hex-digit authenticator response, M= the text")
    func success() throws {
        let message = MSCHAPv2.successMessage(seed: 1)
        let parsed = try #require(Self.parse(message))
        #expect(parsed.message.authenticatorResponse?.count == 40)
        #expect(parsed.text(parsed.message.authenticatorResponse) == String(message.dropFirst(2).prefix(40)))
        #expect(parsed.text(parsed.message.text) == "Access granted")
        #expect(parsed.message.error == nil)
        #expect(parsed.message.challenge == nil)
    }

    @Test("Failure: E= error code, R= retry flag, C= 32-hex-digit challenge, V= version, M= text")
    func failure() throws {
        let parsed = try #require(Self.parse(MSCHAPv2.failureMessage(error: 691, retry: true, seed: 2)))
        #expect(parsed.message.error == 691)
        #expect(parsed.message.retry == true)
        #expect(parsed.message.challenge?.count == 32)
        #expect(parsed.message.version == 3)
        #expect(parsed.text(parsed.message.text) == "Authentication failure")
        #expect(parsed.message.authenticatorResponse == nil)
    }

    @Test("the Windows error codes 646–649 and 709 parse with R=0")
    func errorCodes() throws {
        for code in [646, 647, 648, 649, 691, 709] {
            let parsed = try #require(Self.parse(MSCHAPv2.failureMessage(error: code, retry: false, seed: 3)))
            #expect(parsed.message.error == code)
            #expect(parsed.message.retry == false)
        }
    }

    @Test("the MS-CHAPv1 form without C= and V= parses what is there")
    func msChapV1() throws {
        let parsed = try #require(Self.parse("E=691 R=1"))
        #expect(parsed.message.error == 691)
        #expect(parsed.message.retry == true)
        #expect(parsed.message.challenge == nil)
        #expect(parsed.message.version == nil)
        #expect(parsed.message.text == nil)
    }

    @Test("M= takes the rest of the message, spaces and equals signs included")
    func messageTakesTheRest() throws {
        let parsed = try #require(Self.parse("E=648 R=0 V=3 M=Password expired: a=b  c "))
        #expect(parsed.text(parsed.message.text) == "Password expired: a=b  c ")
        #expect(parsed.message.version == 3)
    }

    @Test("an empty M= gives an empty text; extra spaces between fields are skipped")
    func spacing() throws {
        let parsed = try #require(Self.parse("E=691   R=0 M="))
        #expect(parsed.message.error == 691)
        #expect(parsed.message.retry == false)
        #expect(parsed.message.text?.isEmpty == true)
    }

    @Test("text that does not start with a field parses to nothing")
    func notMSCHAP() throws {
        #expect(Self.parse("Welcome in") == nil)
        #expect(Self.parse("") == nil)
        #expect(Self.parse("E") == nil)
        #expect(Self.parse("X=1 E=691") == nil)
    }

    @Test("an unknown key after known fields ends the parse, keeping what was read")
    func unknownKeyLater() throws {
        let parsed = try #require(Self.parse("E=691 X=1 R=1"))
        #expect(parsed.message.error == 691)
        #expect(parsed.message.retry == nil)
    }

    @Test("non-decimal and over-long numbers give no value rather than a wrong one")
    func badNumbers() throws {
        let parsed = try #require(Self.parse("E=69l R=yes V=1234567890"))
        #expect(parsed.message.error == nil)
        #expect(parsed.message.retry == nil)
        #expect(parsed.message.version == nil)
    }

    @Test("the redacted rendering keeps E, R, V and M and replaces S and C by a marker")
    func redacted() throws {
        let message = Array("E=691 R=0 C=00112233445566778899AABBCCDDEEFF V=3 M=bad\u{1B}".utf8)
        let shown = ByteView.with(message) { MSCHAPText.redacted($0, 0..<message.count) }
        #expect(shown == "E=691 R=0 C=<redacted> V=3 M=bad\\x1b")
        let success = Array(MSCHAPv2.successMessage(seed: 9).utf8)
        #expect(ByteView.with(success) { MSCHAPText.redacted($0, 0..<success.count) } == "S=<redacted> M=Access granted")
    }
}
