import Foundation
import PPTPAnalysis
import PPTPReporting
import PPTPTestSupport
import Testing

/// `analyze --format text|markdown|html` writes the report a session at a time through `DocumentWriter`, each
/// session's part waiting in a temporary file; the bytes must be those of the renderers' whole-report `render`,
/// which the golden files pin.
@Suite("Documents written a session at a time")
struct DocumentWriterTests {
    static func streamed(_ report: Report, _ format: DocumentWriter.Format) -> String {
        var frame = report
        frame.sessions = []
        var writer = DocumentWriter(format: format)
        for session in report.sessions { writer.add(session, of: frame) }
        var bytes: [UInt8] = []
        let complete = writer.finish(frame) { bytes.append(contentsOf: $0) }
        #expect(complete)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("every scenario's text, Markdown and HTML come out byte for byte as the whole report renders them")
    func sameBytesAsTheWholeReport() throws {
        var multiSession = 0
        var withoutSession = 0
        for name in GoldenReportTests.scenarios {
            let report = try GoldenReportTests.report(name)
            if report.sessions.count > 1 { multiSession += 1 }
            if report.sessions.isEmpty { withoutSession += 1 }
            #expect(Self.streamed(report, .text(color: false)) == TextRenderer(color: false).render(report), "\(name)")
            #expect(Self.streamed(report, .text(color: true)) == TextRenderer(color: true).render(report), "\(name)")
            #expect(Self.streamed(report, .markdown) == MarkdownRenderer.render(report), "\(name)")
            #expect(Self.streamed(report, .html) == HTMLRenderer.render(report), "\(name)")
        }
        // The HTML overview appears only with several sessions, and a text report without a session is its head
        // alone (unrelated-traffic-no-pptp): both kinds must be among the scenarios.
        #expect(multiSession > 0)
        #expect(withoutSession > 0)
    }
}
