import PPTPDiagnosis
import PPTPSessions

/// The report as GitHub/GitLab-flavoured Markdown, for pasting into a ticket or a forge issue: per session the
/// verdict first (outcome, failed stage, probable codes, what happened, why, fixes by where they are made), then
/// the other findings and a timeline table; the capture summary and its warnings close the report.
///
/// Every string taken from the report is escaped (`escape`), so nothing a capture holds — a host name, a CHAP
/// name, an MS-CHAP message — can open a link, an image, raw HTML, a table cell or a heading. Only the rules'
/// own fix texts keep their `code spans` (`codeAware`), with their contents made inert.
public enum MarkdownRenderer {
    public static func render(_ report: Report, timelineLimit: Int = 200) -> String {
        var out = head(report)
        for session in report.sessions { out += section(session, of: report, timelineLimit: timelineLimit) }
        return out + tail(report)
    }

    /// The report's parts in order, for writing it a session at a time (see `TextRenderer.head`).
    public static func head(_ report: Report) -> String {
        var out: [String] = []
        let e = escape
        if let path = report.path {
            out.append("# PPTP diagnosis: \(path.points.count) capture points")
            out.append("")
            out.append(
                "Captured at the same time at "
                    + PathText.ordered(path)
                    .map { "**\($0.name)** (\(e($0.role)), \(e($0.capture.file)))" }.joined(separator: ", ")
                    + ", nearest the client first.")
        } else {
            out.append("# PPTP diagnosis: \(e(report.capture.file))")
        }
        out.append("")
        let s = report.summary
        if let none = report.summary.noPPTPSession {
            out.append("**No PPTP session.** \(e(none))")
        } else {
            let verdict =
                s.failed > 0
                ? "**\(s.failed) of \(s.sessions) PPTP \(s.sessions == 1 ? "session" : "sessions") failed**"
                : s.incomplete > 0
                    ? "**\(s.incomplete) of \(s.sessions) PPTP \(s.sessions == 1 ? "session" : "sessions") incomplete**"
                    : "**\(s.sessions == 1 ? "The PPTP session" : "All \(s.sessions) PPTP sessions") succeeded**"
            out.append(
                "\(verdict) (\(s.success) success, \(s.failed) failed, \(s.incomplete) incomplete)"
                    + (report.warnings.isEmpty
                        ? "." : "; the capture has \(count(report.warnings.count, "warning")) (see the end)."))
        }
        return out.joined(separator: "\n")
    }

    public static func section(_ session: SessionReport, of report: Report, timelineLimit: Int = 200) -> String {
        let lanes = report.path.map(PathText.ordered) ?? []
        return "\n\n" + self.session(session, timelineLimit: timelineLimit, lanes: lanes).joined(separator: "\n")
    }

    public static func tail(_ report: Report) -> String {
        var out: [String] = [""]
        if let path = report.path {
            out += points(path)
            out.append("")
        }
        out += capture(report)
        return "\n" + out.joined(separator: "\n") + "\n"
    }

    // MARK: Sections

