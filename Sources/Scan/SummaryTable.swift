/// The summary a scan ends with and `report` prints: plain text tables, names from captures and paths escaped.
public enum SummaryTable {
    /// Scan-only numbers (walk, not-a-capture files) shown above the catalog's.
    public struct ScanCounts: Sendable {
        public var walked: Int
        public var otherShards: Int
        public var notCaptures: Int
        public var analysed: Int
        public var unchanged: Int
        public var elapsedSeconds: Double
        public var walkProblems: [ArchiveWalker.Problem]
        /// Unchanged captures analysed again because the logs beside them changed, and some of them with what.
        public var logsChanged = 0
        public var logChanges: [(path: String, change: String)] = []

        public init(
            walked: Int, otherShards: Int, notCaptures: Int, analysed: Int, unchanged: Int, elapsedSeconds: Double,
            walkProblems: [ArchiveWalker.Problem]
        ) {
            self.walked = walked
            self.otherShards = otherShards
            self.notCaptures = notCaptures
            self.analysed = analysed
            self.unchanged = unchanged
            self.elapsedSeconds = elapsedSeconds
            self.walkProblems = walkProblems
        }
    }

    public static func render(
        _ s: CatalogSummary, scan: ScanCounts? = nil, title: String = "Summary",
        problemLimit: Int = 50
    ) -> String {
        var out: [String] = [title]
        var rows: [(String, String)] = []
        if let scan {
            var walked = "\(scan.walked)"
            if scan.otherShards > 0 { walked += " (\(scan.otherShards) in other shards)" }
            rows.append(("files walked", walked))
            rows.append(("not captures (skipped)", "\(scan.notCaptures)"))
            let relogged = scan.logsChanged > 0 ? " — \(scan.logsChanged) of them for new logs beside them" : ""
            rows.append(
                ("captures", "\(s.files)  (analysed now \(scan.analysed)\(relogged), unchanged \(scan.unchanged))"))
        } else {
            rows.append(("captures", "\(s.files)"))
        }
        let statuses = FileStatus.allCases.compactMap { st -> String? in
            let n = s.count(s.filesByStatus, st.rawValue)
            return n > 0 ? "\(st.rawValue) \(n)" : nil
        }
        rows.append(("files by status", statuses.isEmpty ? "-" : statuses.joined(separator: ", ")))
        rows.append(("bytes", byteCount(s.bytes)))
        rows.append(("packets", "\(s.packets)"))
        rows.append(("sessions", "\(s.sessions)"))
        let outcomes = ["success", "failed", "incomplete"].map { "\($0) \(s.count(s.outcomes, $0))" }
        rows.append(("outcomes", outcomes.joined(separator: ", ")))
        if s.analyzerVersions.count > 1 {
            rows.append(("analyzer versions", s.analyzerVersions.map { "\(clean($0.key)) \($0.count)" }.joined(separator: ", ")))
        }
        if let scan { rows.append(("time", String(format1(scan.elapsedSeconds)) + " s")) }
        out.append(table(rows, headers: nil))
        if let scan, scan.logsChanged > 0 {
            out.append("")
            out.append("Analysed again because the logs beside them changed")
            for c in scan.logChanges { out.append("  \(clean(c.path)): \(clean(c.change))") }
            if scan.logsChanged > scan.logChanges.count {
                out.append("  … and \(scan.logsChanged - scan.logChanges.count) more")
            }
        }

        if !s.failuresByStage.isEmpty {
            out.append("")
            out.append("Failed sessions by stage")
            out.append(table(s.failuresByStage.map { (clean($0.key), "\($0.count)") }, headers: ("stage", "sessions")))
        }
        if !s.failuresByCode.isEmpty {
            out.append("")
            out.append("Failed sessions by probable Windows error (most likely code)")
            out.append(table(s.failuresByCode.map { (clean($0.key), "\($0.count)") }, headers: ("code", "sessions")))
        }
        if !s.unreadable.isEmpty {
            out.append("")
            out.append("Files that could not be read (\(s.unreadable.count))")
            for p in s.unreadable.prefix(problemLimit) {
                out.append(
                    "  \(clean(p.path)) [\(p.status)\(p.errorKind.map { ", \(clean($0))" } ?? "")]: \(clean(p.error ?? "?"))")
            }
            if s.unreadable.count > problemLimit { out.append("  … and \(s.unreadable.count - problemLimit) more") }
        }
        if !s.damaged.isEmpty {
            out.append("")
            out.append("Files read only part-way (\(s.damaged.count)): everything before the break was analysed")
            for p in s.damaged.prefix(problemLimit) {
                out.append("  \(clean(p.path)) [\(p.errorKind.map(clean) ?? "damaged")]: \(clean(p.error ?? "?"))")
            }
            if s.damaged.count > problemLimit { out.append("  … and \(s.damaged.count - problemLimit) more") }
        }
        if let scan, !scan.walkProblems.isEmpty {
            out.append("")
            out.append("Folders and names that could not be walked (\(scan.walkProblems.count))")
            for p in scan.walkProblems.prefix(problemLimit) { out.append("  \(clean(p.path)): \(clean(p.message))") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    public static func table(_ rows: [(String, String)], headers: (String, String)?) -> String {
        let all = (headers.map { [$0] } ?? []) + rows
        let width = all.map { $0.0.count }.max() ?? 0
        var lines: [String] = []
        for (i, r) in all.enumerated() {
            lines.append("  " + r.0 + String(repeating: " ", count: width - r.0.count) + "  " + r.1)
            if i == 0, headers != nil {
                lines.append(
                    "  " + String(repeating: "-", count: width) + "  " + String(repeating: "-", count: max(8, r.1.count)))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Control characters (a hostile file name, an error text) shown as escapes, never sent to the terminal.
    public static func clean(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u.value {
            case 0x20..<0x7F, 0xA0...: out.unicodeScalars.append(u)
            default: out += "\\u{\(String(u.value, radix: 16))}"
            }
        }
        return out
    }

    public static func byteCount(_ n: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = Double(n)
        var i = 0
        while v >= 1024, i < units.count - 1 {
            v /= 1024
            i += 1
        }
        return i == 0 ? "\(n) B" : "\(format1(v)) \(units[i])"
    }

    public static func format1(_ v: Double) -> String {
        guard v.isFinite else { return "-" }
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
