public import PPTPDiagnosis
import PPTPDissect
import PPTPLogs
public import PPTPPcapIO
public import PPTPReporting
public import PPTPSessions

/// The end of the pipeline for one capture, a session at a time: each finished session, in number order, is
/// diagnosed, turned into its section of the report (redacted when asked), handed out, and let go. What the
/// report holds besides its sessions (`frame`) is ready before the first of them; the counts (`summary`) after
/// the last. A capture with a hundred thousand sessions is reported in the memory of one.
public struct ReportStream {
    /// One session through diagnosis and reporting.
    public struct Diagnosed: Sendable {
        public var session: Session
        public var verdict: Verdict
        public var report: SessionReport
    }

    /// The report without its sessions, redacted when asked; its summary counts no session (see `summary`).
    public private(set) var frame: Report
    /// The counts of the sessions handed out so far: all of them once `next()` returned nil.
    public private(set) var summary: Report.Summary
    public let stats: CaptureStats
    public let input: CaptureInput
    /// The file could not be read to its end (cut off, libpcap error); everything before was analysed.
    public let readError: CaptureError?
    /// The pseudonyms of a redacted report, to redact an evidence capture the same way.
    public let pseudonyms: Pseudonyms?

    /// Sessions that waited for the diagnosis in the temporary file rather than in memory.
    public let sessionsSpilled: Int
    /// Sessions the temporary file could not give back (a read error): left out of the report, said on stderr.
    public var sessionsLost: Int {
        switch source {
        case .here(let cursor, _): cursor.unreadable
        case .ahead(let ahead): ahead.unreadable
        }
    }

    /// Where the sessions after the first are diagnosed: on this thread, or on a second core (`DiagnosisAhead`).
    /// A copy of a stream that diagnoses ahead shares that thread with the original: one of them is read.
    private enum Source {
        case here(SessionStore.Cursor, SessionDiagnoser)
        case ahead(DiagnosisAhead)

        var diagnoser: SessionDiagnoser {
            switch self {
            case .here(_, let diagnoser): diagnoser
            case .ahead(let ahead): ahead.diagnoser
            }
        }
    }

    private var source: Source
    private var firstDiagnosed: Diagnosed?

    init(
        store: SessionStore, stats: CaptureStats, input: CaptureInput, readError: CaptureError?, redact: Bool,
        logs files: [LogFile] = [], diagnoseAhead: Bool = false
    ) {
        self.stats = stats
        self.input = input
        self.readError = readError
        var cursor = store.sessionsByNumber()
        sessionsSpilled = store.spilledCount
        var pseudonyms: Pseudonyms?
        if redact {
            // Every session's names first, in number order, as for a report built whole: the numbering of the
            // pseudonyms must not depend on how the report is written.
            let p = Pseudonyms()
            var all = store.sessionsByNumber()
            while let s = all.next() { Analyzer.register([s], in: p) }
            for name in files.flatMap(\.sessions).flatMap(\.events).flatMap(\.mentions) { _ = p.name(name, kind: .user) }
            pseudonyms = p
        }
        self.pseudonyms = pseudonyms
        // Every session is offered the logs in number order before any is diagnosed, so the report's frame can
        // say which log sessions joined none.
        var joined: [Int: SessionLogs] = [:]
        var fileReports: [LogFileReport]?
        if !files.isEmpty {
            var join = LogJoin(files: files, captureStart: Double(stats.firstTimestamp ?? 0) / 1e9)
            var all = store.sessionsByNumber()
            while let s = all.next() { joined[s.index] = join.logs(for: s) }
            let unmatched = join.unmatched
            fileReports = files.map { f in
                LogFileReport(
                    file: f.path, format: f.format, lines: f.lines, sessions: f.sessions.count,
                    unmatchedSessions: unmatched.filter { $0.file == f.path }.count,
                    uninterpretedLines: f.uninterpretedLines, unrelatedLines: f.unrelatedLines, notes: f.notes)
            }
        }
        let diagnoser = SessionDiagnoser(stats: stats, input: input, logs: joined)
        // The report's capture point is its first session's: that one is diagnosed before the frame is built.
        frame = ReportBuilder.frame(
            capture: input, stats: stats, firstVerdict: nil, sessionCount: store.count,
            toolVersion: Analyzer.version)
        summary = frame.summary
        if let first = cursor.next() {
            let diagnosed = diagnoser.diagnose(first)
            firstDiagnosed = diagnosed
            frame = ReportBuilder.frame(
                capture: input, stats: stats, firstVerdict: diagnosed.verdict,
                sessionCount: store.count, toolVersion: Analyzer.version)
            summary = frame.summary
        }
        frame.logs = fileReports
        if let pseudonyms { frame = ReportRedactor.redactFrame(frame, with: pseudonyms) }
        // A thread is worth starting only for more sessions than the one already diagnosed.
        source =
            diagnoseAhead && store.count > 1
            ? .ahead(DiagnosisAhead(cursor: cursor, diagnoser: diagnoser)) : .here(cursor, diagnoser)
    }

