import Foundation
import PPTPAnalysis
import PPTPDiagnosis
import PPTPLogs
import PPTPTestSupport
import Testing

/// The lab's real pppd, pptpd and pptp-linux logs beside the lab's server captures: every log that belongs to a
/// captured session joins it, at the right end, and what the logs say never contradicts the capture's verdict.
@Suite("Logs joined to lab captures")
struct LabLogJoinTests {
    static let scenarios = ProjectPaths.labScenarios.map(\.lastPathComponent)

    static func analyze(_ scenario: String, logs: Bool) throws -> Analyzer.Result {
        let folder = ProjectPaths.lab.appendingPathComponent(scenario)
        var options = Analyzer.Options()
        if logs { options.logs = try ProjectPaths.labLogs(folder).map { try LogReader.read(path: $0.path) } }
        return try Analyzer.analyze(path: folder.appendingPathComponent("server.pcap").path, options: options)
    }

    @Test("each pppd log whose session is in the capture joins it, at the end its file name says", arguments: scenarios)
    func pppdLogsJoinAtTheirEnd(scenario: String) throws {
        let report = try Self.analyze(scenario, logs: true).report
        let joined = report.sessions.flatMap { $0.logs ?? [] }
        for log in joined where log.file.hasSuffix("pppd.log") {
            let end = log.file.hasPrefix("server") ? "server" : "client"
            #expect(log.lane == "\(end) pppd", "\(scenario): \(log.file) joined as \(log.lane)")
        }
        // A pppd that negotiated LCP logged magic numbers the capture holds: it must join.
        for url in ProjectPaths.labLogs(ProjectPaths.lab.appendingPathComponent(scenario))
        where url.lastPathComponent.hasSuffix("pppd.log") {
            let file = try LogReader.read(path: url.path)
            let negotiated = file.sessions.contains { !$0.magicNumbers.own.isEmpty && !$0.magicNumbers.peer.isEmpty }
            let isSecondClient = url.lastPathComponent.hasPrefix("client2")
            if negotiated, !isSecondClient {
                #expect(
                    joined.contains { $0.file == url.lastPathComponent }, "\(scenario): \(url.lastPathComponent) joined nothing")
            }
        }
    }

    @Test(
        "the logs never change a lab session's outcome or failed stage; the literal reason only adds evidence",
        arguments: scenarios)
    func logsAgreeWithTheCapture(scenario: String) throws {
        let without = try Self.analyze(scenario, logs: false).report.sessions
        let with = try Self.analyze(scenario, logs: true).report.sessions
        #expect(without.count == with.count)
        for (a, b) in zip(without, with) {
            #expect(a.outcome == b.outcome, "\(scenario) session \(a.id)")
            #expect(a.failureStage == b.failureStage, "\(scenario) session \(a.id)")
            #expect(!b.findings.contains { $0.rule == "log.contradicts-capture" }, "\(scenario) session \(a.id)")
        }
    }

    @Test("the server's pppd that logged not one received packet while GRE reached the server: its host dropped it")
    func greDroppedOnServerHost() throws {
        let s = try #require(try Self.analyze("gre-dropped-at-server", logs: true).report.sessions.first)
        let finding = try #require(s.findings.first { $0.rule == "log.gre-dropped-on-server-host" })
        #expect(finding.logLines?.first?.file == "server-pppd.log")
        #expect(s.failureStage == .gre)
    }

    @Test("GRE that reached the server before pptpd started its pppd is not read as dropped on the server host")
    func greBeforeTheServersPppdIsNotDroppedOnTheHost() throws {
        // Behind a NAT without the PPTP helper the client's two LCP requests arrive before the server's pppd runs,
        // and an ICMP protocol-unreachable ends the call 16 ms after its first packet: nothing for it to receive.
        let s = try #require(try Self.analyze("nat-without-pptp-helper", logs: true).report.sessions.first)
        #expect(!s.findings.contains { $0.rule == "log.gre-dropped-on-server-host" })
        let finding = try #require(s.findings.first { $0.rule == "log.gre-icmp-error-at-server" })
        #expect(finding.message.contains("an ICMP protocol-unreachable"))
        #expect(finding.stage == .gre && finding.errorCodes == [806, 721])
        #expect(finding.logLines?.first?.file == "pptpd.log pptpd[2876]")
    }

    @Test("a server pppd that could not start is named by pptpd's own line")
    func serverPPPStartFailure() throws {
        let s = try #require(try Self.analyze("server-pppd-bad-option", logs: true).report.sessions.first)
        let finding = try #require(s.findings.first { $0.rule == "log.server-ppp-start-failed" })
        #expect(finding.message.contains("unrecognized option") || finding.message.contains("from PTY failed"))
    }

    @Test("syslog times are placed on the capture's clock from the control messages both show")
    func syslogClockFromControlMessages() throws {
        let s = try #require(try Self.analyze("wrong-password", logs: true).report.sessions.first)
        let pptpd = try #require(s.logs?.first { $0.lane == "server pptpd" })
        #expect(pptpd.matchedBy == "client address 10.99.1.2")
        #expect(pptpd.clock.contains("from 2 packets both show"))
        let started = try #require(s.timeline.first { $0.text.contains("control connection started") })
        let sccrq = try #require(s.timeline.first { $0.text.hasPrefix("SCCRQ") })
        #expect(started.packet == sccrq.packet)
    }
}

extension LabLogJoinTests {
    @Test("a zone-less syslog from a server in UTC+1: one offset for the whole file, measured on the capture")
    func zoneLessSyslogOneZonePerFile() throws {
        // wrong-password's capture starts at 03:44:42 UTC; pptpd's control connection started at 03:44:45 UTC.
        let text = """
            Dec  2 04:44:45 gw pptpd[77]: CTRL: Client 10.99.1.2 control connection started
            Dec  2 05:04:45 gw pptpd[77]: CTRL: Client 10.99.1.2 control connection finished
            """
        var options = Analyzer.Options()
        options.logs = [try LogReader.parse(bytes: Array(text.utf8)[...], path: "syslog")]
        let path = ProjectPaths.lab.appendingPathComponent("wrong-password/server.pcap").path
        let session = try #require(try Analyzer.analyze(path: path, options: options).report.sessions.first)
        let log = try #require(session.logs?.first)
        // The control connection's start is in both: the offset is measured, not guessed.
        #expect(log.clock.hasPrefix("the log's clock is 1 h 0 min ahead of the capture's clock, from 1 packet"), "\(log.clock)")
        let finished = try #require(session.timeline.first { $0.text.contains("connection finished") })
        // 20 minutes after the start line, not pulled to the nearest quarter-hour of the capture.
        let started = try #require(session.timeline.first { $0.text.contains("connection started") })
        #expect(abs(finished.time - started.time - 1200) < 2)
    }
}
