import PPTPAnalysis
import PPTPDiagnosis
import PPTPPcapIO
import PPTPReporting
import PPTPSessions
import PPTPTestSupport
import Testing

/// The timeline: every line says what kind of thing it stands for, and a long one says what it left out.
@Suite("Timeline")
struct TimelineTests {
    @Test("a timeline longer than its limit keeps its start and end and marks what it left out")
    func longTimelineMarksTheGap() throws {
        let b = ScenarioBuilder()
        b.openControlAndCall()
        b.wait(1.2)
        let request = LCP.configure(.configureRequest, identifier: 1, options: b.clientLCPOptions(callback: true))
        for _ in 0..<500 {
            b.gre(ppp: request, from: .client, delivered: false)
            b.wait(200)
        }
        b.controlTeardown()
        let report = Analyzer.analyze(reader: try CaptureReader(bytes: b.pcap(), name: "long.pcap")).report
        let timeline = try #require(report.sessions.first?.timeline)
        let omitted = timeline.filter { $0.kind == .omitted }
        #expect(omitted.count == 1)
        let marker = try #require(omitted.first)
        #expect(marker.text.contains("timeline entries left out"))
        let index = try #require(timeline.firstIndex { $0.kind == .omitted })
        #expect(timeline[..<index].allSatisfy { $0.packet <= marker.packet })
        #expect(timeline[(index + 1)...].allSatisfy { $0.packet > marker.packet })
        #expect(timeline.last?.text.contains("FIN") == true, "the end of the session is kept")
        #expect(timeline.first?.text.contains("SYN") == true, "its start too")
    }

    @Test("data runs, keepalives and ICMP errors are marked as such, one-packet lines as messages")
    func kindsAreMarked() throws {
        var kinds: Set<Milestone.Kind> = []
        for name in ["success-mschapv2", "mtu-blackhole"] {
            let scenario = try #require(FixtureCatalog.named(name))
            let report = Analyzer.analyze(reader: try CaptureReader(bytes: scenario.bytes(), name: name)).report
            for entry in report.sessions.flatMap(\.timeline) {
                kinds.insert(entry.kind)
                switch entry.kind {
                case .data: #expect(entry.text.contains("data packets"))
                case .keepalive: #expect(entry.text.contains("LCP echo"))
                case .icmp: #expect(entry.text.hasPrefix("ICMP") && entry.from == nil)
                case .message: #expect(entry.from != nil, "\(name): \(entry.text)")
                default: Issue.record("\(name): unexpected kind \(entry.kind.rawValue)")
                }
            }
        }
        #expect(kinds == [.message, .data, .keepalive, .icmp])
    }
}