    static func session(_ s: SessionReport, timelineLimit: Int, lanes: [PointReport] = []) -> [String] {
        let e = escape
        var out: [String] = []
        let outcome: String
        switch s.outcome {
        case .failed: outcome = "FAILED" + (s.failureStage.map { " at \(e($0.rawValue))" } ?? "")
        case .success: outcome = "SUCCESS"
        case .incomplete: outcome = "INCOMPLETE"
        }
        out.append("## Session \(s.id): \(outcome)")
        out.append("")
        out.append("**\(e(s.headline))**")
        out.append("")
        var facts: [String] = []
        var outcomeLine = "- **Outcome:** \(e(s.outcome.rawValue))"
        if let stage = s.failureStage { outcomeLine += ", failed stage **\(e(stage.rawValue))**" }
        if let last = s.lastStageCompleted { outcomeLine += " (last stage completed: \(e(last.rawValue)))" }
        facts.append(outcomeLine)
        let primary = s.findings.first { $0.severity == .failure }
        if !s.probableErrorCodes.isEmpty {
            var line =
                "- **Probable Windows error:** "
                + s.probableErrorCodes.map { code in
                    let (sentence, note) = CodeText.parts(code, after: s.probableErrorCodes[0])
                    return "**Error \(code)**" + (sentence.map { " \"\(e($0))\"" } ?? "") + (note.map { " (\(e($0)))" } ?? "")
                }.joined(separator: "; or ")
            if let confidence = s.confidence ?? primary?.confidence { line += " (\(e(confidence.rawValue)) confidence)" }
            if let notes = primary?.codeNotes { line += " — \(e(notes))" }
            facts.append(line)
        } else if s.outcome == .failed {
            facts.append(
                "- **Probable Windows error:** none applies"
                    + (s.confidence.map { " (\(e($0.rawValue)) confidence in the verdict)" } ?? ""))
        }
        facts.append("- **Client → server:** \(e(s.client)) → \(e(s.server))")
        facts.append("- **Capture point:** \(e(s.capturePointReason))")
        if let primary, !primary.packets.isEmpty {
            facts.append("- **Evidence:** " + packetList(primary.packets))
        }
        for l in primary?.logLines ?? [] {
            facts.append("- **Evidence:** \(e(l.file)) line \(l.line): \(e(l.text ?? ""))")
        }
        for l in s.logs ?? [] {
            facts.append("- **Log:** \(e(l.lane)) — \(e(l.file)), matched by \(e(l.matchedBy)); \(e(l.clock))")
        }
        for (i, call) in s.calls.enumerated() {
            facts.append(
                "- **Call \(i + 1):** client call ID \(call.clientCallID.map(String.init) ?? "?"), "
                    + "server call ID \(call.serverCallID.map(String.init) ?? "?"); GRE client → server "
                    + "\(call.greFromClient.packets) (\(call.greFromClient.dataPackets) data), server → client "
                    + "\(call.greFromServer.packets) (\(call.greFromServer.dataPackets) data)")
        }
        facts.append("- **Packets:** \(s.firstPacket) to \(s.lastPacket) (\(s.packetCount) in this session)")
        out += facts
        if let primary {
            out.append("")
            out.append("**What happened:** \(e(primary.message))")
            out.append("")
            out.append("**Why:** \(codeAware(primary.explanation))")
            out += fixes(primary.fixes)
        }
        if let gap = s.captureGap {
            out.append("")
            out.append("**Missing:** \(e(gap.message))")
            out.append("")
            out.append("**Why it matters:** \(codeAware(gap.explanation))")
            out += fixes(gap.fixes, verb: "Capture again / look next")
        }
        if let path = s.path { out += self.path(path) }
        let others = s.findings.filter { $0.rule != primary?.rule && !$0.isSecurity }
        let security = s.findings.filter(\.isSecurity)
        // What the session exposes comes after the verdict and the other findings, never before.
        for (heading, list) in [("Other findings", others), ("Security", security)] where !list.isEmpty {
            out.append("")
            out.append("### \(heading)")
            out.append("")
            for f in list {
                var line = "- **\(e(f.severity.rawValue))** \(e(f.rule))"
                if !f.errorCodes.isEmpty { line += " (codes " + f.errorCodes.map(String.init).joined(separator: ", ") + ")" }
                line += ": \(e(f.message))"
                if !f.packets.isEmpty { line += " (" + packetList(f.packets) + ")" }
                out.append(line)
            }
        }
        out.append("")
        out.append("### Timeline")
        out.append("")
        if s.timeline.isEmpty {
            out.append("No timeline entries.")
            return out
        }
        let seenColumn = lanes.isEmpty ? "" : " seen at (" + lanes.map(\.name).joined(separator: " ") + ") |"
        out.append("| time | packet | stage | direction | what |" + seenColumn)
        out.append("|---:|---:|---|---|---|" + (lanes.isEmpty ? "" : "---|"))
        let shown = s.timeline.prefix(max(0, timelineLimit))
        for t in shown {
            let direction: String
            switch t.from {
            case .client: direction = "client → server"
            case .server: direction = "server → client"
            case nil: direction = t.log.map { e("[\($0.lane)]") } ?? (t.kind == .icmp ? "from the path" : "")
            }
            let seen = lanes.isEmpty ? "" : " `\(PathText.lanes(t, lanes))` |"
            let time = (t.log?.approximate == true ? "≈" : "") + TextRenderer().seconds(t.time)
            let packet = t.log == nil ? e(PathText.packet(t)) : "log"
            let source = t.log.map { " (\(e($0.file)):\($0.line))" } ?? ""
            out.append(
                "| \(time) | \(packet) | \(e(t.stage.rawValue)) | \(direction) | "
                    + "\(e(t.text))\(source) |" + seen)
        }
        if s.timeline.count > shown.count {
            out.append("")
            out.append(
                "*… \(count(s.timeline.count - shown.count, "more entry", plural: "more entries")) (see the JSON report).*")
        }
        return out
    }

