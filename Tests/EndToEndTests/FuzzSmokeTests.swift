import Foundation
import PPTPTestSupport
import Testing

/// CI runs the coverage-guided fuzz target (Fuzz/) for about a minute to prove it builds and runs; the long
/// runs are done by hand (Fuzz/README.md). Local test runs skip it unless asked, since it builds the whole
/// pipeline a second time with sanitizers.
@Suite(
    "Fuzz smoke run",
    .enabled(
        if: ProcessInfo.processInfo.environment["CI"] == "true"
            || ProcessInfo.processInfo.environment["RUN_FUZZ_SMOKE"] == "1",
        "runs in CI (CI=true) or with RUN_FUZZ_SMOKE=1"))
struct FuzzSmokeTests {
    @Test("the fuzz target builds with ASan and libFuzzer and runs a minute over the whole pipeline without a crash")
    func fuzzForAMinute() throws {
        let script = ProjectPaths.packageRoot.appendingPathComponent("Fuzz/run.sh")
        let crashes = ProjectPaths.packageRoot.appendingPathComponent("Fuzz/crashes")
        let before = Set((try? FileManager.default.contentsOfDirectory(atPath: crashes.path)) ?? [])
        let result = try ProjectPaths.run("/bin/bash", [script.path, "60"])
        let found = Set((try? FileManager.default.contentsOfDirectory(atPath: crashes.path)) ?? []).subtracting(before)
        let log = String(decoding: result.stderr + result.stdout, as: UTF8.self)
        let stats = log.split(separator: "\n").filter { $0.hasPrefix("stat::") || $0.contains("cov:") }.suffix(4)
        print("fuzz smoke run:\n" + stats.joined(separator: "\n"))
        #expect(result.status == 0, "\(log.suffix(2000))")
        #expect(log.contains("cov:"), "the fuzzer did not run")
        #expect(found.isEmpty, "the fuzzer found new crashing inputs in Fuzz/crashes: \(found.sorted())")
    }
}
