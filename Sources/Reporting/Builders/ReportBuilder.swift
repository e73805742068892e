public import PPTPDiagnosis
import PPTPDissect
public import PPTPLogs
public import PPTPSessions

/// What the pipeline knows about the file itself, handed to the report builder.
public struct CaptureInput: Sendable {
    public var file: String
    public var format: String
    public var linkType: UInt32
    public var linkTypeName: String
    /// A read error after which the file could not be read on (cut off mid-record, …), already worded.
    public var readError: (message: String, packet: Int?, byteOffset: Int?)?
    /// What the reader skipped or found wrong without stopping (Network Monitor's non-packet records, pppdump
    /// frames with a bad FCS …), already worded.
    public var notes: [ReportWarning] = []
    /// Written by Windows' pktmon, which logs a packet once per networking component that sees it: the duplicate
    /// frames are those copies, and the warning says so.
    public var fromPktmon = false

    public init(
        file: String, format: String, linkType: UInt32, linkTypeName: String,
        readError: (message: String, packet: Int?, byteOffset: Int?)? = nil
    ) {
        self.file = file
        self.format = format
        self.linkType = linkType
        self.linkTypeName = linkTypeName
        self.readError = readError
    }
}

/// Diagnosis → Report: the one place that decides what a report says.
public enum ReportBuilder {
    public static func build(
        capture: CaptureInput, stats: CaptureStats, sessions: [(Session, Verdict)],
        toolVersion: String
    ) -> Report {
        var report = frame(
            capture: capture, stats: stats, firstVerdict: sessions.first?.1, sessionCount: sessions.count,
            toolVersion: toolVersion)
        report.sessions = sessions.map { sessionReport($0.0, $0.1) }
        for s in report.sessions { report.summary.count(s) }
        return report
    }

    /// Everything of a report but its sessions, known once the packet pass is over: the capture, the warnings,
    /// and a summary that counts no session yet (`Report.Summary.count` adds each as it is built). The capture
    /// point shown for the file is the first session's, hence `firstVerdict`.
    public static func frame(
        capture: CaptureInput, stats: CaptureStats, firstVerdict: Verdict?, sessionCount: Int,
        toolVersion: String
    ) -> Report {
        var warnings: [ReportWarning] = []
        if let e = capture.readError {
            warnings.append(
                ReportWarning(
                    code: "capture.truncated-file", message: e.message, packet: e.packet,
                    byteOffset: e.byteOffset))
        }
        for m in stats.malformedSamples {
            warnings.append(ReportWarning(code: "capture.malformed-packet", message: m.reason, packet: m.number))
        }
        if stats.malformedPackets > stats.malformedSamples.count {
            warnings.append(
                ReportWarning(
                    code: "capture.malformed-packet",
                    message: "\(stats.malformedPackets) malformed packets in all", packet: nil))
        }
        if stats.snapTruncatedPackets > 0 {
            warnings.append(
                ReportWarning(
                    code: "capture.snaplen",
                    message: "\(stats.snapTruncatedPackets) packets were cut short by the capture's snapshot length; "
                        + "what they held beyond it is unknown"))
        }
        warnings.append(contentsOf: capture.notes)
        if stats.duplicateFrames > 0, capture.fromPktmon {
            warnings.append(
                ReportWarning(
                    code: "capture.duplicate-frames",
                    message: "\(stats.duplicateFrames) frames were copies of a packet that pktmon logged once "
                        + "per Windows networking component that saw it; each packet was counted once"))
        } else if stats.duplicateFrames > 0 {
            warnings.append(
                ReportWarning(
                    code: "capture.duplicate-frames",
                    message: "\(stats.duplicateFrames) frames were exact repeats within a millisecond "
                        + "(a SPAN port or a capture on two interfaces); each was analysed once"))
        }
        if stats.pppDuplicateRecords > 0 {
            warnings.append(
                ReportWarning(
                    code: "capture.ppp-recorded-twice",
                    message: "\(stats.pppDuplicateRecords) PPP frames were recorded twice within 0.2 s "
                        + "(a Windows trace records a frame once per layer); each was counted once"))
        }
        if stats.lateSessionPackets > 0 {
            warnings.append(
                ReportWarning(
                    code: "capture.late-packets",
                    message: "\(stats.lateSessionPackets) packets belonged to sessions that had closed and "
                        + "been quiet for minutes; they were counted, not analysed"))
        }
        for cap in stats.capsHit {
            warnings.append(
                ReportWarning(
                    code: "capture.limit-reached",
                    message: "limit reached for \(cap): the rest was counted, not kept"))
        }
        for e in stats.unboundICMP.prefix(5) {
            warnings.append(
                ReportWarning(
                    code: "capture.unbound-icmp",
                    message: "\(e.summary): not part of any PPTP session", packet: e.packet.number))
        }

        let duration = (Double(stats.lastTimestamp ?? 0) - Double(stats.firstTimestamp ?? 0)) / 1e9
        let summary = Report.Summary(
            sessions: 0, success: 0, failed: 0, incomplete: 0,
            noPPTPSession: sessionCount - stats.pppLinkSessions <= 0 ? seenInstead(stats) : nil)
        let captureSummary = CaptureSummary(
            file: capture.file, format: capture.format, linkType: capture.linkType, linkTypeName: capture.linkTypeName,
            packets: stats.packets, start: stats.firstTimestamp.map(ISOTime.format),
            end: stats.lastTimestamp.map(ISOTime.format), durationSeconds: (duration * 1e6).rounded() / 1e6,
            capturePoint: firstVerdict?.capturePoint ?? .unknown,
            malformedPackets: stats.malformedPackets, truncatedBySnaplen: stats.snapTruncatedPackets,
            pptpControlPackets: stats.pptpControlPackets, enhancedGREPackets: stats.enhancedGREPackets,
            greVersion0Packets: stats.greV0Packets, pppLinkPackets: stats.pppOnLinkPackets,
            pppoePackets: stats.pppoePackets, icmpErrors: stats.icmpErrors)
        return Report(
            tool: .init(name: "pptp-pcap", version: toolVersion), capture: captureSummary,
            warnings: warnings, summary: summary, sessions: [])
    }

