import Foundation
import Glibc

/// The printed result: the machine, each capture, the table, and the targets with PASS/MISS.
enum BenchReport {
    static let analyzeWallTarget = 2.0
    static let analyzeWallStretch = 1.3
    static let peakRSSTargetMiB = 64.0
    static let rssGrowthTarget = 1.2

    static func machine() -> String {
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let hostName = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model =
            cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
        let load = ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?")
            .split(separator: " ").prefix(3).joined(separator: " ")
        var name = utsname()
        uname(&name)
        let kernel = withUnsafeBytes(of: &name.release) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return "\(hostName): \(model), \(ProcessInfo.processInfo.activeProcessorCount) cores, "
            + String(format: "%.0f GiB", Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824)
            + ", Linux \(kernel); load average \(load)"
    }

    static func render(_ results: [SizeResult], iterations: Int, binary: String) {
        let date = ISO8601DateFormatter().string(from: Date())
        say("")
        say("pptp-pcap benchmark — \(date)")
        say("machine: \(machine())")
        say("binary:  \(binary)")
        say(
            "runs:    \(iterations == 1 ? "1 (quick)" : "best of \(iterations)") per command, interleaved "
                + "(the floor: best of \(max(iterations, 5))); file in the page cache; MB = 10^6 bytes")
        say(
            "         peak RSS = "
                + (Benchmark.gnuTime != nil
                    ? "GNU time's %M" : "wait4's ru_maxrss (over-counts: install GNU time, apt-get install time)")
                + ", the highest of the runs; wall and cpu (user + system) are each the lowest of the runs")
        for result in results {
            let m = result.manifest
            say("")
            let failed = m.failedSessions.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                .joined(separator: ", ")
            say(
                String(
                    format: "capture %@: %@ — %.1f MB, %d packets, %.0f s of traffic; %d PPTP sessions "
                        + "(%@ failing); %.1f %% of bytes / %.1f %% of packets unrelated TCP/UDP",
                    result.size.label, CaptureCache.relative(URL(fileURLWithPath: result.path)),
                    Double(m.fileBytes) / 1e6, m.packets, m.captureSeconds, m.pptpSessions, failed,
                    m.unrelatedByteShare * 100,
                    Double(m.unrelatedPackets) * 100 / Double(max(1, m.packets))))
            if !result.floorOutput.isEmpty { say("floor read: \(result.floorOutput)") }
            let header =
                pad("command", 36) + lpad("wall", 10) + lpad("cpu", 10) + lpad("MB/s", 9)
                + lpad("packets/s", 12) + lpad("peak RSS", 12) + lpad("× floor", 9) + lpad("cpu ×", 8)
            say(header)
            say(String(repeating: "-", count: header.count))
            for measurement in [result.floor, result.analyze, result.packets] {
                say(row(measurement, manifest: m, floor: result.floor))
            }
        }
        say("")
        targets(results)
    }

    static func row(_ m: Measurement, manifest: CaptureManifest, floor: Measurement) -> String {
        if let failure = m.failure {
            return pad(m.name, 36) + " FAILED: \(failure)"
        }
        let ratio = floor.failure == nil ? String(format: "%.2f×", m.wallSeconds / floor.wallSeconds) : "n/a"
        let cpuRatio =
            floor.failure == nil && floor.cpuSeconds > 0
            ? String(format: "%.2f×", m.cpuSeconds / floor.cpuSeconds) : "n/a"
        return pad(m.name, 36)
            + lpad(String(format: "%.3f s", m.wallSeconds), 10)
            + lpad(String(format: "%.3f s", m.cpuSeconds), 10)
            + lpad(String(format: "%.0f", Double(manifest.fileBytes) / 1e6 / m.wallSeconds), 9)
            + lpad(String(format: "%.2f M", Double(manifest.packets) / m.wallSeconds / 1e6), 12)
            + lpad(String(format: "%.1f MiB", m.peakRSSMiB), 12)
            + lpad(ratio, 9)
            + lpad(cpuRatio, 8)
    }

    static func targets(_ results: [SizeResult]) {
        func verdict(_ pass: Bool) -> String { pass ? "PASS" : "MISS" }
        let labels = results.map(\.size.label)
        say(pad("targets for pptp-pcap analyze", 44) + labels.map { lpad($0, 18) }.joined())
        var wall = pad("  wall ≤ \(analyzeWallTarget)× floor", 44)
        var stretch = pad("  wall ≤ \(analyzeWallStretch)× floor (stretch)", 44)
        var rss = pad("  peak RSS ≤ \(Int(peakRSSTargetMiB)) MiB", 44)
        for result in results {
            guard result.analyze.failure == nil, result.floor.failure == nil else {
                wall += lpad("n/a", 18)
                stretch += lpad("n/a", 18)
                rss += lpad(
                    result.analyze.failure == nil
                        ? String(
                            format: "%.2f MiB %@", result.analyze.peakRSSMiB,
                            verdict(result.analyze.peakRSSMiB <= peakRSSTargetMiB)) : "n/a", 18)
                continue
            }
            let ratio = result.analyze.wallSeconds / result.floor.wallSeconds
            wall += lpad(String(format: "%.2f× %@", ratio, verdict(ratio <= analyzeWallTarget)), 18)
            stretch += lpad(String(format: "%.2f× %@", ratio, verdict(ratio <= analyzeWallStretch)), 18)
            rss += lpad(
                String(
                    format: "%.2f MiB %@", result.analyze.peakRSSMiB,
                    verdict(result.analyze.peakRSSMiB <= peakRSSTargetMiB)), 18)
        }
        say(wall)
        say(stretch)
        say(rss)
        let growthLabel = pad("  peak RSS 1G ≤ \(rssGrowthTarget)× 100M", 44)
        if let small = results.first(where: { $0.size == .small }), let large = results.first(where: { $0.size == .large }),
            small.analyze.failure == nil, large.analyze.failure == nil, small.analyze.peakRSSKiB > 0
        {
            let growth = Double(large.analyze.peakRSSKiB) / Double(small.analyze.peakRSSKiB)
            say(growthLabel + lpad(String(format: "%.2f× %@", growth, verdict(growth <= rssGrowthTarget)), 18))
        } else {
            say(growthLabel + lpad("n/a (needs --size both)", 26))
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func lpad(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
