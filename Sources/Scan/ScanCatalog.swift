import Foundation
import GRDB

/// The embedded SQLite catalog of a scan (GRDB): one row per file, one per session, each file's full report JSON
/// once, and one row per scan run. Each file's results are written in one transaction, so a scan killed at any
/// moment leaves every file either with its complete results or marked for redoing.
///
/// Tables: `file`, `session` (→ file, cascade), `file_report` (file id → report JSON), `scan_run`, `catalog_info`.
public final class ScanCatalog: Sendable {
    /// The catalog's layout version (catalog_info.format).
    public static let format = 1

    public let path: String
    let reader: any DatabaseReader
    let writer: (any DatabaseWriter)?

    public enum OpenError: Error, CustomStringConvertible {
        case missing(String)
        case notACatalog(String, String)
        case readOnly(String)

        public var description: String {
            switch self {
            case .missing(let p): "\(p): no such catalog"
            case .notACatalog(let p, let why): "\(p): not a pptp-pcap catalog (\(why))"
            case .readOnly(let p): "\(p): opened read-only"
            }
        }
    }

    /// Opens (creating it when absent) a catalog for writing. WAL journal: readers (`report`) can look while a
    /// scan writes; a killed process loses no committed transaction.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Checkpoint at 32 MB of WAL instead of 4: a scan's workers commit one file at a time, and a
            // checkpoint (an fdatasync) inside one worker's commit made the others wait for it.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
        }
        let pool = try DatabasePool(path: path, configuration: config)
        // Never add the catalog's tables to some other application's database.
        try pool.read { db in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            guard !tables.isEmpty else { return }
            guard tables.contains("catalog_info") else {
                throw OpenError.notACatalog(
                    path, "an SQLite database with other tables: \(tables.prefix(5).joined(separator: ", "))")
            }
            let format = try String.fetchOne(db, sql: "SELECT value FROM catalog_info WHERE key = 'format'")
            guard format.flatMap(Int.init) == Self.format else {
                throw OpenError.notACatalog(path, "catalog format \(format ?? "?"), this pptp-pcap writes format \(Self.format)")
            }
        }
        try Self.migrator.migrate(pool)
        reader = pool
        writer = pool
    }

    private init(path: String, reader: any DatabaseReader) {
        self.path = path
        self.reader = reader
        writer = nil
    }

    /// Opens an existing catalog without writing to it (`report`, `merge` inputs).
    public static func openReadOnly(path: String) throws -> ScanCatalog {
        guard FileManager.default.fileExists(atPath: path) else { throw OpenError.missing(path) }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(path: path, configuration: config) } catch {
            throw OpenError.notACatalog(path, "\(error)")
        }
        let format: String?
        do {
            format = try queue.read { db -> String? in
                guard try db.tableExists("catalog_info") else { return nil }
                return try String.fetchOne(db, sql: "SELECT value FROM catalog_info WHERE key = 'format'")
            }
        } catch {
            throw OpenError.notACatalog(path, "\(error)")
        }
        guard let format else { throw OpenError.notACatalog(path, "no catalog_info table") }
        guard Int(format) == Self.format else {
            throw OpenError.notACatalog(path, "catalog format \(format), this pptp-pcap reads format \(Self.format)")
        }
        return ScanCatalog(path: path, reader: queue)
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard let writer else { throw OpenError.readOnly(path) }
        return try writer.write(body)
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE catalog_info (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                    CREATE TABLE scan_run (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL,
                        started_at TEXT NOT NULL,
                        finished_at TEXT,
                        analyzer_version TEXT NOT NULL,
                        roots TEXT NOT NULL,
                        shard TEXT,
                        jobs INTEGER,
                        files_seen INTEGER,
                        files_analyzed INTEGER
                    );
                    CREATE TABLE file (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        path TEXT NOT NULL UNIQUE,
                        root TEXT NOT NULL,
                        relative_path TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        mtime_ns INTEGER NOT NULL,
                        content_hash TEXT,
                        container TEXT,
                        format TEXT,
                        link_type INTEGER,
                        link_type_name TEXT,
                        packets INTEGER,
                        first_packet_time TEXT,
                        last_packet_time TEXT,
                        duration_seconds REAL,
                        sessions INTEGER,
                        failed_sessions INTEGER,
                        status TEXT NOT NULL,
                        error_kind TEXT,
                        error TEXT,
                        analyzer_version TEXT,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        scan_generation INTEGER,
                        seen_generation INTEGER,
                        scanned_at TEXT
                    );
                    CREATE INDEX file_content ON file(content_hash, relative_path);
                    CREATE INDEX file_seen ON file(seen_generation);
                    CREATE TABLE file_report (
                        file_id INTEGER PRIMARY KEY NOT NULL REFERENCES file(id) ON DELETE CASCADE,
                        report_json TEXT NOT NULL
                    );
                    CREATE TABLE session (
                        file_id INTEGER NOT NULL REFERENCES file(id) ON DELETE CASCADE,
                        session_id INTEGER NOT NULL,
                        client TEXT NOT NULL,
                        server TEXT NOT NULL,
                        start_time REAL,
                        end_time REAL,
                        start_iso TEXT,
                        end_iso TEXT,
                        start_seconds REAL NOT NULL,
                        end_seconds REAL NOT NULL,
                        outcome TEXT NOT NULL,
                        failure_stage TEXT,
                        last_stage_completed TEXT,
                        error_codes TEXT NOT NULL,
                        primary_code INTEGER,
                        confidence TEXT,
                        headline TEXT NOT NULL,
                        capture_point TEXT NOT NULL,
                        first_packet INTEGER NOT NULL,
                        last_packet INTEGER NOT NULL,
                        packet_count INTEGER NOT NULL,
                        rules TEXT NOT NULL,
                        findings_json TEXT NOT NULL,
                        PRIMARY KEY (file_id, session_id)
                    );
                    CREATE INDEX session_stage ON session(outcome, failure_stage);
                    CREATE INDEX session_start ON session(start_time);
                    """)
            try db.execute(
                sql: "INSERT INTO catalog_info (key, value) VALUES ('format', ?), ('created_at', ?)",
                arguments: [String(Self.format), ISODate.now()])
        }
        // The user a session authenticated with: what tells password spraying from credential stuffing.
        m.registerMigration("v2") { db in
            try db.execute(sql: "ALTER TABLE session ADD COLUMN user_name TEXT")
        }
        // The files beside each capture that its analysis looked at as logs: a later scan that finds another set
        // (a log added, rewritten or removed) analyses the capture again. Captures scanned before this table have
        // no rows: those with logs beside them are analysed once more, since what was joined is not known.
        m.registerMigration("v3") { db in
            try db.execute(
                sql: """
                    CREATE TABLE file_log (
                        file_id INTEGER NOT NULL REFERENCES file(id) ON DELETE CASCADE,
                        path TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        mtime_ns INTEGER NOT NULL,
                        read INTEGER NOT NULL,
                        PRIMARY KEY (file_id, path)
                    )
                    """)
        }
        // Each report in parts of at most a megabyte (`StoredReport`), written as the scan reads them back from
        // its temporary file: a job never holds a whole report, nor SQLite a copy of it.
        m.registerMigration("v4") { db in
            try db.execute(
                sql: """
                    CREATE TABLE file_report_part (
                        file_id INTEGER NOT NULL REFERENCES file(id) ON DELETE CASCADE,
                        part INTEGER NOT NULL,
                        json TEXT NOT NULL,
                        PRIMARY KEY (file_id, part)
                    );
                    INSERT INTO file_report_part (file_id, part, json) SELECT file_id, 0, report_json FROM file_report;
                    DROP TABLE file_report;
                    """)
        }
        return m
    }

    // MARK: - Scan runs

    public func beginRun(kind: String, roots: [String], shard: Shard?, jobs: Int?, analyzerVersion: String) throws -> Int64 {
        let rootsJSON = (try? String(data: JSONEncoder().encode(roots), encoding: .utf8)) ?? "[]"
        var run = ScanRunRecord(
            id: nil, kind: kind, startedAt: ISODate.now(), finishedAt: nil,
            analyzerVersion: analyzerVersion, roots: rootsJSON, shard: shard?.description,
            jobs: jobs, filesSeen: nil, filesAnalyzed: nil)
        try write { db in try run.insert(db) }
        guard let id = run.id else { throw DatabaseError(message: "no id for the new scan run") }
        return id
    }

    public func finishRun(_ id: Int64, filesSeen: Int, filesAnalyzed: Int) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE scan_run SET finished_at = ?, files_seen = ?, files_analyzed = ? WHERE id = ?",
                arguments: [ISODate.now(), filesSeen, filesAnalyzed, id])
        }
    }

    public func runs() throws -> [ScanRunRecord] {
        try reader.read { db in try ScanRunRecord.order(Column("id")).fetchAll(db) }
    }

    // MARK: - Files

    public func file(path: String) throws -> FileRecord? {
        try reader.read { db in try FileRecord.filter(Column("path") == path).fetchOne(db) }
    }

    public func file(id: Int64) throws -> FileRecord? {
        try reader.read { db in try FileRecord.fetchOne(db, key: id) }
    }

    public func files() throws -> [FileRecord] {
        try reader.read { db in try FileRecord.order(Column("path")).fetchAll(db) }
    }

    public func sessions(fileID: Int64) throws -> [SessionRecord] {
        try reader.read { db in
            try SessionRecord.filter(Column("file_id") == fileID).order(Column("session_id")).fetchAll(db)
        }
    }

    public func allSessions() throws -> [SessionRecord] {
        try reader.read { db in try SessionRecord.order(Column("file_id"), Column("session_id")).fetchAll(db) }
    }

    /// The files the capture's last analysis looked at as logs beside it (`read`: taken as a log and joined).
    func logFiles(fileID: Int64) throws -> [LogsBeside.Candidate] {
        try reader.read { db in
            // A catalog opened read-only (a `merge` input) may predate the table.
            guard try db.tableExists("file_log") else { return [] }
            return try Row.fetchAll(
                db, sql: "SELECT path, size, mtime_ns, read FROM file_log WHERE file_id = ? ORDER BY size, path",
                arguments: [fileID]
            ).map { row in
                LogsBeside.Candidate(path: row["path"], size: row["size"], mtimeNanos: row["mtime_ns"], read: row["read"])
            }
        }
    }

    static func writeLogFiles(_ db: Database, fileID: Int64, _ logs: [LogsBeside.Candidate]) throws {
        try db.execute(sql: "DELETE FROM file_log WHERE file_id = ?", arguments: [fileID])
        for l in logs {
            try db.execute(
                sql: "INSERT OR REPLACE INTO file_log (file_id, path, size, mtime_ns, read) VALUES (?, ?, ?, ?, ?)",
                arguments: [fileID, l.path, l.size, l.mtimeNanos, l.read])
        }
    }

    /// The file's whole report JSON, its parts joined; nil for a file with none (not analysed, or unreadable).
    public func reportJSON(fileID: Int64) throws -> String? {
        try reader.read { db in
            // A read-only catalog of an older pptp-pcap (merged, reported on) is not migrated: one report per row.
            guard try db.tableExists("file_report_part") else {
                return try String.fetchOne(
                    db, sql: "SELECT report_json FROM file_report WHERE file_id = ?", arguments: [fileID])
            }
            let parts = try String.fetchAll(
                db, sql: "SELECT json FROM file_report_part WHERE file_id = ? ORDER BY part", arguments: [fileID])
            return parts.isEmpty ? nil : parts.joined()
        }
    }

    /// Copies one file's sessions and report from this catalog into `db` (another catalog's open transaction) as
    /// they are read, a row and a part at a time: a merge holds neither a file's rows nor its whole report. Returns
    /// the sessions copied.
    func copyResults(of sourceID: Int64, into db: Database, as fileID: Int64) throws -> Int {
        try reader.read { source in
            var copied = 0
            let sessions = try SessionRecord.filter(Column("file_id") == sourceID).order(Column("session_id"))
                .fetchCursor(source)
            while var row = try sessions.next() {
                row.fileId = fileID
                try row.insertPrepared(db)
                copied += 1
            }
            // A read-only catalog of an older pptp-pcap (not migrated) has one report per row.
            let parts =
                try source.tableExists("file_report_part")
                ? try String.fetchCursor(
                    source, sql: "SELECT json FROM file_report_part WHERE file_id = ? ORDER BY part",
                    arguments: [sourceID])
                : try String.fetchCursor(
                    source, sql: "SELECT report_json FROM file_report WHERE file_id = ?", arguments: [sourceID])
            var part = 0
            while let text = try parts.next() {
                try Self.insertReportPart(db, fileID: fileID, part: part, text)
                part += 1
            }
            return copied
        }
    }

    static func insertReportPart(_ db: Database, fileID: Int64, part: Int, _ text: String) throws {
        try db.execute(
            sql: "INSERT INTO file_report_part (file_id, part, json) VALUES (?, ?, ?)", arguments: [fileID, part, text])
    }

    /// The file was walked by this run and its stored results still hold.
    func markSeen(fileID: Int64, run: Int64) throws {
        try write { db in
            try db.execute(sql: "UPDATE file SET seen_generation = ? WHERE id = ?", arguments: [run, fileID])
        }
    }

    /// Marks a file as being analysed before the analysis starts, so that a scan that dies during it leaves a
    /// trace: the next scan redoes it, and gives up on it after a few such attempts (`crashed`).
    func markStarted(_ record: FileRecord) throws -> FileRecord {
        try write { db in
            var row = record
            if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM file WHERE path = ?", arguments: [record.path]) {
                row.id = existing
                // Earlier results go: a file being analysed has none, so nothing stale is ever counted.
                try db.execute(
                    sql: """
                        UPDATE file SET root = ?, relative_path = ?, size = ?, mtime_ns = ?, content_hash = ?, container = ?,
                            status = ?, attempts = ?, seen_generation = ?, packets = NULL, sessions = NULL,
                            failed_sessions = NULL, error_kind = NULL, error = NULL WHERE id = ?
                        """,
                    arguments: [
                        row.root, row.relativePath, row.size, row.mtimeNs, row.contentHash, row.container,
                        row.status.rawValue, row.attempts, row.seenGeneration, existing,
                    ])
                try db.execute(sql: "DELETE FROM session WHERE file_id = ?", arguments: [existing])
                try db.execute(sql: "DELETE FROM file_report_part WHERE file_id = ?", arguments: [existing])
            } else {
                try row.insert(db)
            }
            return row
        }
    }

    /// Writes one file's results — its row, its sessions, its report, the logs beside it that its analysis
    /// looked at — in one transaction, replacing any earlier results of the same path.
    func record(
        _ file: FileRecord, sessions: SessionRowSpool, report: StoredReport?, logs: [LogsBeside.Candidate] = []
    ) throws -> FileRecord {
        try write { db in
            var row = file
            row.id = try Int64.fetchOne(db, sql: "SELECT id FROM file WHERE path = ?", arguments: [file.path])
            if row.id != nil { try row.update(db) } else { try row.insert(db) }
            guard let id = row.id else { throw DatabaseError(message: "no id for \(file.path)") }
            try db.execute(sql: "DELETE FROM session WHERE file_id = ?", arguments: [id])
            try sessions.forEach { row in
                var row = row
                row.fileId = id
                try row.insertPrepared(db)
            }
            try db.execute(sql: "DELETE FROM file_report_part WHERE file_id = ?", arguments: [id])
            var part = 0
            try report?.forEachPart { text in
                try Self.insertReportPart(db, fileID: id, part: part, text)
                part += 1
            }
            try Self.writeLogFiles(db, fileID: id, logs)
            return row
        }
    }

    /// A scan that is being stopped (SIGINT, SIGTERM) did not crash on the files it was analysing: their attempt
    /// does not count towards `crashed`.
    func releaseAttempts(paths: [String]) throws {
        try write { db in
            for p in paths {
                try db.execute(
                    sql: "UPDATE file SET attempts = max(0, attempts - 1) WHERE path = ? AND status = 'scanning'",
                    arguments: [p])
            }
        }
    }

    /// `PRAGMA integrity_check`: "ok" for a sound database file.
    public func integrityCheck() throws -> String {
        try reader.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }
}
