import PPTPDiagnosis
import PPTPDissect
import PPTPSessions

/// The terminal/ticket text report: capture summary, then per session the verdict first (stage, code,
/// confidence, evidence, fixes), the other findings and the timeline. Every capture-derived string was made
/// safe when it was extracted; colour is added only when asked (a TTY without NO_COLOR).
public struct TextRenderer {
    public var color: Bool
    public var timelineLimit: Int
    /// The capture points in path order, for the timeline's lanes (multi-point reports).
    var lanes: [PointReport] = []

    public init(color: Bool = false, timelineLimit: Int = 200) {
        self.color = color
        self.timelineLimit = timelineLimit
    }

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    public func render(_ r: Report) -> String {
        var out = head(r)
        for s in r.sessions { out += section(s, of: r) }
        return out + tail(r)
    }

    /// The report's parts in order, so that it can be written a session at a time (`DocumentStream`): `head`
    /// (capture, warnings, the counts: `r.summary` must be final), a `section` per session, `tail`. A report
    /// without a session to show is its head alone.
    public func head(_ r: Report) -> String {
        var out: [String] = []
        let c = r.capture
        if let path = r.path {
            out.append(paint("pptp-pcap \(r.tool.version)", "1") + " — \(path.points.count) capture points of one path")
            out += points(path)
        } else {
            out.append(
                paint("pptp-pcap \(r.tool.version)", "1") + " — \(SafeText.escape(bytes: Array(c.file.utf8), limit: 4096))")
            out += captureLines(c, sessionsSeen: r.hasSessions)
        }
        for w in r.warnings {
            var line = paint("warning", "33") + ": \(w.message)"
            if let p = w.packet { line += " (packet \(p)" + (w.byteOffset.map { ", byte offset \($0)" } ?? "") + ")" }
            out.append(line)
        }
        out.append("")
        if let none = r.summary.noPPTPSession {
            out.append(none)
            // PPP links without PPTP are still diagnosed, below.
            if !r.hasSessions { return out.joined(separator: "\n") }
        }
        out.append(
            (r.summary.noPPTPSession == nil ? "Sessions: " : "PPP links: ")
                + "\(r.summary.sessions) — \(r.summary.success) success, \(r.summary.failed) failed, "
                + "\(r.summary.incomplete) incomplete")
        return out.joined(separator: "\n")
    }

    public func section(_ s: SessionReport, of r: Report) -> String {
        var renderer = self
        renderer.lanes = r.path.map(PathText.ordered) ?? []
        return "\n\n" + renderer.session(s).joined(separator: "\n")
    }

    public func tail(_ r: Report) -> String { "\n" }

    func captureLines(_ c: CaptureSummary, sessionsSeen: Bool, indent: String = "") -> [String] {
        var out = [
            indent + "Capture: \(c.format), \(c.linkTypeName) (link type \(c.linkType)), \(c.packets) packets, "
                + "\(seconds(c.durationSeconds))" + (c.start.map { " from \($0)" } ?? "")
                + (sessionsSeen ? ", taken at: \(pointText(c.capturePoint))" : "")
        ]
        var counts: [String] = []
        if c.pptpControlPackets > 0 { counts.append("\(c.pptpControlPackets) PPTP control (TCP 1723)") }
        if c.enhancedGREPackets > 0 { counts.append("\(c.enhancedGREPackets) enhanced GRE") }
        if c.icmpErrors > 0 { counts.append("\(c.icmpErrors) ICMP errors") }
        if !counts.isEmpty { out.append(indent + "         " + counts.joined(separator: ", ")) }
        return out
    }

    /// The capture points, nearest the client first.
    func points(_ path: PathReport) -> [String] {
        var out = ["Capture points, nearest the client first:"]
        for p in PathText.ordered(path) {
            out.append(
                "  " + paint(p.name, "1") + "  \(p.role): \(SafeText.escape(bytes: Array(p.capture.file.utf8), limit: 4096)), "
                    + "clock \(PathText.clock(p)) against A")
            out.append("     where: \(p.roleReason)")
            out.append("     clock: \(p.clockOffsetReason)")
            out += captureLines(p.capture, sessionsSeen: false, indent: "     ")
        }
        return out
    }

