import Foundation
import PPTPAnalysis
import PPTPReporting
import PPTPTestSupport
import Testing

/// Each scenario's text and JSON reports against the golden files beside its capture
/// (`expected.txt`, `expected.json`). Run with UPDATE_GOLDEN=1 to rewrite them after an intended change,
/// then review the diff like code.
@Suite("Golden reports")
struct GoldenReportTests {
    static let scenarios = FixtureCatalog.all.map(\.name)
    static let updating = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"

    static func report(_ name: String) throws -> Report {
        let scenario = try #require(FixtureCatalog.named(name))
        let url = ProjectPaths.scenarios.appendingPathComponent(name).appendingPathComponent(scenario.format.fileName)
        var report = try Analyzer.analyze(path: url.path).report
        // The path differs per checkout; the golden files name the capture by its file name.
        report.capture.file = scenario.format.fileName
        return report
    }

    @Test("the text report equals the golden file", arguments: scenarios)
    func textReportMatchesGolden(name: String) throws {
        let text = TextRenderer(color: false).render(try Self.report(name))
        try Self.compare(text, golden: ProjectPaths.scenarios.appendingPathComponent(name).appendingPathComponent("expected.txt"))
    }

    @Test("the JSON report equals the golden file and follows the schema's required keys", arguments: scenarios)
    func jsonReportMatchesGolden(name: String) throws {
        let json = JSONRenderer.render(try Self.report(name)) + "\n"
        try Self.compare(
            json, golden: ProjectPaths.scenarios.appendingPathComponent(name).appendingPathComponent("expected.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["schemaVersion", "capture", "warnings", "summary", "sessions"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        for session in object["sessions"] as? [[String: Any]] ?? [] {
            for key in ["client", "server", "outcome", "failureStage", "probableErrorCodes", "findings", "timeline"] {
                #expect(session.keys.contains(key), "session misses \(key)")
            }
        }
    }

    static func compare(_ actual: String, golden url: URL) throws {
        if updating {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try #require(
            try? String(contentsOf: url, encoding: .utf8),
            "no golden file \(url.lastPathComponent): run the tests once with UPDATE_GOLDEN=1")
        guard actual != expected else { return }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        Issue.record(
            """
            \(url.deletingLastPathComponent().lastPathComponent)/\(url.lastPathComponent) differs at line \(line + 1):
              expected: \(line < e.count ? String(e[line]) : "<end>")
              actual:   \(line < a.count ? String(a[line]) : "<end>")
            (rerun with UPDATE_GOLDEN=1 if the change is intended)
            """)
    }
}
