import Foundation
import PPTPAnalysis
import PPTPPcapIO
import PPTPReporting
import PPTPTestSupport
import Testing

/// `--merge` (one capture in pieces) and what a multi-point run does with files it cannot use.
@Suite("Merged captures and bad inputs")
struct MergeAndInputTests {
    @Test("a capture split in two and read with --merge gives the verdicts and packet count of the whole")
    func mergeEqualsWhole() throws {
        let scenario = try #require(FixtureCatalog.named("success-mschapv2"))
        let bytes = scenario.bytes()
        let whole = try Analyzer.analyze(reader: CaptureReader(bytes: bytes, name: "whole.pcap"))
        // Split the records between two pcap files at the middle packet.
        let records = PcapRecords.split(bytes)
        let half = records.count / 2
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pptp-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = dir.appendingPathComponent("part1.pcap")
        let second = dir.appendingPathComponent("part2.pcap")
        try Data(PcapRecords.file(header: bytes, records: Array(records[..<half]))).write(to: first)
        try Data(PcapRecords.file(header: bytes, records: Array(records[half...]))).write(to: second)
        let merged = try Analyzer.analyze(paths: [first.path, second.path])
        #expect(merged.report.capture.packets == whole.report.capture.packets)
        #expect(merged.report.sessions.map(\.outcome) == whole.report.sessions.map(\.outcome))
        #expect(merged.report.sessions.map(\.lastPacket) == whole.report.sessions.map(\.lastPacket))
        #expect(merged.report.sessions.map(\.timeline.count) == whole.report.sessions.map(\.timeline.count))
        #expect(merged.report.capture.file == "\(first.path) + \(second.path)")
    }

    @Test("a file that is not a capture is left out with a warning that names it; the others are analysed")
    func unreadableFileIsNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pptp-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("notes.txt")
        try Data("not a capture\n".utf8).write(to: bad)
        let good = ProjectPaths.multiPoint.appendingPathComponent("gre-filtered-between/A-client.pcap").path
        let result = try MultiPointAnalyzer.analyze(paths: [good, bad.path])
        #expect(result.skipped.map(\.point) == ["B"])
        let warning = try #require(result.report.warnings.first { $0.code == "path.unreadable-file" })
        #expect(warning.message.contains("notes.txt"))
        #expect(result.report.sessions.count == 1, "A was still analysed")
        #expect(result.report.path?.points.map(\.name) == ["A"])
        do {
            _ = try MultiPointAnalyzer.analyze(paths: [bad.path, bad.path])
            Issue.record("no readable file, yet no error")
        } catch {
            #expect("\(error)".contains("notes.txt"))
        }
    }

    @Test("a redacted multi-point report shows no address, host or user name of the capture")
    func redactedReportHidesIdentities() throws {
        let s = try #require(MultiPointCatalog.named("nat-three-points"))
        let files = s.points.map {
            ProjectPaths.multiPoint.appendingPathComponent(s.name).appendingPathComponent($0.fileName).path
        }
        let report = try MultiPointAnalyzer.analyze(paths: files, options: .init(redact: true)).report
        for format in [
            JSONRenderer.render(report), TextRenderer().render(report), MarkdownRenderer.render(report),
            HTMLRenderer.render(report),
        ] {
            for secret in ["192.168.1.23", "198.51.100.7", "203.0.113.10", "DESKTOP-7Q2M4KD", "alice"] {
                #expect(!format.contains(secret), "\(secret) in a redacted report")
            }
        }
    }

    @Test("the CLI takes several files, and --merge and --evidence keep to their meaning")
    func commandLine() throws {
        let exe = try #require(ProjectPaths.executable, "pptp-pcap is not built")
        let s = try #require(MultiPointCatalog.named("gre-filtered-between"))
        let files = s.points.map {
            ProjectPaths.multiPoint.appendingPathComponent(s.name).appendingPathComponent($0.fileName).path
        }
        let run = try ProjectPaths.run(exe.path, ["analyze", "--format", "json"] + files)
        #expect(run.status == 3, "a failed session exits 3")
        let object = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        #expect((object["path"] as? [String: Any])?["points"] != nil)
        let evidence = try ProjectPaths.run(exe.path, ["analyze", "--evidence", "/tmp/never.pcap"] + files)
        #expect(evidence.status == 64, "--evidence with several points is a usage error")
        let merged = try ProjectPaths.run(exe.path, ["analyze", "--merge", "--format", "json"] + files)
        let mergedObject = try #require(try JSONSerialization.jsonObject(with: merged.stdout) as? [String: Any])
        #expect(mergedObject["path"] == nil, "--merge reads one capture, not points")
    }
}

/// Classic pcap records cut apart and put back together (for split-file tests).
enum PcapRecords {
    /// The records (16-byte header + data) of a little-endian classic pcap file.
    static func split(_ file: [UInt8]) -> [[UInt8]] {
        var records: [[UInt8]] = []
        var at = 24
        while at + 16 <= file.count {
            let length = Int(file[at + 8]) | Int(file[at + 9]) << 8 | Int(file[at + 10]) << 16 | Int(file[at + 11]) << 24
            guard at + 16 + length <= file.count else { break }
            records.append(Array(file[at..<(at + 16 + length)]))
            at += 16 + length
        }
        return records
    }

    static func file(header: [UInt8], records: [[UInt8]]) -> [UInt8] {
        Array(header.prefix(24)) + records.flatMap { $0 }
    }
}