    static func seenInstead(_ s: CaptureStats) -> String {
        var seen: [String] = []
        if s.pppoePackets > 0 { seen.append("\(s.pppoePackets) PPPoE packets (PPP over Ethernet, not PPTP)") }
        if s.pppOnLinkPackets > s.pppoePackets {
            seen.append("\(s.pppOnLinkPackets - s.pppoePackets) PPP packets on a PPP link (serial/dial-up, not PPTP)")
        }
        if s.pppLinkSessions > 0 {
            seen.append(
                "\(s.pppLinkSessions) PPP link\(s.pppLinkSessions == 1 ? "" : "s") without PPTP, diagnosed below from "
                    + "the PPP negotiation alone")
        }
        if s.greV0Packets > 0 { seen.append("\(s.greV0Packets) GRE version 0 packets (other tunnelling, not PPTP)") }
        if s.icmpErrors > 0 { seen.append("\(s.icmpErrors) ICMP errors about other traffic") }
        if s.pptpControlPackets > 0 { seen.append("\(s.pptpControlPackets) TCP 1723 packets that formed no session") }
        let instead = seen.isEmpty ? "no PPTP, PPP or GRE traffic at all" : seen.joined(separator: "; ")
        return "No PPTP session found in \(s.packets) packets. Seen instead: \(instead)."
    }

    public static func sessionReport(_ s: Session, _ v: Verdict, logs: SessionLogs? = nil) -> SessionReport {
        let calls = s.calls.map { c in
            CallReport(
                clientCallID: c.clientCallID.map(Int.init), serverCallID: c.serverCallID.map(Int.init),
                result: c.reply?.summary, greFromClient: gre(c.greFromClient), greFromServer: gre(c.greFromServer))
        }
        let findings = v.findings.map(findingReport)
        let timeline = v.milestones.map {
            TimelineEntry(
                packet: $0.packet.number, time: ($0.packet.time * 1e6).rounded() / 1e6, stage: $0.stage,
                from: $0.from, text: $0.text, kind: $0.kind, towards: $0.towards,
                log: $0.log.map {
                    LogLineReport(lane: $0.lane, file: $0.file, line: $0.line, approximate: $0.approximate ? true : nil)
                })
        }
        return SessionReport(
            id: s.index, client: s.pppLink?.clientName ?? s.client.description,
            server: s.pppLink?.serverName ?? s.server.description, outcome: v.outcome,
            failureStage: v.failureStage, lastStageCompleted: v.lastStageCompleted,
            probableErrorCodes: v.probableErrorCodes, confidence: v.confidence, headline: headline(s, v),
            capturePoint: v.capturePoint, capturePointReason: v.capturePointReason,
            controlChannelSeen: s.controlChannelSeen, pppLink: s.pppLink?.description,
            firstPacket: s.first.number, lastPacket: s.last.number,
            startSeconds: (s.first.time * 1e6).rounded() / 1e6, endSeconds: (s.last.time * 1e6).rounded() / 1e6,
            calls: calls, findings: findings, captureGap: v.captureGap.map(findingReport), timeline: timeline,
            packetCount: s.packetCount,
            logs: logs.map { l in
                l.joined.map {
                    SessionLogReport(
                        lane: $0.lane, file: $0.origin, matchedBy: $0.matchedBy, clock: $0.clock, events: $0.events.count)
                }
            },
            // CHAP's name only: a PAP user name may be the password itself (people type it in both fields).
            user: s.calls.last?.ppp.first { $0.proto == .chap && $0.from == .client && !($0.userName ?? "").isEmpty }?
                .userName)
    }

