import Foundation
import PPTPAnalysis
import PPTPDiagnosis
import PPTPPcapIO
import PPTPReporting
import PPTPTestSupport
import Testing

/// Network Monitor, pppdump and pktmon captures through the whole analysis, and the unsupported formats'
/// messages as the commands print them.
@Suite("Captures in other formats, end to end")
struct CaptureFormatsTests {
    static let pcap = ProjectPaths.scenarios.appendingPathComponent("gre-no-return/capture.pcap").path

    @Test("the Network Monitor copy of a capture gives the original's report, but for the file name and format")
    func netmonReportEqualsPcap() throws {
        let cap = ProjectPaths.fixtures.appendingPathComponent("formats/gre-no-return.netmon2.cap").path
        var ours = try Analyzer.analyze(path: cap).report
        let original = try Analyzer.analyze(path: Self.pcap).report
        #expect(ours.capture.format == "netmon")
        #expect(ours.summary.failed == 1)
        ours.capture.file = original.capture.file
        ours.capture.format = original.capture.format
        #expect(JSONRenderer.render(ours) == JSONRenderer.render(original))
    }

    /// Every packet of the original three times, microseconds apart, each copy with the comment pktmon's
    /// etl2pcap gives it, as Packet Monitor logs a packet at each component on its way through the stack.
    static func pktmonCopies(of path: String, copies: Int) throws -> [UInt8] {
        var writer = PcapNGWriter(application: "pptp-pcap tests")
        writer.addInterface(.init(linkType: LinkType.ethernet))
        let reader = try CaptureReader(path: path)
        _ = reader.forEach { record, bytes in
            for copy in 0..<copies {
                writer.add(
                    Array(bytes), interface: 0, timestampNanos: UInt64(record.timestamp) + UInt64(copy) * 3_000,
                    comment: "PktGroupId \(1000 + record.number), PktNumber 1, Appearance \(copy + 1), "
                        + "Direction Tx , Type Ethernet , Component \(10 + copy), Edge 1, Filter 0, "
                        + "OriginalSize \(bytes.count), LoggedSize \(bytes.count)")
            }
        }
        return writer.bytes
    }

    @Test(
        "a pktmon capture counts each packet once, finds the original's verdicts with Windows 10's codes only, and the warning names pktmon's copies"
    )
    func pktmonComponentCopies() throws {
        let bytes = try Self.pktmonCopies(of: Self.pcap, copies: 3)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pktmon-\(UUID().uuidString).pcapng")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }

        let copies = try Analyzer.analyze(path: url.path)
        let original = try Analyzer.analyze(path: Self.pcap)
        let packets = original.report.capture.packets
        #expect(copies.stats.duplicateFrames == 2 * packets)
        // pktmon runs on Windows 10 and later: at the client, the codes older Windows shows (721 for blocked GRE) go.
        func verdicts(_ r: Report, client: WindowsVersion?) -> [String] {
            r.sessions.map {
                "\($0.outcome.rawValue) \($0.failureStage?.rawValue ?? "-") \(WindowsErrorCodes.ordered($0.probableErrorCodes, for: client))"
            }
        }
        #expect(verdicts(copies.report, client: nil) == verdicts(original.report, client: .win10))
        #expect(copies.report.sessions.first?.probableErrorCodes == [806])
        let warning = try #require(copies.report.warnings.first { $0.code == "capture.duplicate-frames" })
        #expect(warning.message.hasPrefix("\(2 * packets) frames were copies of a packet that pktmon logged"))
        #expect(warning.message.contains("each packet was counted once"))
    }

    @Test("a pppd record file is analysed as PPP with direction, and its reader's notes become report warnings")
    func pppdumpNotesReachReport() throws {
        var writer = PppdumpWriter(startSeconds: 1_767_607_200)
        writer.add([0xFF, 0x03, 0xC0, 0x21, 0x01, 0x01, 0x00, 0x04], .sent)
        writer.advance(tenths: 30)
        writer.add([0xFF, 0x03, 0xC0, 0x21, 0x01, 0x01, 0x00, 0x04], .sent, badFCS: true)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ppp-\(UUID().uuidString).record")
        try Data(writer.bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let report = try Analyzer.analyze(path: url.path).report
        #expect(report.capture.format == "pppdump")
        #expect(report.capture.linkType == 204)
        #expect(report.capture.packets == 2)
        #expect(report.warnings.contains { $0.code == "capture.bad-fcs" && $0.message.hasPrefix("1 PPP frames") })
    }

    @Test(
        "analyze and packets print an ETW trace's error with the file, the format and pktmon's conversion, and exit 2",
        arguments: ["analyze", "packets"])
    func unsupportedFormatOnTheCommandLine(command: String) throws {
        let exe = try #require(ProjectPaths.executable?.path, "build pptp-pcap first (swift build --build-tests)")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString).etl")
        try Data([UInt8](repeating: 0x42, count: 300)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let run = try ProjectPaths.run(exe, [command, url.path])
        let stderr = String(decoding: run.stderr, as: UTF8.self)
        #expect(run.status == 2)
        #expect(stderr.contains(url.path))
        #expect(stderr.contains("Windows ETW trace"))
        #expect(stderr.contains("pktmon etl2pcap \(url.path) --out \(url.deletingPathExtension().path).pcapng"))
    }
}
