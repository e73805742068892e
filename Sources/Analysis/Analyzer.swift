public import PPTPDiagnosis
public import PPTPDissect
public import PPTPLogs
public import PPTPPcapIO
public import PPTPReporting
public import PPTPSessions

/// The whole pipeline in one place: capture → dissect → sessions → diagnosis → report.
/// One pass over the file; sessions that end on the way wait in a store, and nothing is diagnosed or rendered
/// until the pass is over (a rule may weigh how long the capture ran after a session, or what came later).
/// How far the reading of a capture has got: what a progress line shows.
public struct AnalysisProgress: Sendable {
    public var packets: Int
    /// Bytes of the capture's records read so far (record headers included), against the files' sizes when
    /// they are known (not for a compressed stream).
    public var bytes: Int64
    public var totalBytes: Int64?
    /// Sessions finished so far.
    public var sessions: Int
}

public enum Analyzer {
    public static let version = "0.1.0"

    public struct Options: Sendable {
        public var filter: String?
        public var limits = SessionBuilder.Limits()
        /// Finished sessions kept in memory until the diagnosis; beyond this many they wait in a temporary file.
        public var sessionsHeldInMemory = SessionStore.defaultHeldLimit
        /// Where that file goes (it is unlinked at once, so nothing is left behind); nil: $TMPDIR, else /tmp.
        /// When no file can be made there, the sessions stay in memory.
        public var temporaryDirectory: String?
        /// Read, drop duplicate frames and count the packets no session needs on a second core, while this one
        /// builds sessions (`ReadAhead`). Off where the caller keeps every core busy with files of its own
        /// (`scan --jobs`).
        public var readAhead = true
        /// Diagnose the sessions on a second core after the packet pass while this one writes the report
        /// (`DiagnosisAhead`). Off, as `readAhead`, where the caller keeps every core busy.
        public var diagnoseAhead = true
        /// Replace addresses, MACs, user and host names with stable pseudonyms in the report.
        public var redact = false
        /// Logs written beside the capture (`--log`): joined to its sessions, their lines in the timelines and
        /// the verdicts.
        public var logs: [LogFile] = []
        /// Called now and then while the capture is read (every few thousand packets), on the reading thread:
        /// for a progress line on a terminal. Nil: no calls.
        public var progress: (@Sendable (AnalysisProgress) -> Void)?
        public init(filter: String? = nil, redact: Bool = false) {
            self.filter = filter
            self.redact = redact
        }
    }

    public struct Result: Sendable {
        public var report: Report
        public var sessions: [Session]
        public var verdicts: [Verdict]
        /// What the file held, and the file itself as the report describes it (for multi-point reports).
        public var stats: CaptureStats
        public var input: CaptureInput
        /// The file could not be read to its end (cut off, libpcap error); everything before was analysed.
        public var readError: CaptureError?
        /// The pseudonyms of a redacted report, to redact an evidence capture the same way.
        public var pseudonyms: Pseudonyms?

        /// What an evidence capture keeps: the failed sessions, or every session when none failed.
        var evidence: EvidenceSelection {
            var selection = EvidenceSelection()
            for (session, verdict) in zip(sessions, verdicts) { selection.note(session, verdict) }
            return selection
        }

        /// The flows of the failed sessions, or of every session when none failed.
        public var evidenceFlows: [SessionFlows] { evidence.flows }

        /// How many packets an evidence capture of `evidenceFlows` holds.
        public var evidencePacketCount: Int { evidence.packetCount }
    }

    /// Analyses one capture. Throws only when the file cannot be opened at all; a file that breaks part-way
    /// still yields a report of everything before the break, with the break as a warning.
    public static func analyze(path: String, options: Options = Options()) throws(CaptureError) -> Result {
        analyze(reader: try CaptureReader.open(path: path, filter: options.filter), options: options)
    }

    /// Analyses an open capture (a file, or bytes in memory).
    public static func analyze(reader: CaptureReader, options: Options = Options()) -> Result {
        analyze(readers: [reader], options: options)
    }

    /// `--merge`: several files read as one capture split in pieces (a ring buffer's files, in time order).
    /// Packets are numbered on across the files; a file that breaks part-way is a warning and the next one is
    /// still read.
    public static func analyze(paths: [String], options: Options = Options()) throws(CaptureError) -> Result {
        analyze(readers: try open(paths, filter: options.filter), options: options)
    }

