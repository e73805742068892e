public import GRDB

/// Where a file stands in the catalog.
public enum FileStatus: String, Sendable, Codable, CaseIterable {
    /// Being analysed (or the scan that analysed it stopped before writing its results): redone by the next scan.
    case scanning
    /// Read to its end and analysed.
    case ok
    /// Read part-way (cut off, a damaged gzip stream, the decompression limit): everything before the break
    /// was analysed and is in the catalog, with the error.
    case damaged
    /// Could not be read at all: the error says why.
    case unreadable
    /// Scans stopped while analysing it several times in a row: not retried until it changes (or --retry-failed).
    case crashed

    /// The file's results are final: a rescan of unchanged bytes with the same analyzer version skips it.
    public var isFinal: Bool { self != .scanning }
    /// Counts as a file that failed to read (the exit status, the summary's list).
    public var isFailure: Bool { self == .unreadable || self == .crashed }
}

/// One row per file (table `file`).
public struct FileRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "file"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var path: String
    public var root: String
    public var relativePath: String
    public var size: Int64
    public var mtimeNs: Int64
    /// xxHash64 of the file's bytes as stored (the compressed bytes of a .gz), 16 hex digits.
    public var contentHash: String?
    /// `plain` or `gzip`.
    public var container: String?
    /// `pcap` or `pcapng`.
    public var format: String?
    public var linkType: Int?
    public var linkTypeName: String?
    public var packets: Int?
    /// ISO 8601 UTC times of the first and last packet.
    public var firstPacketTime: String?
    public var lastPacketTime: String?
    public var durationSeconds: Double?
    public var sessions: Int?
    public var failedSessions: Int?
    public var status: FileStatus
    /// CaptureError kind (`truncated`, `not-a-capture` …) or `gzip-truncated`, `gzip-corrupt`, `gzip-limit`, `crashed`.
    public var errorKind: String?
    public var error: String?
    public var analyzerVersion: String?
    /// Scans that started on this content without finishing it (reset when results are written).
    public var attempts: Int
    /// The scan run that wrote the current results.
    public var scanGeneration: Int64?
    /// The last scan run that walked the file.
    public var seenGeneration: Int64?
    public var scannedAt: String?

    public init(
        id: Int64? = nil, path: String, root: String, relativePath: String, size: Int64, mtimeNs: Int64,
        contentHash: String?, container: String?, status: FileStatus
    ) {
        self.id = id
        self.path = path
        self.root = root
        self.relativePath = relativePath
        self.size = size
        self.mtimeNs = mtimeNs
        self.contentHash = contentHash
        self.container = container
        self.status = status
        attempts = 0
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One row per PPTP session (table `session`), keyed by its file and its id in the file's report.
public struct SessionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "session"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public var fileId: Int64
    public var sessionId: Int
    public var client: String
    public var server: String
    /// Seconds since the Unix epoch (UTC) of the session's first and last packet, and the same as ISO 8601.
    public var startTime: Double?
    public var endTime: Double?
    public var startIso: String?
    public var endIso: String?
    /// Seconds from the capture's first packet.
    public var startSeconds: Double
    public var endSeconds: Double
    public var outcome: String
    public var failureStage: String?
    public var lastStageCompleted: String?
    /// Probable Windows error codes, most likely first, as a JSON array; the first one alone.
    public var errorCodes: String
    public var primaryCode: Int?
    public var confidence: String?
    public var headline: String
    public var capturePoint: String
    public var firstPacket: Int
    public var lastPacket: Int
    public var packetCount: Int
    /// Rule ids of the findings, as a JSON array; the findings themselves as JSON (the report's `findings`).
    public var rules: String
    public var findingsJson: String
    /// The user name the session authenticated or tried with (catalog format 2); nil before, or when none.
    public var userName: String? = nil

    /// The columns by name and value, in one list: written by hand because GRDB's `Encodable` path converted every
    /// property name to snake case for every row (Foundation string scanning), a quarter of writing a file of ten
    /// thousand sessions to the catalog. `CatalogRecordTests` holds the names to the table by writing and reading
    /// back a row with every field set.
    static let columnNames = [
        "file_id", "session_id", "client", "server", "start_time", "end_time", "start_iso", "end_iso",
        "start_seconds", "end_seconds", "outcome", "failure_stage", "last_stage_completed", "error_codes",
        "primary_code", "confidence", "headline", "capture_point", "first_packet", "last_packet", "packet_count",
        "rules", "findings_json", "user_name",
    ]

    var columnValues: [(any DatabaseValueConvertible)?] {
        [
            fileId, sessionId, client, server, startTime, endTime, startIso, endIso, startSeconds, endSeconds, outcome,
            failureStage, lastStageCompleted, errorCodes, primaryCode, confidence, headline, capturePoint, firstPacket,
            lastPacket, packetCount, rules, findingsJson, userName,
        ]
    }

    public func encode(to container: inout PersistenceContainer) {
        for (name, value) in zip(Self.columnNames, columnValues) { container[name] = value }
    }

    private static let insertSQL =
        "INSERT INTO session (\(columnNames.joined(separator: ", "))) VALUES ("
        + Array(repeating: "?", count: columnNames.count).joined(separator: ", ") + ")"

    /// `insert(db)` through one prepared statement kept by the connection: GRDB's own insert built its SQL again
    /// for every row (a sixth of a file's transaction).
    func insertPrepared(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: StatementArguments(columnValues))
    }
}

/// One row per scan or merge (table `scan_run`); its id is the generation written into the file rows.
public struct ScanRunRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "scan_run"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    /// `scan` or `merge`.
    public var kind: String
    public var startedAt: String
    public var finishedAt: String?
    public var analyzerVersion: String
    /// Scan roots (JSON array), or the merged catalog's path.
    public var roots: String
    public var shard: String?
    public var jobs: Int?
    public var filesSeen: Int?
    public var filesAnalyzed: Int?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
