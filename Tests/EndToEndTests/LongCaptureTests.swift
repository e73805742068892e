import Foundation
import PPTPAnalysis
import PPTPDiagnosis
import PPTPPcapIO
import PPTPReporting
import PPTPSessions
import PPTPTestSupport
import Testing

/// A long capture is reported in the memory of the sessions open at once: sessions that are over retire during
/// the pass, wait in a temporary file, and are diagnosed and written one at a time. None of that may change a
/// word of the report.
@Suite("Long captures: retirement and streaming")
struct LongCaptureTests {
    /// Fixture scenarios replayed one after another, `gap` seconds apart, into one Ethernet capture. Repeats
    /// reuse the same addresses, ports and Call IDs, as a client that reconnects does.
    static let replayed = [
        "success-mschapv2", "mschapv2-e691", "gre-no-return", "tcp-rst", "frag-needed-warning-only",
        "two-sessions", "success-pap", "mtu-blackhole", "ocrq-no-reply", "success-mschapv2",
        "server-admin-disconnect", "tcp-syn-no-answer", "mschapv2-e691", "success-mschapv2",
    ]

    static func longCapture(_ names: [String] = replayed, gap: Double = 400) throws -> URL {
        var writer = PcapWriter(linkType: 1)
        let start: Int64 = 1_700_000_000_000_000_000
        var used = 0
        for (k, name) in names.enumerated() {
            let scenario = try #require(FixtureCatalog.named(name))
            let reader = try CaptureReader(bytes: scenario.bytes(), name: name)
            guard reader.info.linkType == 1 else { continue }
            used += 1
            var first: Int64?
            _ = reader.forEach { record, bytes in
                let base = first ?? record.timestamp
                first = base
                let t = start + Int64(Double(k) * gap * 1e9) + (record.timestamp - base)
                writer.add(Array(bytes), timestampNanos: UInt64(t))
            }
        }
        #expect(used == names.count || names == replayed, "only \(used) of \(names.count) scenarios are Ethernet")
        #expect(used >= min(12, names.count))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("long-\(UUID().uuidString).pcap")
        try Data(writer.bytes).write(to: url)
        return url
    }

    /// The report as if every session stayed open to the end of the capture and in memory (the old way).
    static func keptToTheEnd(redact: Bool = false) -> Analyzer.Options {
        var options = Analyzer.Options(redact: redact)
        options.limits.retireAfterClose = .infinity
        options.limits.retireWhenIdle = .infinity
        options.sessionsHeldInMemory = 1_000
        return options
    }

    static func retiring(redact: Bool = false) -> Analyzer.Options {
        var options = Analyzer.Options(redact: redact)
        options.sessionsHeldInMemory = 2
        return options
    }