    static func findingReport(_ f: Finding) -> FindingReport {
        FindingReport(
            rule: f.rule, stage: f.stage, severity: f.severity, errorCodes: f.errorCodes,
            confidence: f.confidence, packets: f.packets, decisivePacket: f.decisivePacket,
            message: f.message, explanation: f.explanation, codeNotes: f.codeNotes,
            fixes: FixesReport(
                windowsClient: f.fixes.windowsClient, linuxServer: f.fixes.linuxServer,
                network: f.fixes.network),
            isAbsence: f.isAbsence,
            logLines: f.logLines.isEmpty
                ? nil : f.logLines.map { LogLineReport(lane: $0.lane, file: $0.file, line: $0.line, text: $0.text) },
            group: f.isSecurity ? "security" : nil)
    }

    static func gre(_ g: GREDirectionStats) -> GREReport {
        GREReport(
            packets: g.packets, dataPackets: g.dataPackets, ackOnly: g.ackOnly, lost: g.lost, reordered: g.reordered,
            duplicates: g.duplicates, largestDatagram: g.largestDatagram)
    }

    static func headline(_ s: Session, _ v: Verdict) -> String {
        let what = s.pppLink == nil ? "tunnel" : "PPP link"
        switch v.outcome {
        case .failed:
            let stage = v.failureStage?.rawValue ?? "?"
            let code = CodeText.headline(v.probableErrorCodes)
            let why = v.primary.map { RuleCatalog.rule($0.rule)?.title ?? $0.rule } ?? ""
            return "Failed at \(stage): \(why) (\(code), \(v.confidence?.rawValue ?? "?") confidence)."
        case .success where !v.setupInView:
            let who = v.endedInOrderBy?.rawValue ?? "client"
            return "Success: the \(what) was in use when the capture started and the \(who) ended it in order."
        case .success where v.clientClearedWithoutTerminate:
            return "Success: the \(what) was established and carried data; then the client cleared the call without "
                + "ending PPP first (a hang-up that lost its Terminate-Request, or the client's PPP stopped: see below)."
        case .success:
            let ended = v.lastStageCompleted == .teardown ? ", then torn down in order" : ""
            return "Success: the \(what) was established\(ended)."
        case .incomplete:
            let reached = v.lastStageCompleted.map { "got as far as \($0.rawValue)" } ?? "shows no completed stage"
            let gap =
                v.captureGap.flatMap { RuleCatalog.gapRule($0.rule)?.title }.map {
                    $0.prefix(1).lowercased() + $0.dropFirst() + "; "
                } ?? ""
            return "Incomplete: \(gap)the session \(reached)."
        }
    }
}

/// UTC ISO 8601 without Foundation's formatters (days-from-civil, Howard Hinnant's algorithm).
enum ISOTime {
    static func format(_ nanos: Int64) -> String {
        // Floor division without overflow, whatever the (hostile) timestamp.
        var secs = nanos / 1_000_000_000
        var rest = nanos % 1_000_000_000
        if rest < 0 {
            secs -= 1
            rest += 1_000_000_000
        }
        let micros = rest / 1000
        let days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400
        let rem = secs - days * 86400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func p(_ v: Int64, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(p(y, 4))-\(p(m, 2))-\(p(d, 2))T\(p(rem / 3600, 2)):\(p(rem / 60 % 60, 2)):\(p(rem % 60, 2)).\(p(micros, 6))Z"
    }
}
