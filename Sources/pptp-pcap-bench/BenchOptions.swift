import Foundation
import PPTPTestSupport

/// The benchmark's command line.
struct BenchOptions {
    /// One capture size to generate and measure.
    struct Size: Equatable {
        /// "100M" or "1G": the file's name and the table's label.
        var label: String
        /// Approximate file size in bytes (decimal: 100 MB = 100,000,000 bytes).
        var targetBytes: Int
        static let small = Size(label: "100M", targetBytes: 100_000_000)
        static let large = Size(label: "1G", targetBytes: 1_000_000_000)
    }

    var sizes: [Size] = [.small, .large]
    var cache: URL = ProjectPaths.packageRoot.appendingPathComponent(".bench-cache")
    var iterations = 3
    /// The pptp-pcap executable to measure; nil: the package's release build (built when missing or stale).
    var binary: String?
    var build = true
    var regenerate = false
    /// Also time `pptp-pcap scan` over eight copies of the 100 MB capture with one job and with two.
    var scan = true
    /// Only the scan measurement.
    var scanOnly = false
    /// Also measure each capture converted to pcapng by editcap.
    var pcapng = true
    /// Also measure the other capture shapes (`CaptureShape.others`, 1 GB each) when the 1 GB capture is measured.
    var shapes = true

    static let usage = """
        usage: swift run -c release pptp-pcap-bench [--size 100M|1G|both] [--cache DIR] [--quick | --iterations N]
                                                    [--binary PATH] [--no-build] [--regenerate] [--scan | --no-scan]
                                                    [--no-pcapng] [--no-shapes]

          --size 100M|1G|both  which generated capture(s) to measure (default: both)
          --cache DIR          where the captures and the libpcap floor program live (default: .bench-cache/
                               at the package root; captures are regenerated only when missing or when the
                               generator version changed)
          --quick              one timed run per command instead of the best of 3 (CI)
          --iterations N       timed runs per command; the best wall time is kept (default: 3)
          --binary PATH        measure this pptp-pcap instead of .build/release/pptp-pcap (e.g. an older build)
          --no-build           never run `swift build -c release --product pptp-pcap`, even if the binary is stale
          --regenerate         rebuild the captures even if the cached ones are current
          --scan               only the scan measurement: `pptp-pcap scan` over 8 hard links of the 100 MB
                               capture, --jobs 1 against --jobs 2, a fresh catalog each run, and with
                               --size both one job's memory on one 100 MB and one 1 GB file (part of the
                               default run too)
          --no-scan            leave the scan measurement out
          --no-pcapng          leave out the pcapng copies of the captures (made with editcap -F pcapng)
          --no-shapes          leave out the other capture shapes (heavy-tunnels, failure-storm,
                               mostly-unrelated; 1 GB each, measured with --size 1G or both)

        Prints a table (wall time, MB/s, packets/s, peak RSS, ratio to the libpcap floor), the scan speed-up, and
        the targets with PASS/MISS. Exits 0 whatever the figures; 64 on a usage error, 1 when the benchmark could not run at all.
        """

    enum ParseResult {
        case run(BenchOptions)
        case help
        case usageError(String)
    }

    static func parse(_ arguments: [String]) -> ParseResult {
        var options = BenchOptions()
        var index = 0
        func value(_ flag: String) -> String? {
            index += 1
            return index < arguments.count ? arguments[index] : nil
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--size":
                switch value(argument)?.uppercased() {
                case "100M", "100MB": options.sizes = [.small]
                case "1G", "1GB": options.sizes = [.large]
                case "BOTH": options.sizes = [.small, .large]
                default: return .usageError("--size takes 100M, 1G or both")
                }
            case "--cache":
                guard let dir = value(argument), !dir.isEmpty else { return .usageError("--cache needs a directory") }
                options.cache =
                    URL(fileURLWithPath: dir, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                    .standardizedFileURL
            case "--quick":
                options.iterations = 1
            case "--iterations":
                guard let text = value(argument), let n = Int(text), (1...20).contains(n) else {
                    return .usageError("--iterations takes a number from 1 to 20")
                }
                options.iterations = n
            case "--binary":
                guard let path = value(argument), !path.isEmpty else { return .usageError("--binary needs a path") }
                options.binary =
                    URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                    .standardizedFileURL.path
            case "--no-build":
                options.build = false
            case "--regenerate":
                options.regenerate = true
            case "--scan":
                options.scan = true
                options.scanOnly = true
            case "--no-scan":
                options.scan = false
                options.scanOnly = false
            case "--no-pcapng":
                options.pcapng = false
            case "--no-shapes":
                options.shapes = false
            case "-h", "--help":
                return .help
            default:
                return .usageError("unknown argument '\(argument)'")
            }
            index += 1
        }
        return .run(options)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Prints a line at once (unbuffered, so progress shows through a pipe or a CI log).
func say(_ line: String = "") {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