    /// The next session, in number order; nil after the last.
    public mutating func next() -> Diagnosed? {
        var diagnosed: Diagnosed
        if let first = firstDiagnosed {
            firstDiagnosed = nil
            diagnosed = first
        } else if let next = nextDiagnosed() {
            diagnosed = next
        } else {
            return nil
        }
        if let pseudonyms { diagnosed.report = ReportRedactor.redact(diagnosed.report, with: pseudonyms) }
        summary.count(diagnosed.report)
        return diagnosed
    }

    private mutating func nextDiagnosed() -> Diagnosed? {
        switch source {
        case .here(var cursor, let diagnoser):
            let session = cursor.next()
            source = .here(cursor, diagnoser)
            return session.map(diagnoser.diagnose)
        case .ahead(let ahead):
            // The report is built here: the rules on the other core are the longer half of the work.
            return ahead.next().map { source.diagnoser.diagnosed($0.session, $0.verdict) }
        }
    }
}

/// One session through the rules and into its section of the report: what `ReportStream` does for each session,
/// on its own thread or on a second core.
struct SessionDiagnoser: Sendable {
    let stats: CaptureStats
    let input: CaptureInput
    /// The logs joined to each session, by session number (`--log`).
    let logs: [Int: SessionLogs]
    private let engine = RuleEngine()

    init(stats: CaptureStats, input: CaptureInput, logs: [Int: SessionLogs]) {
        self.stats = stats
        self.input = input
        self.logs = logs
    }

    func diagnose(_ session: Session) -> ReportStream.Diagnosed {
        diagnosed(session, verdict(session))
    }

    /// The rules' verdict on one session.
    func verdict(_ session: Session) -> Verdict {
        engine.diagnose(Self.facts(session, stats: stats, input: input, logs: logs[session.index]))
    }

    /// The session with its verdict and its section of the report.
    func diagnosed(_ session: Session, _ verdict: Verdict) -> ReportStream.Diagnosed {
        ReportStream.Diagnosed(
            session: session, verdict: verdict,
            report: ReportBuilder.sessionReport(session, verdict, logs: logs[session.index]))
    }

    /// What the rules are given about one session of a capture: the one place these facts are gathered, for a
    /// single capture and for each point of a path (`MultiPointLogs`).
    static func facts(_ session: Session, stats: CaptureStats, input: CaptureInput, logs: SessionLogs?) -> SessionFacts {
        let captureEnd = (Double(stats.lastTimestamp ?? 0) - Double(stats.firstTimestamp ?? 0)) / 1e9
        let fallbacks = stats.fallbackAttempts
            .filter { $0.server == session.server.address.description && $0.packet.number > session.first.number }
            .map { (packet: $0.packet, what: $0.what) }
        // Packet Monitor exists from Windows 10 (1809) on: a pktmon capture taken at the client says its generation.
        let client: WindowsVersion? = input.fromPktmon && session.capturePoint == .client ? .win10 : nil
        return SessionFacts(
            session: session, captureEnd: captureEnd, fallbacks: fallbacks, clientWindowsVersion: client, logs: logs)
    }
}
