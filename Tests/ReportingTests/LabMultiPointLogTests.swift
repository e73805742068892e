import Foundation
import PPTPAnalysis
import PPTPLogs
import PPTPReporting
import PPTPTestSupport
import Testing

/// Each lab scenario's capture points given together (`analyze client.pcap [router.pcap router-outside.pcap]
/// server.pcap --log …` with every log of the scenario): the logs join the sessions of the path, at each point
/// whose session they match. Pinned word for word in `multipoint-with-logs.expected.*` beside the captures.
@Suite("Lab: several capture points with their logs")
struct LabMultiPointLogTests {
    /// The points of one path, nearest the client first. Scenarios with a second client are two paths, not one.
    static let pathOrder = ["client.pcap", "router.pcap", "router-outside.pcap", "server.pcap"]

    static let scenarios: [String] = ProjectPaths.labScenarios.filter { folder in
        let files = ProjectPaths.labCaptures(folder).map(\.lastPathComponent)
        return !files.contains("client2.pcap") && pathOrder.filter(files.contains).count >= 2
    }.map(\.lastPathComponent)

    static func analyze(_ scenario: String, logs: Bool = true, redact: Bool = false) throws -> MultiPointAnalyzer.Result {
        let folder = ProjectPaths.lab.appendingPathComponent(scenario)
        let present = Set(ProjectPaths.labCaptures(folder).map(\.lastPathComponent))
        var options = Analyzer.Options(redact: redact)
        if logs { options.logs = try ProjectPaths.labLogs(folder).map { try LogReader.read(path: $0.path) } }
        return try MultiPointAnalyzer.analyze(
            paths: pathOrder.filter(present.contains).map { folder.appendingPathComponent($0).path }, options: options)
    }

    /// The report with file names instead of this checkout's paths.
    static func report(_ scenario: String) throws -> Report {
        var report = try analyze(scenario).report
        func name(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }
        report.capture.file = name(report.capture.file)
        if var path = report.path {
            for i in path.points.indices { path.points[i].capture.file = name(path.points[i].capture.file) }
            report.path = path
        }
        report.logs = report.logs?.map {
            var l = $0
            l.file = name(l.file)
            return l
        }
        return report
    }

    static func compare(_ actual: String, _ scenario: String, _ suffix: String) throws {
        let url = ProjectPaths.lab.appendingPathComponent(scenario).appendingPathComponent(
            "multipoint-with-logs.expected.\(suffix)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try #require(
            try? String(contentsOf: url, encoding: .utf8), "no golden file \(url.path): run once with UPDATE_GOLDEN=1")
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        #expect(actual == expected, "\(scenario) \(suffix) differs from line \(line + 1)")
    }

    @Test("the text report of every lab path with its logs equals its golden file", arguments: scenarios)
    func textMatchesGolden(scenario: String) throws {
        try Self.compare(TextRenderer(color: false).render(try Self.report(scenario)), scenario, "txt")
    }

    @Test("the JSON report of every lab path with its logs equals its golden file", arguments: scenarios)
    func jsonMatchesGolden(scenario: String) throws {
        try Self.compare(JSONRenderer.render(try Self.report(scenario)) + "\n", scenario, "json")
    }

    @Test("logs never change the verdict of a lab path", arguments: scenarios)
    func logsKeepTheVerdict(scenario: String) throws {
        let with = try Self.analyze(scenario).report.sessions
        let without = try Self.analyze(scenario, logs: false).report.sessions
        #expect(with.map(\.outcome) == without.map(\.outcome))
        #expect(with.map(\.failureStage) == without.map(\.failureStage))
    }

    @Test(
        "each log session is listed once, on one session of the path, and each log line is in one timeline once",
        arguments: scenarios)
    func eachLogOnce(scenario: String) throws {
        let report = try Self.analyze(scenario).report
        let logs = report.sessions.flatMap { $0.logs ?? [] }
        let keys = logs.map { "\($0.file)|\($0.matchedBy)" }
        #expect(Set(keys).count == keys.count)
        let lines = report.sessions.flatMap(\.timeline).compactMap { $0.log.map { "\($0.file):\($0.line)" } }
        #expect(Set(lines).count == lines.count)
        // A log line is no packet: no capture point saw it.
        #expect(report.sessions.flatMap(\.timeline).filter { $0.log != nil }.allSatisfy { $0.seenAt == [] })
    }

    @Test("every pppd log of a lab path joins a session, and a session it matches at both ends lists both points")
    func pppdLogsJoinAtEveryPoint() throws {
        let report = try Self.analyze("wrong-password").report
        let session = try #require(report.sessions.first)
        let logs = session.logs ?? []
        let server = try #require(logs.first { $0.lane == "server pppd" })
        #expect(server.joinedAt == ["A", "B"])
        #expect(server.matchedBy.hasPrefix("LCP magic number") && server.matchedBy.hasSuffix("at points A, B"))
        #expect(logs.contains { $0.lane == "client pppd" && $0.joinedAt == ["A", "B"] })
        #expect(report.logs?.allSatisfy { $0.unmatchedSessions == 0 } == true)
        #expect(session.timeline.contains { $0.log?.lane == "server pppd" && $0.text.contains("failed CHAP authentication") })
    }

    @Test("a log only another point's session matches comes from that point, named, on the reporting point's clock")
    func logOfAnotherPoint() throws {
        // Behind a NAT without its PPTP helper the server's GRE never gets back to the client's side: the server's
        // pppd log matches the sessions of the two points beyond the NAT only.
        let report = try Self.analyze("nat-without-pptp-helper").report
        let session = try #require(report.sessions.first)
        #expect(session.path?.reportedFrom == "A")
        let server = try #require(session.logs?.first { $0.lane == "server pppd" })
        #expect(server.joinedAt == ["C", "D"])
        #expect(server.clock.hasPrefix("on C's clock"))
        let entries = session.timeline.filter { $0.log?.lane == "server pppd" }
        #expect(!entries.isEmpty && entries.allSatisfy { $0.point == "C" })
        // Its finding says where it was made and cites no packet number of another capture.
        let fromC = session.findings.filter { $0.message.hasPrefix("At C: ") }
        #expect(!fromC.isEmpty && fromC.allSatisfy { $0.rule.hasPrefix("log.") && $0.packets.isEmpty })
    }

    @Test("Markdown and HTML show the joined logs of a path, and --redact hides the user a log names")
    func otherFormatsAndRedaction() throws {
        let report = try Self.analyze("wrong-password").report
        let markdown = MarkdownRenderer.render(report)
        #expect(markdown.contains("**Log:** server pppd"))
        #expect(markdown.contains("\\[server pppd\\]"))
        let html = HTMLRenderer.render(report)
        #expect(html.contains("<strong>Log:</strong> server pppd"))
        #expect(html.contains("failed CHAP authentication"))
        let redacted = JSONRenderer.render(try Self.analyze("wrong-password", redact: true).report)
        #expect(!redacted.contains("alice"))
        #expect(JSONRenderer.render(report).contains("alice"))
    }
}
