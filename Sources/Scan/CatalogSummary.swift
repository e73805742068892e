import Foundation
import GRDB

/// Which part of a catalog a summary or a session list covers.
public struct CatalogFilter: Sendable {
    /// Sessions that failed at this stage.
    public var stage: String?
    /// Sessions with this Windows error code among their probable ones.
    public var code: Int?
    /// Sessions that started at or after this time (seconds since the Unix epoch).
    public var since: Double?
    /// Files whose path contains this text.
    public var fileSubstring: String?
    /// Files walked by this scan run (the summary at the end of a scan).
    public var seenInRun: Int64?

    public init(
        stage: String? = nil, code: Int? = nil, since: Double? = nil, fileSubstring: String? = nil,
        seenInRun: Int64? = nil
    ) {
        self.stage = stage
        self.code = code
        self.since = since
        self.fileSubstring = fileSubstring
        self.seenInRun = seenInRun
    }

    var filtersSessions: Bool { stage != nil || code != nil || since != nil }

    func fileClause() -> (sql: String, arguments: StatementArguments) {
        var parts = ["1"]
        var args: StatementArguments = []
        if let f = fileSubstring {
            parts.append("instr(f.path, ?) > 0")
            args += [f]
        }
        if let r = seenInRun {
            parts.append("f.seen_generation = ?")
            args += [r]
        }
        return (parts.joined(separator: " AND "), args)
    }

    func sessionClause() -> (sql: String, arguments: StatementArguments) {
        var (sql, args) = fileClause()
        if let stage {
            sql += " AND s.failure_stage = ?"
            args += [stage]
        }
        if let code {
            sql += " AND EXISTS (SELECT 1 FROM json_each(s.error_codes) AS c WHERE c.value = ?)"
            args += [code]
        }
        if let since {
            sql += " AND s.start_time >= ?"
            args += [since]
        }
        return (sql, args)
    }
}

/// The numbers of a catalog (or of its filtered part): files by status, sessions by outcome, failures by stage
/// and by most probable error code, and the files that could not be read.
public struct CatalogSummary: Codable, Sendable {
    public struct Count: Codable, Sendable, Equatable {
        public var key: String
        public var count: Int
    }

    public struct Problem: Codable, Sendable, Equatable {
        public var fileId: Int64
        public var path: String
        public var status: String
        public var errorKind: String?
        public var error: String?
    }

    public var files = 0
    public var bytes: Int64 = 0
    public var packets = 0
    public var filesByStatus: [Count] = []
    public var sessions = 0
    public var outcomes: [Count] = []
    public var failuresByStage: [Count] = []
    /// Failed sessions by their most probable Windows error code (`none` when there is none).
    public var failuresByCode: [Count] = []
    public var analyzerVersions: [Count] = []
    /// Files that could not be read (unreadable, crashed), then files read only part-way (damaged).
    public var unreadable: [Problem] = []
    public var damaged: [Problem] = []

    public func count(_ list: [Count], _ key: String) -> Int { list.first { $0.key == key }?.count ?? 0 }
}

/// One session of a filtered list, with its file's path.
public struct SessionListing: Sendable {
    public var session: SessionRecord
    public var path: String
    public var reference: String { SessionRows.reference(fileID: session.fileId, sessionID: session.sessionId) }
}

extension ScanCatalog {
    public func summary(_ filter: CatalogFilter = CatalogFilter()) throws -> CatalogSummary {
        try reader.read { db in
            var out = CatalogSummary()
            let (fsql, fargs) = filter.fileClause()
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes, coalesce(sum(packets), 0) AS packets
                    FROM file f WHERE \(fsql)
                    """, arguments: fargs)
            {
                out.files = row["n"]
                out.bytes = row["bytes"]
                out.packets = row["packets"]
            }
            out.filesByStatus = try Self.counts(
                db, "SELECT f.status, count(*) FROM file f WHERE \(fsql) GROUP BY 1 ORDER BY 2 DESC, 1",
                fargs)
            out.analyzerVersions = try Self.counts(
                db,
                """
                SELECT coalesce(f.analyzer_version, '?'), count(*) FROM file f WHERE \(fsql) GROUP BY 1 ORDER BY 2 DESC, 1
                """, fargs)
            let (ssql, sargs) = filter.sessionClause()
            let join = "FROM session s JOIN file f ON f.id = s.file_id WHERE \(ssql)"
            out.sessions = try Int.fetchOne(db, sql: "SELECT count(*) \(join)", arguments: sargs) ?? 0
            out.outcomes = try Self.counts(db, "SELECT s.outcome, count(*) \(join) GROUP BY 1 ORDER BY 2 DESC, 1", sargs)
            out.failuresByStage = try Self.counts(
                db,
                """
                SELECT coalesce(s.failure_stage, '?'), count(*) \(join) AND s.outcome = 'failed' GROUP BY 1 ORDER BY 2 DESC, 1
                """, sargs)
            out.failuresByCode = try Self.counts(
                db,
                """
                SELECT coalesce(CAST(s.primary_code AS TEXT), 'none'), count(*) \(join) AND s.outcome = 'failed'
                GROUP BY 1 ORDER BY 2 DESC, 1
                """, sargs)
            let problems = try Row.fetchAll(
                db,
                sql: """
                    SELECT f.id, f.path, f.status, f.error_kind, f.error FROM file f
                    WHERE \(fsql) AND f.status IN ('unreadable', 'crashed', 'damaged') ORDER BY f.path
                    """, arguments: fargs)
            for r in problems {
                let p = CatalogSummary.Problem(fileId: r[0], path: r[1], status: r[2], errorKind: r[3], error: r[4])
                if p.status == "damaged" { out.damaged.append(p) } else { out.unreadable.append(p) }
            }
            return out
        }
    }

    private static func counts(_ db: Database, _ sql: String, _ args: StatementArguments) throws -> [CatalogSummary.Count] {
        try Row.fetchAll(db, sql: sql, arguments: args).map { CatalogSummary.Count(key: $0[0] ?? "?", count: $0[1]) }
    }

    /// The sessions a filter selects, failed ones first, then by start time.
    public func sessions(_ filter: CatalogFilter, limit: Int?) throws -> [SessionListing] {
        try reader.read { db in
            let (ssql, sargs) = filter.sessionClause()
            var sql = """
                SELECT s.*, f.path AS file_path FROM session s JOIN file f ON f.id = s.file_id WHERE \(ssql)
                ORDER BY (s.outcome = 'failed') DESC, s.start_time, f.path, s.session_id
                """
            var args = sargs
            if let limit {
                sql += " LIMIT ?"
                args += [limit]
            }
            return try Row.fetchAll(db, sql: sql, arguments: args).map { row in
                SessionListing(session: try SessionRecord(row: row), path: row["file_path"])
            }
        }
    }

    /// Finds the file a `FILE#ID` reference names: a file row id, else an exact path or relative path, else the one
    /// file whose path contains the text.
    public func resolveFile(_ text: String) throws -> FileRecord? {
        if let id = Int64(text), let f = try file(id: id) { return f }
        return try reader.read { db in
            if let f = try FileRecord.filter(Column("path") == text || Column("relative_path") == text).fetchOne(db) {
                return f
            }
            let matches = try FileRecord.fetchAll(
                db, sql: "SELECT * FROM file WHERE instr(path, ?) > 0 LIMIT 2",
                arguments: [text])
            return matches.count == 1 ? matches[0] : nil
        }
    }
}
