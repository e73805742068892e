import Foundation

/// Where the tests find the package, its fixtures, the built `pptp-pcap` and the shared real captures.
public enum ProjectPaths {
    /// The package root, found from this source file's location (Sources/TestSupport/Paths/…).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var fixtures: URL { packageRoot.appendingPathComponent("Fixtures") }
    public static var scenarios: URL { fixtures.appendingPathComponent("scenarios") }
    public static var multiPoint: URL { fixtures.appendingPathComponent("multipoint") }
    /// Captures and logs of real pptpd/pppd/pptp-linux sessions made by `Lab/run.sh`, one folder per scenario.
    public static var lab: URL { fixtures.appendingPathComponent("lab") }

    /// The lab's scenario folders, by name.
    public static var labScenarios: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lab.path)) ?? []
        return names.sorted().map { lab.appendingPathComponent($0) }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// The captures of one lab scenario: every point's pcap and pppd `record` files.
    public static func labCaptures(_ folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") || $0.hasSuffix(".pppdump") }
            .sorted().map { folder.appendingPathComponent($0) }
    }

    /// The logs of one lab scenario that a user would pass with `--log`: both pppd debug logs, pptpd's and
    /// pptp-linux's syslog (not the lab's own step log).
    public static func labLogs(_ folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".log") && $0 != "lab-steps.log" }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// `../shared/captures` beside the repository, or nil when this machine has none (tests then skip with
    /// that reason; CI always has it).
    public static var sharedCaptures: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/captures")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Every capture file in `../shared/captures` (by extension), sorted.
    public static var sharedCaptureFiles: [URL] {
        guard let dir = sharedCaptures,
            let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".cap") || $0.hasSuffix(".pcapng") }
            .sorted().map { dir.appendingPathComponent($0) }
    }

    /// Every scenario capture in `Fixtures/scenarios/*/capture.*`, sorted by scenario name.
    public static var scenarioCaptureFiles: [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: scenarios.path) else { return [] }
        return names.sorted().compactMap { name in
            let dir = scenarios.appendingPathComponent(name)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            return files.first { $0.hasPrefix("capture.") }.map { dir.appendingPathComponent($0) }
        }
    }

    /// Every capture point's file in `Fixtures/multipoint/*/`, sorted by scenario and file name.
    public static var multiPointCaptureFiles: [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: multiPoint.path) else { return [] }
        return names.sorted().flatMap { name in
            let dir = multiPoint.appendingPathComponent(name)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            return files.filter { $0.hasSuffix(".pcap") }.sorted().map { dir.appendingPathComponent($0) }
        }
    }

    /// The built `pptp-pcap` executable: beside the test bundle (swift test), else in .build/debug.
    public static var executable: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().appendingPathComponent(
                "pptp-pcap"),
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                    "pptp-pcap"),
            packageRoot.appendingPathComponent(".build/debug/pptp-pcap"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs a program and returns its exit status, standard output and standard error.
    public static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        nonisolated(unsafe) var stderrData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            stderrData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, stdoutData, stderrData)
    }

    /// Absolute path of a program on PATH, or nil.
    public static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
