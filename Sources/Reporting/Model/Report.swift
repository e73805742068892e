public import PPTPDiagnosis
public import PPTPSessions

/// The one report model every renderer reads. Its JSON form is versioned: `schemaVersion` changes its major
/// number when a field changes meaning or disappears, its minor number when fields are added
/// (schema: `Schemas/report.schema.json` in the repository).
public struct Report: Codable, Sendable {
    public static let currentSchemaVersion = "1.7"

    public var schemaVersion = Report.currentSchemaVersion
    public var tool: Tool
    public var capture: CaptureSummary
    public var warnings: [ReportWarning]
    public var summary: Summary
    public var sessions: [SessionReport]
    /// Multi-point analyses only (schema 1.2): the capture points. `capture` is then the first point's file.
    public var path: PathReport?
    /// Schema 1.6, only with `--log`: the log files read beside the capture.
    public var logs: [LogFileReport]?

    /// Whether the report speaks of any session: its list, or, for a report written a session at a time whose
    /// frame holds none of them, its counts.
    public var hasSessions: Bool { !sessions.isEmpty || summary.sessions > 0 }

    public struct Tool: Codable, Sendable {
        public var name: String
        public var version: String
    }

    public struct Summary: Codable, Sendable {
        public var sessions: Int
        public var success: Int
        public var failed: Int
        public var incomplete: Int
        /// When there is no PPTP session: what the capture holds instead.
        public var noPPTPSession: String?

        /// Adds one session to the counts.
        public mutating func count(_ session: SessionReport) {
            sessions += 1
            switch session.outcome {
            case .success: success += 1
            case .failed: failed += 1
            case .incomplete: incomplete += 1
            }
        }
    }
}

public struct CaptureSummary: Codable, Sendable {
    public var file: String
    public var format: String
    public var linkType: UInt32
    public var linkTypeName: String
    public var packets: Int
    /// ISO 8601 UTC times of the first and last packet.
    public var start: String?
    public var end: String?
    public var durationSeconds: Double
    /// Where the capture was taken, from the first session's TTLs.
    public var capturePoint: CapturePoint
    public var malformedPackets: Int
    public var truncatedBySnaplen: Int
    public var pptpControlPackets: Int
    public var enhancedGREPackets: Int
    public var greVersion0Packets: Int
    public var pppLinkPackets: Int
    public var pppoePackets: Int
    public var icmpErrors: Int
}

public struct ReportWarning: Codable, Sendable, Hashable {
    /// Stable id: `capture.truncated-file`, `capture.malformed-packet`, `capture.limit-reached`, `capture.unbound-icmp`.
    public var code: String
    public var message: String
    public var packet: Int?
    public var byteOffset: Int?

    public init(code: String, message: String, packet: Int? = nil, byteOffset: Int? = nil) {
        self.code = code
        self.message = message
        self.packet = packet
        self.byteOffset = byteOffset
    }
}

public struct SessionReport: Codable, Sendable {
    public var id: Int
    public var client: String
    public var server: String
    /// The Diagnosis enums themselves: their raw values are the JSON's strings, so the bytes are those of the
    /// strings these fields once were.
    public var outcome: Outcome
    public var failureStage: Stage?
    public var lastStageCompleted: Stage?
    public var probableErrorCodes: [Int]
    public var confidence: Confidence?
    /// One sentence: what failed and the most likely code.
    public var headline: String
    public var capturePoint: CapturePoint
    public var capturePointReason: String
    public var controlChannelSeen: Bool
    /// Schema 1.4, only for a PPP link seen without PPTP around it: what carried it. `client` and `server` then
    /// name the link's two ends, and the session's one call has no Call IDs and no GRE.
    public var pppLink: String?
    public var firstPacket: Int
    public var lastPacket: Int
    public var startSeconds: Double
    public var endSeconds: Double
    public var calls: [CallReport]
    public var findings: [FindingReport]
    /// Incomplete sessions only (schema 1.4): what the capture is missing (`message`), why it matters
    /// (`explanation`) and how to capture again (`fixes`).
    public var captureGap: FindingReport?
    public var timeline: [TimelineEntry]
    /// Packet numbers of this session (control, GRE, quoted ICMP), for evidence captures.
    public var packetCount: Int
    /// Multi-point analyses only (schema 1.2): the session at each point and where its packets stopped.
    public var path: SessionPathReport?
    /// Schema 1.6, only with `--log`: the logs joined to this session, how, and on what clock.
    public var logs: [SessionLogReport]?
    /// Schema 1.6: the user name the client authenticated (or tried to) with, from its CHAP Response (never PAP's:
    /// a PAP user name is sometimes the password typed twice); a pseudonym in a redacted report; absent when
    /// the capture shows none.
    public var user: String?

