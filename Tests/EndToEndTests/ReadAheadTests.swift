import Foundation
import PPTPAnalysis
import PPTPPcapIO
import PPTPReporting
import PPTPTestSupport
import Testing

/// `ReadAhead` splits the pass over two threads and counts unrelated packets in bulk; none of that may change a
/// report. Every capture the project has is analysed both ways and compared byte for byte.
@Suite("Reading ahead on a second core")
struct ReadAheadTests {
    static func bothWays(_ path: String) throws -> (oneCore: Analyzer.Result, twoCores: Analyzer.Result) {
        var one = Analyzer.Options()
        one.readAhead = false
        one.diagnoseAhead = false
        var two = Analyzer.Options()
        two.readAhead = true
        two.diagnoseAhead = true
        return (try Analyzer.analyze(path: path, options: one), try Analyzer.analyze(path: path, options: two))
    }

    static func expectSame(_ path: String) throws {
        let (one, two) = try bothWays(path)
        #expect(JSONRenderer.render(one.report) == JSONRenderer.render(two.report), "\(path)")
        #expect(
            one.stats.packets == two.stats.packets && one.stats.duplicateFrames == two.stats.duplicateFrames
                && one.stats.snapTruncatedPackets == two.stats.snapTruncatedPackets
                && one.stats.lastTimestamp == two.stats.lastTimestamp
                && one.stats.sessionsRetiredEarly == two.stats.sessionsRetiredEarly
                && one.stats.peakOpenSessions == two.stats.peakOpenSessions, "\(path)")
        #expect(one.readError?.description == two.readError?.description, "\(path)")
    }

    @Test("every fixture capture reports the same on one core and on two")
    func fixtures() throws {
        let files = ProjectPaths.scenarioCaptureFiles + ProjectPaths.multiPointCaptureFiles
        #expect(files.count >= 70)
        for file in files { try Self.expectSame(file.path) }
    }

    @Test("every hostile input reports the same on one core and on two")
    func hostile() throws {
        let dir = ProjectPaths.fixtures.appendingPathComponent("hostile")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        var compared = 0
        for name in names.sorted() where name.hasSuffix(".pcap") || name.hasSuffix(".pcapng") {
            let path = dir.appendingPathComponent(name).path
            // Some are meant not to open at all: then both ways must refuse it alike.
            guard (try? CaptureReader(path: path)) != nil else { continue }
            try Self.expectSame(path)
            compared += 1
        }
        #expect(compared >= 1, "no hostile capture compared")
    }

    @Test("every real capture reports the same on one core and on two")
    func realCaptures() throws {
        let files = ProjectPaths.sharedCaptureFiles
        if files.isEmpty {
            Issue.record("../shared/captures is absent: real captures not compared", severity: .warning)
            return
        }
        for file in files { try Self.expectSame(file.path) }
    }

    @Test("a long capture with retirement, late packets and duplicate frames reports the same on one core and on two")
    func longCapture() throws {
        let url = try LongCaptureTests.longCapture()
        defer { try? FileManager.default.removeItem(at: url) }
        // Every frame of the long capture twice, and the whole again 2,000 s later for late and reused flows.
        let reader = try CaptureReader(path: url.path)
        var writer = PcapWriter(linkType: 1)
        var frames: [([UInt8], Int64)] = []
        _ = reader.forEach { record, bytes in frames.append((Array(bytes), record.timestamp)) }
        for (bytes, time) in frames {
            writer.add(bytes, timestampNanos: UInt64(time))
            writer.add(bytes, timestampNanos: UInt64(time + 5_000))
        }
        let shift: Int64 = 2_000_000_000_000 + (frames.last?.1 ?? 0) - (frames.first?.1 ?? 0)
        for (bytes, time) in frames { writer.add(bytes, timestampNanos: UInt64(time + shift)) }
        let doubled = FileManager.default.temporaryDirectory.appendingPathComponent("ahead-\(UUID().uuidString).pcap")
        try Data(writer.bytes).write(to: doubled)
        defer { try? FileManager.default.removeItem(at: doubled) }
        try Self.expectSame(doubled.path)
        let (one, _) = try Self.bothWays(doubled.path)
        #expect(one.stats.duplicateFrames > 0)
        #expect(one.stats.sessionsRetiredEarly > 0)
    }
}
