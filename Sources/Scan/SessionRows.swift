import Foundation
import PPTPDiagnosis
public import PPTPReporting
import PPTPSessions

/// Report → catalog rows, and catalog rows → NDJSON / CSV lines.
public enum SessionRows {
    public static func make(_ report: Report) -> [SessionRecord] {
        let captureStart = report.capture.start.flatMap(ISODate.parse)
        return report.sessions.map { row($0, captureStart: captureStart) }
    }

    /// One session's row; `captureStart` is the capture's first packet time (`ISODate.parse` of `capture.start`).
    static func row(_ s: SessionReport, captureStart: Double?) -> SessionRecord {
        func json<T: Encodable>(_ value: T) -> String { JSONRenderer.compact(value, orElse: "[]") }
        let start = captureStart.map { $0 + s.startSeconds }
        let end = captureStart.map { $0 + s.endSeconds }
        return SessionRecord(
            fileId: 0, sessionId: s.id, client: s.client, server: s.server,
            startTime: start, endTime: end, startIso: start.map(ISODate.format), endIso: end.map(ISODate.format),
            startSeconds: s.startSeconds, endSeconds: s.endSeconds, outcome: s.outcome.rawValue,
            failureStage: s.failureStage?.rawValue, lastStageCompleted: s.lastStageCompleted?.rawValue,
            errorCodes: json(s.probableErrorCodes), primaryCode: s.probableErrorCodes.first,
            confidence: s.confidence?.rawValue,
            headline: s.headline, capturePoint: s.capturePoint.rawValue, firstPacket: s.firstPacket, lastPacket: s.lastPacket,
            packetCount: s.packetCount, rules: json(s.findings.map(\.rule)), findingsJson: json(s.findings),
            userName: s.user)
    }

    /// The report as compact, key-sorted JSON: what the catalog stores once per file.
    public static func compactJSON(_ report: Report) -> String { JSONRenderer.compact(report) }

    public static func decodeReport(_ json: String) -> Report? {
        try? JSONDecoder().decode(Report.self, from: Data(json.utf8))
    }

    /// `FILE#ID`: how `report --session` names a session (file row id, session id in the file's report).
    public static func reference(fileID: Int64, sessionID: Int) -> String { "\(fileID)#\(sessionID)" }

    // MARK: - Streamed rows

    public static let csvHeader = [
        "session", "file", "relative_path", "session_id", "client", "server", "start", "end", "outcome",
        "failure_stage", "last_stage_completed", "error_codes", "confidence", "rules", "headline", "file_status",
    ]

    public static func csvLine(_ s: SessionRecord, file: FileRecord) -> String {
        let fields: [String] = [
            reference(fileID: s.fileId, sessionID: s.sessionId), file.path, file.relativePath, String(s.sessionId),
            s.client, s.server, s.startIso ?? "", s.endIso ?? "", s.outcome, s.failureStage ?? "",
            s.lastStageCompleted ?? "", codes(s).map(String.init).joined(separator: " "), s.confidence ?? "",
            rules(s).joined(separator: " "), s.headline, file.status.rawValue,
        ]
        return fields.map(csvField).joined(separator: ",")
    }

    /// RFC 4180 quoting; a text that a spreadsheet would run as a formula (= + - @ first) gets a leading quote.
    public static func csvField(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(v) == nil { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    private struct NDJSONRow: Encodable {
        var session: String
        var file: String
        var relativePath: String
        var contentHash: String?
        var fileStatus: String
        var sessionId: Int
        var client: String
        var server: String
        var start: String?
        var end: String?
        var outcome: String
        var failureStage: String?
        var lastStageCompleted: String?
        var errorCodes: [Int]
        var confidence: String?
        var headline: String
        var capturePoint: String
        var packets: Int
        var rules: [String]
        var findings: [FindingReport]

        enum CodingKeys: String, CodingKey {
            case session, file, relativePath, contentHash, fileStatus, sessionId, client, server, start, end, outcome
            case failureStage, lastStageCompleted, errorCodes, confidence, headline, capturePoint, packets, rules, findings
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(session, forKey: .session)
            try c.encode(file, forKey: .file)
            try c.encode(relativePath, forKey: .relativePath)
            try c.encode(contentHash, forKey: .contentHash)
            try c.encode(fileStatus, forKey: .fileStatus)
            try c.encode(sessionId, forKey: .sessionId)
            try c.encode(client, forKey: .client)
            try c.encode(server, forKey: .server)
            try c.encode(start, forKey: .start)
            try c.encode(end, forKey: .end)
            try c.encode(outcome, forKey: .outcome)
            try c.encode(failureStage, forKey: .failureStage)
            try c.encode(lastStageCompleted, forKey: .lastStageCompleted)
            try c.encode(errorCodes, forKey: .errorCodes)
            try c.encode(confidence, forKey: .confidence)
            try c.encode(headline, forKey: .headline)
            try c.encode(capturePoint, forKey: .capturePoint)
            try c.encode(packets, forKey: .packets)
            try c.encode(rules, forKey: .rules)
            try c.encode(findings, forKey: .findings)
        }
    }

    /// One JSON object per session on one line; absent values are `null`.
    public static func ndjsonLine(_ s: SessionRecord, file: FileRecord) -> String {
        let findings = (try? JSONDecoder().decode([FindingReport].self, from: Data(s.findingsJson.utf8))) ?? []
        let row = NDJSONRow(
            session: reference(fileID: s.fileId, sessionID: s.sessionId), file: file.path,
            relativePath: file.relativePath, contentHash: file.contentHash, fileStatus: file.status.rawValue,
            sessionId: s.sessionId, client: s.client, server: s.server, start: s.startIso, end: s.endIso,
            outcome: s.outcome, failureStage: s.failureStage, lastStageCompleted: s.lastStageCompleted,
            errorCodes: codes(s), confidence: s.confidence, headline: s.headline,
            capturePoint: s.capturePoint, packets: s.packetCount, rules: rules(s), findings: findings)
        return JSONRenderer.compact(row, orElse: "{}")
    }

    public static func codes(_ s: SessionRecord) -> [Int] {
        (try? JSONDecoder().decode([Int].self, from: Data(s.errorCodes.utf8))) ?? []
    }

    public static func rules(_ s: SessionRecord) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(s.rules.utf8))) ?? []
    }
}
