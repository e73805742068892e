import Foundation
import PPTPAnalysis
import PPTPReporting
import PPTPTestSupport
import Testing

/// Points that hold none of a session: evidence when they captured other traffic throughout it, no evidence when
/// their window missed it, and their clocks set on the traffic they share.
@Suite("Silent capture points")
struct SilentPointTests {
    static func session(_ name: String) throws -> (Report, SessionReport) {
        let report = try MultiPointFixtureTests.analyze(name).report
        return (report, try #require(report.sessions.first))
    }

    @Test("GRE that dies before a point which captured everything else ends its loss segment at that point")
    func greLossEndsAtSilentPoint() throws {
        let (_, session) = try Self.session("gre-lost-before-silent-point")
        let lossy = try #require(session.path).segments.filter { $0.lost > 0 }
        #expect(lossy.map { "\($0.flow) \($0.upstream)→\($0.downstream)" } == ["gre A→B"], "not A→C")
        let silent = try #require(session.path?.silentPoints?.first)
        #expect(silent.point == "B" && silent.coversSession && silent.packets > 0)
        let finding = try #require(session.findings.first { $0.rule == "path.point-silent" })
        #expect(finding.message.contains("none of this session's"))
        #expect(finding.message.contains("between A and B"))
        #expect(session.headline.contains("between A (client-side) and B (between)"))
    }

    @Test("a silent point's clock far off is set on the other traffic it shares, and says so")
    func skewedClockAlignedOnOtherTraffic() throws {
        let (report, session) = try Self.session("silent-point-skewed-clock")
        let b = try #require(report.path?.points.first { $0.name == "B" })
        #expect(b.clockMethod == "other-traffic")
        let offset = try #require(b.clockOffsetSeconds)
        #expect(abs(offset - -95) < 0.001)
        #expect(b.clockUncertaintySeconds.map { $0 < 0.05 } == true)
        #expect(session.path?.silentPoints?.first?.coversSession == true)
        #expect(session.findings.contains { $0.rule == "path.point-silent" && $0.message.contains("other traffic") })
    }

    @Test("a point whose capture started after the session began is no evidence, and says why")
    func lateWindowIsNoEvidence() throws {
        let (report, session) = try Self.session("silent-point-window-misses-session")
        #expect(report.path?.points.first { $0.name == "B" }?.clockMethod == "capture-window")
        #expect(session.path?.segments.allSatisfy { $0.lost == 0 } == true)
        let silent = try #require(session.path?.silentPoints?.first)
        #expect(!silent.coversSession && silent.captureBeforeSeconds < 0)
        #expect(!session.findings.contains { $0.rule == "path.point-silent" })
        let finding = try #require(session.findings.first { $0.rule == "path.point-not-capturing" })
        #expect(finding.message.contains("started 12.0 s after"))
    }
}