    func session(_ s: SessionReport) -> [String] {
        var out: [String] = []
        let outcome: String
        switch s.outcome {
        case .failed: outcome = paint("FAILED", "1;31") + (s.failureStage.map { " at \($0.rawValue)" } ?? "")
        case .success: outcome = paint("SUCCESS", "1;32")
        case .incomplete: outcome = paint("INCOMPLETE", "1;33")
        }
        out.append(paint("Session \(s.id)", "1") + ": client \(s.client) → server \(s.server)   \(outcome)")
        out.append("  \(s.headline)")
        if let path = s.path {
            out.append(
                "  Seen at: " + path.seenAt.map(PathText.seenAt).joined(separator: ", ")
                    + "; reported from \(path.reportedFrom) (packet numbers are \(path.reportedFrom)'s unless marked)")
            out.append("  Matched by: \(path.matchedBy)")
            if !path.segments.isEmpty { out.append("  Path:") }
            for segment in path.segments {
                let line = "    " + pad(PathText.flowName(segment), 28, left: false) + " " + PathText.passage(segment)
                out.append(segment.lost > 0 ? paint(line, "31") : line)
            }
            for (point, missed) in path.captureMisses.sorted(by: { $0.key < $1.key }) {
                out.append("    capture at \(point) missed \(missed) packets that passed it")
            }
        }
        out.append("  Capture point: \(s.capturePointReason)")
        for l in s.logs ?? [] {
            out.append("  Log: \(l.lane) — \(l.file), matched by \(l.matchedBy); \(l.clock)")
        }
        if let primary = s.findings.first(where: { $0.severity == .failure }) {
            if !s.probableErrorCodes.isEmpty {
                out.append(
                    "  Probable Windows error: \(CodeText.name(s.probableErrorCodes[0])) (\(primary.confidence.rawValue) confidence)"
                )
                for code in s.probableErrorCodes.dropFirst() {
                    out.append("    or \(CodeText.name(code, after: s.probableErrorCodes[0]))")
                }
                if let notes = primary.codeNotes { out.append("    Codes: \(notes)") }
            }
            if !primary.packets.isEmpty {
                out.append("  Evidence: packets " + primary.packets.map(String.init).joined(separator: ", "))
            }
            for l in primary.logLines ?? [] { out.append("  Evidence: \(l.file) line \(l.line): \(l.text ?? "")") }
            out.append("  What happened: \(primary.message)")
            out.append("  Why: \(primary.explanation)")
            out += fixes(primary.fixes)
        }
        if let gap = s.captureGap {
            out.append("  Missing: \(gap.message)")
            out.append("  Why it matters: \(gap.explanation)")
            out += fixes(gap.fixes, heading: "Capture again / look next:")
        }
        let primaryRule = s.findings.first(where: { $0.severity == .failure })?.rule
        let others = s.findings.filter { $0.rule != primaryRule && !$0.isSecurity }
        if !others.isEmpty {
            out.append("  Other findings:")
            for f in others {
                let codes = f.errorCodes.isEmpty ? "" : " [\(f.errorCodes.map(String.init).joined(separator: ", "))]"
                out.append(
                    "    - \(f.severity.rawValue) \(f.rule)\(codes): \(f.message)"
                        + (f.packets.isEmpty ? "" : " (packets \(f.packets.map(String.init).joined(separator: ", ")))"))
            }
        }
        // What the session exposes comes after the verdict, never before it: it does not change it.
        let security = s.findings.filter(\.isSecurity)
        if !security.isEmpty {
            out.append("  Security:")
            for f in security {
                out.append(
                    "    - \(f.severity.rawValue) \(f.rule): \(f.message)"
                        + (f.packets.isEmpty ? "" : " (packets \(f.packets.map(String.init).joined(separator: ", ")))"))
            }
        }
        if let link = s.pppLink {
            let data =
                s.calls.first.map {
                    "; data frames sent \($0.greFromClient.dataPackets), received \($0.greFromServer.dataPackets)"
                } ?? ""
            out.append("  Link: \(link) — no PPTP control channel or GRE in the capture\(data)")
        } else if !s.calls.isEmpty {
            for (i, call) in s.calls.enumerated() {
                let ids =
                    "client call ID \(call.clientCallID.map(String.init) ?? "?"), server call ID \(call.serverCallID.map(String.init) ?? "?")"
                out.append(
                    "  Call \(i + 1): \(ids); GRE client→server \(call.greFromClient.packets) "
                        + "(\(call.greFromClient.dataPackets) data), server→client \(call.greFromServer.packets) "
                        + "(\(call.greFromServer.dataPackets) data)")
            }
        }
        out.append(
            "  Timeline:"
                + (lanes.isEmpty
                    ? ""
                    : " (seen at: " + lanes.map(\.name).joined(separator: " ")
                        + ", nearest the client first)"))
        let shown = s.timeline.prefix(timelineLimit)
        for e in shown {
            let who =
                e.log.map { pad("[\($0.lane)]", 15, left: false) }
                ?? e.from.map { $0 == .client ? "client → server" : "server → client" } ?? "               "
            let seen = lanes.isEmpty ? "" : "[" + PathText.lanes(e, lanes) + "] "
            out.append(
                "    " + seen + pad((e.log?.approximate == true ? "≈" : "") + seconds(e.time), 10) + "  "
                    + pad(e.log == nil ? (e.point == nil ? "#" : "") + PathText.packet(e) : "log", 7, left: false) + " "
                    + pad(e.stage.rawValue, 18, left: false) + " " + who + "  " + e.text
                    + (e.log.map { " (\($0.file):\($0.line))" } ?? ""))
        }
        if s.timeline.count > shown.count {
            out.append("    … \(s.timeline.count - shown.count) more entries (see --format json)")
        }
        return out
    }

    func fixes(_ f: FixesReport, heading: String = "Fix:") -> [String] {
        var out: [String] = []
        guard !(f.windowsClient.isEmpty && f.linuxServer.isEmpty && f.network.isEmpty) else { return out }
        out.append("  " + heading)
        for x in f.windowsClient { out.append("    Windows client: \(x)") }
        for x in f.linuxServer { out.append("    Linux pptpd/pppd: \(x)") }
        for x in f.network { out.append("    Network: \(x)") }
        return out
    }

    func pointText(_ p: CapturePoint) -> String {
        switch p {
        case .client: "the client"
        case .server: "the server"
        case .between: "a point between client and server"
        case .sameSegment: "the client's and server's shared segment"
        case .unknown: "unknown point"
        }
    }

    func seconds(_ t: Double) -> String {
        let ms = Int64((t * 1000).rounded())
        let frac = String(abs(ms) % 1000)
        return "\(ms / 1000).\(String(repeating: "0", count: 3 - frac.count))\(frac) s"
    }

    func pad(_ s: String, _ w: Int, left: Bool = true) -> String {
        let fill = String(repeating: " ", count: max(0, w - s.count))
        return left ? fill + s : s + fill
    }
}
