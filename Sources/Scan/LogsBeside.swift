import Foundation
import PPTPLogs

#if canImport(Glibc)
    import Glibc
#endif

/// The logs an admin saved beside a capture (same folder): pppd/pptpd syslog, pppd logfiles, Windows event
/// exports. A scan reads them with the capture, so the catalog's report holds the join, and records which files
/// it looked at (path, size, modification time): a later scan that finds another set beside an unchanged capture
/// (a log dropped there afterwards, one rewritten or removed) analyses the capture again. Bounded: a folder of a
/// thousand captures and a thousand logs must not cost a thousand reads per capture.
enum LogsBeside {
    /// Names a log is saved under; anything else in the folder is a capture, a document, or not ours.
    static let extensions: Set<String> = ["log", "txt", "xml", "csv", "syslog", "messages"]
    /// At most this many logs per capture, the smallest first (the relevant ones are rarely the giant ones).
    static let maximumLogs = 16
    static let maximumBytes: UInt64 = 64 << 20

    /// A file beside the capture that may be a log, as the catalog records it.
    struct Candidate: Equatable, Sendable {
        var path: String
        var size: Int64
        var mtimeNanos: Int64
        /// The reader took it as a log with at least one session (false: a README, notes, another kind of file).
        var read = false
    }

    /// The files the scan looks at beside `capturePath`: named like logs, regular, at most `maximumBytes`, the
    /// `maximumLogs` smallest. Only listed and stat'ed, not read.
    static func candidates(for capturePath: String) -> [Candidate] {
        let url = URL(fileURLWithPath: capturePath)
        let folder = url.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var found: [Candidate] = []
        for name in names where name != url.lastPathComponent {
            let lower = name.lowercased()
            let ext = lower.split(separator: ".").last.map(String.init) ?? ""
            guard extensions.contains(ext) || lower == "syslog" || lower == "messages" else { continue }
            let path = folder.appendingPathComponent(name).path
            var st = stat()
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size >= 0,
                UInt64(st.st_size) <= maximumBytes
            else { continue }
            found.append(
                Candidate(
                    path: path, size: Int64(st.st_size),
                    mtimeNanos: Int64(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_mtim.tv_nsec)))
        }
        found.sort { ($0.size, $0.path) < ($1.size, $1.path) }
        return Array(found.prefix(maximumLogs))
    }

    /// The candidates the reader accepts, read; each candidate marked with whether it was.
    static func read(_ candidates: inout [Candidate]) -> [LogFile] {
        var logs: [LogFile] = []
        for i in candidates.indices {
            guard let file = try? LogReader.read(path: candidates[i].path), !file.sessions.isEmpty else { continue }
            candidates[i].read = true
            logs.append(file)
        }
        return logs
    }

    /// The logs beside `capturePath` that the reader accepts; files it refuses are left out silently (a folder
    /// holds notes and READMEs too).
    static func logs(for capturePath: String) -> [LogFile] {
        var found = candidates(for: capturePath)
        return read(&found)
    }

    /// What changed between the files a scan looked at and those beside the capture now, in words ("added
    /// b.log; changed a.log"); nil when nothing did.
    static func difference(recorded: [Candidate], now: [Candidate]) -> String? {
        func name(_ p: String) -> String { String(p.split(separator: "/").last ?? "") }
        let before = Dictionary(recorded.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(now.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let added = now.filter { before[$0.path] == nil }.map { name($0.path) }
        let removed = recorded.filter { after[$0.path] == nil }.map { name($0.path) }
        let changed = now.filter { c in
            before[c.path].map { $0.size != c.size || $0.mtimeNanos != c.mtimeNanos } ?? false
        }.map { name($0.path) }
        var parts: [String] = []
        if !added.isEmpty { parts.append("added " + added.joined(separator: ", ")) }
        if !changed.isEmpty { parts.append("changed " + changed.joined(separator: ", ")) }
        if !removed.isEmpty { parts.append("removed " + removed.joined(separator: ", ")) }
        return parts.isEmpty ? nil : "the logs beside it changed (" + parts.joined(separator: "; ") + ")"
    }
}
