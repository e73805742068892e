public import PPTPDiagnosis
public import PPTPLogs

/// The report of `analyze --log FILE` with no capture: each log session and what its own lines say. Versioned
/// with the capture report (`schemaVersion`); `kind` is `logs` so a reader of both tells them apart.
public struct LogOnlyReport: Codable, Sendable {
    public var schemaVersion = Report.currentSchemaVersion
    public var kind = "logs"
    public var tool: Report.Tool
    public var logs: [LogFileReport]
    public var sessions: [LogOnlySession]

    public struct LogOnlySession: Codable, Sendable {
        public var id: Int
        /// "server pppd", "client RasClient".
        public var lane: String
        public var file: String
        public var outcome: Outcome
        public var failureStage: Stage?
        public var probableErrorCodes: [Int]
        public var headline: String
        /// The line the verdict rests on.
        public var decisive: LogLineReport?
        /// Every line of the session the diagnosis read (packets and statements), in order.
        public var lines: [LogLineReport]
    }

    public static func build(_ files: [LogFile], redact: Bool, toolVersion: String) -> LogOnlyReport {
        var sessions: [LogOnlySession] = []
        for file in files {
            for log in file.sessions {
                let children = file.sessions.filter { $0.process.map(log.children.contains) ?? false }
                let verdict = LogVerdict.judge(log, children: children)
                let lane = log.role.map { "\($0.rawValue) \(log.source.rawValue)" } ?? log.source.rawValue
                let name = log.file.split(separator: "/").last.map(String.init) ?? log.file
                let origin = log.process.map { "\(name) \($0)" } ?? name
                let line = { (e: LogEvent) in LogLineReport(lane: lane, file: origin, line: e.line, text: e.text) }
                let headline: String
                switch verdict.outcome {
                case .failed:
                    headline =
                        "Failed at \(verdict.failureStage?.rawValue ?? "?"): "
                        + "\"\(verdict.decisive?.text ?? "")\" (\(CodeText.headline(verdict.probableErrorCodes)))"
                case .success: headline = "The link came up: \"\(verdict.decisive?.text ?? "")\""
                case .incomplete: headline = "The log does not say how the session ended"
                }
                sessions.append(
                    LogOnlySession(
                        id: sessions.count + 1, lane: lane, file: origin, outcome: verdict.outcome,
                        failureStage: verdict.failureStage, probableErrorCodes: verdict.probableErrorCodes,
                        headline: headline, decisive: verdict.decisive.map(line), lines: log.events.map(line)))
            }
        }
        var report = LogOnlyReport(
            tool: .init(name: "pptp-pcap", version: toolVersion),
            logs: files.map {
                LogFileReport(
                    file: $0.path, format: $0.format, lines: $0.lines, sessions: $0.sessions.count,
                    unmatchedSessions: 0, uninterpretedLines: $0.uninterpretedLines, unrelatedLines: $0.unrelatedLines,
                    notes: $0.notes)
            },
            sessions: sessions)
        if redact {
            let p = Pseudonyms()
            for name in files.flatMap(\.sessions).flatMap(\.events).flatMap(\.mentions) { _ = p.name(name, kind: .user) }
            let map = { (s: String) in ReportRedactor.redactText(s, p) }
            report.sessions = report.sessions.map { s in
                var s = s
                s.headline = map(s.headline)
                let decisiveText = s.decisive?.text.map(map)
                s.decisive?.text = decisiveText
                s.lines = s.lines.map {
                    var l = $0
                    l.text = l.text.map(map)
                    return l
                }
                return s
            }
        }
        return report
    }
}
