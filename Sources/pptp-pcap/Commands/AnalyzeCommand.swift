import ArgumentParser
import PPTPAnalysis
import PPTPDiagnosis
import PPTPLogs
import PPTPPcapIO
import PPTPReporting
import PPTPScan
import PPTPSessions

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Diagnose every PPTP session in a capture: outcome, failed stage, probable Windows error, evidence, fix.",
        discussion: """
            The text report is for a terminal or a ticket; --format json follows the versioned schema in \
            Schemas/report.schema.json. PAP passwords and MS-CHAP challenge/response values never appear in a report.
            Several files are captures of the same traffic taken at different points of the path at the same time \
            (client, gateway, server): the report matches each session across them, through NAT too, aligns their \
            clocks, places each point on the path and names the segment where packets stopped.
            Exit codes: 0 no session failed, 1 warnings (damaged input), 2 unreadable, 3 a session failed.
            """)

    func validate() throws {
        if files.isEmpty, logs.isEmpty { throw ValidationError("give at least one capture file (or --log files)") }
        if evidence != nil, files.count > 1, !merge {
            throw ValidationError("--evidence works on one capture (or with --merge)")
        }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown, html }

    @Argument(
        help: ArgumentHelp(
            "One pcap or pcapng capture file, or several taken at different points of the same path at the same time (see --merge).",
            valueName: "file"),
        completion: .file())
    var files: [String] = []

    @Flag(
        help:
            "Read several files as one capture split in pieces (a ring buffer's files, given in time order) instead of views from different points."
    )
    var merge = false

    @Option(
        help:
            "Report format: text (terminal, ticket), json (Schemas/report.schema.json), markdown (ticket systems and forges) or html (one self-contained file with a ladder diagram)."
    )
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.", completion: .file())
    var output: String?

    @Option(help: "A libpcap (BPF) filter applied while reading, e.g. 'tcp port 1723 or proto 47'.")
    var filter: String?

    @Flag(help: "Replace IP and MAC addresses, user names and host names with stable pseudonyms (report and evidence).")
    var redact = false

    @Option(
        name: .customLong("log"),
        help: ArgumentHelp(
            "A log written beside the capture: pppd (debug) or pptpd/pptp syslog, journald output, Windows RasClient/RemoteAccess events (XML, CSV or text). Repeat for several; recognised by content.",
            valueName: "file"),
        completion: .file())
    var logs: [String] = []

    @Flag(help: "No progress line on the terminal while a large capture is read.")
    var noProgress = false

    @Option(
        help: "Write the packets of the failed sessions (control stream, GRE, ICMP errors about them) to this pcap file.",
        completion: .file())
    var evidence: String?

    func run() throws {
        let logFiles = readLogs()
        if files.count > 1, !merge { return try runMultiPoint(logs: logFiles) }
        if files.isEmpty { return try runLogsAlone(logFiles) }
        var options = Analyzer.Options(filter: filter, redact: redact)
        options.logs = logFiles
        let progress = !noProgress && ScanConsole.progressWanted ? ProgressLine() : nil
        if let progress { options.progress = { progress.update($0) } }
        var stream: ReportStream
        do {
            stream =
                files.count == 1
                ? try Analyzer.stream(path: files[0], options: options)
                : try Analyzer.stream(paths: files, options: options)
        } catch {
            progress?.finish()
            Output.error("pptp-pcap: \(error)")
            throw ExitCode(ExitStatus.unreadable)
        }
        progress?.finish()
        var evidenceSelection = EvidenceSelection()
        let wantsEvidence = evidence != nil
        if format == .json {
            // The format of batch jobs over big captures: each session is written as soon as it is diagnosed and
            // then dropped, so memory stays flat however long the capture.
            let written = Output.stream(to: output) { sink in
                JSONRenderer.write(
                    frame: stream.frame,
                    sessions: { emit in
                        while let d = stream.next() {
                            if wantsEvidence { evidenceSelection.note(d.session, d.verdict) }
                            emit(d.report)
                        }
                        return stream.summary
                    }, to: sink)
                [UInt8(0x0A)].withUnsafeBytes(sink)
            }
            guard written else {
                Output.error("pptp-pcap: cannot write the report to \(output ?? "standard output")")
                throw ExitCode(ExitStatus.unreadable)
            }
        } else {
            // Text, Markdown and HTML open with the counts of every session: each session's part is rendered as
            // it is diagnosed and waits in a temporary file until the counts are known.
            var document = DocumentWriter(format: documentFormat)
            while let d = stream.next() {
                if wantsEvidence { evidenceSelection.note(d.session, d.verdict) }
                document.add(d.report, of: stream.frame)
            }
            var report = stream.frame
            report.summary = stream.summary
            var complete = true
            let written = Output.stream(to: output) { sink in complete = document.finish(report, to: sink) }
            guard written, complete else {
                Output.error(
                    "pptp-pcap: cannot write the report to \(output ?? "standard output")"
                        + (complete ? "" : ": the temporary file holding its sessions could not be read back"))
                throw ExitCode(ExitStatus.unreadable)
            }
        }
        if stream.sessionsLost > 0 {
            Output.error(
                "pptp-pcap: \(stream.sessionsLost) sessions could not be read back from the temporary file and are missing from the report"
            )
        }
        try writeEvidence(evidenceSelection.flows, pseudonyms: stream.pseudonyms)
        try finish(summary: stream.summary, stats: stream.stats, readError: stream.readError)
    }

    /// Every `--log` file that can be read; one that cannot is named on stderr and the others still count.
    func readLogs() -> [LogFile] {
        var read: [LogFile] = []
        for path in logs {
            do {
                let file = try LogReader.read(path: path)
                for note in file.notes { Output.error("pptp-pcap: warning: \(path): \(note)") }
                read.append(file)
            } catch {
                Output.error("pptp-pcap: \(error); analysed without it")
            }
        }
        return read
    }

    /// `analyze --log FILE` with no capture: what the logs alone say, session by session.
    func runLogsAlone(_ files: [LogFile]) throws {
        guard !files.isEmpty else { throw ExitCode(ExitStatus.unreadable) }
        let report = LogOnlyReport.build(files, redact: redact, toolVersion: Analyzer.version)
        let rendered: String
        switch format {
        case .json: rendered = JSONRenderer.encode(report) + "\n"
        case .text, .markdown, .html: rendered = LogOnlyText.render(report)
        }
        guard Output.deliver(rendered, to: output) else {
            Output.error("pptp-pcap: cannot write the report to \(output ?? "standard output")")
            throw ExitCode(ExitStatus.unreadable)
        }
        if report.sessions.contains(where: { $0.outcome == .failed }) { throw ExitCode(ExitStatus.sessionFailed) }
    }

    func writeEvidence(_ flows: [SessionFlows], pseudonyms: Pseudonyms?) throws {
        guard let evidence else { return }
        do {
            let n = try EvidenceWriter.write(from: files, filter: filter, flows: flows, to: evidence, pseudonyms: pseudonyms)
            Output.error("pptp-pcap: wrote \(n) packets to \(evidence)")
        } catch {
            Output.error("pptp-pcap: \(error)")
            throw ExitCode(ExitStatus.unreadable)
        }
    }

    /// The exit status: a failed session, else damaged input, else success.
    func finish(summary: Report.Summary, stats: CaptureStats, readError: CaptureError?) throws {
        if let e = readError { Output.error("pptp-pcap: warning: \(e)") }
        if summary.failed > 0 { throw ExitCode(ExitStatus.sessionFailed) }
        if readError != nil || stats.malformedPackets > 0 { throw ExitCode(ExitStatus.warnings) }
    }

    /// Several files, one per point of the path; the logs join the sessions of the path.
    func runMultiPoint(logs: [LogFile]) throws {
        let result: MultiPointAnalyzer.Result
        var options = Analyzer.Options(filter: filter, redact: redact)
        options.logs = logs
        do {
            result = try MultiPointAnalyzer.analyze(paths: files, options: options)
        } catch {
            Output.error("pptp-pcap: \(error)")
            throw ExitCode(ExitStatus.unreadable)
        }
        try write(result.report)
        for (point, e) in result.skipped { Output.error("pptp-pcap: \(point): \(e); analysed without it") }
        for (point, e) in result.readErrors { Output.error("pptp-pcap: warning: \(point): \(e)") }
        if result.report.summary.failed > 0 { throw ExitCode(ExitStatus.sessionFailed) }
        if !result.readErrors.isEmpty || !result.skipped.isEmpty
            || result.perPoint.contains(where: { $0.report.capture.malformedPackets > 0 })
        {
            throw ExitCode(ExitStatus.warnings)
        }
    }

    /// The document format of `--format` (not JSON, which streams on its own).
    var documentFormat: DocumentWriter.Format {
        switch format {
        case .markdown: .markdown
        case .html: .html
        default: .text(color: output == nil && Output.useColor)
        }
    }

    func write(_ report: Report) throws {
        let rendered: String
        switch format {
        case .text: rendered = TextRenderer(color: output == nil && Output.useColor).render(report)
        case .json where output == nil:
            // Streamed: the JSON of a large capture is never held whole.
            JSONRenderer.write(report, to: Output.write(bytes:))
            rendered = "\n"
        case .json: rendered = JSONRenderer.render(report) + "\n"
        case .markdown: rendered = MarkdownRenderer.render(report)
        case .html: rendered = HTMLRenderer.render(report)
        }
        guard Output.deliver(rendered, to: output) else {
            Output.error("pptp-pcap: cannot write the report to \(output ?? "standard output")")
            throw ExitCode(ExitStatus.unreadable)
        }
    }
}
