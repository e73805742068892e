import PPTPDissect

/// `--redact`: rewrites every string of a report with the pseudonyms, so the ticket shows the failure and
/// nothing that identifies the people or networks involved. Dotted IPv4 addresses are found anywhere in the
/// text (IPCP addresses, ICMP reporters, endpoints); names and IPv6 addresses are replaced where they occur.
public enum ReportRedactor {
    public static func redact(_ report: Report, with pseudonyms: Pseudonyms) -> Report {
        var r = redactFrame(report, with: pseudonyms)
        r.sessions = r.sessions.map { redact($0, with: pseudonyms) }
        return redactPath(r, with: pseudonyms)
    }

    /// The report's own strings, not its sessions': the file name, the warnings, the summary. A streamed report
    /// redacts this first and then each session as it comes, in that order, so the pseudonyms come out numbered
    /// as for a whole report.
    public static func redactFrame(_ report: Report, with pseudonyms: Pseudonyms) -> Report {
        var r = report
        let map = { (s: String) in redactText(s, pseudonyms) }
        r.capture.file = "capture"
        r.warnings = r.warnings.map {
            var w = $0
            w.message = map(w.message)
            return w
        }
        r.summary.noPPTPSession = r.summary.noPPTPSession.map(map)
        return r
    }

    public static func redact(_ session: SessionReport, with pseudonyms: Pseudonyms) -> SessionReport {
        let map = { (s: String) in redactText(s, pseudonyms) }
        var s = session
        s.client = map(s.client)
        s.server = map(s.server)
        s.headline = map(s.headline)
        s.user = s.user.map(map)
        s.capturePointReason = map(s.capturePointReason)
        s.calls = s.calls.map {
            var c = $0
            c.result = c.result.map(map)
            return c
        }
        s.findings = s.findings.map { f in
            var f = f
            f.message = map(f.message)
            f.logLines = f.logLines?.map {
                var l = $0
                l.text = l.text.map(map)
                return l
            }
            return f
        }
        s.logs = s.logs?.map {
            var l = $0
            l.matchedBy = map(l.matchedBy)
            return l
        }
        s.captureGap = s.captureGap.map {
            var g = $0
            g.message = map(g.message)
            return g
        }
        s.timeline = s.timeline.map {
            var t = $0
            t.text = map(t.text)
            return t
        }
        if var path = s.path {
            path.matchedBy = map(path.matchedBy)
            path.seenAt = path.seenAt.map {
                var at = $0
                at.client = map(at.client)
                at.server = map(at.server)
                return at
            }
            s.path = path
        }
        return s
    }

    static func redactPath(_ report: Report, with pseudonyms: Pseudonyms) -> Report {
        var r = report
        let map = { (s: String) in redactText(s, pseudonyms) }
        if var path = r.path {
            path.points = path.points.map { p in
                var p = p
                p.capture.file = "capture-\(p.name)"
                p.roleReason = map(p.roleReason)
                p.clockOffsetReason = map(p.clockOffsetReason)
                return p
            }
            r.path = path
        }
        return r
    }

    public static func redactText(_ text: String, _ p: Pseudonyms) -> String {
        var out = replaceIPv4(text, p)
        for (original, stand) in p.addressReplacements {
            if case .v6 = original { out = out.replacingAll(original.description, with: stand.description) }
        }
        for (original, stand) in p.nameReplacements { out = out.replacingAll(original, with: stand) }
        return out
    }

    /// Replaces each dotted-quad IPv4 address (not part of a longer number) by its pseudonym.
    static func replaceIPv4(_ text: String, _ p: Pseudonyms) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        while i < bytes.count {
            if isDigit(bytes[i]), i == 0 || (!isDigit(bytes[i - 1]) && bytes[i - 1] != 0x2E),
                let (value, length) = parseIPv4(bytes, i),
                i + length == bytes.count
                    || (!isDigit(bytes[i + length])
                        && !(bytes[i + length] == 0x2E && i + length + 1 < bytes.count
                            && isDigit(bytes[i + length + 1])))
            {
                out.append(contentsOf: p.ip(.v4(value)).description.utf8)
                i += length
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func parseIPv4(_ b: [UInt8], _ start: Int) -> (UInt32, Int)? {
        var value: UInt32 = 0
        var i = start
        for part in 0..<4 {
            var n = 0
            var digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39, digits < 3 {
                n = n * 10 + Int(b[i] - 0x30)
                i += 1
                digits += 1
            }
            guard digits > 0, n <= 255 else { return nil }
            value = value << 8 | UInt32(n)
            if part < 3 {
                guard i < b.count, b[i] == 0x2E else { return nil }
                i += 1
            }
        }
        return (value, i - start)
    }
}

extension String {
    /// All occurrences replaced, without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        let t = Array(target.utf8)
        let s = Array(self.utf8)
        guard s.count >= t.count else { return self }
        var out: [UInt8] = []
        var i = 0
        while i < s.count {
            if i + t.count <= s.count, s[i] == t[0], Array(s[i..<(i + t.count)]) == t {
                out.append(contentsOf: replacement.utf8)
                i += t.count
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