    enum CodingKeys: String, CodingKey {
        case id, client, server, outcome, failureStage, lastStageCompleted, probableErrorCodes, confidence, headline
        case capturePoint, capturePointReason, controlChannelSeen, pppLink, firstPacket, lastPacket, startSeconds, endSeconds
        case calls, findings, captureGap, timeline, packetCount, path, logs, user
    }

    /// Written by hand so that absent values are `null`, not missing keys: the schema promises every key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(client, forKey: .client)
        try c.encode(server, forKey: .server)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(failureStage, forKey: .failureStage)
        try c.encode(lastStageCompleted, forKey: .lastStageCompleted)
        try c.encode(probableErrorCodes, forKey: .probableErrorCodes)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(headline, forKey: .headline)
        try c.encode(capturePoint, forKey: .capturePoint)
        try c.encode(capturePointReason, forKey: .capturePointReason)
        try c.encode(controlChannelSeen, forKey: .controlChannelSeen)
        try c.encodeIfPresent(pppLink, forKey: .pppLink)
        try c.encode(firstPacket, forKey: .firstPacket)
        try c.encode(lastPacket, forKey: .lastPacket)
        try c.encode(startSeconds, forKey: .startSeconds)
        try c.encode(endSeconds, forKey: .endSeconds)
        try c.encode(calls, forKey: .calls)
        try c.encode(findings, forKey: .findings)
        try c.encodeIfPresent(captureGap, forKey: .captureGap)
        try c.encode(timeline, forKey: .timeline)
        try c.encode(packetCount, forKey: .packetCount)
        try c.encodeIfPresent(path, forKey: .path)
        try c.encodeIfPresent(logs, forKey: .logs)
        try c.encodeIfPresent(user, forKey: .user)
    }
}

public struct CallReport: Codable, Sendable {
    public var clientCallID: Int?
    public var serverCallID: Int?
    public var result: String?
    public var greFromClient: GREReport
    public var greFromServer: GREReport
}

public struct GREReport: Codable, Sendable {
    public var packets: Int
    public var dataPackets: Int
    public var ackOnly: Int
    public var lost: Int
    public var reordered: Int
    public var duplicates: Int
    public var largestDatagram: Int
}

public struct FindingReport: Codable, Sendable {
    public var rule: String
    public var stage: Stage
    public var severity: Severity
    public var errorCodes: [Int]
    public var confidence: Confidence
    public var packets: [Int]
    /// The evidence packet where it went wrong (the first unanswered request, the failure message).
    public var decisivePacket: Int?
    public var message: String
    public var explanation: String
    public var codeNotes: String?
    public var fixes: FixesReport
    /// The rule's evidence is an absence (an answer that never came), for a ladder to draw the silence. Not in
    /// the JSON (the schema has no such key): a decoded report's findings read `false`.
    public var isAbsence = false
    /// Schema 1.6: the log lines the finding rests on, when logs were read (absent otherwise).
    public var logLines: [LogLineReport]?
    /// Schema 1.6: `security` for what the session exposes (never a failure; shown after the verdict); absent
    /// for the diagnosis's own findings.
    public var group: String?

    public var isSecurity: Bool { group == "security" }

    enum CodingKeys: String, CodingKey {
        case rule, stage, severity, errorCodes, confidence, packets, decisivePacket, message, explanation, codeNotes, fixes
        case logLines, group
    }
}

extension FindingReport {
    /// A report read back (a scan catalog's) has no `isAbsence`: the rule catalog still knows it, so a ladder
    /// drawn from a stored report marks the same silence as one drawn fresh.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rule = try c.decode(String.self, forKey: .rule)
        stage = try c.decode(Stage.self, forKey: .stage)
        severity = try c.decode(Severity.self, forKey: .severity)
        errorCodes = try c.decode([Int].self, forKey: .errorCodes)
        confidence = try c.decode(Confidence.self, forKey: .confidence)
        packets = try c.decode([Int].self, forKey: .packets)
        decisivePacket = try c.decodeIfPresent(Int.self, forKey: .decisivePacket)
        message = try c.decode(String.self, forKey: .message)
        explanation = try c.decode(String.self, forKey: .explanation)
        codeNotes = try c.decodeIfPresent(String.self, forKey: .codeNotes)
        fixes = try c.decode(FixesReport.self, forKey: .fixes)
        logLines = try c.decodeIfPresent([LogLineReport].self, forKey: .logLines)
        group = try c.decodeIfPresent(String.self, forKey: .group)
        isAbsence = (RuleCatalog.rule(rule) ?? RuleCatalog.gapRule(rule))?.isAbsence ?? false
    }
}

public struct FixesReport: Codable, Sendable {
    public var windowsClient: [String]
    public var linuxServer: [String]
    public var network: [String]
}

