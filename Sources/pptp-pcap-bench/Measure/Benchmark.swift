import Foundation

/// One measured command over one capture.
struct Measurement {
    var name: String
    /// Best (lowest) wall time of the runs.
    var wallSeconds: Double
    /// Lowest user + system CPU time of the runs (less disturbed than wall time by other jobs on the machine).
    var cpuSeconds: Double
    /// Highest peak RSS of the runs.
    var peakRSSKiB: Int
    var runs: Int
    /// Why the command could not be measured (it failed), if so.
    var failure: String?

    var peakRSSMiB: Double { Double(peakRSSKiB) / 1024 }
}

/// What one capture was measured with, timed in the same run: the floor first, the ratios' denominator.
struct CaptureResult {
    /// "1G", "1G pcapng", "heavy-tunnels 1G".
    var label: String
    var path: String
    var manifest: CaptureManifest
    var size: BenchOptions.Size
    var shape: CaptureShape
    var pcapng: Bool
    var floor: Measurement
    /// By command key (`Benchmark.Key`).
    var commands: [Benchmark.Key: Measurement]
    var floorOutput: String

    func ratio(_ key: Benchmark.Key) -> Double? {
        guard floor.failure == nil, let m = commands[key], m.failure == nil else { return nil }
        return m.wallSeconds / floor.wallSeconds
    }
}

/// Runs the floor and the commands asked for over one capture, interleaved, `iterations` times each.
struct Benchmark {
    var floorBinary: String
    var pptpPcap: String
    var cache: URL
    var iterations: Int

    /// The commands the benchmark knows, in the order they are run and printed.
    enum Key: String, CaseIterable {
        case analyzeJSON = "pptp-pcap analyze --format json"
        case analyzeText = "pptp-pcap analyze --format text"
        case analyzeMarkdown = "pptp-pcap analyze --format markdown"
        case analyzeHTML = "pptp-pcap analyze --format html"
        case packets = "pptp-pcap packets --format ndjson"

        var arguments: [String] {
            switch self {
            case .analyzeJSON: ["analyze", "--format", "json"]
            case .analyzeText: ["analyze", "--format", "text"]
            case .analyzeMarkdown: ["analyze", "--format", "markdown"]
            case .analyzeHTML: ["analyze", "--format", "html"]
            case .packets: ["packets", "--format", "ndjson"]
            }
        }

        static let analyzeFormats: [Key] = [.analyzeJSON, .analyzeText, .analyzeMarkdown, .analyzeHTML]
    }

    struct Command {
        var name: String
        var arguments: [String]
        /// Exit statuses that mean the command did its job (analyze: 3 = a session failed, 1 = warnings).
        var accepted: Set<Int32>
        var stdout: String
    }

    /// GNU time's `%M` (the peak RSS of the program it forks) is exact; wait4's own `ru_maxrss` of a child
    /// spawned from this process starts at this process's RSS (the child's address space is this one's until
    /// exec), which would hide anything smaller.
    /// Rounds of the floor and `analyze --format json` beyond their five, while they still find a quieter moment.
    static let extraRounds = 6
    static let gnuTime: String? = FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? "/usr/bin/time" : nil

    private var peakFile: String { cache.appendingPathComponent("peak-rss.txt").path }

    private func timed(_ arguments: [String]) -> [String] {
        guard let time = Self.gnuTime else { return arguments }
        try? FileManager.default.removeItem(atPath: peakFile)
        return [time, "-f", "%M", "-o", peakFile] + arguments
    }

