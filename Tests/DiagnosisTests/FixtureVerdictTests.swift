import Foundation
import PPTPAnalysis
import PPTPTestSupport
import Testing

/// Every scenario capture in Fixtures/ gets the verdict its script promises: outcome, failed stage, codes.
@Suite("Fixture verdicts")
struct FixtureVerdictTests {
    static let scenarios = FixtureCatalog.all.map(\.name)

    @Test("the committed capture is what the scenario script generates", arguments: scenarios)
    func committedCaptureIsUpToDate(name: String) throws {
        let scenario = try #require(FixtureCatalog.named(name))
        let url = ProjectPaths.scenarios.appendingPathComponent(name).appendingPathComponent(scenario.format.fileName)
        let onDisk = try Data(contentsOf: url)
        #expect(Array(onDisk) == scenario.bytes(), "regenerate with `swift run make-fixtures`")
    }

    @Test("the analysis gives each session the expected outcome, stage and codes", arguments: scenarios)
    func verdictMatchesScenario(name: String) throws {
        let scenario = try #require(FixtureCatalog.named(name))
        let url = ProjectPaths.scenarios.appendingPathComponent(name).appendingPathComponent(scenario.format.fileName)
        let result = try Analyzer.analyze(path: url.path)
        let sessions = result.report.sessions
        #expect(sessions.count == scenario.expected.count, "sessions: \(sessions.map(\.headline))")
        for expected in scenario.expected {
            let session = try #require(
                sessions.first { $0.client.hasPrefix(expected.client + ":") || $0.client == expected.client },
                "no session for client \(expected.client)")
            #expect(session.outcome.rawValue == expected.outcome.rawValue, "\(session.headline)")
            switch expected.outcome {
            case .failed:
                #expect(session.failureStage?.rawValue == expected.stage?.rawValue)
                #expect(
                    Array(session.probableErrorCodes.prefix(expected.errorCodes.count)) == expected.errorCodes,
                    "codes \(session.probableErrorCodes)")
            case .success:
                #expect(session.failureStage == nil)
                #expect(session.probableErrorCodes.isEmpty)
            case .incomplete:
                #expect(session.failureStage == nil)
                if let stage = expected.stage { #expect(session.lastStageCompleted?.rawValue == stage.rawValue) }
            }
        }
    }
}
