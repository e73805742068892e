import Foundation
import PPTPLogs
import PPTPTestSupport
import Testing

@Suite("Log reader")
struct LogReaderTests {
    static func read(_ text: String, path: String = "test.log") throws(LogError) -> LogFile {
        try LogReader.parse(bytes: Array(text.utf8)[...], path: path)
    }

    @Test("syslog's traditional, priority-tagged and ISO prefixes all give the program, pid and time")
    func syslogPrefixes() throws {
        let file = try Self.read(
            """
            Dec  2 02:28:18 gw pppd[1234]: CHAP authentication failed
            Dec  2 02:28:19 gw daemon.notice pppd[1234]: Connection terminated.
            2026-12-02T02:28:20.250+01:00 gw pppd[1234]: Exit.
            <30>Dec 12 02:28:21 gw pptpd[77]: CTRL: Client 10.99.7.2 control connection started
            Dec  2 02:28:22 gw sshd[5]: Accepted publickey for root
            """)
        #expect(file.format == "syslog (pppd, pptpd)")
        #expect(file.unrelatedLines == 1)
        let pppd = try #require(file.sessions.first { $0.source == .pppd })
        #expect(pppd.process == "pppd[1234]")
        #expect(pppd.events.count == 3)
        #expect(pppd.events[0].timestamp == LogTimestamp(year: nil, month: 12, day: 2, secondsOfDay: 8898, utcOffsetSeconds: nil))
        #expect(pppd.events[2].timestamp?.utcOffsetSeconds == 3600)
        #expect(pppd.events[2].timestamp?.secondsOfDay == 8900.25)
        let pptpd = try #require(file.sessions.first { $0.source == .pptpd })
        #expect(pptpd.role == .server)
        #expect(pptpd.events.first?.statement == .controlConnectionStarted(client: "10.99.7.2"))
    }

    @Test("RFC 5424 lines (rsyslog's forwarding format) give the program, pid, time and message")
    func rfc5424() throws {
        let file = try Self.read(
            """
            <30>1 2026-12-02T02:28:18.123456+00:00 gw pppd 1234 - - MPPE required but peer negotiation failed
            <30>1 2026-12-02T02:28:19Z gw pptpd 77 ctrl [origin ip="10.0.0.1"] CTRL: Starting call (launching pppd, opening GRE)
            """)
        let pppd = try #require(file.sessions.first { $0.source == .pppd })
        #expect(pppd.process == "pppd[1234]")
        #expect(pppd.events.first?.statement == .encryptionRequiredButNotNegotiated)
        #expect(pppd.events.first?.timestamp?.isAbsolute == true)
        #expect(file.sessions.first { $0.source == .pptpd }?.events.first?.statement == .callStarting)
    }

    @Test("pppd processes interleaved in one syslog stay apart, each its own session")
    func interleavedProcesses() throws {
        let file = try Self.read(
            """
            Dec  2 02:28:18 gw pppd[1]: sent [LCP ConfReq id=0x1 <auth chap MS-v2> <magic 0x11111111>]
            Dec  2 02:28:18 gw pppd[2]: sent [LCP ConfReq id=0x1 <auth chap MS-v2> <magic 0x22222222>]
            Dec  2 02:28:19 gw pppd[1]: rcvd [LCP ConfReq id=0x1 <magic 0x33333333>]
            Dec  2 02:28:19 gw pppd[2]: LCP: timeout sending Config-Requests
            """)
        #expect(file.sessions.map(\.process) == ["pppd[1]", "pppd[2]"])
        #expect(file.sessions[0].magicNumbers.own == [0x1111_1111])
        #expect(file.sessions[0].magicNumbers.peer == [0x3333_3333])
        #expect(file.sessions[1].events.last?.statement == .lcpTimeout)
        #expect(file.sessions.allSatisfy { $0.role == .server })
    }