    /// One capture, streamed: the report comes out a session at a time (`ReportStream.next()`), so memory follows
    /// the sessions open at once, not the length of the capture. Throws only when the file cannot be opened.
    public static func stream(path: String, options: Options = Options()) throws(CaptureError) -> ReportStream {
        stream(readers: [try CaptureReader.open(path: path, filter: options.filter)], options: options)
    }

    /// An open capture, streamed.
    public static func stream(reader: CaptureReader, options: Options = Options()) -> ReportStream {
        stream(readers: [reader], options: options)
    }

    /// `--merge`, streamed.
    public static func stream(paths: [String], options: Options = Options()) throws(CaptureError) -> ReportStream {
        stream(readers: try open(paths, filter: options.filter), options: options)
    }

    /// Every file opened before any is read: one that cannot be opened stops the whole `--merge`.
    static func open(_ paths: [String], filter: String?) throws(CaptureError) -> [CaptureReader] {
        var readers: [CaptureReader] = []
        for path in paths { readers.append(try CaptureReader.open(path: path, filter: filter)) }
        guard !readers.isEmpty else {
            throw CaptureError(kind: .cannotOpen, path: "", packetNumber: nil, byteOffset: nil, message: "no capture file given")
        }
        return readers
    }

    static func stream(readers: [CaptureReader], options: Options) -> ReportStream {
        var pass = SessionPass(
            limits: options.limits, linkType: LinkType(rawValue: readers[0].info.linkType),
            store: SessionStore(
                heldLimit: options.sessionsHeldInMemory,
                directory: options.temporaryDirectory))
        var readErrors: [CaptureError] = []
        var notes: [ReportWarning] = []
        pass.progress = options.progress
        pass.totalBytes = readers.reduce(Int64(0)) { total, r in r.info.fileSize.map { total + Int64($0) } ?? total }
        for reader in readers {
            let end = pass.run(reader, readAhead: options.readAhead)
            if let e = end.error { readErrors.append(e) }
            notes += end.notes.map { ReportWarning(code: $0.code, message: $0.message) }
        }
        let (store, stats) = pass.finish()
        let info = readers[0].info
        let readError = readErrors.first
        var input = CaptureInput(
            file: readers.map(\.info.path).joined(separator: " + "), format: info.format.rawValue, linkType: info.linkType,
            linkTypeName: LinkType(rawValue: info.linkType).name ?? info.linkTypeName ?? "link type \(info.linkType)",
            readError: readError.map { ($0.message, $0.packetNumber, $0.byteOffset) })
        input.notes = notes
        input.fromPktmon = readers.contains { $0.info.writer == .pktmon }
        return ReportStream(
            store: store, stats: stats, input: input, readError: readError, redact: options.redact, logs: options.logs,
            diagnoseAhead: options.diagnoseAhead)
    }

    /// The whole report and every session in memory at once: for callers that look across sessions (several
    /// capture points, the scan catalog, tests).
    static func analyze(readers: [CaptureReader], options: Options) -> Result {
        var stream = stream(readers: readers, options: options)
        var sessions: [Session] = []
        var verdicts: [Verdict] = []
        var reports: [SessionReport] = []
        while let d = stream.next() {
            sessions.append(d.session)
            verdicts.append(d.verdict)
            reports.append(d.report)
        }
        var report = stream.frame
        if stream.sessionsLost > 0 {
            report.warnings.append(
                ReportWarning(
                    code: "analysis.sessions-lost",
                    message: "\(stream.sessionsLost) sessions could not be read back from the temporary file"))
        }
        report.sessions = reports
        report.summary = stream.summary
        return Result(
            report: report, sessions: sessions, verdicts: verdicts, stats: stream.stats, input: stream.input,
            readError: stream.readError, pseudonyms: stream.pseudonyms)
    }

    /// Gives every endpoint and name a pseudonym in session order, so numbering is stable from run to run.
    static func register(_ sessions: [Session], in p: Pseudonyms) {
        for s in sessions {
            _ = p.ip(s.client.address)
            _ = p.ip(s.server.address)
            for c in s.control {
                if let h = c.hostName, !h.isEmpty { _ = p.name(h, kind: .host) }
            }
            for call in s.calls {
                for e in call.ppp {
                    if let u = e.userName, !u.isEmpty { _ = p.name(u, kind: .user) }
                    if let h = e.authenticatorName, !h.isEmpty { _ = p.name(h, kind: .host) }
                }
            }
        }
    }
}
