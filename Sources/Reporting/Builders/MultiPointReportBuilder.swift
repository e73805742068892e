public import PPTPDiagnosis
public import PPTPLogs
public import PPTPMultiPoint
public import PPTPSessions

/// Correlated captures of several points → one report: the sessions as the path saw them (each diagnosed from the
/// point that saw its failure, with the path's findings), the points with their roles and clocks, and a timeline
/// that marks which points saw each packet — including packets the reporting point never saw.
public enum MultiPointReportBuilder {
    public struct PointInput {
        public var capture: CaptureInput
        public var stats: CaptureStats

        public init(capture: CaptureInput, stats: CaptureStats) {
            self.capture = capture
            self.stats = stats
        }
    }

    /// The logs read with the captures (`--log`), joined to the points' sessions.
    public struct Logs {
        /// The logs each point's session kept (each log session belongs to one session of the path).
        public var joined: [PointSession: SessionLogs]
        /// Each log session's points: those whose session it joined.
        public var points: [LogSessionID: [String]]
        /// The files read; empty when no log was given (the report then has no `logs`).
        public var files: [LogFileReport]

        public init(
            joined: [PointSession: SessionLogs] = [:], points: [LogSessionID: [String]] = [:], files: [LogFileReport] = []
        ) {
            self.joined = joined
            self.points = points
            self.files = files
        }
    }

    /// `skipped`: files that could not be opened (point name, the error in words), left out of the analysis.
    public static func build(
        inputs: [PointInput], points: [PointCapture], result: PathResult,
        toolVersion: String, skipped: [(point: String, error: String)] = [], logs: Logs = Logs()
    ) -> Report {
        let single = zip(inputs, points).map { input, point in
            ReportBuilder.build(
                capture: input.capture, stats: input.stats,
                sessions: Array(zip(point.sessions, point.verdicts)), toolVersion: toolVersion)
        }
        var warnings = skipped.map {
            ReportWarning(code: "path.unreadable-file", message: "\($0.point): \($0.error) — analysed without this point")
        }
        for (i, r) in single.enumerated() {
            for w in r.warnings {
                var w = w
                w.message = "\(points[i].name): \(w.message)"
                warnings.append(w)
            }
            if points[i].sightingLimitReached {
                warnings.append(
                    ReportWarning(
                        code: "path.limit-reached",
                        message: "\(points[i].name): only the first "
                            + "\(SightingCollector.defaultLimit) session packets were compared"))
            }
        }
        let sessions = result.sessions.enumerated().map { index, across in
            sessionReport(index + 1, across, points: points, result: result, logs: logs)
        }
        let summary = Report.Summary(
            sessions: sessions.count, success: sessions.filter { $0.outcome == .success }.count,
            failed: sessions.filter { $0.outcome == .failed }.count,
            incomplete: sessions.filter { $0.outcome == .incomplete }.count,
            noPPTPSession: sessions.isEmpty ? "No PPTP session found at any of the \(points.count) capture points." : nil)
        let pointReports = result.points.enumerated().map { i, p in
            PointReport(
                name: p.name, order: p.order, role: p.role, roleReason: p.roleReason,
                clockOffsetSeconds: p.clockOffset.map { ($0 * 1e6).rounded() / 1e6 },
                clockOffsetReason: p.clockOffsetReason, clockMethod: p.clockMethod.rawValue,
                clockUncertaintySeconds: p.clockUncertainty.map { ($0 * 1e6).rounded() / 1e6 },
                hopsFromClient: p.hopsFromClient,
                packetsCompared: p.packetsCompared, capture: single[i].capture)
        }
        var report = Report(
            tool: .init(name: "pptp-pcap", version: toolVersion), capture: single[0].capture,
            warnings: warnings, summary: summary, sessions: sessions, path: PathReport(points: pointReports))
        report.logs = logs.files.isEmpty ? nil : logs.files
        return report
    }

    static func sessionReport(
        _ id: Int, _ across: SessionAcrossPoints, points: [PointCapture],
        result: PathResult, logs: Logs = Logs()
    ) -> SessionReport {
        let primary = across.primary
        let session = points[primary.point].sessions[primary.session]
        var report = ReportBuilder.sessionReport(session, across.verdict)
        report.id = id
        report.logs = logReports(across, points: points, logs: logs)
        if let headline = across.headline, across.verdict.outcome == .failed {
            let code = CodeText.headline(across.verdict.probableErrorCodes)
            report.headline =
                "Failed at \(across.verdict.failureStage?.rawValue ?? "?"): \(headline) "
                + "(\(code), \(across.verdict.confidence?.rawValue ?? "?") confidence)."
        }
        report.timeline = timeline(across, points: points, result: result)
        report.path = SessionPathReport(
            reportedFrom: points[primary.point].name,
            seenAt: across.members.map { m in
                let s = points[m.point].sessions[m.session]
                let v = points[m.point].verdicts[m.session]
                return SessionAtPoint(
                    point: points[m.point].name, session: s.index, client: s.client.description,
                    server: s.server.description, outcome: v.outcome,
                    failureStage: v.failureStage, firstPacket: s.first.number,
                    lastPacket: s.last.number)
            },
            matchedBy: across.matchReason,
            segments: across.passages.map { p in
                SegmentReport(
                    flow: p.flow, from: p.from, upstream: p.upstream,
                    downstream: p.downstream, passed: p.passed, lost: p.lost,
                    firstLostPacket: p.firstLost?.number, lastLostPacket: p.lastLost?.number)
            },
            captureMisses: across.captureMisses,
            silentPoints: across.silent.isEmpty
                ? nil
                : across.silent.map { q in
                    SilentPointReport(
                        point: points[q.point].name, coversSession: q.covers,
                        captureBeforeSeconds: (q.before * 1e6).rounded() / 1e6,
                        captureAfterSeconds: (q.after * 1e6).rounded() / 1e6,
                        toleranceSeconds: (q.tolerance * 1e6).rounded() / 1e6,
                        packets: points[q.point].packetCount)
                })
        return report
    }

