import Foundation

/// The printed result of the scan measurement and its target.
extension BenchReport {
    static let scanSpeedupTarget = 1.8
    static let scanPerByteTarget = 1.2

    static func renderScan(_ result: ScanBenchmark.Result, capture: URL) {
        say("")
        say(
            String(
                format: "scan: %d hard links of %@ (%.1f MB in all), a fresh catalog for every run; load average %@ "
                    + "before, %@ after", result.files, CaptureCache.relative(capture), Double(result.bytes) / 1e6,
                result.loadBefore, result.loadAfter))
        let header =
            pad("command", 36) + lpad("wall", 10) + lpad("cpu", 10) + lpad("MB/s", 9) + lpad("cpu/wall", 10)
            + lpad("speed-up", 10)
        say(header)
        say(String(repeating: "-", count: header.count))
        let base = result.measurement(jobs: 1, oneCore: true)
        for (_, m) in result.runs {
            if let failure = m.failure {
                say(pad(m.name, 36) + " FAILED: \(failure)")
                continue
            }
            let speedup = base.map { $0.wallSeconds / m.wallSeconds }
            say(
                pad(m.name, 36)
                    + lpad(String(format: "%.3f s", m.wallSeconds), 10)
                    + lpad(String(format: "%.3f s", m.cpuSeconds), 10)
                    + lpad(String(format: "%.0f", Double(result.bytes) / 1e6 / m.wallSeconds), 9)
                    + lpad(String(format: "%.2f", m.cpuSeconds / m.wallSeconds), 10)
                    + lpad(speedup.map { String(format: "%.2f×", $0) } ?? "n/a", 10))
        }
        if result.analyze.failure == nil, result.analyze.runs > 0 {
            say(
                pad(result.analyze.name, 36) + lpad(String(format: "%.3f s", result.analyze.wallSeconds), 10)
                    + lpad(String(format: "%.3f s", result.analyze.cpuSeconds), 10)
                    + lpad(String(format: "%.0f", Double(result.captureBytes) / 1e6 / result.analyze.wallSeconds), 9))
        }
        if let capacity = result.parallelCapacity {
            say(
                String(
                    format:
                        "machine check: two single-threaded processes (packets) side by side finished %.2f× sooner than one after "
                        + "the other (2.00× on an idle machine: the most a two-job scan could reach then)", capacity))
        }
        // One job's time per byte against analyze's on the same capture (both read ahead on a second core).
        let perByteLabel = pad("  scan --jobs 1 per GB ≤ \(scanPerByteTarget)× analyze --format json per GB", 62)
        if let ratio = result.perByteRatio {
            say(perByteLabel + lpad(String(format: "%.2f× %@", ratio, verdict(ratio <= scanPerByteTarget)), 14))
        } else {
            say(perByteLabel + lpad("n/a", 14))
        }
        let label = pad("  scan --jobs 2 ≥ \(scanSpeedupTarget)× faster than --jobs 1 on one core", 62)
        guard let speedup = result.speedup else {
            say(label + lpad("n/a", 14))
            return
        }
        say(label + lpad(String(format: "%.2f× %@", speedup, verdict(speedup >= scanSpeedupTarget)), 14))
        // cpu/wall near 2 with two jobs: both cores were ours. Well under it with work for both: someone else had one.
        if let two = result.runs.last?.measurement, two.failure == nil,
            two.cpuSeconds / two.wallSeconds < 1.7 || (result.parallelCapacity ?? 2) < 1.7
        {
            say(
                "  (two jobs kept the cores busy only \(String(format: "%.2f", two.cpuSeconds / two.wallSeconds)) of "
                    + "2 on average: other work shared the machine, or the runs wait on something; measure again on an "
                    + "idle machine before trusting the ratio)")
        }
    }

    /// One job's peak RSS scanning one 1 GB file against one 100 MB file: flat when the job holds the sessions open
    /// at once, not the file's whole report.
    static func renderScanMemory(small: Int?, large: Int?) {
        let label = pad("  scan --jobs 1 peak RSS, one 1G file ≤ \(rssGrowthTarget)× one 100M file", 62)
        guard let small, let large, small > 0 else { return say(label + lpad("n/a", 14)) }
        let ratio = Double(large) / Double(small)
        say(
            label
                + lpad(String(format: "%.2f× %@", ratio, verdict(ratio <= rssGrowthTarget)), 14)
                + String(format: "  (%.1f MiB, %.1f MiB)", Double(small) / 1024, Double(large) / 1024))
    }
}
