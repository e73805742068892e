import Foundation
import PPTPAnalysis
import PPTPLogs
import PPTPReporting
import PPTPTestSupport
import Testing

/// Each lab capture's text and JSON reports against the golden files beside it (`client.pcap` →
/// `client.expected.txt`, `client.expected.json`): the verdicts on real software, pinned word for word. Rewrite
/// them with UPDATE_GOLDEN=1 after an intended change and review the diff like code.
@Suite("Lab golden reports")
struct LabGoldenTests {
    static let captures: [String] = ProjectPaths.labScenarios.flatMap { folder in
        ProjectPaths.labCaptures(folder).map { "\(folder.lastPathComponent)/\($0.lastPathComponent)" }
    }

    static func report(_ capture: String) throws -> Report {
        var report = try Analyzer.analyze(path: ProjectPaths.lab.appendingPathComponent(capture).path).report
        // The path differs per checkout; the golden files name the capture by its file name.
        report.capture.file = String(capture.split(separator: "/").last ?? "")
        return report
    }

    /// `client.pcap` → `client.expected.txt`; a capture in another format keeps its extension in the name
    /// (`client.pppdump` → `client.pppdump.expected.txt`), beside the pcap of the same point.
    static func golden(_ capture: String, _ suffix: String) -> URL {
        let url = ProjectPaths.lab.appendingPathComponent(capture)
        return (url.pathExtension == "pcap" ? url.deletingPathExtension() : url).appendingPathExtension(suffix)
    }

    /// Each scenario's server capture with every log of the scenario beside it (`with-logs.expected.*`): the join,
    /// the log lanes and the log rules, pinned on real software's own words.
    static let scenariosWithLogs: [String] = ProjectPaths.labScenarios.map(\.lastPathComponent)

    static func reportWithLogs(_ scenario: String) throws -> Report {
        let folder = ProjectPaths.lab.appendingPathComponent(scenario)
        var options = Analyzer.Options()
        options.logs = try ProjectPaths.labLogs(folder).map { try LogReader.read(path: $0.path) }
        var report = try Analyzer.analyze(path: folder.appendingPathComponent("server.pcap").path, options: options).report
        report.capture.file = "server.pcap"
        report.logs = report.logs?.map {
            var l = $0
            l.file = String(l.file.split(separator: "/").last ?? "")
            return l
        }
        return report
    }

    @Test(
        "the text report of every lab scenario's server capture with its logs equals its golden file",
        arguments: scenariosWithLogs)
    func textReportWithLogsMatchesGolden(scenario: String) throws {
        let text = TextRenderer(color: false).render(try Self.reportWithLogs(scenario))
        try GoldenReportTests.compare(
            text, golden: ProjectPaths.lab.appendingPathComponent(scenario).appendingPathComponent("with-logs.expected.txt"))
    }

    @Test(
        "the JSON report of every lab scenario's server capture with its logs equals its golden file",
        arguments: scenariosWithLogs)
    func jsonReportWithLogsMatchesGolden(scenario: String) throws {
        let json = JSONRenderer.render(try Self.reportWithLogs(scenario)) + "\n"
        try GoldenReportTests.compare(
            json, golden: ProjectPaths.lab.appendingPathComponent(scenario).appendingPathComponent("with-logs.expected.json"))
    }

    @Test("the text report of every lab capture equals its golden file", arguments: captures)
    func textReportMatchesGolden(capture: String) throws {
        let text = TextRenderer(color: false).render(try Self.report(capture))
        try GoldenReportTests.compare(text, golden: Self.golden(capture, "expected.txt"))
    }

    @Test("the JSON report of every lab capture equals its golden file", arguments: captures)
    func jsonReportMatchesGolden(capture: String) throws {
        let json = JSONRenderer.render(try Self.report(capture)) + "\n"
        try GoldenReportTests.compare(json, golden: Self.golden(capture, "expected.json"))
    }
}
