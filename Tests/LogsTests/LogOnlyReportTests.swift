import Foundation
import PPTPDiagnosis
import PPTPLogs
import PPTPReporting
import PPTPTestSupport
import Testing

/// `analyze --log FILE` with no capture: each log session judged on the programs' own sentences.
@Suite("Logs without a capture")
struct LogOnlyReportTests {
    static func report(_ scenario: String, _ names: [String]) throws -> LogOnlyReport {
        let folder = ProjectPaths.lab.appendingPathComponent(scenario)
        let files = try names.map { try LogReader.read(path: folder.appendingPathComponent($0).path) }
        return LogOnlyReport.build(files, redact: false, toolVersion: "test")
    }

    @Test("the server's pppd refusing alice is a failure at authentication, 691, resting on its own line")
    func wrongPassword() throws {
        let r = try Self.report("wrong-password", ["server-pppd.log", "pptpd.log"])
        let pppd = try #require(r.sessions.first { $0.lane == "server pppd" })
        #expect(pppd.outcome == .failed)
        #expect(pppd.failureStage == .authentication)
        #expect(pppd.probableErrorCodes == [691])
        #expect(pppd.decisive?.text == "Peer alice failed CHAP authentication")
        #expect(JSONRenderer.encode(r).contains("\"kind\" : \"logs\""))
    }

    @Test("a working session's pppd log is a success; a log that says nothing decisive is incomplete")
    func successAndIncomplete() throws {
        let r = try Self.report("success-client-hangup", ["client-pppd.log", "pptp.log"])
        #expect(r.sessions.first { $0.lane == "client pppd" }?.outcome == .success)
        #expect(r.sessions.first { $0.lane == "client pptp" }?.outcome == .incomplete)
    }

    @Test("redacted, the user a log names is a pseudonym in every line")
    func redaction() throws {
        let folder = ProjectPaths.lab.appendingPathComponent("wrong-password")
        let file = try LogReader.read(path: folder.appendingPathComponent("server-pppd.log").path)
        let r = LogOnlyReport.build([file], redact: true, toolVersion: "test")
        let text = LogOnlyText.render(r)
        #expect(!text.contains("alice"))
        #expect(text.contains("failed CHAP authentication"))
    }
}