    /// Where the session was seen and how each kind of traffic passed each segment.
    static func path(_ p: SessionPathReport) -> [String] {
        let e = escape
        var out = ["", "### Path", ""]
        out.append(
            "Seen at " + p.seenAt.map { e(PathText.seenAt($0)) }.joined(separator: ", ")
                + "; reported from **\(e(p.reportedFrom))** (packet numbers are \(e(p.reportedFrom))'s unless "
                + "marked `X#n`). Matched by: \(e(p.matchedBy)).")
        guard !p.segments.isEmpty else { return out }
        out += ["", "| traffic | segment | passed | lost | lost packets |", "|---|---|---:|---:|---|"]
        for s in p.segments {
            let lost =
                s.firstLostPacket.map { first in
                    "\(e(s.upstream))#\(first)" + (s.lastLostPacket.map { $0 == first ? "" : " … \(e(s.upstream))#\($0)" } ?? "")
                } ?? ""
            out.append(
                "| \(e(PathText.flowName(s))) | \(e(s.upstream)) → \(e(s.downstream)) | \(s.passed) | "
                    + (s.lost > 0 ? "**\(s.lost)**" : "0") + " | \(lost) |")
        }
        for (point, missed) in p.captureMisses.sorted(by: { $0.key < $1.key }) {
            out.append("")
            out.append("The capture at \(e(point)) missed \(missed) packets that passed it.")
        }
        return out
    }

    /// The capture points, nearest the client first.
    static func points(_ path: PathReport) -> [String] {
        let e = escape
        var out = [
            "## Capture points", "", "| point | role | file | packets | clock vs A | where, and why |",
            "|---|---|---|---:|---:|---|",
        ]
        for p in PathText.ordered(path) {
            out.append(
                "| **\(e(p.name))** | \(e(p.role)) | \(e(p.capture.file)) | \(p.capture.packets) | "
                    + "\(PathText.clock(p)) | \(e(p.roleReason)); clock \(e(p.clockOffsetReason)) |")
        }
        return out
    }

    static func fixes(_ f: FixesReport, verb: String = "Fix") -> [String] {
        var out: [String] = []
        for (title, items) in [
            ("\(verb) on the Windows client", f.windowsClient),
            ("\(verb) on the Linux pptpd/pppd server", f.linuxServer),
            ("\(verb) in the network", f.network),
        ] where !items.isEmpty {
            out.append("")
            out.append("**\(title):**")
            out.append("")
            for item in items { out.append("- \(codeAware(item))") }
        }
        return out
    }

