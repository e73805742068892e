import Foundation
import Glibc

/// `pptp-pcap scan` over eight copies of the 100 MB capture, with one job and with two, each run into a fresh
/// catalog: the files are analysed every time, never found unchanged in the catalog. The copies are hard links
/// (a byte copy when the file system refuses them); the scanner keys its catalog by path, so each is its own file.
struct ScanBenchmark {
    var pptpPcap: String
    var cache: URL
    var iterations: Int

    static let fileCount = 8

    /// The scans timed: one job (reading ahead on the second core, as analyze does), one job held to one core
    /// (`taskset -c 0`: the base of the two-job speed-up, which two single-core jobs can double), two jobs.
    struct Variant {
        var jobs: Int
        var oneCore: Bool
        var name: String { "pptp-pcap scan --jobs \(jobs)" + (oneCore ? " on one core" : "") }
    }
    static let variants = [Variant(jobs: 1, oneCore: false), Variant(jobs: 1, oneCore: true), Variant(jobs: 2, oneCore: false)]
    static let taskset: String? = ["/usr/bin/taskset", "/bin/taskset"].first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Result {
        var files: Int
        var bytes: Int
        /// One measurement per variant, in `variants` order.
        var runs: [(variant: Variant, measurement: Measurement)]
        /// `analyze --format json` of the capture the copies are made of, timed between the scans.
        var analyze: Measurement
        var captureBytes: Int
        var loadBefore: String
        var loadAfter: String
        /// Two single-threaded processes (`packets --format ndjson`) side by side against one after the other,
        /// timed between the scan runs: how much of a second core the machine gave at the time (2 on an idle
        /// machine), the ceiling of any two-job speed-up then. Not `analyze`: it reads ahead on a second core.
        var parallelCapacity: Double?

        func measurement(jobs: Int, oneCore: Bool) -> Measurement? {
            runs.first { $0.variant.jobs == jobs && $0.variant.oneCore == oneCore }.map(\.measurement)
                .flatMap { $0.failure == nil && $0.runs > 0 ? $0 : nil }
        }

        /// Two jobs against one job on one core.
        var speedup: Double? {
            guard let one = measurement(jobs: 1, oneCore: true), let two = measurement(jobs: 2, oneCore: false) else {
                return nil
            }
            return one.wallSeconds / two.wallSeconds
        }

        /// One job's time per byte against analyze's on the capture it is made of.
        var perByteRatio: Double? {
            guard let one = measurement(jobs: 1, oneCore: false), analyze.failure == nil, analyze.runs > 0, bytes > 0,
                captureBytes > 0
            else { return nil }
            return (one.wallSeconds / Double(bytes)) / (analyze.wallSeconds / Double(captureBytes))
        }
    }

