import Foundation
import Glibc

/// The printed result: the machine, each capture, the table, and the targets with PASS/MISS.
enum BenchReport {
    static let analyzeWallStretch = 1.3
    static let peakRSSTargetMiB = 64.0
    static let rssGrowthTarget = 1.2
    static let packetsPerSecondTarget = 1.0

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

    static func render(_ results: [CaptureResult], iterations: Int, binary: String) {
        let date = ISO8601DateFormatter().string(from: Date())
        say("")
        say("pptp-pcap benchmark — \(date)")
        say("machine: \(machine())")
        say("binary:  \(binary)")
        say(
            "runs:    \(iterations == 1 ? "1 (quick)" : "best of \(iterations)") per command, interleaved "
                + "(the floor and analyze --format json: best of \(max(iterations, 5)), and of up to "
                + "\(Benchmark.extraRounds) more rounds while a round still lowers either); file in the page cache; "
                + "MB = 10^6 bytes")
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
            let fileBytes =
                (try? FileManager.default.attributesOfItem(atPath: result.path)[.size] as? NSNumber)?.intValue ?? m.fileBytes
            say(
                String(
                    format: "capture %@: %@ — %.1f MB, %d packets, %.0f s of traffic; %d PPTP sessions "
                        + "(%@ failing); %.1f %% of bytes / %.1f %% of packets unrelated TCP/UDP",
                    result.label, CaptureCache.relative(URL(fileURLWithPath: result.path)),
                    Double(fileBytes) / 1e6, m.packets, m.captureSeconds, m.pptpSessions, failed,
                    m.unrelatedByteShare * 100,
                    Double(m.unrelatedPackets) * 100 / Double(max(1, m.packets))))
            if !result.shape.name.isEmpty { say("shape: \(result.shape.summary)") }
            if !result.floorOutput.isEmpty { say("floor read: \(result.floorOutput)") }
            let header =
                pad("command", 36) + lpad("wall", 10) + lpad("cpu", 10) + lpad("MB/s", 9)
                + lpad("packets/s", 12) + lpad("peak RSS", 12) + lpad("× floor", 9) + lpad("cpu ×", 8)
            say(header)
            say(String(repeating: "-", count: header.count))
            say(row(result.floor, fileBytes: fileBytes, packets: m.packets, floor: result.floor))
            for key in Benchmark.Key.allCases {
                if let measurement = result.commands[key] {
                    say(row(measurement, fileBytes: fileBytes, packets: m.packets, floor: result.floor))
                }
            }
        }
        say("")
        targets(results)
    }

    static func row(_ m: Measurement, fileBytes: Int, packets: Int, floor: Measurement) -> String {
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
            + lpad(String(format: "%.0f", Double(fileBytes) / 1e6 / m.wallSeconds), 9)
            + lpad(String(format: "%.2f M", Double(packets) / m.wallSeconds / 1e6), 12)
            + lpad(String(format: "%.1f MiB", m.peakRSSMiB), 12)
            + lpad(ratio, 9)
            + lpad(cpuRatio, 8)
    }

    static func verdict(_ pass: Bool) -> String { pass ? "PASS" : "MISS" }

    static func targets(_ results: [CaptureResult]) {
        say("targets")
        // Wall time of analyze --format json against the floor of its own run, on every capture measured.
        for result in results {
            let label = pad("  analyze --format json, \(result.label): wall ≤ \(analyzeWallStretch)× floor", 62)
            guard let ratio = result.ratio(.analyzeJSON) else {
                say(label + lpad("n/a", 14))
                continue
            }
            say(label + lpad(String(format: "%.2f× %@", ratio, verdict(ratio <= analyzeWallStretch)), 14))
        }
        for result in results {
            for key in Benchmark.Key.analyzeFormats {
                guard let m = result.commands[key], m.failure == nil else { continue }
                say(
                    pad("  \(key.rawValue.dropFirst(10)), \(result.label): peak RSS ≤ \(Int(peakRSSTargetMiB)) MiB", 62)
                        + lpad(String(format: "%.1f MiB %@", m.peakRSSMiB, verdict(m.peakRSSMiB <= peakRSSTargetMiB)), 14))
            }
        }
        let small = results.first { $0.size == .small && !$0.pcapng && $0.shape == .mixed }
        let large = results.first { $0.size == .large && !$0.pcapng && $0.shape == .mixed }
        for key in Benchmark.Key.analyzeFormats {
            let label = pad("  \(key.rawValue.dropFirst(10)): peak RSS 1G ≤ \(rssGrowthTarget)× 100M", 62)
            guard let a = small?.commands[key], let b = large?.commands[key], a.failure == nil, b.failure == nil,
                a.peakRSSKiB > 0
            else {
                say(label + lpad("n/a (needs --size both)", 26))
                continue
            }
            let growth = Double(b.peakRSSKiB) / Double(a.peakRSSKiB)
            say(label + lpad(String(format: "%.2f× %@", growth, verdict(growth <= rssGrowthTarget)), 14))
        }
        for result in results {
            guard let m = result.commands[.packets], m.failure == nil else { continue }
            let rate = Double(result.manifest.packets) / m.wallSeconds / 1e6
            say(
                pad("  packets --format ndjson, \(result.label): ≥ \(packetsPerSecondTarget) M packets/s", 62)
                    + lpad(String(format: "%.2f M %@", rate, verdict(rate >= packetsPerSecondTarget)), 14))
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func lpad(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
