import Foundation
import GRDB
import PPTPAnalysis

/// `pptp-pcap merge OUT IN…`: combines catalogs (one per shard) into one, without duplicates. A file is the same
/// file when its content hash and its path relative to its scan root are equal, wherever the archive was mounted;
/// of two such rows the better one stays (read to the end beats damaged beats unreadable; see `better`).
/// Two different contents at one absolute path: the more recent scan stays. Each file moves in one transaction.
public enum CatalogMerge {
    public struct Result: Sendable, Equatable {
        public var inputs = 0
        public var filesAdded = 0
        public var filesReplaced = 0
        public var duplicatesSkipped = 0
        public var sessionsAdded = 0
        public var analyzerVersions: Set<String> = []
    }

    public enum MergeError: Error, CustomStringConvertible {
        case sameFile(String)
        public var description: String {
            switch self {
            case .sameFile(let p): "\(p) is both the output and an input"
            }
        }
    }

    public static func merge(into out: ScanCatalog, from inputs: [String]) throws -> Result {
        var result = Result()
        let outPath = canonical(out.path)
        for input in inputs where canonical(input) == outPath { throw MergeError.sameFile(input) }
        for input in inputs {
            let source = try ScanCatalog.openReadOnly(path: input)
            let run = try out.beginRun(
                kind: "merge", roots: [ArchiveWalker.absolute(input)], shard: nil, jobs: nil,
                analyzerVersion: Analyzer.version)
            let files = try source.reader.read { db in try FileRecord.order(Column("id")).fetchAll(db) }
            var moved = 0
            for incoming in files {
                guard let sourceID = incoming.id else { continue }
                if let v = incoming.analyzerVersion { result.analyzerVersions.insert(v) }
                let logs = try source.logFiles(fileID: sourceID)
                var copied = 0
                let action = try out.write { db -> Action in
                    let twin = try FileRecord.fetchOne(
                        db,
                        sql: """
                            SELECT * FROM file WHERE relative_path = ? AND content_hash IS ? ORDER BY id LIMIT 1
                            """, arguments: [incoming.relativePath, incoming.contentHash])
                    let samePath = try FileRecord.filter(Column("path") == incoming.path).fetchOne(db)
                    var replaced = false
                    if let twin {
                        guard better(incoming, than: twin) else { return .skipped }
                        try twin.delete(db)
                        replaced = true
                    }
                    if let samePath, samePath.id != twin?.id {
                        guard (incoming.scannedAt ?? "") >= (samePath.scannedAt ?? "") else { return .skipped }
                        try samePath.delete(db)
                        replaced = true
                    }
                    var row = incoming
                    row.id = nil
                    row.scanGeneration = run
                    row.seenGeneration = run
                    try row.insert(db)
                    guard let id = row.id else { throw DatabaseError(message: "no id for \(row.path)") }
                    // Rows and report parts go across as they are read, never a whole file's at once.
                    copied = try source.copyResults(of: sourceID, into: db, as: id)
                    try ScanCatalog.writeLogFiles(db, fileID: id, logs)
                    return replaced ? .replaced : .added
                }
                switch action {
                case .added:
                    result.filesAdded += 1
                    result.sessionsAdded += copied
                    moved += 1
                case .replaced:
                    result.filesReplaced += 1
                    result.sessionsAdded += copied
                    moved += 1
                case .skipped:
                    result.duplicatesSkipped += 1
                }
            }
            try out.finishRun(run, filesSeen: files.count, filesAnalyzed: moved)
            result.inputs += 1
        }
        return result
    }

    private enum Action { case added, replaced, skipped }

    /// Read to the end beats read part-way beats unreadable beats unfinished; of two equal ones, the row already
    /// there stays, unless the other was written later by another analyzer version.
    static func better(_ a: FileRecord, than b: FileRecord) -> Bool {
        func rank(_ s: FileStatus) -> Int {
            switch s {
            case .ok: 4
            case .damaged: 3
            case .unreadable: 2
            case .crashed: 1
            case .scanning: 0
            }
        }
        if rank(a.status) != rank(b.status) { return rank(a.status) > rank(b.status) }
        return a.analyzerVersion != b.analyzerVersion && (a.scannedAt ?? "") > (b.scannedAt ?? "")
    }

    static func canonical(_ path: String) -> String {
        let absolute = ArchiveWalker.absolute(path)
        guard let resolved = realpath(absolute, nil) else { return absolute }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