    func measure(capture: URL) throws -> Result {
        let fm = FileManager.default
        let folder = cache.appendingPathComponent("scan-bench")
        let files = folder.appendingPathComponent("captures")
        try? fm.removeItem(at: folder)
        try fm.createDirectory(at: files, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }
        // The file itself, not a symbolic link to it (a link to a link would be a symbolic link the walk skips).
        let source = capture.resolvingSymlinksInPath()
        for i in 1...Self.fileCount {
            let copy = files.appendingPathComponent("capture-\(i).pcap")
            if link(source.path, copy.path) != 0 { try fm.copyItem(at: source, to: copy) }
        }
        let size = (try? fm.attributesOfItem(atPath: source.path)[.size] as? NSNumber)?.intValue ?? 0
        let catalog = folder.appendingPathComponent("catalog.sqlite").path
        let stderrPath = cache.appendingPathComponent("last-stderr.txt").path
        // Warm-up (untimed): the capture in the page cache, and SQLite and the binary paged in.
        _ = try ProcessRunner.run([pptpPcap, "scan", files.path, "--db", catalog, "--jobs", "2", "--no-progress"])
        let loadBefore = Self.loadAverage()
        var runs = Self.variants.filter { !$0.oneCore || Self.taskset != nil }.map { variant in
            (
                variant: variant,
                measurement: Measurement(
                    name: variant.name, wallSeconds: .infinity,
                    cpuSeconds: .infinity, peakRSSKiB: 0, runs: 0, failure: nil)
            )
        }
        var analyze = Measurement(
            name: "pptp-pcap analyze (one copy, json)", wallSeconds: .infinity, cpuSeconds: .infinity,
            peakRSSKiB: 0, runs: 0, failure: nil)
        var sequential = Double.infinity
        var together = Double.infinity
        for iteration in 1...iterations {
            let oneCore = [pptpPcap, "packets", "--format", "ndjson", source.path]
            if let one = ProcessRunner.runTogether([oneCore]), let two = ProcessRunner.runTogether([oneCore]),
                let both = ProcessRunner.runTogether([oneCore, oneCore])
            {
                sequential = min(sequential, one + two)
                together = min(together, both)
            }
            let analyzed = try ProcessRunner.run([pptpPcap, "analyze", "--format", "json", source.path], stderr: stderrPath)
            if let status = analyzed.status, [0, 1, 3].contains(status) {
                analyze.runs += 1
                analyze.wallSeconds = min(analyze.wallSeconds, analyzed.wallSeconds)
                analyze.cpuSeconds = min(analyze.cpuSeconds, analyzed.cpuSeconds)
            } else {
                analyze.failure = analyzed.description
            }
            for index in runs.indices where runs[index].measurement.failure == nil {
                for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: catalog + suffix) }
                let variant = runs[index].variant
                let pin = variant.oneCore ? [Self.taskset ?? "taskset", "-c", "0"] : []
                let outcome = try ProcessRunner.run(
                    pin + [pptpPcap, "scan", files.path, "--db", catalog, "--jobs", String(variant.jobs), "--no-progress"],
                    stderr: stderrPath)
                guard outcome.status == 0 else {
                    let tail = ((try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "").suffix(600)
                    runs[index].measurement.failure = "\(outcome.description)\(tail.isEmpty ? "" : ": \(tail)")"
                    continue
                }
                runs[index].measurement.runs += 1
                runs[index].measurement.wallSeconds = min(runs[index].measurement.wallSeconds, outcome.wallSeconds)
                runs[index].measurement.cpuSeconds = min(runs[index].measurement.cpuSeconds, outcome.cpuSeconds)
                runs[index].measurement.peakRSSKiB = max(runs[index].measurement.peakRSSKiB, outcome.peakRSSKiB)
                say(
                    String(
                        format: "  scan run %d/%d: %@ %.3f s wall, %.3f s cpu", iteration, iterations, variant.name,
                        outcome.wallSeconds, outcome.cpuSeconds))
            }
        }
        return Result(
            files: Self.fileCount, bytes: size * Self.fileCount, runs: runs, analyze: analyze, captureBytes: size,
            loadBefore: loadBefore,
            loadAfter: Self.loadAverage(),
            parallelCapacity: together.isFinite && together > 0 ? sequential / together : nil)
    }

    /// The highest peak RSS of `iterations` one-job scans of a folder holding `capture` alone, each into a fresh
    /// catalog: what one job holds for one file of that size (its report and rows, SQLite, the analysis).
    func peakRSSOfOneFile(_ capture: URL) throws -> Int? {
        let fm = FileManager.default
        let folder = cache.appendingPathComponent("scan-memory")
        let files = folder.appendingPathComponent("captures")
        try? fm.removeItem(at: folder)
        try fm.createDirectory(at: files, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }
        let source = capture.resolvingSymlinksInPath()
        let copy = files.appendingPathComponent(source.lastPathComponent)
        if link(source.path, copy.path) != 0 { try fm.copyItem(at: source, to: copy) }
        let catalog = folder.appendingPathComponent("catalog.sqlite").path
        var peak: Int?
        for _ in 1...iterations {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: catalog + suffix) }
            let outcome = try ProcessRunner.run([pptpPcap, "scan", files.path, "--db", catalog, "--jobs", "1", "--no-progress"])
            guard outcome.status == 0 else { return nil }
            peak = max(peak ?? 0, outcome.peakRSSKiB)
        }
        return peak
    }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3)
            .joined(separator: " ")
    }
}
