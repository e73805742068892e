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

    @Test("pptpd's GRE socket error: before the link was up a GRE failure, after it a dropped connection")
    func greSocketError() throws {
        let lab = try Self.report("nat-without-pptp-helper", ["pptpd.log"])
        let pptpd = try #require(lab.sessions.first { $0.lane == "server pptpd" })
        #expect(pptpd.failureStage == .gre && pptpd.probableErrorCodes == [806, 721])
        #expect(pptpd.decisive?.text?.hasSuffix("error = Protocol not available") == true)

        // One syslog with pptpd's control process and the pppd it started, whose link was up for minutes: the
        // protocol-unreachable (the client's NAT lost its GRE mapping) ended a working connection.
        let syslog = """
            Dec  2 10:00:00 vpn pptpd[700]: CTRL: Client 192.0.2.7 control connection started
            Dec  2 10:00:00 vpn pptpd[700]: CTRL: Starting call (launching pppd, opening GRE)
            Dec  2 10:00:01 vpn pppd[701]: Connect: ppp0 <--> /dev/pts/3
            Dec  2 10:00:02 vpn pppd[701]: local  IP address 10.100.0.1
            Dec  2 10:00:02 vpn pppd[701]: remote IP address 10.100.0.10
            Dec  2 10:04:30 vpn pptpd[700]: GRE: read(fd=7,buffer=6095a0,len=8260) from network failed: status = -1 error = Protocol not available
            Dec  2 10:04:30 vpn pptpd[700]: CTRL: GRE read or PTY write failed (gre,pty)=(7,6)
            Dec  2 10:04:30 vpn pptpd[700]: CTRL: Reaping child PPP[701]
            Dec  2 10:04:30 vpn pppd[701]: Modem hangup
            Dec  2 10:04:30 vpn pptpd[700]: CTRL: Client 192.0.2.7 control connection finished

            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pptpd-gre-error-\(getpid()).log")
        try syslog.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = LogOnlyReport.build([try LogReader.read(path: url.path)], redact: false, toolVersion: "test")
        let dropped = try #require(r.sessions.first { $0.lane == "server pptpd" })
        #expect(dropped.outcome == .failed && dropped.failureStage == .established)
        #expect(dropped.probableErrorCodes.first == 807)
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
