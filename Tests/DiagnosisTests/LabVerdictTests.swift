import Foundation
import PPTPAnalysis
import PPTPDiagnosis
import PPTPReporting
import PPTPSessions
import PPTPTestSupport
import Testing

/// Every capture the lab made with real pptpd, pppd and pptp-linux gets the verdict the programs' own logs
/// support (`LabLogLabel`): the logs are the label, and where a verdict and a log disagree, the log wins.
@Suite("Lab captures against the real programs' logs")
struct LabVerdictTests {
    static let scenarios = ProjectPaths.labScenarios.map(\.lastPathComponent)

    @Test("the lab holds at least 15 real-software scenarios, each with captures and logs")
    func labIsThere() {
        #expect(Self.scenarios.count >= 15, "Fixtures/lab has \(Self.scenarios.count) scenarios")
        for folder in ProjectPaths.labScenarios {
            #expect(!ProjectPaths.labCaptures(folder).isEmpty, "\(folder.lastPathComponent) has no capture")
            #expect(
                FileManager.default.fileExists(atPath: folder.appendingPathComponent("scenario.md").path),
                "\(folder.lastPathComponent) has no scenario.md")
        }
    }

    @Test("every capture's verdict agrees with what pppd, pptpd and pptp logged", arguments: scenarios)
    func verdictAgreesWithTheLogs(scenario: String) throws {
        let folder = ProjectPaths.lab.appendingPathComponent(scenario)
        let label = try #require(
            LabLogLabel.label(LabLogLabel.Logs(folder: folder)),
            "no log line decides \(scenario): teach LabLogLabel the line that does")
        // The second client of a two-client scenario has its own logs, and its own label.
        var second: LabLogLabel?
        if LabLogLabel.Logs.hasSecondClient(folder) {
            second = try #require(
                LabLogLabel.label(LabLogLabel.Logs(folder: folder, client: 2)),
                "no log line decides \(scenario)'s second client")
        }
        for capture in ProjectPaths.labCaptures(folder) {
            let report = try Analyzer.analyze(path: capture.path).report
            let point = "\(scenario)/\(capture.lastPathComponent)"
            #expect(!report.sessions.isEmpty, "\(point): no session; the logs say \(label)")
            // The lab's second client is 10.99.1.3 (Lab/README.md); behind a NAT both share an address, and then
            // the two-client scenarios give both the same outcome.
            let groups = Dictionary(grouping: report.sessions) { session in
                session.client.hasPrefix("10.99.1.3:") ? 2 : 1
            }
            for (client, sessions) in groups {
                let label = client == 2 ? second ?? label : label
                let verdicts = sessions.map {
                    "\($0.outcome.rawValue) \(($0.failureStage ?? $0.lastStageCompleted)?.rawValue ?? "-") \($0.probableErrorCodes)"
                }
                switch label.outcome {
                case .success:
                    #expect(sessions.allSatisfy { $0.outcome == .success }, "\(point): \(verdicts); the logs say \(label)")
                case .failed:
                    let matching = sessions.filter {
                        $0.outcome == .failed && label.stages.contains($0.failureStage?.rawValue ?? "")
                    }
                    // A client whose PPP stopped, seen from beyond the client: its call cleared without a Terminate-
                    // Request and no sign why on this side of the path. The report must say so; it cannot say more.
                    let unseenFromHere =
                        label.stages.contains("established")
                        && sessions.contains {
                            $0.outcome == .success && $0.findings.contains { $0.rule == "teardown.cleared-without-terminate" }
                        }
                    #expect(!matching.isEmpty || unseenFromHere, "\(point): \(verdicts); the logs say \(label)")
                    if let code = label.literalCode {
                        #expect(
                            matching.contains { $0.probableErrorCodes.first == code },
                            "\(point): \(verdicts); the logs say \(label)")
                    }
                }
            }
        }
    }
}
