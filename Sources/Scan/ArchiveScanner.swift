import Foundation
public import PPTPAnalysis
import PPTPLogs
import PPTPPcapIO
import PPTPReporting
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What a scan covers and how.
public struct ScanOptions: Sendable {
    public var roots: [String]
    /// Files analysed at once (threads).
    public var jobs: Int
    public var shard: Shard
    /// Cap on the decompressed bytes of one .gz file.
    public var gzipLimit: UInt64
    /// Scans that may stop in the middle of the same unchanged file before it is recorded as `crashed`.
    public var maxAttempts: Int
    /// Redo files recorded as unreadable, damaged or crashed even when unchanged.
    public var retryFailed: Bool
    /// Rescans every file whose results were written by another version (tests set it to pretend an upgrade).
    public var analyzerVersion: String
    /// Fetch the stored sessions of unchanged files too, for `onFile` (streamed output).
    public var wantStoredSessions: Bool
    /// Absolute paths never read (the catalog itself and its journal files).
    public var skipPaths: Set<String>
    /// Read the logs saved beside each capture (same folder) and join them to its sessions (`scan --no-logs`
    /// turns it off).
    public var logsBeside = true

    public init(
        roots: [String], jobs: Int = ProcessInfo.processInfo.activeProcessorCount, shard: Shard = .whole,
        gzipLimit: UInt64 = 16 << 30, maxAttempts: Int = 3, retryFailed: Bool = false,
        analyzerVersion: String = Analyzer.version, wantStoredSessions: Bool = false, skipPaths: Set<String> = []
    ) {
        self.roots = roots
        self.jobs = max(1, jobs)
        self.shard = shard
        self.gzipLimit = gzipLimit
        self.maxAttempts = max(1, maxAttempts)
        self.retryFailed = retryFailed
        self.analyzerVersion = analyzerVersion
        self.wantStoredSessions = wantStoredSessions
        self.skipPaths = skipPaths
    }
}

/// A snapshot of a running scan, for a progress line.
public struct ScanProgress: Sendable {
    public var filesDone = 0
    public var filesTotal = 0
    public var bytesDone: Int64 = 0
    public var bytesTotal: Int64 = 0
    /// Files that could not be read (unreadable, crashed) so far.
    public var failures = 0
    public var damaged = 0
    public var analysed = 0
    public var unchanged = 0
    public var elapsedSeconds = 0.0

    public init() {}
}

/// What happened to one walked file.
public struct FileOutcome: Sendable {
    public enum Action: String, Sendable {
        /// Analysed now (results written).
        case analysed
        /// Same size, modification time, content hash and analyzer version as stored: not analysed again.
        case unchanged
        /// Not a capture: skipped, not recorded.
        case notCapture = "not-a-capture"
        /// Could not be read (recorded as unreadable or crashed).
        case failed
    }

    public var entry: ArchiveEntry
    public var action: Action
    /// The file's catalog row (nil for a file that is not a capture).
    public var file: FileRecord?
    /// Its sessions, read back from the catalog: only with `wantStoredSessions`.
    public var sessions: [SessionRecord]
    public var note: String?
}

/// The counts of a finished scan; the per-session and per-file statistics come from the catalog
/// (`ScanCatalog.summary(filter: .init(seenInRun: run))`).
public struct ScanResult: Sendable {
    public var run: Int64
    public var walked = 0
    /// Walked files that belong to another shard.
    public var otherShards = 0
    public var captures = 0
    public var analysed = 0
    public var unchanged = 0
    public var notCaptures = 0
    public var failedToRead = 0
    public var damaged = 0
    public var bytes: Int64 = 0
    public var elapsedSeconds = 0.0
    public var walkProblems: [ArchiveWalker.Problem] = []
    /// Unchanged captures analysed again because the logs beside them changed (counted in `analysed`), and the
    /// first `logChangesListed` of them with what changed.
    public var logsChanged = 0
    public var logChanges: [(path: String, change: String)] = []
    public static let logChangesListed = 50
}

/// The scan was stopped on purpose (`ArchiveScanner.interrupt()`): what was written stays, the rest is for the next scan.
public struct ScanInterrupted: Error, Sendable {}

/// Runs a scan: walk → shard → per file (on `jobs` threads): sniff the content, hash it, skip it if the catalog
/// already holds its results, else analyse it (a .gz as a stream) and write its results in one transaction.
/// A file that cannot be read is recorded with its error and the scan goes on; only a catalog that cannot be
/// written stops it.
public final class ArchiveScanner: Sendable {
    public let catalog: ScanCatalog
    public let options: ScanOptions
    /// Files being analysed right now (between their start mark and their results), and whether the scan is
    /// being stopped. One lock covers both and a file's start mark: a file is either marked started and known
    /// to `interrupt()`, or never started, however the signal and the worker threads interleave.
    private struct InFlight {
        var paths: Set<String> = []
        var stopping = false
    }
    private let inFlight = Mutex(InFlight())

