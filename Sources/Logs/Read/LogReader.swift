import Foundation

/// Reads a log file of any kind the tool knows, recognised by its content (never by its name): pppd's `logfile`
/// or syslog with pppd, pptpd and pptp-linux lines (several processes interleaved, other programs' lines
/// counted and skipped), Windows RAS events exported as XML, CSV or text. Bounded like a capture: a hostile file
/// costs at most `LogText.maximumBytes` of memory and never traps.
public enum LogReader {
    public static func read(path: String) throws(LogError) -> LogFile {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LogError(path: path, message: "cannot open the log file")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: LogText.maximumBytes + 1) ?? Data()
        } catch {
            throw LogError(path: path, message: "cannot read the log file: \(error.localizedDescription)")
        }
        var notes: [String] = []
        var bytes = [UInt8](data)
        if bytes.count > LogText.maximumBytes {
            bytes.removeLast(bytes.count - LogText.maximumBytes)
            notes.append("only the first \(LogText.maximumBytes >> 20) MiB were read")
        }
        return try parse(bytes: bytes[...], path: path, notes: notes)
    }

    /// A log's bytes already in memory (tests, the scan's archives).
    public static func parse(bytes: ArraySlice<UInt8>, path given: String, notes: [String] = []) throws(LogError) -> LogFile {
        // The name reports show: a file name in a scanned archive is as untrusted as the bytes in it.
        let path = LogText.printable(given, limit: 4096)
        if bytes.isEmpty {
            // An empty log says something too (a pppd that never got to write); it joins nothing.
            return LogFile(
                path: path, format: "empty", sessions: [], lines: 0, uninterpretedLines: 0, unrelatedLines: 0,
                notes: notes + ["the file is empty"])
        }
        if bytes.contains(0), !(bytes.count >= 2 && (bytes.first == 0xFF || bytes.first == 0xFE)) {
            throw LogError(
                path: path, message: "not a text log (it holds binary data; a capture goes before --log, not after it)")
        }
        let text = LogText.decode(bytes)
        let (lines, cut) = LogText.lines(text)
        var notes = notes
        if cut > 0 { notes.append("\(cut) over-long lines were cut at \(LogText.maximumLineLength) characters") }
        let head = text.prefix(4096)
        var file: LogFile
        if WindowsEvents.looksLikeXML(head) {
            file = windows(WindowsEvents.xmlEvents(text), path: path, format: "Windows events (XML)", lines: lines.count)
        } else if let first = lines.first, WindowsEvents.looksLikeCSV(first) {
            file = windows(WindowsEvents.csvEvents(text), path: path, format: "Windows events (CSV)", lines: lines.count)
        } else {
            var reader = LineLog(path: path)
            file = reader.read(lines)
        }
        file.notes += notes
        // A handful of pppd-looking lines in a document (this README quotes some) is not a log.
        guard !file.sessions.isEmpty || (file.uninterpretedLines > 0 && file.uninterpretedLines * 2 >= file.lines) else {
            throw LogError(
                path: path,
                message: "not a log this tool reads: among its \(lines.count) lines, none or too few are pppd, pptpd, "
                    + "pptp or Windows RasClient/RemoteAccess lines")
        }
        return file
    }

    static func windows(_ events: [WindowsEvents.Event], path: String, format: String, lines: Int) -> LogFile {
        var sessions: [LogSession] = []
        var byConnection: [String: Int] = [:]
        var uninterpreted = 0
        var unrelated = 0
        for e in events {
            guard WindowsEvents.isRasProvider(e.provider[...]) else {
                unrelated += 1
                continue
            }
            guard let (statement, text) = WindowsEvents.decode(e) else {
                uninterpreted += 1
                continue
            }
            let source: LogSource = e.provider.hasSuffix("RemoteAccess") ? .windowsRemoteAccess : .windowsRasClient
            var event = LogEvent(
                line: e.line, timestamp: e.time, kind: .statement(statement),
                text: "event \(e.eventID.map(String.init) ?? "?"): " + text)
            event.mentions = WindowsEvents.users(in: e.message)
            if let c = e.connection, let i = byConnection[c] {
                sessions[i].events.append(event)
            } else {
                if let c = e.connection { byConnection[c] = sessions.count }
                sessions.append(
                    LogSession(
                        file: path, source: source, process: nil, role: source.impliedRole,
                        events: [event]))
            }
        }
        return LogFile(
            path: path, format: format, sessions: sessions, lines: lines, uninterpretedLines: uninterpreted,
            unrelatedLines: unrelated)
    }
}

