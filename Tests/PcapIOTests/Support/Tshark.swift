import Foundation
import PPTPTestSupport

/// tshark's reading of a file, as `-T fields` columns, run with TZ=UTC: Network Monitor headers hold a local time
/// with no zone, which Wireshark reads in its own zone and pptp-pcap in UTC.
enum Tshark {
    static var path: String? { ProjectPaths.which("tshark") }
    static var available: Bool { path != nil }

    static func fields(_ file: String, _ fields: [String]) throws -> [[String]] {
        guard let tshark = path else { return [] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tshark)
        process.arguments = ["-n", "-r", file, "-T", "fields"] + fields.flatMap { ["-e", $0] }
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// "1767607200.042140000" → nanoseconds since the epoch.
    static func nanos(_ epoch: String) -> Int64? {
        let parts = epoch.split(separator: ".")
        guard let seconds = parts.first.flatMap({ Int64($0) }) else { return nil }
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        let padded = (fraction + String(repeating: "0", count: 9)).prefix(9)
        guard let ns = Int64(padded) else { return nil }
        return seconds * 1_000_000_000 + ns
    }
}