    /// The JSON of a streamed report, written as `analyze --format json` writes it.
    static func streamedJSON(_ stream: inout ReportStream) -> String {
        var bytes: [UInt8] = []
        JSONRenderer.write(
            frame: stream.frame,
            sessions: { emit in
                while let d = stream.next() { emit(d.report) }
                return stream.summary
            }, to: { bytes.append(contentsOf: $0) })
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(
        "sessions that end retire during the pass, spill to disk, and report word for word as if kept to the end",
        arguments: [false, true])
    func retiredSessionsReportAsIfKept(redact: Bool) throws {
        let url = try Self.longCapture()
        defer { try? FileManager.default.removeItem(at: url) }
        let kept = try Analyzer.analyze(path: url.path, options: Self.keptToTheEnd(redact: redact))
        let retired = try Analyzer.analyze(path: url.path, options: Self.retiring(redact: redact))
        var stream = try Analyzer.stream(path: url.path, options: Self.retiring(redact: redact))

        #expect(kept.stats.sessionsRetiredEarly == 0)
        #expect(retired.stats.sessionsRetiredEarly >= 10, "sessions retired during the pass")
        #expect(retired.stats.peakOpenSessions <= 3, "open at once: \(retired.stats.peakOpenSessions)")
        #expect(kept.stats.peakOpenSessions >= 12)
        #expect(stream.sessionsSpilled >= 10, "sessions spilled to the temporary file")
        #expect(kept.report.sessions.count >= 12)
        #expect(Set(kept.report.sessions.map(\.outcome)).isSuperset(of: [.success, .failed] as Set<Outcome>))

        let expected = JSONRenderer.render(kept.report)
        #expect(JSONRenderer.render(retired.report) == expected)
        #expect(Self.streamedJSON(&stream) == expected)
        #expect(stream.sessionsLost == 0)
        #expect(TextRenderer(color: false).render(retired.report) == TextRenderer(color: false).render(kept.report))
    }

    @Test("without a writable temporary directory the finished sessions stay in memory and the report is the same")
    func noTemporaryDirectoryKeepsSessionsInMemory() throws {
        let url = try Self.longCapture()
        defer { try? FileManager.default.removeItem(at: url) }
        var nowhere = Self.retiring()
        nowhere.temporaryDirectory = "/nonexistent-\(UUID().uuidString)"
        var stream = try Analyzer.stream(path: url.path, options: nowhere)
        #expect(stream.sessionsSpilled == 0)
        let kept = try Analyzer.analyze(path: url.path, options: Self.keptToTheEnd())
        #expect(Self.streamedJSON(&stream) == JSONRenderer.render(kept.report))
        #expect(stream.sessionsLost == 0)
    }

    @Test(
        "an ICMP error goes to the session of its address pair open when it came, not the pair's first session",
        arguments: [false, true])
    func icmpErrorGoesToTheSessionOpenWhenItCame(retiring: Bool) throws {
        let url = try Self.longCapture(["success-mschapv2", "frag-needed-warning-only"])
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try Analyzer.analyze(path: url.path, options: retiring ? Self.retiring() : Self.keptToTheEnd())
        try #require(result.report.sessions.count == 2)
        #expect(!result.report.sessions[0].findings.contains { $0.rule == "established.frag-needed" })
        #expect(result.report.sessions[1].findings.contains { $0.rule == "established.frag-needed" })
        #expect(result.sessions[0].icmp.isEmpty)
        #expect(!result.sessions[1].icmp.isEmpty)
    }

    @Test("a stray packet of a retired session is counted as late, not taken for a new session")
    func strayPacketOfRetiredSessionIsLate() throws {
        let scenario = try #require(FixtureCatalog.named("success-mschapv2"))
        let reader = try CaptureReader(bytes: scenario.bytes(), name: "success")
        var writer = PcapWriter(linkType: 1)
        var lastControl: (bytes: [UInt8], time: Int64)?
        var lastTime: Int64 = 0
        _ = reader.forEach { record, bytes in
            writer.add(Array(bytes), timestampNanos: UInt64(record.timestamp))
            lastTime = record.timestamp
            // Ethernet + IPv4 (no options in the fixtures) + TCP: the last segment of the control connection.
            if bytes.count > 37, bytes[23] == 6 { lastControl = (Array(bytes), record.timestamp) }
        }
        let stray = try #require(lastControl)
        writer.add(stray.bytes, timestampNanos: UInt64(lastTime + 600_000_000_000))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("late-\(UUID().uuidString).pcap")
        try Data(writer.bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }

        let retired = try Analyzer.analyze(path: url.path)
        #expect(retired.report.sessions.count == 1)
        #expect(retired.stats.lateSessionPackets == 1)
        #expect(retired.report.warnings.contains { $0.code == "capture.late-packets" })
        #expect(retired.report.sessions.first?.outcome == .success)

        // Kept open, the same packet simply joins its session.
        let kept = try Analyzer.analyze(path: url.path, options: Self.keptToTheEnd())
        #expect(kept.report.sessions.count == 1)
        #expect(kept.stats.lateSessionPackets == 0)
        #expect(kept.report.sessions.first?.packetCount == (retired.report.sessions.first?.packetCount ?? 0) + 1)
    }

    @Test(
        "the streamed JSON command writes the same evidence capture and exit status as the text report",
        arguments: [false, true])
    func streamedCommandWritesTheSameEvidence(redact: Bool) throws {
        let exe = try #require(ProjectPaths.executable, "pptp-pcap is not built")
        let url = try Self.longCapture()
        let dir = FileManager.default.temporaryDirectory
        let fromJSON = dir.appendingPathComponent("evidence-json-\(UUID().uuidString).pcap")
        let fromText = dir.appendingPathComponent("evidence-text-\(UUID().uuidString).pcap")
        defer { for f in [url, fromJSON, fromText] { try? FileManager.default.removeItem(at: f) } }
        let extra = redact ? ["--redact"] : []
        let json = try ProjectPaths.run(exe.path, ["analyze", "--format", "json", "--evidence", fromJSON.path, url.path] + extra)
        let text = try ProjectPaths.run(exe.path, ["analyze", "--format", "text", "--evidence", fromText.path, url.path] + extra)
        #expect(json.status == 3 && text.status == 3, "a session failed: exit status 3")
        let a = try Data(contentsOf: fromJSON)
        let b = try Data(contentsOf: fromText)
        #expect(a.count > 24, "the evidence capture holds packets")
        #expect(a == b)
        #expect(
            String(decoding: json.stderr, as: UTF8.self).replacingOccurrences(of: fromJSON.path, with: "OUT")
                == String(decoding: text.stderr, as: UTF8.self).replacingOccurrences(of: fromText.path, with: "OUT"))
    }

    @Test("analyze --format json streams every fixture's report byte for byte as the golden file")
    func streamedCommandLineJSONEqualsGolden() throws {
        let exe = try #require(ProjectPaths.executable, "pptp-pcap is not built")
        var compared = 0
        for capture in ProjectPaths.scenarioCaptureFiles {
            let dir = capture.deletingLastPathComponent()
            guard let golden = try? String(contentsOf: dir.appendingPathComponent("expected.json"), encoding: .utf8) else {
                continue
            }
            let out = try ProjectPaths.run(exe.path, ["analyze", "--format", "json", capture.path])
            // The golden files name the capture by its file name, the command by the path it was given.
            let json = String(decoding: out.stdout, as: UTF8.self)
                .replacingOccurrences(of: "\"file\" : \"\(capture.path)\"", with: "\"file\" : \"\(capture.lastPathComponent)\"")
            #expect(json == golden, "\(dir.lastPathComponent)")
            compared += 1
        }
        #expect(compared >= 60, "compared \(compared) fixtures")
    }
}