    /// The last line of GNU time's output file ("Command exited with non-zero status 3" may come first).
    private func peakFromTime() -> Int? {
        guard Self.gnuTime != nil, let text = try? String(contentsOfFile: peakFile, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    func measure(
        label: String, size: BenchOptions.Size, shape: CaptureShape = .mixed, pcapng: Bool = false, capture: URL,
        manifest: CaptureManifest, keys: [Key]
    ) throws -> CaptureResult {
        let floorOut = cache.appendingPathComponent("floor-output.txt").path
        let stderrPath = cache.appendingPathComponent("last-stderr.txt").path
        let commands =
            [
                Command(
                    name: "libpcap floor (pcap_next_ex)", arguments: [floorBinary, capture.path], accepted: [0], stdout: floorOut)
            ]
            + keys.map {
                Command(
                    name: $0.rawValue, arguments: [pptpPcap] + $0.arguments + [capture.path], accepted: [0, 1, 3],
                    stdout: "/dev/null")
            }
        // Warm-up (untimed): brings the file into the page cache, so every timed run reads from memory.
        _ = try ProcessRunner.run([floorBinary, capture.path], stdout: floorOut)
        let warmUp = (try? String(contentsOfFile: floorOut, encoding: .utf8)) ?? ""
        guard let read = warmUp.split(separator: " ").first.flatMap({ Int($0) }), read == manifest.packets else {
            throw BenchError(
                "libpcap reads '\(warmUp.trimmingCharacters(in: .whitespacesAndNewlines))' from "
                    + "\(capture.path), but its manifest says \(manifest.packets) packets: run again with --regenerate")
        }
        var results = commands.map {
            Measurement(
                name: $0.name, wallSeconds: .infinity, cpuSeconds: .infinity, peakRSSKiB: 0,
                runs: 0, failure: nil)
        }
        for iteration in 1...iterations {
            for (index, command) in commands.enumerated() where results[index].failure == nil {
                var outcome = try ProcessRunner.run(
                    timed(command.arguments), stdout: command.stdout,
                    stderr: stderrPath)
                if let peak = peakFromTime() { outcome.peakRSSKiB = peak }
                guard let status = outcome.status, command.accepted.contains(status) else {
                    let tail = ((try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "").suffix(600)
                    results[index].failure = "\(outcome.description)\(tail.isEmpty ? "" : ": \(tail)")"
                    continue
                }
                results[index].runs += 1
                results[index].wallSeconds = min(results[index].wallSeconds, outcome.wallSeconds)
                results[index].cpuSeconds = min(results[index].cpuSeconds, outcome.cpuSeconds)
                results[index].peakRSSKiB = max(results[index].peakRSSKiB, outcome.peakRSSKiB)
                say(
                    String(
                        format: "  %@ run %d/%d: %@ %.3f s wall, %.3f s cpu, %.1f MiB peak RSS", label,
                        iteration, iterations, command.name, outcome.wallSeconds, outcome.cpuSeconds,
                        Double(outcome.peakRSSKiB) / 1024))
            }
        }
        // The floor is the denominator of every ratio and the shortest run (40 ms for 100 MB here), so the most
        // easily disturbed by other jobs: it always gets at least 5 runs, which cost little. `analyze --format
        // json`, the numerator of the speed targets, gets as many, interleaved with them: a best of 5 against a
        // best of 3 would favour the floor on a noisy machine (measured: 1.16x the floor as a best of 8 each,
        // 1.40x as a best of 3 against a best of 5, in the same minute).
        let targeted = [0] + (keys.firstIndex(of: .analyzeJSON).map { [$0 + 1] } ?? [])
        // On a busy machine five runs may all have been disturbed: a few more rounds of the two, for as long as a
        // round still lowers either best by more than 2 % (at most `extraRounds`), so the ratio is of two quiet
        // moments rather than of whichever run the neighbours spared.
        var round = iterations
        var extra = 0
        while round < max(iterations, 5) || extra < Self.extraRounds {
            var improved = false
            for index in targeted where results[index].failure == nil {
                let command = commands[index]
                let outcome = try ProcessRunner.run(timed(command.arguments), stdout: command.stdout, stderr: stderrPath)
                guard let status = outcome.status, command.accepted.contains(status) else { continue }
                if outcome.wallSeconds < results[index].wallSeconds * 0.98 { improved = true }
                results[index].runs += 1
                results[index].wallSeconds = min(results[index].wallSeconds, outcome.wallSeconds)
                results[index].cpuSeconds = min(results[index].cpuSeconds, outcome.cpuSeconds)
                if let peak = peakFromTime() { results[index].peakRSSKiB = max(results[index].peakRSSKiB, peak) }
            }
            if round >= max(iterations, 5) {
                extra += 1
                if !improved { break }
            }
            round += 1
        }
        let floorText = ((try? String(contentsOfFile: floorOut, encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var measured: [Key: Measurement] = [:]
        for (key, result) in zip(keys, results.dropFirst()) { measured[key] = result }
        return CaptureResult(
            label: label, path: capture.path, manifest: manifest, size: size, shape: shape, pcapng: pcapng,
            floor: results[0], commands: measured, floorOutput: floorText)
    }
}