    public init(catalog: ScanCatalog, options: ScanOptions) {
        self.catalog = catalog
        self.options = options
    }

    private final class Shared: Sendable {
        struct State {
            var next = 0
            var progress = ScanProgress()
            var result: ScanResult
            var fatal: (any Error)?
        }
        let state: Mutex<State>
        init(run: Int64) { state = Mutex(State(result: ScanResult(run: run))) }
    }

    public func run(
        onProgress: @escaping @Sendable (ScanProgress) -> Void = { _ in },
        onFile: @escaping @Sendable (FileOutcome) -> Void = { _ in }
    ) throws -> ScanResult {
        let started = Date()
        let walk = ArchiveWalker.walk(roots: options.roots, skip: options.skipPaths)
        let mine = walk.entries.filter { options.shard.contains(relativePath: $0.relativePath) }
        // Largest first: the long files start early, so the threads finish together.
        let work = mine.sorted { $0.size != $1.size ? $0.size > $1.size : $0.path < $1.path }
        let run = try catalog.beginRun(
            kind: "scan", roots: options.roots.map(ArchiveWalker.absolute), shard: options.shard,
            jobs: options.jobs, analyzerVersion: options.analyzerVersion)
        let shared = Shared(run: run)
        shared.state.withLock { s in
            s.result.walked = walk.entries.count
            s.result.otherShards = walk.entries.count - mine.count
            s.result.walkProblems = walk.problems
            s.progress.filesTotal = work.count
            s.progress.bytesTotal = work.reduce(0) { $0 + $1.size }
        }
        onProgress(shared.state.withLock { $0.progress })

        let group = DispatchGroup()
        for _ in 0..<min(options.jobs, max(1, work.count)) {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while true {
                    let index: Int? = shared.state.withLock { s in
                        guard s.fatal == nil, s.next < work.count, !isStopping else { return nil }
                        s.next += 1
                        return s.next - 1
                    }
                    guard let index else { return }
                    let entry = work[index]
                    let outcome: FileOutcome
                    do {
                        outcome = try process(entry, run: run)
                    } catch is ScanInterrupted {
                        return
                    } catch {
                        shared.state.withLock { s in if s.fatal == nil { s.fatal = error } }
                        return
                    }
                    let snapshot = shared.state.withLock { s -> ScanProgress in
                        s.progress.filesDone += 1
                        s.progress.bytesDone += entry.size
                        s.progress.elapsedSeconds = Date().timeIntervalSince(started)
                        s.result.bytes += entry.size
                        switch outcome.action {
                        case .analysed:
                            s.result.captures += 1
                            s.result.analysed += 1
                            s.progress.analysed += 1
                            if let change = outcome.note {
                                s.result.logsChanged += 1
                                if s.result.logChanges.count < ScanResult.logChangesListed {
                                    s.result.logChanges.append((entry.path, change))
                                }
                            }
                        case .unchanged:
                            s.result.captures += 1
                            s.result.unchanged += 1
                            s.progress.unchanged += 1
                        case .notCapture:
                            s.result.notCaptures += 1
                        case .failed:
                            s.result.captures += 1
                        }
                        // Unchanged files count too: an unreadable file stays a failure of every scan that sees it.
                        if outcome.file?.status.isFailure == true {
                            s.result.failedToRead += 1
                            s.progress.failures += 1
                        }
                        if outcome.file?.status == .damaged {
                            s.result.damaged += 1
                            s.progress.damaged += 1
                        }
                        return s.progress
                    }
                    onFile(outcome)
                    onProgress(snapshot)
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        let (result, fatal) = shared.state.withLock { ($0.result, $0.fatal) }
        if let fatal { throw fatal }
        if isStopping { throw ScanInterrupted() }
        var final = result
        final.elapsedSeconds = Date().timeIntervalSince(started)
        try catalog.finishRun(run, filesSeen: final.captures, filesAnalyzed: final.analysed)
        return final
    }

    // MARK: - One file

    /// Sniffs, hashes, skips or analyses one file. Throws only when the catalog cannot be written.
    public func process(_ entry: ArchiveEntry, run: Int64) throws -> FileOutcome {
        let format: CaptureInfo.Format
        let container: ContentSniffer.Container
        switch ContentSniffer.sniff(path: entry.path, gzipLimit: options.gzipLimit) {
        case .notCapture(let why):
            return FileOutcome(entry: entry, action: .notCapture, file: nil, sessions: [], note: why)
        case .unreadable(let error), .unsupported(let error):
            return try recordFailure(
                entry, run: run, hash: nil, container: nil, status: .unreadable,
                kind: error.kind, message: error.message)
        case .capture(let f, let c):
            format = f
            container = c
        }
        let existing = try catalog.file(path: entry.path)
        // A file whose size and time are those catalogued may be unchanged: its content decides, read once for that
        // alone. Any other file is analysed, and its content hashed on the way (`ContentHashObserver`): one read.
        var hash: String?
        let sameMetadata = existing.map { $0.size == entry.size && $0.mtimeNs == entry.mtimeNanos } ?? false
        if sameMetadata {
            switch Self.hashFile(entry.path) {
            case .success(let h): hash = h
            case .failure(let error):
                return try recordFailure(
                    entry, run: run, hash: nil, container: container, status: .unreadable,
                    kind: error.kind, message: error.message)
            }
        }
        // A scan that stopped in the middle of a file recorded no hash for it yet: its size and time are the proof.
        let sameContent =
            sameMetadata && (existing?.contentHash == hash || existing?.status == .scanning && existing?.contentHash == nil)
        var beside = options.logsBeside ? LogsBeside.candidates(for: entry.path) : []
        var logsChanged: String?
        if let existing, let id = existing.id, sameContent {
            let retry = options.retryFailed && (existing.status.isFailure || existing.status == .damaged)
            // A capture that was read gets its logs again when the files beside it are not those it was joined with.
            if options.logsBeside, existing.status.isFinal, !existing.status.isFailure {
                logsChanged = LogsBeside.difference(recorded: try catalog.logFiles(fileID: id), now: beside)
            }
            if existing.status.isFinal, existing.analyzerVersion == options.analyzerVersion, !retry, logsChanged == nil {
                try catalog.markSeen(fileID: id, run: run)
                var row = existing
                row.seenGeneration = run
                let sessions = options.wantStoredSessions ? try catalog.sessions(fileID: id) : []
                return FileOutcome(entry: entry, action: .unchanged, file: row, sessions: sessions)
            }
            if existing.status == .scanning, existing.attempts >= options.maxAttempts, !options.retryFailed {
                return try recordFailure(
                    entry, run: run, hash: hash, container: container, status: .crashed, kind: "crashed",
                    message: "\(existing.attempts) scans stopped while analysing this file and never finished it; it is "
                        + "not retried until it changes (or with --retry-failed)", attempts: existing.attempts)
            }
        }
        var started = FileRecord(
            path: entry.path, root: entry.root, relativePath: entry.relativePath, size: entry.size,
            mtimeNs: entry.mtimeNanos, contentHash: hash, container: container.rawValue,
            status: .scanning)
        started.attempts = existing.map { sameContent && $0.status == .scanning ? $0.attempts + 1 : 1 } ?? 1
        started.seenGeneration = run
        started = try inFlight.withLock { state in
            guard !state.stopping else { throw ScanInterrupted() }
            let marked = try catalog.markStarted(started)
            state.paths.insert(entry.path)
            return marked
        }
        defer { inFlight.withLock { _ = $0.paths.remove(entry.path) } }

        let hashing = hash == nil ? ContentHashObserver(path: entry.path) : nil
        let analysis = analyse(
            entry.path, format: format, container: container, logs: LogsBeside.read(&beside), observer: hashing)
        if let hashing {
            switch hashing.finish() {
            case .success(let h): hash = h
            case .failure(let error):
                return try recordFailure(
                    entry, run: run, hash: nil, container: container, status: .unreadable,
                    kind: error.kind, message: error.message)
            }
        }
        var row = started
        row.contentHash = hash
        row.status = .ok
        row.attempts = 0
        row.analyzerVersion = options.analyzerVersion
        row.scanGeneration = run
        row.scannedAt = ISODate.now()
        row.format = format.rawValue
        switch analysis {
        case .failure(let error, let gzip):
            row.status = .unreadable
            row.errorKind = gzip.map { "gzip-\($0.kind.rawValue)" } ?? error.kind
            row.error = gzip.map { "\($0.message) (\(error.message))" } ?? error.message
            let written = try catalog.record(row, sessions: SessionRowSpool(), report: nil)
            return FileOutcome(entry: entry, action: .failed, file: written, sessions: [])
        case .success(let result, let gzip):
            let report = result.report
            row.linkType = Int(report.capture.linkType)
            row.linkTypeName = report.capture.linkTypeName
            row.packets = report.capture.packets
            row.firstPacketTime = report.capture.start
            row.lastPacketTime = report.capture.end
            row.durationSeconds = report.capture.durationSeconds
            row.sessions = report.summary.sessions
            row.failedSessions = report.summary.failed
            if let gzip {
                row.status = .damaged
                row.errorKind = "gzip-\(gzip.kind.rawValue)"
                row.error = gzip.message + (result.readError.map { "; \(ReadProblem($0).message)" } ?? "")
            } else if let e = result.readError {
                row.status = .damaged
                row.errorKind = e.kind.rawValue
                row.error = ReadProblem(e).message
            } else if result.sessionsLost > 0 {
                row.status = .damaged
                row.errorKind = "analysis.sessions-lost"
                row.error = "\(result.sessionsLost) sessions could not be read back from the temporary file"
            }
            let written = try catalog.record(row, sessions: result.rows, report: result.storedReport, logs: beside)
            // Read back only when asked for: the rows waited in a temporary file so as not to be held at once.
            let stored = try options.wantStoredSessions ? written.id.map { try catalog.sessions(fileID: $0) } ?? [] : []
            return FileOutcome(entry: entry, action: .analysed, file: written, sessions: stored, note: logsChanged)
        }
    }

    /// Called when the process is being stopped on purpose (SIGINT, SIGTERM): the files being analysed stay
    /// `scanning`, for the next scan to redo, but this attempt is not held against them.
    /// No file starts after this; `run` ends with `ScanInterrupted` once the files in flight are done.
    public func interrupt() throws {
        try inFlight.withLock { state in
            state.stopping = true
            guard !state.paths.isEmpty else { return }
            // Under the lock: a worker that finishes meanwhile writes its results after this, which is right.
            try catalog.releaseAttempts(paths: Array(state.paths))
        }
    }

    private var isStopping: Bool { inFlight.withLock { $0.stopping } }

    private enum Analysis {
        case success(ScannedCapture, gzip: (kind: GzipStream.Failure, message: String)?)
        case failure(ReadProblem, gzip: (kind: GzipStream.Failure, message: String)?)
    }

    /// The analysis of every file; `analyse` turns the read-ahead thread on only where a core is spare.
    private static let analysis: Analyzer.Options = {
        var options = Analyzer.Options()
        options.readAhead = false
        options.diagnoseAhead = false
        return options
    }()

    private func analyse(
        _ path: String, format: CaptureInfo.Format, container: ContentSniffer.Container, logs: [LogFile],
        observer: ContentHashObserver?
    ) -> Analysis {
        var analysis = Self.analysis
        analysis.logs = logs
        // One job on a machine with a core to spare reads ahead on it, as analyze does; with a job per core, a
        // second thread per file would only make the jobs take turns.
        analysis.readAhead = options.jobs < ProcessInfo.processInfo.activeProcessorCount
        analysis.diagnoseAhead = analysis.readAhead
        switch container {
        case .plain:
            do throws(CaptureError) {
                let reader = try CaptureReader.open(path: path, filter: analysis.filter)
                reader.observer = observer
                var stream = Analyzer.stream(reader: reader, options: analysis)
                return .success(ScannedCapture(&stream), gzip: nil)
            } catch {
                return .failure(ReadProblem(error), gzip: nil)
            }
        case .gzip:
            let stream: GzipStream
            do throws(CaptureError) { stream = try GzipStream(path: path, limit: options.gzipLimit) } catch {
                return .failure(ReadProblem(error), gzip: nil)
            }
            do throws(CaptureError) {
                let reader = try stream.captureReader(format: format)
                var sessions = Analyzer.stream(reader: reader, options: analysis)
                let scanned = ScannedCapture(&sessions)
                return .success(scanned, gzip: stream.failure)
            } catch {
                return .failure(ReadProblem(error), gzip: stream.failure)
            }
        }
    }

    private func recordFailure(
        _ entry: ArchiveEntry, run: Int64, hash: String?, container: ContentSniffer.Container?,
        status: FileStatus, kind: String, message: String, attempts: Int = 0
    ) throws -> FileOutcome {
        var row = FileRecord(
            path: entry.path, root: entry.root, relativePath: entry.relativePath, size: entry.size,
            mtimeNs: entry.mtimeNanos, contentHash: hash, container: container?.rawValue, status: status)
        row.errorKind = kind
        row.error = message
        row.attempts = attempts
        row.analyzerVersion = options.analyzerVersion
        row.scanGeneration = run
        row.seenGeneration = run
        row.scannedAt = ISODate.now()
        let written = try catalog.record(row, sessions: SessionRowSpool(), report: nil)
        return FileOutcome(entry: entry, action: .failed, file: written, sessions: [])
    }

    /// xxHash64 of the file's bytes, read in 1 MiB pieces (the observer that hashes during an analysis, with
    /// nothing observed: it reads the whole file itself).
    public static func hashFile(_ path: String) -> Result<String, ReadProblem> {
        ContentHashObserver(path: path).finish()
    }
}
