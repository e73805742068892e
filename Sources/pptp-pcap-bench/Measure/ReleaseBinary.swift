import Foundation
import PPTPTestSupport

/// The pptp-pcap executable to measure: `.build/release/pptp-pcap`, built first when it is missing or older than
/// the sources it is made of.
enum ReleaseBinary {
    /// Source folders that do not go into pptp-pcap: editing them does not make the binary stale.
    static let unrelatedSources: Set<String> = ["pptp-pcap-bench", "TestSupport", "make-fixtures"]

    static func resolve(_ options: BenchOptions) throws -> String {
        if let binary = options.binary {
            guard FileManager.default.isExecutableFile(atPath: binary) else {
                throw BenchError("--binary \(binary) is not an executable file")
            }
            return binary
        }
        let root = ProjectPaths.packageRoot
        let binary = root.appendingPathComponent(".build/release/pptp-pcap").path
        let reason: String?
        if !FileManager.default.isExecutableFile(atPath: binary) {
            reason = "missing"
        } else if let newest = newestSource(root), let built = modified(binary), newest.date > built {
            reason = "older than \(newest.path)"
        } else {
            reason = nil
        }
        guard let reason else { return binary }
        guard options.build else {
            if reason == "missing" { throw BenchError("\(binary) is missing and --no-build was given") }
            say("warning: \(binary) is \(reason); measuring it anyway (--no-build)")
            return binary
        }
        say("building the release pptp-pcap (\(CaptureCache.relative(URL(fileURLWithPath: binary))) is \(reason)) …")
        try FileManager.default.createDirectory(at: options.cache, withIntermediateDirectories: true)
        let log = options.cache.appendingPathComponent("build.log").path
        // Cross-module optimization from the command line: the manifest cannot carry it (unsafe flags make SwiftPM
        // refuse the package as a versioned dependency), and the per-packet path crosses four modules.
        let outcome = try ProcessRunner.run(
            [
                "swift", "build", "-c", "release", "--product", "pptp-pcap",
                "-Xswiftc", "-cross-module-optimization",
                "--package-path", root.path,
            ], stdout: log, stderr: log)
        guard outcome.status == 0, FileManager.default.isExecutableFile(atPath: binary) else {
            let text = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").suffix(3_000)
            throw BenchError("swift build -c release --product pptp-pcap failed (\(outcome.description)):\n\(text)")
        }
        say(String(format: "  built in %.0f s", outcome.wallSeconds))
        return binary
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// The most recently modified file among Package.swift and the sources of pptp-pcap's modules.
    static func newestSource(_ root: URL) -> (path: String, date: Date)? {
        var newest: (path: String, date: Date)?
        func consider(_ path: String) {
            if let date = modified(path), date > newest?.date ?? .distantPast { newest = (path, date) }
        }
        consider(root.appendingPathComponent("Package.swift").path)
        let sources = root.appendingPathComponent("Sources")
        let modules = (try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? []
        for module in modules where !unrelatedSources.contains(module) {
            let dir = sources.appendingPathComponent(module)
            guard let walker = FileManager.default.enumerator(atPath: dir.path) else { continue }
            while let relative = walker.nextObject() as? String {
                consider(dir.appendingPathComponent(relative).path)
            }
        }
        return newest.map { (String($0.path.dropFirst(root.path.count + 1)), $0.date) }
    }
}
