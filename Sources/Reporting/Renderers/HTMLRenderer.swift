import PPTPDiagnosis
import PPTPSessions

/// The report as one self-contained HTML5 page: inline `<style>` only — no script, font, image or stylesheet
/// is fetched, and a Content-Security-Policy forbids the page to load anything at all. It reads on a phone
/// (viewport meta, one column below 640 px, wide parts scroll sideways) and prints on A4 (`@media print`).
///
/// Per session the verdict comes first — a red, green or amber banner with the outcome and failed stage, the
/// probable Windows error and its confidence, what happened, why, and the fixes by where they are made — then
/// the ladder diagram (`LadderSVG`), the timeline table and the other findings. The capture summary and its
/// warnings close the page. Every string from the report goes through `HTMLEscaped`, in text and attributes.
public enum HTMLRenderer {
    public static func render(_ report: Report, timelineLimit: Int = 1000) -> String {
        var out = head(report)
        if report.sessions.count > 1 {
            out += overviewHead()
            for session in report.sessions { out += overviewItem(session) }
            out += overviewTail()
        }
        for session in report.sessions { out += section(session, of: report, timelineLimit: timelineLimit) }
        return out + tail(report)
    }

    /// The page's parts in order, for writing it a session at a time (see `TextRenderer.head`): `head`, then, when
    /// there is more than one session, the overview (`overviewHead`, an `overviewItem` per session,
    /// `overviewTail`), a `section` per session, `tail`. Each part ends with its newline.
    public static func head(_ report: Report) -> String {
        var out: [String] = []
        let c = report.capture
        let s = report.summary
        let overall: String
        if report.summary.noPPTPSession != nil {
            overall = "No PPTP session"
        } else if s.failed > 0 {
            overall = "FAILED"
        } else if s.incomplete > 0 {
            overall = "INCOMPLETE"
        } else {
            overall = "SUCCESS"
        }
        out.append("<!DOCTYPE html>")
        out.append("<html lang=\"en\">")
        out.append("<head>")
        out.append("<meta charset=\"utf-8\">")
        out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        out.append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                + "base-uri 'none'; form-action 'none'\">")
        out.append("<meta name=\"referrer\" content=\"no-referrer\">")
        out.append("<meta name=\"generator\" content=\"\(h(report.tool.name)) \(h(report.tool.version))\">")
        out.append("<title>\(h(overall)) — \(h(c.file)) — PPTP diagnosis</title>")
        out.append("<style>\n\(stylesheet)</style>")
        out.append("</head>")
        out.append("<body>")
        out += top(report)
        out.append("<main>")
        if let none = s.noPPTPSession {
            out.append("<section class=\"session\">")
            out.append(
                "<div class=\"banner none\"><p class=\"kicker\">No session to judge</p>"
                    + "<h2>No PPTP session found</h2><p class=\"headline\">\(h(none))</p></div>")
            out.append("</section>")
        }
        return lines(out)
    }

    public static func section(_ session: SessionReport, of report: Report, timelineLimit: Int = 1000) -> String {
        lines(self.session(session, timelineLimit: timelineLimit, points: report.path?.points ?? []))
    }

    public static func tail(_ report: Report) -> String {
        var out: [String] = []
        if let path = report.path { out += self.points(path) }
        out += capture(report)
        out.append("</main>")
        out.append(
            "<footer><p>Made by \(h(report.tool.name)) \(h(report.tool.version)) from the capture file alone. "
                + "This page loads nothing from anywhere and runs no script; it can be attached to a ticket as it is."
                + "</p></footer>")
        out.append("</body>")
        out.append("</html>")
        return lines(out)
    }

    static func lines(_ out: [String]) -> String { out.isEmpty ? "" : out.joined(separator: "\n") + "\n" }

    static func h(_ s: String) -> String { HTMLEscaped.escape(s) }

    // MARK: Page top

    static func top(_ r: Report) -> [String] {
        let c = r.capture
        var facts = ["\(c.packets) packets over \(TextRenderer().seconds(c.durationSeconds))"]
        if let start = c.start { facts.append("from \(h(start))") }
        if r.hasSessions { facts.append("taken at \(h(TextRenderer().pointText(c.capturePoint)))") }
        if r.summary.noPPTPSession == nil {
            let n = r.summary.sessions
            facts.append(
                "\(n) PPTP \(n == 1 ? "session" : "sessions"): \(r.summary.success) success, "
                    + "\(r.summary.failed) failed, \(r.summary.incomplete) incomplete")
        }
        if let path = r.path {
            facts[0] =
                "captured at \(path.points.count) points: "
                + PathText.ordered(path).map { "\(h($0.name)) (\(h($0.role)))" }.joined(separator: ", ")
        }
        let title = r.path.map { PathText.ordered($0).map { h($0.capture.file) }.joined(separator: " · ") } ?? h(c.file)
        var out = [
            "<header class=\"top\">",
            "<p class=\"tool\">\(h(r.tool.name)) \(h(r.tool.version)) · PPTP VPN diagnosis</p>",
            "<h1>\(title)</h1>",
            "<p class=\"sub\">" + facts.joined(separator: " · ") + "</p>",
        ]
        if !r.warnings.isEmpty {
            let n = r.warnings.count
            out.append(
                "<p class=\"warn-note\"><span class=\"sev warning\">warning</span> The capture has \(n) "
                    + "\(n == 1 ? "warning" : "warnings") that may limit what it shows: <a href=\"#warnings\">see below</a>.</p>")
        }
        out.append("</header>")
        return out
    }

    public static func overviewHead() -> String {
        lines(["<nav class=\"overview\" aria-label=\"Sessions\">", "<h2>Sessions at a glance</h2>", "<ul>"])
    }

    public static func overviewItem(_ s: SessionReport) -> String {
        "<li><a href=\"#session-\(s.id)\"><span class=\"pill \(outcomeClass(s.outcome))\">"
            + "\(h(outcomeWord(s)))</span> Session \(s.id): \(h(s.client)) → \(h(s.server))</a>"
            + "<span class=\"overview-headline\">\(h(s.headline))</span></li>\n"
    }

    public static func overviewTail() -> String { lines(["</ul>", "</nav>"]) }

    // MARK: One session

    /// The CSS class is the outcome's name.
    static func outcomeClass(_ outcome: Outcome) -> String { outcome.rawValue }

    static func outcomeWord(_ s: SessionReport) -> String {
        switch s.outcome {
        case .failed: "FAILED"
        case .success: "SUCCESS"
        case .incomplete: "INCOMPLETE"
        }
    }

    static func session(_ s: SessionReport, timelineLimit: Int, points: [PointReport] = []) -> [String] {
        var out: [String] = []
        let primary = s.findings.first { $0.severity == .failure }
        out.append("<section class=\"session\" id=\"session-\(s.id)\">")
        // The verdict banner.
        var title = h(outcomeWord(s))
        if s.outcome == .failed, let stage = s.failureStage { title += " at <span class=\"stage\">\(h(stage.rawValue))</span>" }
        out.append("<div class=\"banner \(outcomeClass(s.outcome))\">")
        out.append("<p class=\"kicker\">Session \(s.id) · client \(h(s.client)) → server \(h(s.server))</p>")
        out.append("<h2>\(title)</h2>")
        out.append("<p class=\"headline\">\(h(s.headline))</p>")
        out.append("</div>")
        out.append("<div class=\"body\">")
        out += facts(s, primary)
        if let primary {
            out.append("<div class=\"explain\">")
            out.append("<p><strong>What happened.</strong> \(h(primary.message))</p>")
            out.append("<p><strong>Why.</strong> \(rich(primary.explanation))</p>")
            out.append("</div>")
            out += fixes(primary.fixes)
        }
        if let gap = s.captureGap {
            out.append("<div class=\"explain\">")
            out.append("<p><strong>Missing.</strong> \(h(gap.message))</p>")
            out.append("<p><strong>Why it matters.</strong> \(rich(gap.explanation))</p>")
            out.append("</div>")
            out += fixes(gap.fixes, heading: "Capture again / look next")
        }
        out.append("<p class=\"point\"><strong>Capture point:</strong> \(h(s.capturePointReason))</p>")
        for l in s.logs ?? [] {
            out.append(
                "<p class=\"point\"><strong>Log:</strong> \(h(l.lane)) — \(h(l.file)), matched by \(h(l.matchedBy)); "
                    + "\(h(l.clock))</p>")
        }
        if let path = s.path { out += self.path(path) }

        out.append("<h3>Ladder diagram</h3>")
        out.append("<figure class=\"ladder-figure\">")
        out.append("<div class=\"ladder-wrap\">")
        out.append(LadderSVG.render(s, points: points))
        out.append("</div>")
        out.append("<figcaption>" + legend(s) + "</figcaption>")
        out.append("</figure>")

        out += timeline(s, primary, limit: timelineLimit, lanes: points.sorted { $0.order < $1.order })

        let others = s.findings.filter { $0.rule != primary?.rule && !$0.isSecurity }
        out.append("<h3>Other findings</h3>")
        if others.isEmpty {
            out.append("<p class=\"none\">None.</p>")
        } else {
            out.append("<ul class=\"findings\">")
            out += others.map(findingItem)
            out.append("</ul>")
        }
        // What the session exposes: after the verdict and its evidence, never before them.
        let security = s.findings.filter(\.isSecurity)
        if !security.isEmpty {
            out.append("<h3>Security</h3>")
            out.append("<ul class=\"findings security\">")
            out += security.map(findingItem)
            out.append("</ul>")
        }
        if !s.calls.isEmpty { out += calls(s.calls) }
        out.append("</div>")
        out.append("</section>")
        return out
    }

    static func findingItem(_ f: FindingReport) -> String {
        var line =
            "<li><span class=\"sev \(severityClass(f.severity))\">\(h(f.severity.rawValue))</span> "
            + "<code>\(h(f.rule))</code>"
        if !f.errorCodes.isEmpty {
            line += " <span class=\"codes\">codes " + f.errorCodes.map(String.init).joined(separator: ", ") + "</span>"
        }
        line += "<div class=\"finding-text\">\(h(f.message))"
        if !f.packets.isEmpty { line += " <span class=\"packets\">(\(packetList(f.packets)))</span>" }
        line += "</div>"
        if !f.fixes.windowsClient.isEmpty || !f.fixes.linuxServer.isEmpty || !f.fixes.network.isEmpty {
            let all =
                f.fixes.windowsClient.map { ("Windows client", $0) }
                + f.fixes.linuxServer.map { ("Linux pptpd/pppd", $0) }
                + f.fixes.network.map { ("Network", $0) }
            line += "<ul class=\"minor-fixes\">" + all.map { "<li><em>\($0.0):</em> \(rich($0.1))</li>" }.joined() + "</ul>"
        }
        return line + "</li>"
    }

    static func facts(_ s: SessionReport, _ primary: FindingReport?) -> [String] {
        var out = ["<div class=\"facts\">"]
        if let first = s.probableErrorCodes.first {
            let also = s.probableErrorCodes.dropFirst().map { h(CodeText.name($0, after: first)) }.joined(separator: "; ")
            out.append(
                "<div class=\"fact code\"><span class=\"k\">Probable Windows error</span>"
                    + "<span class=\"v big\">\(first)</span><span class=\"also\">\(h(CodeText.name(first)))</span>"
                    + (also.isEmpty ? "" : "<span class=\"also\">or \(also)</span>") + "</div>")
        } else if s.outcome == .failed {
            out.append(
                "<div class=\"fact code\"><span class=\"k\">Probable Windows error</span>"
                    + "<span class=\"v\">none applies</span></div>")
        }
        if let confidence = s.confidence ?? primary?.confidence {
            out.append(
                "<div class=\"fact\"><span class=\"k\">Confidence</span><span class=\"v\">"
                    + "<span class=\"conf \(confidenceClass(confidence))\">\(h(confidence.rawValue))</span></span></div>")
        }
        if let stage = s.failureStage {
            out.append(
                "<div class=\"fact\"><span class=\"k\">Failed stage</span><span class=\"v\">\(h(stage.rawValue))</span>"
                    + (s.lastStageCompleted.map { "<span class=\"also\">last completed: \(h($0.rawValue))</span>" } ?? "")
                    + "</div>")
        } else if let last = s.lastStageCompleted {
            out.append(
                "<div class=\"fact\"><span class=\"k\">Last stage completed</span><span class=\"v\">\(h(last.rawValue))</span></div>"
            )
        }
        for l in primary?.logLines ?? [] {
            out.append(
                "<div class=\"fact\"><span class=\"k\">Log evidence</span><span class=\"v\">\(h(l.file)) line \(l.line)</span>"
                    + "<span class=\"also\">\(h(l.text ?? ""))</span></div>")
        }
        if let primary, !primary.packets.isEmpty {
            out.append(
                "<div class=\"fact\"><span class=\"k\">Evidence</span><span class=\"v\">"
                    + "\(packetList(primary.packets))</span></div>")
        } else {
            out.append(
                "<div class=\"fact\"><span class=\"k\">Packets</span><span class=\"v\">\(s.firstPacket)–\(s.lastPacket)"
                    + "</span><span class=\"also\">\(s.packetCount) in this session</span></div>")
        }
        out.append("</div>")
        if let notes = primary?.codeNotes {
            out.append("<p class=\"codenotes\">\(h(notes))</p>")
        }
        return out
    }

    static func fixes(_ f: FixesReport, heading: String = "What to change") -> [String] {
        let groups = [
            ("windows", "Windows client", f.windowsClient), ("linux", "Linux pptpd/pppd", f.linuxServer),
            ("network", "Network", f.network),
        ].filter { !$0.2.isEmpty }
        guard !groups.isEmpty else { return [] }
        var out = ["<h3>\(heading)</h3>", "<div class=\"fixes\">"]
        for (cls, title, items) in groups {
            out.append(
                "<div class=\"fix \(cls)\"><h4>\(title)</h4><ul>"
                    + items.map { "<li>\(rich($0))</li>" }.joined() + "</ul></div>")
        }
        out.append("</div>")
        return out
    }

    /// The legend lists only what this session's diagram draws.
    static func legend(_ s: SessionReport) -> String {
        let marks = LadderSVG.marks(s)
        let rows = LadderSVG.rows(s)
        var items = ["<span class=\"key arrow\"></span> message, sender → receiver"]
        if marks.failurePacket != nil {
            items.append("<span class=\"key evidence\"></span> evidence of the failure")
            items.append("<span class=\"key failure\">!</span> point of failure")
        }
        if marks.silentSide != nil { items.append("<span class=\"key unanswered\"></span> got no answer") }
        if rows.contains(where: { if case .band = $0 { true } else { false } }) {
            items.append("<span class=\"key band\"></span> data packets, collapsed")
        }
        if rows.contains(where: { if case .icmp = $0 { true } else { false } }) {
            items.append("<span class=\"key icmp\"></span> ICMP error from the path")
        }
        items.append("<span class=\"key capture\"></span> where the capture was taken")
        return "<ul class=\"legend\">" + items.map { "<li>\($0)</li>" }.joined() + "</ul>"
            + "<p class=\"hint\">Times are seconds from the first packet of the capture; # is the packet number. "
            + "Hover an arrow for its full text.</p>"
    }

    static func timeline(_ s: SessionReport, _ primary: FindingReport?, limit: Int, lanes: [PointReport] = []) -> [String] {
        var out = ["<h3>Timeline</h3>"]
        guard !s.timeline.isEmpty else { return out + ["<p class=\"none\">No timeline entries.</p>"] }
        let evidence = Set(primary?.packets ?? [])
        let failurePacket = s.outcome == .failed ? primary?.decisivePacket ?? primary?.packets.first : nil
        out.append("<div class=\"table-wrap\">")
        out.append("<table class=\"timeline\">")
        out.append(
            "<thead><tr><th class=\"num\">time</th><th class=\"num\">packet</th><th>stage</th>"
                + "<th>direction</th><th>what</th>"
                + (lanes.isEmpty ? "" : "<th>seen at (\(h(lanes.map(\.name).joined(separator: " "))))</th>")
                + "</tr></thead>")
        out.append("<tbody>")
        let shown = s.timeline.prefix(max(0, limit))
        var failureSeen = false
        for e in shown {
            var classes: [String] = []
            if e.point == nil, e.log == nil, evidence.contains(e.packet) { classes.append("evidence") }
            if !failureSeen, e.point == nil, e.log == nil, e.packet == failurePacket {
                failureSeen = true
                classes.append("failure")
            }
            let direction: String
            switch e.from {
            case .client: direction = "client → server"
            case .server: direction = "server → client"
            case nil: direction = e.log.map { h("[\($0.lane)]") } ?? (e.kind == .icmp ? "from the path" : "")
            }
            if e.kind == .icmp { classes.append("icmp") }
            if e.log != nil { classes.append("log") }
            let time = (e.log?.approximate == true ? "≈" : "") + TextRenderer().seconds(e.time)
            let packet = e.log == nil ? h(PathText.packet(e)) : "log"
            let source = e.log.map { " <span class=\"source\">(\(h($0.file)):\($0.line))</span>" } ?? ""
            let cls = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
            let seen = lanes.isEmpty ? "" : "<td class=\"lanes\"><code>\(h(PathText.lanes(e, lanes)))</code></td>"
            out.append(
                "<tr\(cls)><td class=\"num\">\(time)</td><td class=\"num\">\(packet)</td>"
                    + "<td class=\"stage\">\(h(e.stage.rawValue))</td><td class=\"dir\">\(direction)</td><td class=\"text\">\(h(e.text))\(source)</td>"
                    + seen + "</tr>")
        }
        out.append("</tbody>")
        out.append("</table>")
        out.append("</div>")
        if s.timeline.count > shown.count {
            out.append("<p class=\"none\">… \(s.timeline.count - shown.count) more entries (see the JSON report).</p>")
        }
        return out
    }

    /// Where the session was seen and how each kind of traffic passed each segment between two points.
    static func path(_ p: SessionPathReport) -> [String] {
        var out = [
            "<h3>Path</h3>",
            "<p>Seen at " + p.seenAt.map { h(PathText.seenAt($0)) }.joined(separator: ", ")
                + "; reported from <strong>\(h(p.reportedFrom))</strong> (packet numbers are \(h(p.reportedFrom))'s "
                + "unless marked <code>X#n</code>).</p>",
            "<p class=\"hint\">Matched by: \(h(p.matchedBy)).</p>",
        ]
        guard !p.segments.isEmpty else { return out }
        out.append("<div class=\"table-wrap\"><table class=\"calls\">")
        out.append(
            "<thead><tr><th>traffic</th><th>segment</th><th class=\"num\">passed</th><th class=\"num\">lost</th>"
                + "<th>lost packets</th></tr></thead><tbody>")
        for s in p.segments {
            let lost =
                s.firstLostPacket.map { first in
                    "\(s.upstream)#\(first)" + (s.lastLostPacket.map { $0 == first ? "" : " … \(s.upstream)#\($0)" } ?? "")
                } ?? ""
            out.append(
                "<tr\(s.lost > 0 ? " class=\"evidence\"" : "")><td>\(h(PathText.flowName(s)))</td>"
                    + "<td>\(h(s.upstream)) → \(h(s.downstream))</td><td class=\"num\">\(s.passed)</td>"
                    + "<td class=\"num\">\(s.lost)</td><td>\(h(lost))</td></tr>")
        }
        out.append("</tbody></table></div>")
        for (point, missed) in p.captureMisses.sorted(by: { $0.key < $1.key }) {
            out.append("<p class=\"hint\">The capture at \(h(point)) missed \(missed) packets that passed it.</p>")
        }
        return out
    }

    /// The capture points, nearest the client first.
    static func points(_ path: PathReport) -> [String] {
        var out = [
            "<section class=\"capture\" id=\"points\">", "<h2>Capture points</h2>",
            "<div class=\"table-wrap\"><table class=\"calls\">",
            "<thead><tr><th>point</th><th>role</th><th>file</th><th class=\"num\">packets</th>"
                + "<th class=\"num\">clock vs A</th><th>where, and why</th></tr></thead><tbody>",
        ]
        for p in PathText.ordered(path) {
            out.append(
                "<tr><td><strong>\(h(p.name))</strong></td><td>\(h(p.role))</td><td>\(h(p.capture.file))</td>"
                    + "<td class=\"num\">\(p.capture.packets)</td><td class=\"num\">\(h(PathText.clock(p)))</td>"
                    + "<td>\(h(p.roleReason)); clock \(h(p.clockOffsetReason))</td></tr>")
        }
        out += ["</tbody></table></div>", "</section>"]
        return out
    }

    static func calls(_ calls: [CallReport]) -> [String] {
        var out = [
            "<h3>Calls</h3>", "<div class=\"table-wrap\">", "<table class=\"calls\">",
            "<thead><tr><th>call</th><th class=\"num\">client call ID</th><th class=\"num\">server call ID</th>"
                + "<th>reply</th><th class=\"num\">GRE client → server</th><th class=\"num\">GRE server → client</th></tr></thead>",
            "<tbody>",
        ]
        for (i, c) in calls.enumerated() {
            func gre(_ g: GREReport) -> String {
                var parts = ["\(g.packets) (\(g.dataPackets) data)"]
                if g.lost > 0 { parts.append("\(g.lost) lost") }
                if g.reordered > 0 { parts.append("\(g.reordered) reordered") }
                if g.duplicates > 0 { parts.append("\(g.duplicates) duplicates") }
                return parts.joined(separator: ", ")
            }
            out.append(
                "<tr><td>\(i + 1)</td><td class=\"num\">\(c.clientCallID.map(String.init) ?? "?")</td>"
                    + "<td class=\"num\">\(c.serverCallID.map(String.init) ?? "?")</td><td>\(h(c.result ?? "—"))</td>"
                    + "<td class=\"num\">\(gre(c.greFromClient))</td><td class=\"num\">\(gre(c.greFromServer))</td></tr>")
        }
        out += ["</tbody>", "</table>", "</div>"]
        return out
    }

    // MARK: Capture summary

    static func capture(_ r: Report) -> [String] {
        let c = r.capture
        var out = ["<section class=\"capture\" id=\"capture\">", "<h2>Capture</h2>", "<dl>"]
        func row(_ k: String, _ v: String) { out.append("<div><dt>\(k)</dt><dd>\(v)</dd></div>") }
        row("File", h(c.file))
        row("Format", "\(h(c.format)), \(h(c.linkTypeName)) (link type \(c.linkType))")
        row("Packets", "\(c.packets) over \(TextRenderer().seconds(c.durationSeconds))")
        if let start = c.start { row("First packet", h(start)) }
        if let end = c.end { row("Last packet", h(end)) }
        if r.hasSessions { row("Taken at", h(TextRenderer().pointText(c.capturePoint))) }
        row("PPTP control (TCP 1723)", "\(c.pptpControlPackets)")
        row("Enhanced GRE", "\(c.enhancedGREPackets)")
        if c.greVersion0Packets > 0 { row("GRE version 0", "\(c.greVersion0Packets)") }
        if c.pppLinkPackets > 0 { row("PPP on the link", "\(c.pppLinkPackets)") }
        if c.pppoePackets > 0 { row("PPPoE", "\(c.pppoePackets)") }
        row("ICMP errors", "\(c.icmpErrors)")
        row("Malformed packets", "\(c.malformedPackets)")
        if c.truncatedBySnaplen > 0 { row("Cut short by snapshot length", "\(c.truncatedBySnaplen)") }
        out.append("</dl>")
        out.append("<h3 id=\"warnings\">Warnings</h3>")
        if r.warnings.isEmpty {
            out.append("<p class=\"none\">None: the file was read whole and every packet made sense.</p>")
        } else {
            out.append("<ul class=\"warnings\">")
            for w in r.warnings {
                var line = "<li><span class=\"sev warning\">warning</span> \(h(w.message))"
                if let p = w.packet {
                    line +=
                        " <span class=\"packets\">(packet \(p)" + (w.byteOffset.map { ", byte offset \($0)" } ?? "") + ")</span>"
                }
                out.append(line + " <code>\(h(w.code))</code></li>")
            }
            out.append("</ul>")
        }
        out.append("</section>")
        return out
    }

    // MARK: Helpers

    static func packetList(_ packets: [Int]) -> String {
        (packets.count == 1 ? "packet " : "packets ") + packets.map(String.init).joined(separator: ", ")
    }

    /// The CSS class is the severity's name.
    static func severityClass(_ severity: Severity) -> String { severity.rawValue }

    static func confidenceClass(_ confidence: Confidence) -> String {
        switch confidence {
        case .certain, .high: "strong"
        case .medium: "medium"
        case .low: "weak"
        }
    }

    /// Rule-authored text: `code spans` become `<code>`; everything is escaped.
    static func rich(_ s: String) -> String {
        let parts = s.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count % 2 == 1 else { return h(s) }
        return parts.enumerated().map { i, part in
            i % 2 == 0 ? h(String(part)) : "<code>\(h(String(part)))</code>"
        }.joined()
    }

    // MARK: Style

    static let stylesheet = """
        :root {
          --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --paper: #ffffff; --page: #f3f4f6;
          --red: #b3261e; --red-tint: #fdecea; --green: #1b7f3b; --green-tint: #e7f5ec;
          --amber: #9a5b00; --amber-tint: #fff4e0; --blue: #2563eb;
          color-scheme: light;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body {
          margin: 0; background: var(--page); color: var(--ink);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans",
            "Liberation Sans", sans-serif;
        }
        header.top, main, footer { max-width: 1000px; margin: 0 auto; padding: 0 16px; }
        header.top { padding-top: 20px; }
        .tool { margin: 0; color: var(--muted); font-size: 13px; letter-spacing: .02em; text-transform: uppercase; }
        h1 { margin: 2px 0 4px; font-size: 26px; line-height: 1.2; overflow-wrap: anywhere; }
        h2 { font-size: 22px; line-height: 1.25; margin: 0; }
        h3 { font-size: 17px; margin: 26px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
        h4 { font-size: 14px; margin: 0 0 6px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
        .sub { margin: 0; color: var(--muted); }
        a { color: var(--blue); }
        code {
          font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
          font-size: .88em; background: #eef0f3; border-radius: 4px; padding: .05em .3em; overflow-wrap: anywhere;
        }
        .warn-note { margin: 10px 0 0; padding: 8px 12px; border-radius: 8px; background: var(--amber-tint); }
        section.session, section.capture, nav.overview {
          background: var(--paper); border-radius: 12px; margin: 18px 0; overflow: hidden;
          box-shadow: 0 1px 2px rgba(0, 0, 0, .06), 0 2px 8px rgba(0, 0, 0, .05);
        }
        nav.overview, section.capture { padding: 16px 22px; }
        nav.overview ul { list-style: none; margin: 10px 0 0; padding: 0; }
        nav.overview li { padding: 6px 0; border-top: 1px solid var(--line); }
        nav.overview a { font-weight: 600; text-decoration: none; }
        .overview-headline { display: block; color: var(--muted); font-size: 14px; }
        .banner { padding: 18px 22px 16px; color: #ffffff; }
        .banner.failed { background: var(--red); }
        .banner.success { background: var(--green); }
        .banner.incomplete, .banner.none { background: var(--amber); }
        .banner .kicker { margin: 0 0 2px; font-size: 13px; opacity: .9; overflow-wrap: anywhere; }
        .banner h2 { font-size: 30px; letter-spacing: .01em; }
        .banner .stage { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace;
          font-size: .85em; background: rgba(255, 255, 255, .18); border-radius: 6px; padding: 0 .3em; }
        .banner .headline { margin: 6px 0 0; font-size: 17px; font-weight: 500; overflow-wrap: anywhere; }
        .body { padding: 4px 22px 22px; }
        .facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px; margin: 16px 0 8px; }
        .fact { border: 1px solid var(--line); border-radius: 10px; padding: 8px 12px; display: flex; flex-direction: column; }
        .fact .k { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
        .fact .v { font-size: 18px; font-weight: 650; overflow-wrap: anywhere; }
        .fact .v.big { font-size: 30px; line-height: 1.1; color: var(--red); }
        .fact .also { font-size: 13px; color: var(--muted); }
        .conf { display: inline-block; padding: 0 .5em; border-radius: 999px; font-size: 15px; }
        .conf.strong { background: #dbeafe; color: #1e3a8a; }
        .conf.medium { background: var(--amber-tint); color: var(--amber); }
        .conf.weak { background: #f3f4f6; color: var(--muted); }
        .codenotes { margin: 4px 0 0; color: var(--muted); font-size: 14px; }
        .explain p { margin: 10px 0; overflow-wrap: anywhere; }
        .point { color: var(--muted); font-size: 14px; overflow-wrap: anywhere; }
        .fixes { display: grid; grid-template-columns: repeat(auto-fit, minmax(250px, 1fr)); gap: 12px; }
        .fix { border: 1px solid var(--line); border-top: 4px solid var(--blue); border-radius: 10px; padding: 10px 14px; }
        .fix.windows { border-top-color: #0078d4; }
        .fix.linux { border-top-color: #374151; }
        .fix.network { border-top-color: #0f766e; }
        .fix ul { margin: 0; padding-left: 18px; }
        .fix li { margin: 4px 0; overflow-wrap: anywhere; }
        figure.ladder-figure { margin: 0; }
        .ladder-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 10px; background: #ffffff; }
        svg.ladder { display: block; width: 100%; min-width: 720px; max-width: 840px; height: auto; margin: 0 auto; }
        svg.ladder + svg.ladder { border-top: 1px dashed var(--line); }
        figcaption { font-size: 13px; color: var(--muted); margin-top: 6px; }
        ul.legend { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
        ul.legend li { display: flex; align-items: center; gap: 6px; }
        .key { display: inline-block; width: 26px; height: 0; border-top: 2px solid #334155; }
        .key.evidence { border-top-color: #c62828; }
        .key.unanswered { border-top: 2px dashed #b45309; }
        .key.band { height: 10px; border: 1px solid #7c93b8; background: #eaf1fb; border-radius: 3px; }
        .key.icmp { border-top: 2px dashed #b45309; }
        .key.capture { border-top: 2px dotted var(--blue); }
        .key.failure { width: 16px; height: 16px; border: 0; border-radius: 50%; background: #c62828; color: #ffffff;
          font-size: 11px; font-weight: 700; text-align: center; line-height: 16px; }
        .hint { margin: 4px 0 0; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
        th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); background: #f9fafb; }
        td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.dir, td.stage { white-space: nowrap; }
        td.text { overflow-wrap: anywhere; min-width: 16em; }
        tr.evidence td { color: #b71c1c; }
        tr.failure td { background: var(--red-tint); font-weight: 600; }
        tr.icmp td.text { color: #92400e; }
        tr.log td { color: #37474f; font-style: italic; }
        tr.log td.text span.source { color: #78909c; font-style: normal; }
        .sev { display: inline-block; padding: 0 .5em; border-radius: 999px; font-size: 12px; font-weight: 700;
          text-transform: uppercase; letter-spacing: .03em; }
        .sev.failure { background: var(--red-tint); color: var(--red); }
        .sev.warning { background: var(--amber-tint); color: var(--amber); }
        .sev.info { background: #e0f2fe; color: #075985; }
        ul.findings, ul.warnings { padding-left: 0; list-style: none; margin: 0; }
        ul.findings > li, ul.warnings > li { padding: 8px 0; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
        .finding-text { margin-top: 2px; }
        .codes, .packets { color: var(--muted); }
        ul.minor-fixes { margin: 4px 0 0; padding-left: 18px; font-size: 14px; }
        p.none { color: var(--muted); }
        section.capture dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 0 24px; margin: 10px 0; }
        section.capture dl div { display: flex; justify-content: space-between; gap: 12px; padding: 4px 0;
          border-bottom: 1px solid var(--line); }
        dt { color: var(--muted); }
        dd { margin: 0; text-align: right; font-weight: 600; overflow-wrap: anywhere; }
        footer { color: var(--muted); font-size: 12px; padding-bottom: 24px; }
        @media (max-width: 640px) {
          body { font-size: 14px; }
          header.top, main, footer { padding: 0 10px; }
          h1 { font-size: 21px; }
          .banner, .body, nav.overview, section.capture { padding-left: 14px; padding-right: 14px; }
          .banner h2 { font-size: 24px; }
          .fact .v.big { font-size: 26px; }
          table { font-size: 12.5px; }
          .fact { padding: 8px 10px; }
          .fact .v { font-size: 16px; overflow-wrap: break-word; }
          table.timeline thead { display: none; }
          table.timeline tr { display: grid; grid-template-columns: auto auto 1fr auto; gap: 0 8px; padding: 6px 4px;
            border-bottom: 1px solid var(--line); }
          table.timeline td { display: block; border: 0; padding: 0; }
          table.timeline td.num + td.num::before { content: "#"; }
          table.timeline td.stage, table.timeline td.dir { color: var(--muted); }
          table.timeline td.text { grid-column: 1 / -1; min-width: 0; }
          section.capture dl div { flex-direction: column; gap: 0; }
          dd { text-align: left; }
        }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { background: #ffffff; font-size: 10pt; }
          header.top, main, footer { max-width: none; padding: 0; }
          section.session, section.capture, nav.overview { box-shadow: none; border: 1px solid var(--line); border-radius: 0;
            overflow: visible; }
          section.session + section.session { break-before: page; }
          section.capture { break-inside: avoid; }
          .banner, .sev, .conf, .fix, tr.failure td, .key, .warn-note {
            -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          .banner, .facts, .fix, .explain p, tr, nav.overview li { break-inside: avoid; }
          h3, h4 { break-after: avoid; }
          .ladder-wrap, .table-wrap { overflow: visible; border: 0; }
          svg.ladder { min-width: 0; max-width: 100%; break-inside: avoid; }
          .facts { grid-template-columns: repeat(4, 1fr); }
          .fixes { grid-template-columns: repeat(3, 1fr); }
          thead { display: table-header-group; }
          a { color: inherit; text-decoration: none; }
          .hint { display: none; }
        }

        """
}
