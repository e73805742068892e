import Foundation
import PPTPAnalysis
import PPTPPcapIO
import PPTPReporting
import PPTPTestSupport
import Testing

/// A property of the whole pipeline: whatever is done to a valid capture's bytes (flips, truncations, splices),
/// analysis terminates without a crash and the JSON report stays valid JSON.
@Suite("Mutated captures")
struct MutationPropertyTests {

    static let seeds = [
        "success-mschapv2", "gre-no-return", "control-split-merged", "mtu-blackhole", "pcapng-two-interfaces",
        "linux-sll2", "vlan-qinq", "mschapv2-e691",
    ]

    static func mutate(_ bytes: [UInt8], other: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        var b = bytes
        guard b.count > 24 else { return b }
        switch rng.next() % 4 {
        case 0:  // flip a few bytes past the file header
            for _ in 0..<(1 + Int(rng.next() % 8)) {
                let i = 24 + Int(rng.next() % UInt64(b.count - 24))
                b[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            }
        case 1:  // truncate anywhere
            b = Array(b.prefix(Int(rng.next() % UInt64(b.count))))
        case 2:  // splice another capture's tail in
            let cut = Int(rng.next() % UInt64(b.count))
            let from = Int(rng.next() % UInt64(max(other.count, 1)))
            b = Array(b.prefix(cut)) + Array(other.dropFirst(from))
        default:  // overwrite a run with one value (lengths of 0, 0xFF …)
            let start = 24 + Int(rng.next() % UInt64(b.count - 24))
            let value: UInt8 = rng.next() % 2 == 0 ? 0 : 0xFF
            for i in start..<min(b.count, start + 1 + Int(rng.next() % 16)) { b[i] = value }
        }
        return b
    }

    @Test("300 mutations of each seed capture analyse without a crash into valid JSON", arguments: seeds)
    func mutationsStaySafe(seed: String) throws {
        let scenario = try #require(FixtureCatalog.named(seed))
        let original = scenario.bytes()
        let other = try #require(FixtureCatalog.named("two-sessions")).bytes()
        var rng = SplitMix(state: UInt64(seed.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        var analysed = 0
        for _ in 0..<300 {
            let bytes = Self.mutate(original, other: other, &rng)
            guard let reader = try? CaptureReader(bytes: bytes, name: "mutant") else { continue }
            let result = Analyzer.analyze(reader: reader)
            let json = JSONRenderer.render(result.report)
            #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
            _ = TextRenderer().render(result.report)
            analysed += 1
        }
        #expect(analysed > 100)
    }
}
