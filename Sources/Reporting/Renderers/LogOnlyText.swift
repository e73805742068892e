import PPTPDiagnosis

/// The text of a logs-only report (`analyze --log FILE` with no capture): per log session, its verdict and the
/// lines it rests on. Every string in it was made printable when the log was read.
public enum LogOnlyText {
    public static func render(_ r: LogOnlyReport) -> String {
        var out: [String] = ["pptp-pcap \(r.tool.version) — logs only, no capture"]
        for f in r.logs {
            out.append(
                "Log: \(f.file) — \(f.format), \(f.lines) lines, \(f.sessions) sessions"
                    + (f.uninterpretedLines + f.unrelatedLines > 0
                        ? " (\(f.uninterpretedLines) lines not used, \(f.unrelatedLines) of other programs)" : ""))
            for n in f.notes { out.append("  note: \(n)") }
        }
        out.append("")
        out.append("Without the capture these verdicts rest on what the programs wrote; a capture taken at the same")
        out.append("time (`pptp-pcap analyze capture.pcap --log …`) shows what crossed the network.")
        for s in r.sessions {
            out.append("")
            out.append("Log session \(s.id): \(s.lane) (\(s.file))   \(s.outcome.rawValue.uppercased())")
            out.append("  \(s.headline)")
            if let d = s.decisive { out.append("  Evidence: line \(d.line)") }
            let shown = s.lines.prefix(60)
            for l in shown { out.append("    line \(l.line): \(l.text ?? "")") }
            if s.lines.count > shown.count { out.append("    … \(s.lines.count - shown.count) more lines (see --format json)") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