/// A line-oriented log: syslog (any mix of programs) or pppd's own `logfile`.
struct LineLog {
    let path: String
    /// Streams by process (`pppd[1234]`), in order of first line; a bare pppd logfile is the stream "".
    private var streams: [String: Stream] = [:]
    private var order: [String] = []
    private var uninterpreted = 0
    private var unrelated = 0
    private var programs: Set<String> = []
    private var syslog = false
    private var lineCount = 0
    private var bareIsPppd: Bool?

    struct Stream {
        var source: LogSource
        var process: String?
        var pid: Int?
        var sessions: [[LogEvent]] = [[]]
        /// pptpd: the pppd a control process started.
        var childPid: Int?
    }

    init(path: String) { self.path = path }

    mutating func read(_ lines: [Substring]) -> LogFile {
        lineCount = lines.count
        for (index, raw) in lines.enumerated() {
            let line = SyslogLine(raw)
            if line.timestamp != nil { syslog = true }
            let program = line.program.map(String.init) ?? ""
            let number = index + 1
            // A file without syslog prefixes is pppd's own logfile when its first line is pppd's: then its other
            // lines (scripts run, byte counts) are pppd's too; in any other text only pppd's own lines count.
            if program.isEmpty, bareIsPppd == nil, !line.message.isEmpty {
                bareIsPppd = PppdLines.looksLikePppd(line.message)
            }
            switch program {
            case "pppd":
                add(.pppd, line, number, decoded: PppdLines.decode(line.message), starts: Self.startsPppdSession(line.message))
            case "pptpd", "pptpctrl":
                if let child = PptpdLines.childPppd(line.message) { streams[key(line, .pptpd)]?.childPid = child }
                // The manager's lines (`MGR:`) and the launcher's are not about one client.
                guard line.message.hasPrefix("CTRL: ") || line.message.hasPrefix("GRE: ") else {
                    uninterpreted += 1
                    continue
                }
                add(.pptpd, line, number, decoded: PptpdLines.decode(line.message), starts: false)
            case "pptp":
                add(.pptpClient, line, number, decoded: PptpClientLines.decode(line.message), starts: false)
            case "":
                // pptp-linux started by pppd (`pty "pptp …"`) writes its own lines into pppd's logfile.
                if PptpClientLines.isBareLine(line.message), streams[""] != nil {
                    add(.pppd, line, number, decoded: PptpClientLines.decode(line.message), starts: false)
                } else if PppdLines.looksLikePppd(line.message)
                    || (bareIsPppd == true && streams[""] != nil && !line.message.isEmpty)
                {
                    add(
                        .pppd, line, number, decoded: PppdLines.decode(line.message), starts: Self.startsPppdSession(line.message)
                    )
                } else if line.message.contains("error code returned on failure is")
                    || line.message.contains("reason code returned on termination is")
                {
                    addWindowsText(line, number)
                } else {
                    unrelated += 1
                }
            default:
                unrelated += 1
            }
        }
        return finish()
    }

    /// A pppd `logfile` appended over several runs, or a `persist` pppd redialling: each run starts anew.
    static func startsPppdSession(_ m: Substring) -> Bool { m.hasPrefix("using channel") || m.hasPrefix("Connect: ") }