public struct TimelineEntry: Codable, Sendable {
    public var packet: Int
    public var time: Double
    public var stage: Stage
    public var from: Side?
    public var text: String
    /// `message` (one packet), `data` (a run of tunnel data, at its last packet), `keepalive` (LCP echoes,
    /// summarised), `icmp` (an error from the path), `omitted` (entries left out of a long timeline).
    public var kind: Milestone.Kind
    /// Multi-point only: the point whose packet number `packet` is, when it is not the session's `reportedFrom`
    /// (a packet that point never saw).
    public var point: String?
    /// Multi-point only: the points that saw this packet.
    public var seenAt: [String]?
    /// ICMP entries only: the side the error travels to (`Milestone.towards`). Not in the JSON: a report read
    /// back has none, and a ladder then falls back to the entry's text.
    public var towards: Side?
    /// Schema 1.6, `log` entries only: the log line this entry is (its `packet` is the captured packet it logs,
    /// or the session's last packet before it).
    public var log: LogLineReport?

    public init(
        packet: Int, time: Double, stage: Stage, from: Side?, text: String, kind: Milestone.Kind = .message,
        point: String? = nil, seenAt: [String]? = nil, towards: Side? = nil, log: LogLineReport? = nil
    ) {
        self.log = log
        self.packet = packet
        self.time = time
        self.stage = stage
        self.from = from
        self.text = text
        self.kind = kind
        self.point = point
        self.seenAt = seenAt
        self.towards = towards
    }

    enum CodingKeys: String, CodingKey { case packet, time, stage, from, text, kind, point, seenAt, log }

    /// Reports written before schema 1.2 (a scan catalog's) have no `kind`: their entries read as messages.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        packet = try c.decode(Int.self, forKey: .packet)
        time = try c.decode(Double.self, forKey: .time)
        stage = try c.decode(Stage.self, forKey: .stage)
        from = try c.decodeIfPresent(Side.self, forKey: .from)
        text = try c.decode(String.self, forKey: .text)
        kind = try c.decodeIfPresent(Milestone.Kind.self, forKey: .kind) ?? .message
        point = try c.decodeIfPresent(String.self, forKey: .point)
        seenAt = try c.decodeIfPresent([String].self, forKey: .seenAt)
        log = try c.decodeIfPresent(LogLineReport.self, forKey: .log)
    }
}

/// A line of a log: whose, where, and (as evidence of a finding) what it said.
public struct LogLineReport: Codable, Sendable, Hashable {
    /// "server pppd", "client pptp", "client RasClient".
    public var lane: String
    /// The file's name, and the process when the file holds several ("syslog pppd[1234]").
    public var file: String
    public var line: Int
    /// Findings only: the line's text, printable and credential-free.
    public var text: String?
    /// Timeline entries only, when true: the log's timestamp has whole seconds, so the entry's time is right to
    /// about a second and its order among packets of the same second is not known.
    public var approximate: Bool?

    public init(lane: String, file: String, line: Int, text: String? = nil, approximate: Bool? = nil) {
        self.lane = lane
        self.file = file
        self.line = line
        self.text = text
        self.approximate = approximate
    }
}

/// A log joined to a session: which, what tied it to the session, and how its times were read.
public struct SessionLogReport: Codable, Sendable {
    public var lane: String
    public var file: String
    /// "LCP magic number 0x9d0a1138 (client's)", "PPTP Call IDs 20206/0", "client address 10.99.1.2".
    public var matchedBy: String
    public var clock: String
    /// The log's lines about this session that the diagnosis read.
    public var events: Int
    /// Schema 1.7, multi-point reports only: the capture points whose session this log joined (by the same keys
    /// at each point, on each point's clock).
    public var joinedAt: [String]?

    public init(lane: String, file: String, matchedBy: String, clock: String, events: Int, joinedAt: [String]? = nil) {
        self.lane = lane
        self.file = file
        self.matchedBy = matchedBy
        self.clock = clock
        self.events = events
        self.joinedAt = joinedAt
    }
}

/// A log file read beside the capture.
public struct LogFileReport: Codable, Sendable {
    public var file: String
    public var format: String
    public var lines: Int
    /// Sessions found in it, and how many of them joined no session of the capture.
    public var sessions: Int
    public var unmatchedSessions: Int
    /// Lines of the programs read that the diagnosis does not use, and lines of other programs.
    public var uninterpretedLines: Int
    public var unrelatedLines: Int
    public var notes: [String]

    public init(
        file: String, format: String, lines: Int, sessions: Int, unmatchedSessions: Int, uninterpretedLines: Int,
        unrelatedLines: Int, notes: [String]
    ) {
        self.file = file
        self.format = format
        self.lines = lines
        self.sessions = sessions
        self.unmatchedSessions = unmatchedSessions
        self.uninterpretedLines = uninterpretedLines
        self.unrelatedLines = unrelatedLines
        self.notes = notes
    }
}
