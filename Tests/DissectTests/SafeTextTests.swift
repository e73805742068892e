import PPTPDissect
import Testing

@Suite("SafeText: capture bytes made safe for any terminal or file")
struct SafeTextTests {
    static func escape(_ bytes: [UInt8]) -> String { SafeText.escape(bytes: bytes) }
    static func escape(_ text: String) -> String { SafeText.escape(bytes: Array(text.utf8)) }

    @Test("printable ASCII passes through unchanged")
    func printableASCII() {
        #expect(Self.escape("Hello, PPTP world! ~{}[]0-9") == "Hello, PPTP world! ~{}[]0-9")
        #expect(Self.escape("") == "")
    }

    @Test("control characters become \\xNN escapes: NUL, BEL, TAB, LF, CR, 0x1F")
    func controlCharacters() {
        #expect(Self.escape([0x00, 0x07, 0x09, 0x0A, 0x0D, 0x1F]) == "\\x00\\x07\\x09\\x0a\\x0d\\x1f")
        #expect(Self.escape("a\r\nb") == "a\\x0d\\x0ab")
    }

    @Test("ESC is escaped, so an ANSI sequence in a host name cannot recolour or clear the terminal")
    func escape() {
        #expect(Self.escape("\u{1B}[31mred\u{1B}[0m") == "\\x1b[31mred\\x1b[0m")
        #expect(Self.escape("\u{1B}]0;title\u{07}") == "\\x1b]0;title\\x07")
    }

    @Test("DEL is escaped")
    func delete() {
        #expect(Self.escape([0x41, 0x7F]) == "A\\x7f")
    }

    // SafeText's contract: only control characters, DEL and invalid UTF-8 are escaped. A backslash (the
    // DOMAIN\user separator) is printable and kept, so data holding the text "\x1b" reads like an escaped ESC.
    @Test("a backslash is printable and passes through unchanged, as in DOMAIN\\user")
    func backslash() {
        #expect(Self.escape("CORP\\bob") == "CORP\\bob")
        #expect(Self.escape([0x5C]) == "\\")
    }

    @Test("valid UTF-8 of 2, 3 and 4 bytes is kept")
    func validUTF8() {
        for text in ["café", "Ωmega", "日本語のホスト", "😀 ok", "Grüße aus Köln"] {
            #expect(Self.escape(text) == text)
        }
    }

    @Test("invalid UTF-8 is escaped byte by byte: lone lead, bad continuation, overlong, surrogate, > U+10FFFF, FF")
    func invalidUTF8() {
        #expect(Self.escape([0xC3]) == "\\xc3")
        #expect(Self.escape([0xC3, 0x28]) == "\\xc3(")
        #expect(Self.escape([0xE2, 0x82]) == "\\xe2\\x82")
        #expect(Self.escape([0xC0, 0xAF]) == "\\xc0\\xaf")
        #expect(Self.escape([0xE0, 0x80, 0xAF]) == "\\xe0\\x80\\xaf")
        #expect(Self.escape([0xED, 0xA0, 0x80]) == "\\xed\\xa0\\x80")
        #expect(Self.escape([0xF4, 0x90, 0x80, 0x80]) == "\\xf4\\x90\\x80\\x80")
        #expect(Self.escape([0xFF, 0xFE]) == "\\xff\\xfe")
        #expect(Self.escape([0x80, 0x41]) == "\\x80A")
        // A valid character after an invalid byte survives.
        #expect(Self.escape([0xC3, 0xC3, 0xA9]) == "\\xc3é")
    }

    @Test("C1 controls, bidi overrides and invisible marks are escaped even though they are valid UTF-8")
    func invisibleScalars() {
        #expect(Self.escape("a\u{85}b") == "a\\xc2\\x85b")
        #expect(Self.escape("\u{202E}gnp.exe") == "\\xe2\\x80\\xaegnp.exe")
        #expect(Self.escape("\u{2066}x") == "\\xe2\\x81\\xa6x")
        #expect(Self.escape("\u{200F}") == "\\xe2\\x80\\x8f")
        #expect(Self.escape("\u{FEFF}") == "\\xef\\xbb\\xbf")
    }

    @Test("text longer than 256 bytes is cut there and ends in an ellipsis")
    func longText() {
        let long = String(repeating: "a", count: 300)
        #expect(Self.escape(long) == String(repeating: "a", count: SafeText.maxBytes) + "…")
        #expect(Self.escape(String(repeating: "b", count: 256)) == String(repeating: "b", count: 256))
    }

    @Test("a NUL-padded field stops at the first NUL; ranges are clamped to the view")
    func cString() {
        let bytes = Array("host\u{0}junk".utf8)
        ByteView.with(bytes) { view in
            #expect(SafeText.cString(view, 0..<bytes.count) == "host")
            #expect(SafeText.cString(view, 5..<bytes.count) == "junk")
            #expect(SafeText.escape(view, 2..<100) == "st\\x00junk")
            #expect(SafeText.escape(view, 50..<60) == "")
        }
    }
}

@Suite("Peer data as text or bytes")
struct PeerDataTests {
    static func render(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { SafeText.peerData(ByteView($0), 0..<bytes.count) }
    }

    @Test("text a peer sent is quoted as text, trailing NULs dropped")
    func textIsQuoted() {
        #expect(Self.render(Array("User request".utf8)) == "\"User request\"")
        #expect(Self.render(Array("MPPE disabled".utf8) + [0, 0]) == "\"MPPE disabled\"")
    }

    @Test("binary data is its length and first bytes in hex")
    func binaryIsHex() {
        #expect(Self.render([0x00, 0x3C, 0xCD, 0x74]) == "4 bytes: 00 3c cd 74")
        #expect(Self.render(Array(repeating: 0x01, count: 20)).hasSuffix(" …"))
        #expect(Self.render(Array(repeating: 0x01, count: 20)).hasPrefix("20 bytes: "))
    }

    @Test("text with an escape sequence is not text")
    func terminalEscapesAreBytes() {
        #expect(Self.render(Array("\u{1B}[31mred".utf8)).hasPrefix("8 bytes: 1b 5b"))
    }
}