    private func key(_ line: SyslogLine, _ source: LogSource) -> String {
        guard let pid = line.pid else { return "\(source.rawValue)" }
        return "\(source.rawValue)[\(pid)]"
    }

    private mutating func add(
        _ source: LogSource, _ line: SyslogLine, _ number: Int, decoded: (LogEvent.Kind, String)?, starts: Bool
    ) {
        programs.insert(source.rawValue)
        let k = line.program == nil ? "" : key(line, source)
        if streams[k] == nil {
            order.append(k)
            streams[k] = Stream(source: source, process: line.program == nil ? nil : k, pid: line.pid)
        }
        if starts, let last = streams[k]?.sessions.last, last.contains(where: { $0.packet != nil }) {
            streams[k]?.sessions.append([])
        }
        guard let (kind, text) = decoded else {
            uninterpreted += 1
            return
        }
        let last = (streams[k]?.sessions.count ?? 1) - 1
        var event = LogEvent(line: number, timestamp: line.timestamp, kind: kind, text: text)
        if source == .pppd, case .statement = kind, let user = PppdLines.mentionedUser(line.message) { event.mentions = [user] }
        streams[k]?.sessions[last].append(event)
    }

    private mutating func addWindowsText(_ line: SyslogLine, _ number: Int) {
        let event = WindowsEvents.Event(
            line: number, provider: "RasClient", eventID: nil, time: line.timestamp, message: String(line.message),
            connection: nil)
        guard let (statement, text) = WindowsEvents.decode(event) else { return }
        programs.insert(LogSource.windowsRasClient.rawValue)
        let k = "RasClient#\(number)"
        order.append(k)
        var stream = Stream(source: .windowsRasClient, process: "RasClient", pid: nil)
        stream.sessions = [[LogEvent(line: number, timestamp: line.timestamp, kind: .statement(statement), text: text)]]
        streams[k] = stream
    }

    /// pptp-linux runs as two processes: the call manager logs the control connection, the other the tunnel's
    /// pty. A stream that names no call joins the call manager's nearest to it in the file.
    static func mergingClientHelpers(_ sessions: [LogSession]) -> [LogSession] {
        // The call manager is the process that speaks on the control connection.
        func namesCall(_ s: LogSession) -> Bool {
            s.events.contains {
                switch $0.statement {
                case .outgoingCallEstablished, .controlConnectionEstablished, .controlConnectionLost: true
                default: false
                }
            }
        }
        var result = sessions
        for (i, s) in sessions.enumerated().reversed() where s.source == .pptpClient && !namesCall(s) {
            let line = s.events.first?.line ?? 0
            let target = result.indices.filter { $0 != i && result[$0].source == .pptpClient && namesCall(result[$0]) }
                .min { abs((result[$0].events.first?.line ?? 0) - line) < abs((result[$1].events.first?.line ?? 0) - line) }
            guard let target else { continue }
            result[target].events = (result[target].events + s.events).sorted { $0.line < $1.line }
            result.remove(at: i)
        }
        return result
    }

    private func finish() -> LogFile {
        var sessions: [LogSession] = []
        for k in order {
            guard let stream = streams[k] else { continue }
            for events in stream.sessions where !events.isEmpty {
                let role = stream.source.impliedRole ?? PppdLines.role(of: events)
                var session = LogSession(file: path, source: stream.source, process: stream.process, role: role, events: events)
                if let child = stream.childPid { session.children = ["pppd[\(child)]"] }
                sessions.append(session)
            }
        }
        let kinds = ["pppd", "pptpd", "pptp", "RasClient"].filter(programs.contains)
        let format =
            syslog
            ? "syslog (\(kinds.joined(separator: ", ")))"
            : kinds == ["pppd"] ? "pppd logfile" : kinds.joined(separator: ", ")
        return LogFile(
            path: path, format: format, sessions: Self.mergingClientHelpers(sessions), lines: lineCount,
            uninterpretedLines: uninterpreted, unrelatedLines: unrelated)
    }
}