    /// The logs joined to the session: the reporting point's first (its timeline places them), then those only
    /// another point's session joined (their lines come from that point, on the reporting point's clock), each
    /// with the points that joined it.
    static func logReports(_ across: SessionAcrossPoints, points: [PointCapture], logs: Logs) -> [SessionLogReport]? {
        var listed = Set<LogSessionID>()
        var out: [SessionLogReport] = []
        for member in [across.primary] + across.members.filter({ $0 != across.primary }) {
            for j in logs.joined[member]?.joined ?? [] where listed.insert(j.log.id).inserted {
                let at = logs.points[j.log.id] ?? [points[member.point].name]
                let place = at.count == 1 ? "point \(at[0])" : "points " + at.joined(separator: ", ")
                out.append(
                    SessionLogReport(
                        lane: j.lane, file: j.origin, matchedBy: "\(j.matchedBy) at \(place)",
                        clock: member == across.primary ? j.clock : "on \(points[member.point].name)'s clock: \(j.clock)",
                        events: j.events.count, joinedAt: at))
            }
        }
        return out.isEmpty ? nil : out
    }

    /// The reporting point's milestones, each with the points that saw its packet, then the milestones other
    /// points saw and it did not, on its clock. A log line is seen at no point (`seenAt` empty); one that only
    /// another point's session holds comes from that point, once.
    static func timeline(_ across: SessionAcrossPoints, points: [PointCapture], result: PathResult) -> [TimelineEntry] {
        let primary = across.primary
        let primaryBit: UInt64 = primary.point < 64 ? 1 << UInt64(primary.point) : 0
        func names(_ mask: UInt64?) -> [String]? {
            guard let mask else { return nil }
            return points.indices.filter { $0 < 64 && mask & (1 << UInt64($0)) != 0 }
                .sorted { result.points[$0].order < result.points[$1].order }.map { points[$0].name }
        }
        func entry(_ m: Milestone, at member: PointSession, time: Double, point: String?) -> TimelineEntry {
            TimelineEntry(
                packet: m.packet.number, time: (time * 1e6).rounded() / 1e6, stage: m.stage,
                from: m.from, text: m.text, kind: m.kind, point: point,
                seenAt: m.kind == .log ? [] : names(across.presence[member]?[m.packet.number]), towards: m.towards,
                log: m.log.map {
                    LogLineReport(lane: $0.lane, file: $0.file, line: $0.line, approximate: $0.approximate ? true : nil)
                })
        }
        let primaryMilestones = points[primary.point].verdicts[primary.session].milestones
        var entries = primaryMilestones.enumerated().map {
            (order: 0, index: $0.offset, entry: entry($0.element, at: primary, time: $0.element.packet.time, point: nil))
        }
        var logLines = Set(primaryMilestones.compactMap { $0.log.map { "\($0.file):\($0.line)" } })
        let primaryStart = Double(points[primary.point].firstTimestamp ?? 0) / 1e9
        let primaryOffset = result.points[primary.point].clockOffset ?? 0
        var covered = primaryBit
        for (rank, member) in across.members.enumerated() where member != primary {
            let p = points[member.point]
            let bit: UInt64 = member.point < 64 ? 1 << UInt64(member.point) : 0
            let start = Double(p.firstTimestamp ?? 0) / 1e9
            let offset = result.points[member.point].clockOffset ?? 0
            for (index, m) in p.verdicts[member.session].milestones.enumerated() {
                if let line = m.log {
                    guard logLines.insert("\(line.file):\(line.line)").inserted else { continue }
                } else {
                    let mask = across.presence[member]?[m.packet.number] ?? bit
                    guard mask & covered == 0 else { continue }
                }
                // On the reporting point's clock, from its first packet.
                let time = start + m.packet.time - offset + primaryOffset - primaryStart
                entries.append((rank + 1, index, entry(m, at: member, time: time, point: p.name)))
            }
            covered |= bit
        }
        return entries.sorted { ($0.entry.time, $0.order, $0.index) < ($1.entry.time, $1.order, $1.index) }.map(\.entry)
    }
}