    @Test("a Configure-Ack repeats the peer's magic number: it counts as the peer's, not the sender's")
    func ackCarriesPeerMagic() throws {
        let file = try Self.read(
            """
            using channel 1
            sent [LCP ConfReq id=0x1 <asyncmap 0x0> <magic 0x9d0a1138> <pcomp> <accomp>]
            rcvd [LCP ConfReq id=0x1 <asyncmap 0x0> <auth chap MS-v2> <magic 0xd92bbdc1> <pcomp> <accomp>]
            sent [LCP ConfAck id=0x1 <asyncmap 0x0> <auth chap MS-v2> <magic 0xd92bbdc1> <pcomp> <accomp>]
            sent [LCP EchoReq id=0x0 magic=0x9d0a1138]
            """)
        #expect(file.format == "pppd logfile")
        let s = try #require(file.sessions.first)
        #expect(s.magicNumbers.own == [0x9D0A_1138])
        #expect(s.magicNumbers.peer == [0xD92B_BDC1])
        #expect(s.role == .client)
    }

    @Test("no CHAP challenge, response or password reaches an event's text")
    func credentialsNeverInText() throws {
        let file = try Self.read(
            """
            rcvd [CHAP Challenge id=0x55 <0e6b6ed5d7e99daec02eada42b5b0e4b>, name = "pptpd"]
            sent [CHAP Response id=0x55 <9c0c3c9a92c003eb1c6e8a19b0d171f70000000000000000c34d9ca4aa0d046b7f7cda950409fa32a11f651d00448e9300>, name = "alice"]
            rcvd [CHAP Failure id=0x55 "E=691 R=1 C=0e6b6ed5d7e99daec02eada42b5b0e4b V=0 M=Access denied"]
            sent [PAP AuthReq id=0x1 user="alice" password="hunter2"]
            rcvd [CHAP Success id=0x1 "S=0123456789ABCDEF0123456789ABCDEF01234567 M=Access granted"]
            """)
        let texts = file.sessions.flatMap(\.events).map(\.text)
        #expect(texts.count == 5)
        for secret in ["0e6b6ed5", "9c0c3c9a", "hunter2", "0123456789ABCDEF"] {
            #expect(!texts.contains { $0.contains(secret) }, "\(secret)")
        }
        #expect(texts[2] == "rcvd CHAP Failure id=0x55 E=691 M=Access denied")
        #expect(file.sessions[0].events[2].packet?.msError == 691)
    }

    @Test("pptp-linux lines give the Call IDs; its stderr lines in pppd's logfile join pppd's session")
    func pptpClientLines() throws {
        let syslog = try Self.read(
            """
            Dec  2 03:44:46 host daemon.notice pptp[6847]: anon log[ctrlp_disp:pptp_ctrl.c:939]: Outgoing call established (call ID 20206, peer's call ID 0).
            """)
        #expect(syslog.sessions.first?.events.first?.statement == .outgoingCallEstablished(callID: 20206, peerCallID: 0))
        let logfile = try Self.read(
            """
            using channel 1
            Connect: ppp0 <--> /dev/pts/0
            anon fatal[callmgr_main:pptp_callmgr.c:134]: Could not open control connection to 10.99.1.1
            Modem hangup
            """)
        #expect(logfile.sessions.count == 1)
        #expect(logfile.sessions[0].events.map(\.statement) == [.controlConnectionFailed(server: "10.99.1.1"), .hangup])
    }

    @Test("Windows RasClient events exported as XML give the literal error code, the time in UTC and the user")
    func windowsXML() throws {
        let xml = """
            <Events><Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='RasClient'/>\
            <EventID Qualifiers='0'>20227</EventID><TimeCreated SystemTime='2026-12-02T03:44:45.1234567Z'/>\
            <Computer>PC1</Computer></System><EventData><Data>{4B0D6A2E-0000-0000-0000-000000000000}</Data>\
            <Data>CORP\\alice</Data><Data>Office VPN</Data><Data>691</Data></EventData>\
            <RenderingInfo Culture='en-US'><Message>CoId={4B0D6A2E-0000-0000-0000-000000000000}: The user CORP\\alice \
            dialed a connection named Office VPN which has failed. The error code returned on failure is 691.</Message>\
            </RenderingInfo></Event>
            <Event><System><Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>4624</EventID></System></Event></Events>
            """
        let file = try Self.read(xml, path: "rasclient.xml")
        #expect(file.format == "Windows events (XML)")
        #expect(file.unrelatedLines == 1)
        let e = try #require(file.sessions.first?.events.first)
        #expect(e.statement == .windowsError(code: 691, eventID: 20227, failed: true))
        #expect(e.timestamp?.isAbsolute == true)
        #expect(e.mentions.contains("alice"))
        #expect(file.sessions.first?.role == .client)
    }

