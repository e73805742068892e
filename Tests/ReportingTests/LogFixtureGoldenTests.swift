import Foundation
import PPTPAnalysis
import PPTPLogs
import PPTPReporting
import PPTPTestSupport
import Testing

/// Captures beside Windows event exports (Fixtures/logs/<name>/: `capture.pcap`, the exports, `scenario.md`,
/// golden `expected.txt` and `expected.json`). The lab has no Windows host: these exports are written in the
/// format Windows 10/11 produces, for the parts of the join the lab cannot give (a literal RasClient code, a
/// zone-less CSV time, an event that contradicts the capture).
@Suite("Log fixture golden reports")
struct LogFixtureGoldenTests {
    static let folder = ProjectPaths.fixtures.appendingPathComponent("logs")
    static let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()

    static func report(_ name: String) throws -> Report {
        let dir = folder.appendingPathComponent(name)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        var options = Analyzer.Options()
        options.logs = try files.filter { !$0.hasPrefix("expected") && !$0.hasSuffix(".md") && !$0.hasSuffix(".pcap") }
            .map { try LogReader.read(path: dir.appendingPathComponent($0).path) }
        var report = try Analyzer.analyze(path: dir.appendingPathComponent("capture.pcap").path, options: options).report
        report.capture.file = "capture.pcap"
        report.logs = report.logs?.map {
            var l = $0
            l.file = String(l.file.split(separator: "/").last ?? "")
            return l
        }
        return report
    }

    @Test("there are log fixtures to check")
    func fixturesExist() { #expect(Self.names.count >= 2) }

    @Test("the text report of every capture with its logs equals its golden file", arguments: names)
    func text(name: String) throws {
        try GoldenReportTests.compare(
            TextRenderer(color: false).render(try Self.report(name)),
            golden: Self.folder.appendingPathComponent(name).appendingPathComponent("expected.txt"))
    }

    @Test("the JSON report of every capture with its logs equals its golden file", arguments: names)
    func json(name: String) throws {
        try GoldenReportTests.compare(
            JSONRenderer.render(try Self.report(name)) + "\n",
            golden: Self.folder.appendingPathComponent(name).appendingPathComponent("expected.json"))
    }

    @Test("a RasClient code outranks the codes the capture infers; an event the capture contradicts changes nothing")
    func literalCodeFirstAndContradictionWarned() throws {
        let reported = try #require(try Self.report("windows-reports-619").sessions.first)
        #expect(reported.probableErrorCodes.first == 619)
        #expect(reported.findings.contains { $0.rule == "log.windows-error" })
        let other = try #require(try Self.report("windows-event-from-another-attempt").sessions.first)
        #expect(other.outcome == .success)
        #expect(other.probableErrorCodes.isEmpty)
        #expect(other.findings.contains { $0.rule == "log.contradicts-capture" && $0.severity == .warning })
    }
}
