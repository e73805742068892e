import Foundation
import PPTPAnalysis
import PPTPReporting
import PPTPTestSupport
import Testing

/// Damaged and hostile files among the points: the correlation never traps, every format renders, the JSON parses.
@Suite("Hostile multi-point inputs")
struct HostileMultiPointTests {

    @Test("every real capture given as two points matches itself: no loss, no offset, same verdicts")
    func realCapturesTwice() throws {
        guard ProjectPaths.sharedCaptures != nil else {
            Issue.record("../shared/captures is absent: real captures not checked", severity: .warning)
            return
        }
        var compared = 0
        for url in ProjectPaths.sharedCaptureFiles {
            guard let single = try? Analyzer.analyze(path: url.path), !single.sessions.isEmpty else { continue }
            let twice = try MultiPointAnalyzer.analyze(paths: [url.path, url.path]).report
            #expect(twice.sessions.count == single.report.sessions.count, "\(url.lastPathComponent)")
            #expect(twice.sessions.map(\.outcome) == single.report.sessions.map(\.outcome), "\(url.lastPathComponent)")
            for session in twice.sessions {
                #expect(session.path?.seenAt.count == 2, "\(url.lastPathComponent): matched with itself")
                #expect(session.path?.segments.allSatisfy { $0.lost == 0 } == true, "\(url.lastPathComponent)")
            }
            compared += 1
        }
        #expect(compared >= 5, "real captures with PPTP sessions: \(compared)")
    }

    @Test("300 mutations of one point's file: every report renders and its JSON parses")
    func mutatedPointNeverBreaksTheReport() throws {
        let s = try #require(MultiPointCatalog.named("nat-three-points"))
        let files = s.files()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pptp-mp-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.pcap")
        let c = dir.appendingPathComponent("c.pcap")
        try Data(files[0]).write(to: a)
        try Data(files[2]).write(to: c)
        var rng = SplitMix(state: 0x6D75_6C74_6970_6F69)
        var analysed = 0
        for round in 0..<300 {
            var bytes = files[1]
            switch round % 4 {
            case 0:  // flip bytes anywhere after the file header
                for _ in 0..<(1 + rng.below(8)) {
                    bytes[24 + rng.below(bytes.count - 24)] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
                }
            case 1:  // timestamps from another century
                let at = 24 + rng.below(bytes.count - 40)
                for k in 0..<4 { bytes[at + k] = UInt8(truncatingIfNeeded: rng.next()) }
            case 2:  // cut anywhere
                bytes = Array(bytes.prefix(24 + rng.below(bytes.count - 24)))
            default:  // a run of 0xff
                let at = 24 + rng.below(bytes.count - 64)
                for k in 0..<(1 + rng.below(48)) { bytes[at + k] = 0xFF }
            }
            let b = dir.appendingPathComponent("b-\(round).pcap")
            try Data(bytes).write(to: b)
            defer { try? FileManager.default.removeItem(at: b) }
            guard let result = try? MultiPointAnalyzer.analyze(paths: [a.path, b.path, c.path]) else { continue }
            analysed += 1
            let json = JSONRenderer.render(result.report)
            #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "round \(round): invalid JSON")
            _ = TextRenderer().render(result.report)
            _ = MarkdownRenderer.render(result.report)
            _ = HTMLRenderer.render(result.report)
        }
        #expect(analysed > 250, "most mutations still open as captures (\(analysed) did)")
    }
}