    static func capture(_ r: Report) -> [String] {
        let e = escape
        let c = r.capture
        var out = ["## Capture", ""]
        out.append("- **File:** \(e(c.file))")
        out.append("- **Format:** \(e(c.format)), \(e(c.linkTypeName)) (link type \(c.linkType))")
        var packets = "- **Packets:** \(c.packets) over \(TextRenderer().seconds(c.durationSeconds))"
        if let start = c.start { packets += ", from \(e(start))" + (c.end.map { " to \(e($0))" } ?? "") }
        out.append(packets)
        if r.hasSessions { out.append("- **Taken at:** \(e(TextRenderer().pointText(c.capturePoint)))") }
        var counts: [String] = []
        if c.pptpControlPackets > 0 { counts.append("\(c.pptpControlPackets) PPTP control (TCP 1723)") }
        if c.enhancedGREPackets > 0 { counts.append("\(c.enhancedGREPackets) enhanced GRE") }
        if c.greVersion0Packets > 0 { counts.append("\(c.greVersion0Packets) GRE version 0") }
        if c.pppLinkPackets > 0 { counts.append("\(c.pppLinkPackets) PPP on the link") }
        if c.pppoePackets > 0 { counts.append("\(c.pppoePackets) PPPoE") }
        if c.icmpErrors > 0 { counts.append("\(c.icmpErrors) ICMP errors") }
        if c.malformedPackets > 0 { counts.append("\(c.malformedPackets) malformed") }
        if c.truncatedBySnaplen > 0 { counts.append("\(c.truncatedBySnaplen) cut short by the snapshot length") }
        if !counts.isEmpty { out.append("- **Seen:** " + counts.joined(separator: ", ")) }
        out.append("- **Analysed by:** \(e(r.tool.name)) \(e(r.tool.version))")
        out.append("")
        out.append("### Warnings")
        out.append("")
        if r.warnings.isEmpty {
            out.append("None.")
        }
        for w in r.warnings {
            var line = "- \(e(w.message))"
            if let p = w.packet { line += " (packet \(p)" + (w.byteOffset.map { ", byte offset \($0)" } ?? "") + ")" }
            line += " — \(e(w.code))"
            out.append(line)
        }
        return out
    }

    static func packetList(_ packets: [Int]) -> String {
        (packets.count == 1 ? "packet " : "packets ") + packets.map(String.init).joined(separator: ", ")
    }

    static func count(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    // MARK: Escaping

    /// Characters that Markdown (CommonMark, GFM, GitHub, GitLab) may read as syntax anywhere in a line:
    /// emphasis, code, links and images, autolinks and raw HTML, headings, table cells, strikethrough,
    /// entities, math.
    static let syntax: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "&", "$", "@"]

    /// `s` as inert Markdown text: every syntax character backslash-escaped, the `:` of `scheme://` and the `.`
    /// of `www.` escaped so no autolink forms, and control or invisible formatting characters (C0, DEL, C1,
    /// bidi overrides …) shown as `\xNN` of their UTF-8 bytes.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        let scalars = Array(s.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            if HTMLEscaped.isHidden(scalar) {
                // `\xNN` with its backslash escaped, so it shows as written.
                for ch in HTMLEscaped.visibleBytes(scalar) { out += ch == "\\" ? "\\\\" : String(ch) }
            } else if syntax.contains(scalar) {
                out += "\\"
                out.unicodeScalars.append(scalar)
            } else if scalar == ":", i + 2 < scalars.count, scalars[i + 1] == "/", scalars[i + 2] == "/" {
                out += "\\:"
            } else if scalar == ".", i >= 3, scalars[(i - 3)..<i].map({ Character($0).lowercased() }).joined() == "www" {
                out += "\\."
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Rule-authored text (fixes, explanations; never inside a table): `code spans` stay code spans, with hidden
    /// characters made visible (nothing else is syntax inside a span); everything else is escaped like capture
    /// text.
    static func codeAware(_ s: String) -> String {
        let parts = s.split(separator: "`", omittingEmptySubsequences: false)
        // An unpaired backtick: no code spans at all.
        guard parts.count % 2 == 1 else { return escape(s) }
        var out = ""
        for (i, part) in parts.enumerated() {
            if i % 2 == 0 {
                out += escape(String(part))
            } else {
                var code = ""
                for scalar in part.unicodeScalars {
                    if HTMLEscaped.isHidden(scalar) {
                        code += HTMLEscaped.visibleBytes(scalar)
                    } else {
                        code.unicodeScalars.append(scalar)
                    }
                }
                out += code.isEmpty ? "" : "`" + code + "`"
            }
        }
        return out
    }
}
