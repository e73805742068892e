import Foundation
import PPTPLogs

/// The logs an admin saved beside a capture (same folder): pppd/pptpd syslog, pppd logfiles, Windows event
/// exports. A scan reads them with the capture, so the catalog's report holds the join. Bounded: a folder of a
/// thousand captures and a thousand logs must not cost a thousand reads per capture.
enum LogsBeside {
    /// Names a log is saved under; anything else in the folder is a capture, a document, or not ours.
    static let extensions: Set<String> = ["log", "txt", "xml", "csv", "syslog", "messages"]
    /// At most this many logs per capture, the smallest first (the relevant ones are rarely the giant ones).
    static let maximumLogs = 16
    static let maximumBytes: UInt64 = 64 << 20

    /// The logs beside `capturePath` that the reader accepts; files it refuses are left out silently (a folder
    /// holds notes and READMEs too).
    static func logs(for capturePath: String) -> [LogFile] {
        let url = URL(fileURLWithPath: capturePath)
        let folder = url.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var candidates: [(path: String, size: UInt64)] = []
        for name in names where name != url.lastPathComponent {
            let lower = name.lowercased()
            let ext = lower.split(separator: ".").last.map(String.init) ?? ""
            guard extensions.contains(ext) || lower == "syslog" || lower == "messages" else { continue }
            let path = folder.appendingPathComponent(name).path
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let size = (attributes[.size] as? NSNumber)?.uint64Value, size <= maximumBytes
            else { continue }
            candidates.append((path, size))
        }
        candidates.sort { ($0.size, $0.path) < ($1.size, $1.path) }
        return candidates.prefix(maximumLogs).compactMap { try? LogReader.read(path: $0.path) }
            .filter { !$0.sessions.isEmpty }
    }
}
