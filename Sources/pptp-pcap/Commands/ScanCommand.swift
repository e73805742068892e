import ArgumentParser
import Foundation
import PPTPScan
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Analyse every capture under folders into a resumable, incremental SQLite catalog.",
        discussion: """
            Walks the folders recursively and takes captures by content (pcap or pcapng magic number, also inside \
            .gz files, which are read as a stream and never unpacked to disk). Files run in parallel; each file's \
            results are written in one transaction, so a scan stopped at any moment and run again redoes only the \
            unfinished files, and a rescan skips files whose size, modification time and content hash are unchanged \
            (every file when the analyzer version changed) unless the logs beside them changed (a log added, \
            rewritten or removed in the capture's folder: it is analysed again with them, and the summary says so). \
            A file that cannot be read is recorded with its error.

            On a terminal a progress line shows files done, bytes/s, ETA and failures. With --format ndjson or csv \
            the per-session rows stream to standard output and the summary goes to standard error.

            Exit codes: 0 every capture was read to its end, 1 some captures were read only part-way (cut off, \
            damaged gzip), 2 some files or folders could not be read at all, 4 the catalog could not be written.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, ndjson, csv }

    @Argument(help: "Folders (walked recursively) or capture files.", completion: .directory)
    var paths: [String] = []

    @Option(help: "The SQLite catalog to create or update.", completion: .file())
    var db = "pptp-pcap-catalog.sqlite"

    @Option(help: "Files analysed at once (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Scan only part K of N (0 ≤ K < N), chosen by a stable hash of each path relative to its scan root.")
    var shard: String?

    @Option(
        help:
            "table: the summary only; ndjson or csv: one row per session on standard output, then the summary on standard error.")
    var format: Format = .table

    @Option(help: "Largest number of bytes one .gz file may decompress to, in MiB (a larger one is recorded as damaged).")
    var gzipLimitMib: UInt64 = 16384

    @Flag(help: "Analyse again the files recorded as unreadable, damaged or crashed even when they are unchanged.")
    var retryFailed = false

    @Flag(help: "No progress line, even on a terminal.")
    var noProgress = false

    @Flag(
        help:
            "Do not read the logs saved beside each capture (pppd/pptpd syslog, pppd logfiles, Windows event exports in the same folder)."
    )
    var noLogs = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Name at least one folder or file to scan.") }
        if let jobs, jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must be between 1 and 1024.") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes K/N with 0 ≤ K < N, e.g. 0/4.") }
        if gzipLimitMib < 1 { throw ValidationError("--gzip-limit-mib must be at least 1.") }
    }

    func run() throws {
        let catalog: ScanCatalog
        do { catalog = try ScanCatalog(path: db) } catch {
            Output.error("pptp-pcap: cannot open the catalog \(db): \(error)")
            throw ExitCode(ExitStatus.catalogFailed)
        }
        let dbPath = ArchiveWalker.absolute(db)
        var options = ScanOptions(
            roots: paths, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, shard: shard.flatMap(Shard.init) ?? .whole,
            gzipLimit: gzipLimitMib << 20, retryFailed: retryFailed, wantStoredSessions: format != .table,
            skipPaths: [dbPath, dbPath + "-wal", dbPath + "-shm", dbPath + "-journal"])
        options.logsBeside = !noLogs
        let console = ScanConsole(progress: !noProgress && ScanConsole.progressWanted)
        let format = self.format
        if format == .csv { console.row(SessionRows.csvHeader.joined(separator: ",")) }
        console.start()
        let scanner = ArchiveScanner(catalog: catalog, options: options)
        // Ctrl-C or a SIGTERM (a drained node): what is written stays; the files being analysed are redone by the
        // next scan, without counting as a crash.
        var signalSources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                console.stop()
                try? scanner.interrupt()
                console.finalMessage("pptp-pcap: scan interrupted; run the same command again to resume")
                Glibc.exit(128 + number)
            }
            source.resume()
            signalSources.append(source)
        }
        defer { signalSources.forEach { $0.cancel() } }
        let result: ScanResult
        do {
            result = try scanner.run(
                onProgress: { console.update($0) },
                onFile: { outcome in
                    guard format != .table, let file = outcome.file, !outcome.sessions.isEmpty else { return }
                    // One file's rows stay together.
                    console.rows(
                        outcome.sessions.map {
                            format == .csv ? SessionRows.csvLine($0, file: file) : SessionRows.ndjsonLine($0, file: file)
                        })
                })
        } catch is ScanInterrupted {
            // The signal handler reports and exits; this thread only waits for it.
            while true { pause() }
        } catch {
            console.stop()
            Output.error("pptp-pcap: the scan stopped: the catalog \(db) could not be written: \(error)")
            throw ExitCode(ExitStatus.catalogFailed)
        }
        console.stop()
        let summary: CatalogSummary
        do { summary = try catalog.summary(CatalogFilter(seenInRun: result.run)) } catch {
            Output.error("pptp-pcap: cannot read the catalog \(db): \(error)")
            throw ExitCode(ExitStatus.catalogFailed)
        }
        var counts = SummaryTable.ScanCounts(
            walked: result.walked, otherShards: result.otherShards, notCaptures: result.notCaptures,
            analysed: result.analysed, unchanged: result.unchanged, elapsedSeconds: result.elapsedSeconds,
            walkProblems: result.walkProblems)
        counts.logsChanged = result.logsChanged
        counts.logChanges = result.logChanges
        let title = "Scan of \(paths.joined(separator: " "))\(shard.map { " (shard \($0))" } ?? "") into \(db)"
        let text = SummaryTable.render(summary, scan: counts, title: SummaryTable.clean(title))
        if format == .table {
            Output.write(text)
            Output.flush()
        } else {
            Output.flush()
            Output.error(text.hasSuffix("\n") ? String(text.dropLast()) : text)
        }
        if !summary.unreadable.isEmpty || !result.walkProblems.isEmpty { throw ExitCode(ExitStatus.unreadable) }
        if !summary.damaged.isEmpty { throw ExitCode(ExitStatus.warnings) }
    }
}

/// Serialises what the scan threads print: streamed rows on standard output and, on a terminal, one progress line
/// on standard error redrawn four times a second (files done/total, bytes/s, ETA, failures).
final class ScanConsole: Sendable {
    private struct State {
        var progress = ScanProgress()
        var started = Date()
        var running = false
        var drawn = false
        var updated = false
    }

    private let state = Mutex(State())
    private let showProgress: Bool
    private let done = DispatchSemaphore(value: 0)

    init(progress: Bool) { showProgress = progress }

    /// Standard error is a terminal and standard output is not a pipe (a pipe gets no progress line at all).
    static var progressWanted: Bool {
        guard isatty(STDERR_FILENO) == 1 else { return false }
        var st = stat()
        if fstat(STDOUT_FILENO, &st) == 0, (st.st_mode & S_IFMT) == S_IFIFO { return false }
        return true
    }

    func start() {
        guard showProgress else { return }
        state.withLock {
            $0.running = true
            $0.started = Date()
        }
        let thread = Thread { [self] in
            while state.withLock({ $0.running }) {
                draw()
                _ = done.wait(timeout: .now() + .milliseconds(250))
            }
        }
        thread.start()
    }

    func stop() {
        guard showProgress else { return }
        state.withLock { s in
            s.running = false
            if s.drawn { Output.status("\r\u{1B}[K") }
            s.drawn = false
        }
        done.signal()
    }

    func update(_ p: ScanProgress) {
        state.withLock {
            $0.progress = p
            $0.updated = true
        }
    }

    /// Flushes the rows printed so far and says `message` on standard error, with no thread printing meanwhile.
    func finalMessage(_ message: String) {
        state.withLock { _ in
            Output.flush()
            Output.status(message + "\n")
        }
    }

    func row(_ line: String) { rows([line]) }

    func rows(_ lines: [String]) {
        state.withLock { s in
            if s.drawn {
                Output.status("\r\u{1B}[K")
                s.drawn = false
            }
            for line in lines { Output.line(line) }
            if showProgress { Output.flush() }
        }
    }

    private func draw() {
        state.withLock { s in
            guard s.running else { return }
            let p = s.progress
            let elapsed = Date().timeIntervalSince(s.started)
            let rate = elapsed > 0 ? Double(p.bytesDone) / elapsed : 0
            guard s.updated else {
                Output.status("\r\u{1B}[Kscanning: walking the folders…")
                s.drawn = true
                return
            }
            var line = "scanning: \(p.filesDone)/\(p.filesTotal) files, \(SummaryTable.byteCount(Int64(rate)))/s"
            if rate > 0, p.bytesTotal > p.bytesDone {
                line += ", ETA \(Self.duration(Double(p.bytesTotal - p.bytesDone) / rate))"
            }
            line += ", \(p.failures) unreadable"
            if p.damaged > 0 { line += ", \(p.damaged) damaged" }
            Output.status("\r\u{1B}[K" + line)
            s.drawn = true
        }
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 360_000 else { return "?" }
        let s = Int(seconds.rounded())
        if s >= 3600 { return "\(s / 3600)h\(String(format: "%02d", s / 60 % 60))m" }
        if s >= 60 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        return "\(s)s"
    }

}
