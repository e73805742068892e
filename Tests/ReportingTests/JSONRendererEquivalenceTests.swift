import Foundation
import PPTPAnalysis
import PPTPDiagnosis
import PPTPReporting
import PPTPSessions
import PPTPTestSupport
import Testing

/// `JSONRenderer` writes the report with its own Codable encoder, streamed a session at a time; the goldens pin
/// its output for real reports. These pin it to Foundation's JSONEncoder (pretty, sorted keys, unescaped
/// slashes) for the values real reports rarely hold: every control character, quotes and backslashes, non-ASCII
/// text, line separators, awkward doubles, empty arrays, absent and present optionals.
@Suite("JSON renderer equals Foundation's encoder")
struct JSONRendererEquivalenceTests {
    static func foundation(_ report: Report) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    static func foundationCompact(_ report: Report) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    static func golden(_ name: String) throws -> Report {
        let url = ProjectPaths.scenarios.appendingPathComponent(name).appendingPathComponent("expected.json")
        return try JSONDecoder().decode(Report.self, from: Data(contentsOf: url))
    }

    static let awkwardText: String = {
        var s = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined()
        s += "\"quoted\" back\\slash /slash/ DEL\u{7F} é ß 日本 \u{2028}\u{2029} \u{FEFF} 🙂 ÿ"
        return s
    }()

    static let awkwardNumbers: [Double] = [
        0, -0.0, 1, -1, 0.1, 0.5, 1.5, 1e-7, 1.234e-5, 123456.789012, 1e15, 1e16,
        1e21, 9007199254740993, 2446.123456, 0.30000000000000004,
    ]

    @Test(
        "golden reports render as Foundation encodes them",
        arguments: [
            "two-sessions", "unrelated-traffic-no-pptp",
            "hostile-strings", "mschapv2-e691",
        ])
    func goldens(name: String) throws {
        let report = try Self.golden(name)
        #expect(JSONRenderer.render(report) == (try Self.foundation(report)))
        #expect(JSONRenderer.compact(report) == (try Self.foundationCompact(report)))
    }

    @Test("awkward strings and numbers render as Foundation encodes them")
    func awkward() throws {
        var report = try Self.golden("two-sessions")
        report.capture.file = Self.awkwardText
        report.summary.noPPTPSession = Self.awkwardText
        var warning = try JSONDecoder().decode(
            ReportWarning.self, from: Data(#"{"code":"x/y","message":"","byteOffset":-1}"#.utf8))
        warning.message = Self.awkwardText
        report.warnings.append(warning)
        for (i, number) in Self.awkwardNumbers.enumerated() {
            report.capture.durationSeconds = number
            report.sessions[i % report.sessions.count].startSeconds = number
            report.sessions[i % report.sessions.count].headline = Self.awkwardText + String(i)
            report.sessions[i % report.sessions.count].failureStage = i % 2 == 0 ? nil : .networkConfig
            if var entry = report.sessions[0].timeline.first {
                entry.time = number
                entry.from = nil
                entry.text = Self.awkwardText
                report.sessions[0].timeline.append(entry)
            }
            #expect(JSONRenderer.render(report) == (try Self.foundation(report)), "number \(number)")
            #expect(JSONRenderer.compact(report) == (try Self.foundationCompact(report)), "number \(number)")
        }
        report.sessions[1].timeline = []
        report.sessions[1].calls = []
        report.sessions[1].probableErrorCodes = []
        #expect(JSONRenderer.render(report) == (try Self.foundation(report)))
        report.sessions = []
        report.warnings = []
        #expect(JSONRenderer.render(report) == (try Self.foundation(report)))
    }

    // Sessions are written by `SessionJSONWriter` (keys listed by hand), the rest of the report by the tree
    // encoder: these pin the hand-written part to Foundation for every report the project has.

    @Test("every golden report renders as Foundation encodes it")
    func everyGolden() throws {
        var compared = 0
        for name in FixtureCatalog.all.map(\.name) {
            let report = try Self.golden(name)
            #expect(JSONRenderer.render(report) == (try Self.foundation(report)), "\(name)")
            compared += report.sessions.count
        }
        #expect(compared >= 60, "sessions compared: \(compared)")
    }

    @Test("every real capture's report renders as Foundation encodes it")
    func everyRealCapture() throws {
        let files = ProjectPaths.sharedCaptureFiles
        if files.isEmpty {
            Issue.record("../shared/captures is absent: real captures not compared", severity: .warning)
            return
        }
        for file in files {
            let report = try Analyzer.analyze(path: file.path).report
            #expect(JSONRenderer.render(report) == (try Self.foundation(report)), "\(file.lastPathComponent)")
        }
    }

    @Test("a session with every optional field set renders as Foundation encodes it")
    func everyOptionalSet() throws {
        var report = try Self.golden("two-sessions")
        var session = report.sessions[0]
        session.confidence = nil
        session.lastStageCompleted = .teardown
        session.calls = session.calls.map { c in
            var c = c
            c.clientCallID = 0
            c.serverCallID = 65_535
            c.result = Self.awkwardText
            return c
        }
        session.findings = [try #require(report.sessions.flatMap(\.findings).first)].map { f in
            var f = f
            f.codeNotes = Self.awkwardText
            f.decisivePacket = Int.max
            f.errorCodes = [-1, 0, 691]
            f.fixes.network = []
            return f
        }
        session.timeline =
            session.timeline.map { t in
                var t = t
                t.from = .client
                t.point = "B"
                t.seenAt = ["A", "B"]
                return t
            } + [TimelineEntry(packet: -5, time: -0.5, stage: .gre, from: nil, text: "", kind: .omitted, point: nil, seenAt: [])]
        report.sessions = [session, report.sessions[1]]
        #expect(JSONRenderer.render(report) == (try Self.foundation(report)))
        #expect(Self.streamedCompact(report) == (try Self.foundationCompact(report)))
    }

    /// The one-line form written a session at a time (what `scan` stores), as `JSONRenderer.write(pretty: false)`.
    static func streamedCompact(_ report: Report) -> String {
        var bytes: [UInt8] = []
        JSONRenderer.write(
            frame: report, pretty: false,
            sessions: { emit in
                for s in report.sessions { emit(s) }
                return report.summary
            }, to: { bytes.append(contentsOf: $0) })
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("every golden report, written a session at a time on one line, is Foundation's compact encoding")
    func everyGoldenCompactStreamed() throws {
        for name in FixtureCatalog.all.map(\.name) {
            let report = try Self.golden(name)
            #expect(Self.streamedCompact(report) == (try Self.foundationCompact(report)), "\(name)")
        }
    }
}
