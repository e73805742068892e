import Foundation
import PPTPAnalysis
import PPTPTestSupport
import Synchronization
import Testing

@Suite("Progress of a long analysis")
struct ProgressTests {
    /// One classic pcap holding `copies` of a fixture's records, each copy 100 s after the one before.
    static func repeated(_ name: String, copies: Int) throws -> [UInt8] {
        let pcap = Array(try Data(contentsOf: ProjectPaths.fixtures.appendingPathComponent("scenarios/\(name)/capture.pcap")))
        var out = Array(pcap[0..<24])
        for copy in 0..<copies {
            var offset = 24
            while offset + 16 <= pcap.count {
                var header = Array(pcap[offset..<(offset + 16)])
                let ts = UInt32(header[0]) | UInt32(header[1]) << 8 | UInt32(header[2]) << 16 | UInt32(header[3]) << 24
                let moved = ts &+ UInt32(copy * 100)
                for i in 0..<4 { header[i] = UInt8(truncatingIfNeeded: moved >> (8 * UInt32(i))) }
                let length = Int(header[8]) | Int(header[9]) << 8 | Int(header[10]) << 16 | Int(header[11]) << 24
                out += header + pcap[(offset + 16)..<min(pcap.count, offset + 16 + length)]
                offset += 16 + length
            }
        }
        return out
    }

    @Test(
        "the progress callback sees packets and bytes grow towards the file's size, and sessions finish",
        arguments: [false, true])
    func progressGrows(readAhead: Bool) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pptp-pcap-progress-\(UUID().uuidString).pcap")
            .path
        try Data(try Self.repeated("success-mschapv2", copies: 300)).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let seen = Mutex<[AnalysisProgress]>([])
        var options = Analyzer.Options()
        options.readAhead = readAhead
        options.progress = { p in seen.withLock { $0.append(p) } }
        let result = try Analyzer.analyze(path: path, options: options)
        let reports = seen.withLock { $0 }
        #expect(!reports.isEmpty)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.packets < $1.packets && $0.bytes <= $1.bytes })
        let size = Int64(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0)
        #expect(reports.allSatisfy { $0.totalBytes == size && $0.bytes <= size })
        #expect(reports.last.map { $0.sessions > 0 } == true)
        #expect(result.report.summary.sessions == 300)
    }
}
