import Foundation
import PPTPAnalysis
import PPTPDiagnosis
import PPTPPcapIO
import PPTPSessions
import PPTPTestSupport
import Testing

@testable import PPTPReporting

/// What the typed report carries beside its JSON: the ladder reads it instead of rule ids and entry texts, and a
/// report read back from JSON (a scan catalog's) must draw the same ladder.
@Suite("Typed report model")
struct TypedReportTests {
    static func reports() throws -> [(String, Report)] {
        try FixtureCatalog.all.map { s in
            (s.name, Analyzer.analyze(reader: try CaptureReader(bytes: s.bytes(), name: s.name)).report)
        }
    }

    @Test("an ICMP entry's typed target is the side its text names")
    func icmpTargets() throws {
        var icmp = 0
        for (name, report) in try Self.reports() {
            for s in report.sessions {
                for e in s.timeline where e.kind == .icmp {
                    icmp += 1
                    let towards = try #require(e.towards, "\(name): \(e.text)")
                    #expect(LadderSVG.side(towards) == LadderSVG.icmpTarget(e.text, s), "\(name): \(e.text)")
                }
            }
        }
        #expect(icmp > 0, "no fixture has an ICMP entry")
    }

    @Test("a report decoded from its JSON keeps each finding's absence flag and draws the same ladder")
    func decodedReportsDrawTheSameLadder() throws {
        var absences = 0
        for (name, report) in try Self.reports() {
            let decoded = try #require(SessionRowsLike.decode(JSONRenderer.compact(report)), "\(name)")
            for (a, b) in zip(report.sessions, decoded.sessions) {
                #expect(a.findings.map(\.isAbsence) == b.findings.map(\.isAbsence), "\(name)")
                absences += a.findings.filter(\.isAbsence).count
                #expect(LadderSVG.render(a) == LadderSVG.render(b), "\(name) session \(a.id)")
            }
        }
        #expect(absences > 0, "no fixture fails on an absence")
    }
}

/// How a scan catalog reads a stored report back (`SessionRows.decodeReport`), without depending on PPTPScan.
enum SessionRowsLike {
    static func decode(_ json: String) -> Report? {
        try? JSONDecoder().decode(Report.self, from: Data(json.utf8))
    }
}
