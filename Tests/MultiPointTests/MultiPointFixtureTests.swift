import Foundation
import PPTPAnalysis
import PPTPDiagnosis
import PPTPMultiPoint
import PPTPReporting
import PPTPSessions
import PPTPTestSupport
import Testing

/// The multi-point fixtures (Fixtures/multipoint/<name>/): the files on disk are what the builder makes, the
/// analysis finds what the scenario put on the path (roles, clocks, the loss segment, the rewrites), and the
/// reports in every format equal the golden files beside them (UPDATE_GOLDEN=1 rewrites them).
@Suite("Multi-point fixtures")
struct MultiPointFixtureTests {
    static let names = MultiPointCatalog.all.map(\.name)

    static func scenario(_ name: String) throws -> MultiPointScenario {
        try #require(MultiPointCatalog.named(name))
    }

    static func files(_ s: MultiPointScenario) -> [String] {
        s.points.map { ProjectPaths.multiPoint.appendingPathComponent(s.name).appendingPathComponent($0.fileName).path }
    }

    static func analyze(_ name: String) throws -> MultiPointAnalyzer.Result {
        try MultiPointAnalyzer.analyze(paths: files(try scenario(name)))
    }

    /// The report with file names in place of this checkout's paths, as the golden files hold them.
    static func report(_ name: String) throws -> Report {
        var report = try analyze(name).report
        report.capture.file = URL(fileURLWithPath: report.capture.file).lastPathComponent
        if var path = report.path {
            path.points = path.points.map { p in
                var p = p
                p.capture.file = URL(fileURLWithPath: p.capture.file).lastPathComponent
                return p
            }
            report.path = path
        }
        return report
    }

    @Test("the committed files are the builder's bytes", arguments: names)
    func committedFilesAreCurrent(name: String) throws {
        let s = try Self.scenario(name)
        for (point, bytes) in zip(s.points, s.files()) {
            let url = ProjectPaths.multiPoint.appendingPathComponent(name).appendingPathComponent(point.fileName)
            let onDisk = try Data(contentsOf: url)
            #expect(Array(onDisk) == bytes, "\(name)/\(point.fileName) is stale: run `swift run make-fixtures`")
        }
    }

    @Test("the session's verdict is the scenario's", arguments: names)
    func verdictMatches(name: String) throws {
        let s = try Self.scenario(name)
        let report = try Self.analyze(name).report
        let session = try #require(report.sessions.first)
        #expect(report.sessions.count == 1)
        #expect(session.outcome.rawValue == s.expected.outcome.rawValue)
        #expect(session.failureStage?.rawValue == s.expected.stage?.rawValue)
        #expect(Array(session.probableErrorCodes.prefix(s.expected.errorCodes.count)) == s.expected.errorCodes)
        let path = try #require(session.path)
        #expect(
            path.seenAt.map(\.point) == s.points.filter(\.holdsSession).map(\.name),
            "every point that holds the session saw it, in path order")
        #expect((path.silentPoints ?? []).map(\.point) == s.points.filter { !$0.holdsSession }.map(\.name))
    }

    @Test("each point is placed where the scenario put it, its clock within a millisecond", arguments: names)
    func pointsArePlaced(name: String) throws {
        let s = try Self.scenario(name)
        let points = try #require(try Self.analyze(name).report.path).points
        #expect(points.map(\.name) == s.points.map(\.name))
        for (placed, truth) in zip(points, s.points) {
            #expect(placed.role == truth.role, "\(name) \(truth.name): \(placed.roleReason)")
            let method =
                truth.clockMethod
                ?? (truth.name == "A" ? "reference" : truth.holdsSession ? "session-packets" : "other-traffic")
            #expect(placed.clockMethod == method, "\(name) \(truth.name): \(placed.clockOffsetReason)")
            if method == "capture-window" {
                #expect(placed.clockOffsetSeconds == nil)
                continue
            }
            let offset = try #require(placed.clockOffsetSeconds, "\(name) \(truth.name): no clock offset")
            let found = (truth.clockOffsetMs + truth.delayInClockOffsetMs) / 1000
            #expect(abs(offset - found) < 0.001, "\(name) \(truth.name): \(offset) s")
        }
        #expect(points.map(\.order) == Array(points.indices), "the fixtures list their points from the client")
    }

    @Test("packets stop on the segment the scenario drops them on, and nowhere else", arguments: names)
    func lossSegmentsMatch(name: String) throws {
        let s = try Self.scenario(name)
        let session = try #require(try Self.analyze(name).report.sessions.first)
        let segments = try #require(session.path).segments
        let lossy = segments.filter { $0.lost > 0 }.map { seg -> MultiPointScenario.Loss in
            let flow =
                seg.flow == .icmp ? "icmp" : "\(seg.flow.rawValue) \(seg.from == .client ? "client→server" : "server→client")"
            return MultiPointScenario.Loss(flow: flow, after: seg.upstream, before: seg.downstream)
        }
        #expect(lossy.count == s.losses.count, "\(lossy)")
        for loss in s.losses { #expect(lossy.contains(loss), "\(name): expected \(loss) in \(lossy)") }
        for seg in segments where seg.lost > 0 { #expect(seg.firstLostPacket != nil) }
    }

    @Test("the path findings name what the path did", arguments: names)
    func pathFindingsPresent(name: String) throws {
        let s = try Self.scenario(name)
        let session = try #require(try Self.analyze(name).report.sessions.first)
        let rules = Set(session.findings.map(\.rule).filter { $0.hasPrefix("path.") })
        #expect(rules == Set(s.pathFindings), "\(name): \(rules.sorted())")
    }

    @Test("each point's own analysis is unchanged by the others", arguments: names)
    func singlePointAnalysesUnchanged(name: String) throws {
        let s = try Self.scenario(name)
        let result = try Self.analyze(name)
        for (file, single) in zip(Self.files(s), result.perPoint) {
            let alone = try Analyzer.analyze(path: file).report
            #expect(JSONRenderer.render(alone) == JSONRenderer.render(single.report))
        }
    }

    @Test("the reports equal the golden files", arguments: names)
    func reportsMatchGolden(name: String) throws {
        let report = try Self.report(name)
        let directory = ProjectPaths.multiPoint.appendingPathComponent(name)
        try GoldenFile.compare(TextRenderer(color: false).render(report), directory.appendingPathComponent("expected.txt"))
        try GoldenFile.compare(JSONRenderer.render(report) + "\n", directory.appendingPathComponent("expected.json"))
        try GoldenFile.compare(MarkdownRenderer.render(report), directory.appendingPathComponent("expected.md"))
        try GoldenFile.compare(HTMLRenderer.render(report), directory.appendingPathComponent("expected.html"))
    }
}

/// Golden-file comparison (UPDATE_GOLDEN=1 rewrites instead of comparing).
enum GoldenFile {
    static let updating = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"

    static func compare(_ actual: String, _ url: URL) throws {
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
