import PPTPDiagnosis
import PPTPDissect
import PPTPLogs
import PPTPMultiPoint
import PPTPReporting
import PPTPSessions

/// `analyze a.pcap b.pcap --log …`: the logs joined to the sessions of the path. Each point offers its own
/// sessions to `LogJoin`, exactly as a single capture does (so each join is on that point's clock, with that
/// point's packets); a log session may then have joined a session at several points. It belongs to one session
/// of the path: where the points disagree (a weak key — an address, the time — matched another session at one
/// point), the session it joined by a strong key (LCP magic number, Call IDs) wins, then the one more points
/// joined it to, then the earlier. Each point's session is then diagnosed again with the logs it kept, so the
/// path's verdict and each point's `seenAt` outcome use them.
struct MultiPointLogs {
    /// The logs each point's session kept, by point and session index.
    var joined: [PointSession: SessionLogs] = [:]
    /// Log session → names of the points whose session it joined (for the report).
    var points: [LogSessionID: [String]] = [:]
    /// The files read, for the report's `logs`: a log session joined to no session of the path is unmatched.
    var files: [LogFileReport] = []

    static func join(_ files: [LogFile], points: [PointCapture], stats: [CaptureStats], groups: [PathCorrelator.Group])
        -> MultiPointLogs
    {
        var out = MultiPointLogs()
        guard !files.isEmpty else { return out }
        // Each point's own join, its sessions in number order as for a single capture.
        var perPoint: [PointSession: SessionLogs] = [:]
        for (p, point) in points.enumerated() {
            var join = LogJoin(files: files, captureStart: Double(stats[p].firstTimestamp ?? 0) / 1e9)
            for (s, session) in point.sessions.enumerated() {
                if let logs = join.logs(for: session) { perPoint[PointSession(point: p, session: s)] = logs }
            }
        }
        // Every session of the path that a log session joined at some point, with how strongly and at how many.
        var candidates: [LogSessionID: [(group: Int, strong: Bool, points: Int)]] = [:]
        var groupOf: [PointSession: Int] = [:]
        for (g, group) in groups.enumerated() {
            var strength: [LogSessionID: (strong: Bool, points: Int)] = [:]
            for m in group.members {
                groupOf[m] = g
                for j in perPoint[m]?.joined ?? [] {
                    let k = j.log.id
                    let was = strength[k] ?? (false, 0)
                    strength[k] = (was.strong || j.byStrongKey, was.points + 1)
                }
            }
            for (k, v) in strength { candidates[k, default: []].append((g, v.strong, v.points)) }
        }
        var winner: [LogSessionID: Int] = [:]
        for (k, list) in candidates {
            let best = list.min { a, b in
                (a.strong ? 0 : 1, -a.points, a.group) < (b.strong ? 0 : 1, -b.points, b.group)
            }
            if let best { winner[k] = best.group }
        }
        for (m, logs) in perPoint {
            guard let g = groupOf[m] else { continue }
            let kept = logs.joined.filter { winner[$0.log.id] == g }
            guard !kept.isEmpty else { continue }
            out.joined[m] = SessionLogs(joined: kept)
            for j in kept { out.points[j.log.id, default: []].append(points[m.point].name) }
        }
        for k in out.points.keys { out.points[k] = Array(Set(out.points[k] ?? [])).sorted() }
        out.files = files.map { f in
            LogFileReport(
                file: f.path, format: f.format, lines: f.lines, sessions: f.sessions.count,
                unmatchedSessions: f.sessions.filter { winner[$0.id] == nil }.count,
                uninterpretedLines: f.uninterpretedLines, unrelatedLines: f.unrelatedLines, notes: f.notes)
        }
        return out
    }

    /// The points' verdicts again, for the sessions that kept logs: the same engine and facts as a single
    /// capture's diagnosis (`ReportStream`), with the logs.
    func rediagnose(_ points: inout [PointCapture], perPoint: [Analyzer.Result]) {
        let engine = RuleEngine()
        for (m, logs) in joined.sorted(by: { ($0.key.point, $0.key.session) < ($1.key.point, $1.key.session) }) {
            let result = perPoint[m.point]
            let session = points[m.point].sessions[m.session]
            points[m.point].verdicts[m.session] = engine.diagnose(
                SessionDiagnoser.facts(session, stats: result.stats, input: result.input, logs: logs))
        }
    }
}

extension MultiPointLogs {
    /// What a log said about the session at a point other than the reporting one (the server's pppd joined
    /// only where the server's packets were seen): its log findings join the path's verdict after the reporting
    /// point's own, named by their point, without packet numbers of another capture as evidence. They never
    /// change the outcome or the stage; the reporting point's capture and logs decide those.
    static func addOtherPointsLogFindings(_ path: inout PathResult, points: [PointCapture]) {
        for i in path.sessions.indices {
            let across = path.sessions[i]
            var rules = Set(across.verdict.findings.map(\.rule))
            for m in across.members where m != across.primary {
                for f in points[m.point].verdicts[m.session].findings where f.fromLog && rules.insert(f.rule).inserted {
                    var g = f
                    g.message = "At \(points[m.point].name): \(f.message)"
                    g.packets = []
                    g.decisivePacket = nil
                    path.sessions[i].verdict.findings.append(g)
                }
            }
        }
    }
}
