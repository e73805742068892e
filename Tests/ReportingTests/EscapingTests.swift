import Foundation
import PPTPReporting
import Testing

@Suite("Output escaping")
struct EscapingTests {
    @Test("JSON strings escape quotes, backslashes and every control character")
    func jsonEscapesEverything() throws {
        let hostile = "a\"b\\c\u{1B}[31m\n\t\u{0}\u{7F}\u{2028}"
        let quoted = JSONText.quoted(hostile)
        let data = Data("[\(quoted)]".utf8)
        let back = try #require(try JSONSerialization.jsonObject(with: data) as? [String])
        #expect(back == [hostile])
        #expect(!quoted.contains("\u{1B}"))
        #expect(!quoted.contains("\n"))
    }

    @Test("text without a terminal carries no colour codes")
    func plainTextHasNoEscapes() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/scenarios/gre-no-return/expected.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(!text.contains("\u{1B}"))
    }
}
