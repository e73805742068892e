import Foundation
import PPTPAnalysis
import PPTPDiagnosis
import PPTPReporting
import PPTPSessions
import PPTPTestSupport
import Testing

/// The shapes of real captures the diagnosis once got wrong (issue 13), pinned as behaviour.
@Suite("Real-world verdict behaviour")
struct RealWorldBehaviourTests {
    static func report(_ name: String) throws -> Report {
        let scenario = try #require(FixtureCatalog.named(name))
        let url = ProjectPaths.scenarios.appendingPathComponent(name).appendingPathComponent(scenario.format.fileName)
        return try Analyzer.analyze(path: url.path).report
    }

    @Test("a capture that starts mid-session and shows the client's clean disconnect is a success, never a failure")
    func midSessionCleanDisconnectIsNotAFailure() throws {
        let session = try #require(try Self.report("mid-session-clean-disconnect").sessions.first)
        #expect(session.outcome == .success)
        #expect(session.findings.allSatisfy { $0.severity != .failure }, "\(session.findings.map(\.rule))")
        #expect(session.headline.contains("in use when the capture started"))
        #expect(session.lastStageCompleted == .teardown)
    }

    @Test("binary LCP Terminate data is shown as its length and bytes, not as escapes")
    func binaryTerminateDataIsHex() throws {
        let session = try #require(try Self.report("mid-session-clean-disconnect").sessions.first)
        let terminate = try #require(session.timeline.first { $0.text.hasPrefix("LCP Terminate-Request") })
        #expect(terminate.text.contains("8 bytes: 00 3c cd 74 00 00 02 dc"), "\(terminate.text)")
        #expect(!terminate.text.contains("\\x"))
    }

    @Test("the server closing TCP 1723 soon after a connected call, without GRE or CDN, is its pppd exiting: 619, server side")
    func serverFINAfterCallIsServerSideFailure() throws {
        let session = try #require(try Self.report("server-pppd-dies-after-call").sessions.first)
        #expect(session.outcome == .failed)
        #expect(session.failureStage == .callSetup)
        #expect(session.probableErrorCodes.first == 619)
        let primary = try #require(session.findings.first { $0.severity == .failure })
        #expect(primary.rule == "call-setup.server-ppp-exited")
        #expect(primary.confidence == .high)
        #expect(primary.explanation.contains("unexpected termination of pppd"), "names the pptpd log line to look for")
        #expect(primary.decisivePacket == 11, "the server's FIN decides")
    }

    @Test("a control-only capture with Set-Link-Info from the server says the filter hid GRE and gives the filter")
    func controlOnlyCaptureBlamesTheFilter() throws {
        let session = try #require(try Self.report("control-only-gre-filtered").sessions.first)
        #expect(session.outcome == .incomplete)
        #expect(session.findings.allSatisfy { $0.severity != .failure })
        let gap = try #require(session.captureGap)
        #expect(gap.rule == "gap.gre-filtered")
        #expect(gap.message.contains("Set-Link-Info"))
        let advice = (gap.fixes.windowsClient + gap.fixes.linuxServer).joined(separator: " ")
        #expect(advice.contains("tcp port 1723 or ip proto 47"))
    }

    @Test("a call cleared at once with no GRE says the client's own PPP never started")
    func immediateClearBlamesTheClientsPPP() throws {
        let session = try #require(try Self.report("client-clears-without-ppp").sessions.first)
        #expect(session.outcome == .incomplete)
        #expect(session.captureGap?.rule == "gap.client-ppp-never-started")
        #expect(session.captureGap?.fixes.windowsClient.joined().contains("RasClient") == true)
    }

    @Test("a control-only capture that starts mid-session and ends with the client's hang-up has nothing to judge")
    func controlOnlyMidSessionHangupIsNotEnoughToJudge() throws {
        let session = try #require(try Self.report("control-only-mid-session-hangup").sessions.first)
        #expect(session.outcome == .incomplete)
        #expect(session.findings.allSatisfy { $0.severity != .failure }, "\(session.findings.map(\.rule))")
        #expect(session.captureGap?.rule == "gap.not-enough-to-judge")
        #expect(session.captureGap?.fixes.linuxServer.joined().contains("tcp port 1723 or ip proto 47") == true)
    }

    @Test("every incomplete session of every fixture says what is missing, why, and how to capture again")
    func everyIncompleteSessionHasACaptureGap() throws {
        var files = FixtureCatalog.all.map {
            ProjectPaths.scenarios.appendingPathComponent($0.name).appendingPathComponent($0.format.fileName)
        }
        files += ProjectPaths.sharedCaptureFiles
        var incomplete = 0
        for url in files {
            guard let report = try? Analyzer.analyze(path: url.path).report else { continue }
            for session in report.sessions {
                if session.outcome == .incomplete {
                    incomplete += 1
                    let gap = try #require(session.captureGap, "\(url.lastPathComponent) session \(session.id)")
                    #expect(!gap.message.isEmpty && !gap.explanation.isEmpty)
                    #expect(!(gap.fixes.windowsClient + gap.fixes.linuxServer + gap.fixes.network).isEmpty)
                    #expect(!session.headline.contains("does not show enough to judge"), "\(session.headline)")
                } else {
                    #expect(session.captureGap == nil, "\(url.lastPathComponent): only incomplete sessions have a gap")
                }
            }
        }
        #expect(incomplete >= 5, "the fixtures hold incomplete sessions to check")
    }

    @Test(
        "a Windows PPP-adapter trace is diagnosed from PPP alone: 691, retries told from the final refusal, frames counted once")
    func windowsAdapterTraceIsDiagnosedFromPPP() throws {
        let report = try Self.report("windows-ppp-adapter-mschapv2-691")
        #expect(report.summary.noPPTPSession?.hasPrefix("No PPTP session found") == true)
        let session = try #require(report.sessions.first)
        #expect(report.sessions.count == 1)
        #expect(session.pppLink?.contains("Windows") == true)
        #expect(session.outcome == .failed)
        #expect(session.failureStage == .authentication)
        #expect(session.probableErrorCodes == [691])
        #expect(session.confidence == .certain)
        let primary = try #require(session.findings.first { $0.severity == .failure })
        #expect(primary.message.contains("3 Failures in all (E=691 R=1, E=691 R=1, E=691 R=0"), "\(primary.message)")
        #expect(primary.message.contains("refused for good (R=0)"))
        #expect(session.findings.contains { $0.rule == "capture.ppp-only" })
        #expect(
            report.warnings.contains { $0.code == "capture.ppp-recorded-twice" && $0.message.hasPrefix("13 ") },
            "\(report.warnings.map(\.message))")
        #expect(session.timeline.filter { $0.text.hasPrefix("CHAP Failure") }.count == 3, "each frame once")
    }
}
