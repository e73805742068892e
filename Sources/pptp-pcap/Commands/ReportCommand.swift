import ArgumentParser
import Foundation
import PPTPDiagnosis
import PPTPReporting
import PPTPScan

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise a scan catalog, filtered; or re-render one stored session's full report.",
        discussion: """
            Without --session: the summary table (files, sessions, outcomes, failures by stage and by probable \
            error code, the files that could not be read) of the sessions the filters select, then the sessions \
            themselves, failed ones first, each with its FILE#ID reference. --format json gives the same as JSON.

            With --session FILE#ID (FILE: the catalog's file id, a path or a unique part of one; ID: the session id \
            in that file's report): that session's full report, re-rendered from the report JSON stored in the \
            catalog, in any report format.

            Exit codes: 0 shown, 2 no such file or session in the catalog, 4 the catalog could not be opened or read.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown, html }

    @Option(help: "The SQLite catalog written by `pptp-pcap scan`.", completion: .file())
    var db = "pptp-pcap-catalog.sqlite"

    @Option(help: "Only sessions that failed at this stage (\(Stage.allCases.map(\.rawValue).joined(separator: ", "))).")
    var stage: String?

    @Option(help: "Only sessions with this Windows error code among their probable codes.")
    var code: Int?

    @Option(
        help: "Only sessions that started at or after this time: YYYY-MM-DD or an ISO 8601 time (UTC unless it says otherwise).")
    var since: String?

    @Option(help: "Only files whose path contains this text.")
    var file: String?

    @Flag(
        help:
            "The security audit: authentication failures per source and server (password guessing), a success after them, and the servers still accepting PPTP with the weakest method each accepted."
    )
    var security = false

    @Option(help: "--security: failures from one source within --window-minutes that count as guessing.")
    var failures = 5

    @Option(help: "--security: the window for --failures, in minutes.")
    var windowMinutes = 10.0

    @Option(help: "Show one session's full report: FILE#ID, e.g. 12#1 (see the session list).")
    var session: String?

    @Option(help: "text or json for the summary; text, json, markdown or html for --session.")
    var format: Format = .text

    @Option(help: "How many sessions the summary lists (0: none).")
    var limit = 50

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.", completion: .file())
    var output: String?

    func validate() throws {
        if let stage, Stage(rawValue: stage) == nil {
            throw ValidationError("Unknown stage '\(stage)'. Stages: \(Stage.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if let since, ISODate.parse(since) == nil {
            throw ValidationError("--since takes a date (2024-05-01) or an ISO 8601 time (2024-05-01T12:00:00Z).")
        }
        if session == nil, format == .markdown || format == .html {
            throw ValidationError("--format \(format.rawValue) renders one session's report: add --session FILE#ID.")
        }
        if limit < 0 { throw ValidationError("--limit must be 0 or more.") }
        if let session, Self.parseReference(session) == nil {
            throw ValidationError("--session takes FILE#ID, e.g. 12#1.")
        }
    }

    static func parseReference(_ text: String) -> (file: String, id: Int)? {
        guard let hash = text.lastIndex(of: "#") else { return nil }
        let file = String(text[..<hash])
        guard !file.isEmpty, let id = Int(text[text.index(after: hash)...]) else { return nil }
        return (file, id)
    }

    func run() throws {
        let catalog: ScanCatalog
        do { catalog = try ScanCatalog.openReadOnly(path: db) } catch {
            Output.error("pptp-pcap: \(error)")
            throw ExitCode(ExitStatus.catalogFailed)
        }
        let rendered: String
        do {
            if security {
                let audit = SecurityAudit.audit(
                    try catalog.allSessions(), thresholds: .init(failures: failures, windowMinutes: windowMinutes))
                rendered = format == .json ? JSONRenderer.encode(audit) + "\n" : audit.text()
            } else if let session, let ref = Self.parseReference(session) {
                rendered = try renderSession(catalog, file: ref.file, id: ref.id)
            } else {
                rendered = try renderSummary(catalog)
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            Output.error("pptp-pcap: cannot read the catalog \(db): \(error)")
            throw ExitCode(ExitStatus.catalogFailed)
        }
        guard Output.deliver(rendered, to: output) else {
            Output.error("pptp-pcap: cannot write \(output ?? "standard output")")
            throw ExitCode(ExitStatus.unreadable)
        }
    }

    private var filter: CatalogFilter {
        CatalogFilter(stage: stage, code: code, since: since.flatMap(ISODate.parse), fileSubstring: file)
    }

    private func renderSession(_ catalog: ScanCatalog, file: String, id: Int) throws -> String {
        guard let row = try catalog.resolveFile(file), let fileID = row.id else {
            Output.error(
                "pptp-pcap: no file '\(file)' in \(db) (give its id from the session list, its path, or a unique part of it)")
            throw ExitCode(ExitStatus.unreadable)
        }
        guard let json = try catalog.reportJSON(fileID: fileID), var report = SessionRows.decodeReport(json) else {
            Output.error(
                "pptp-pcap: \(db) holds no report for \(row.path) (status \(row.status.rawValue)\(row.error.map { ": \($0)" } ?? ""))"
            )
            throw ExitCode(ExitStatus.unreadable)
        }
        guard let one = report.sessions.first(where: { $0.id == id }) else {
            let ids = report.sessions.map { String($0.id) }.joined(separator: ", ")
            Output.error("pptp-pcap: \(row.path) has no session \(id) (its sessions: \(ids.isEmpty ? "none" : ids))")
            throw ExitCode(ExitStatus.unreadable)
        }
        report.sessions = [one]
        report.summary.sessions = 1
        report.summary.success = one.outcome == .success ? 1 : 0
        report.summary.failed = one.outcome == .failed ? 1 : 0
        report.summary.incomplete = one.outcome == .incomplete ? 1 : 0
        switch format {
        case .text: return TextRenderer(color: output == nil && Output.useColor).render(report)
        case .json: return JSONRenderer.render(report) + "\n"
        case .markdown: return MarkdownRenderer.render(report)
        case .html: return HTMLRenderer.render(report)
        }
    }

    private struct JSONSummary: Encodable {
        var catalog: String
        var filter: [String: String]
        var summary: CatalogSummary
        var sessions: [Listed]
    }

    private struct Listed: Encodable {
        var session: String
        var file: String
        var start: String?
        var outcome: String
        var failureStage: String?
        var errorCodes: [Int]
        var headline: String
    }

    private func renderSummary(_ catalog: ScanCatalog) throws -> String {
        let filter = self.filter
        let summary = try catalog.summary(filter)
        let listed = limit > 0 ? try catalog.sessions(filter, limit: limit) : []
        var described: [String: String] = [:]
        if let stage { described["stage"] = stage }
        if let code { described["code"] = String(code) }
        if let since { described["since"] = since }
        if let file { described["file"] = file }
        if format == .json {
            let doc = JSONSummary(
                catalog: db, filter: described, summary: summary,
                sessions: listed.map {
                    Listed(
                        session: $0.reference, file: $0.path, start: $0.session.startIso, outcome: $0.session.outcome,
                        failureStage: $0.session.failureStage, errorCodes: SessionRows.codes($0.session),
                        headline: $0.session.headline)
                })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(doc)
            return (String(data: data, encoding: .utf8) ?? "{}") + "\n"
        }
        var title = "Catalog \(db)"
        if !described.isEmpty {
            title += " — " + described.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        var text = SummaryTable.render(summary, title: SummaryTable.clean(title))
        if !listed.isEmpty {
            text +=
                "\nSessions (\(listed.count < summary.sessions ? "first \(listed.count) of \(summary.sessions)" : "\(listed.count)"); "
                + "pptp-pcap report --db \(db) --session FILE#ID shows one)\n"
            let rows = listed.map { l -> [String] in
                let s = l.session
                let codes = SessionRows.codes(s).map(String.init).joined(separator: " ")
                return [
                    l.reference, s.outcome, s.failureStage ?? "-", codes.isEmpty ? "-" : codes, s.startIso ?? "-",
                    SummaryTable.clean(l.path), SummaryTable.clean(s.headline),
                ]
            }
            let headers = ["session", "outcome", "stage", "codes", "start", "file", "headline"]
            var widths = headers.map(\.count)
            for r in rows { for (i, c) in r.enumerated() where i < 5 { widths[i] = max(widths[i], c.count) } }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { i, c in i < 5 ? c + String(repeating: " ", count: widths[i] - c.count) : c }
                    .joined(separator: "  ")
            }
            text += "  " + line(headers) + "\n"
            for r in rows { text += "  " + line(r) + "\n" }
        }
        return text
    }
}