    @Test("Event Viewer's CSV export, with its local time, and an RRAS refusal mapped to its code")
    func windowsCSV() throws {
        let csv = """
            Level,Date and Time,Source,Event ID,Task Category
            Error,12/2/2026 3:44:45 AM,RasClient,20227,None,"CoId={1}: The user PC\\bob dialed a connection named VPN which has failed. The error code returned on failure is 807."
            Warning,02.12.2026 03:50:01,RemoteAccess,20271,None,"The user CORP\\bob connected from 198.51.100.7 but failed an authentication attempt due to the following reason: Authentication was not successful because an unknown user name or incorrect password was used."
            """
        let file = try Self.read(csv, path: "events.csv")
        #expect(file.format == "Windows events (CSV)")
        let statements = file.sessions.flatMap(\.events).compactMap(\.statement)
        #expect(
            statements == [
                .windowsError(code: 807, eventID: 20227, failed: true), .windowsServerRefused(code: 691, eventID: 20271),
            ])
        #expect(
            file.sessions[0].events[0].timestamp
                == LogTimestamp(year: 2026, month: 12, day: 2, secondsOfDay: 3 * 3600 + 44 * 60 + 45, utcOffsetSeconds: nil))
        #expect(file.sessions[1].events[0].timestamp?.day == 2 && file.sessions[1].events[0].timestamp?.month == 12)
        #expect(file.sessions[1].role == .server)
    }

    @Test("a UTF-16 export (PowerShell's redirection) reads like UTF-8")
    func utf16() throws {
        let text = "Dec  2 02:28:18 gw pppd[9]: MPPE required but peer negotiation failed\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let file = try LogReader.parse(bytes: bytes[...], path: "utf16.log")
        #expect(file.sessions.first?.events.first?.statement == .encryptionRequiredButNotNegotiated)
    }

    @Test("a capture, a log of no known kind and an empty file: clear errors naming the file, or an empty log")
    func wrongInputs() throws {
        let pcap: [UInt8] = [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0]
        #expect(throws: LogError.self) { try LogReader.parse(bytes: pcap[...], path: "capture.pcap") }
        do {
            _ = try Self.read("hello\nworld\n", path: "notes.txt")
            Issue.record("a file of another kind was accepted")
        } catch {
            #expect(error.path == "notes.txt")
            #expect(error.message.contains("none or too few are pppd, pptpd, pptp or Windows"))
        }
        let empty = try Self.read("", path: "server-pppd.log")
        #expect(empty.sessions.isEmpty && empty.notes == ["the file is empty"])
        #expect(throws: LogError.self) { try LogReader.read(path: "/nonexistent/pppd.log") }
    }

    @Test("hostile text: control characters are escaped and over-long lines cut, never trusted")
    func hostileText() throws {
        let long = String(repeating: "A", count: 20_000)
        let file = try Self.read(
            "Dec  2 02:28:18 gw pppd[1]: LCP terminated by peer (\u{1B}[31mred\u{7})\nDec  2 02:28:18 gw pppd[1]: \(long)\n")
        let text = try #require(file.sessions.first?.events.first?.text)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 })
        #expect(text.contains("\\u{1b}"))
        #expect(file.notes.contains { $0.contains("over-long") })
    }
}

extension LogReaderTests {
    @Test("a document that quotes a few pppd lines (this README) is not a log")
    func documentIsNotALog() throws {
        let readme = ProjectPaths.packageRoot.appendingPathComponent("README.md").path
        #expect(throws: LogError.self) { try LogReader.read(path: readme) }
    }
}

extension LogReaderTests {
    @Test("a log's file name with control characters is escaped before any report shows it")
    func hostileFileName() throws {
        let file = try Self.read("Dec  2 02:28:18 gw pppd[1]: Exit.\n", path: "evil\u{1B}]0;title\u{7}.log")
        #expect(!file.path.unicodeScalars.contains { $0.value < 0x20 })
        #expect(file.sessions.allSatisfy { !$0.file.unicodeScalars.contains { $0.value < 0x20 } })
    }
}
