public import PPTPSessions

/// What to change, by where the change is made.
public struct Fixes: Sendable, Codable, Hashable {
    public var windowsClient: [String]
    public var linuxServer: [String]
    public var network: [String]

    public init(windows: [String] = [], linux: [String] = [], network: [String] = []) {
        windowsClient = windows
        linuxServer = linux
        self.network = network
    }

    public var isEmpty: Bool { windowsClient.isEmpty && linuxServer.isEmpty && network.isEmpty }
}

/// One rule that matched one session, pinned to the packets that prove it.
public struct Finding: Sendable, Codable, Hashable {
    public var rule: String
    public var stage: Stage
    public var severity: Severity
    /// Probable Windows error codes, most likely first.
    public var errorCodes: [Int]
    public var confidence: Confidence
    /// Packet numbers of the evidence, in capture order.
    public var packets: [Int]
    /// The evidence packet where it went wrong, for a report to mark.
    public var decisivePacket: Int?
    /// This session's specifics: which packets, which values, which timings.
    public var message: String
    /// The rule's general explanation.
    public var explanation: String
    public var fixes: Fixes
    /// Notes on the codes, e.g. "806 on Windows Vista and later; 721 before Vista (KB 888201)".
    public var codeNotes: String?
    /// The rule's evidence is an absence (an answer that never came back), from `Rule.isAbsence`: what lets a
    /// ladder draw the silence without reading rule ids. Not encoded: it is the rule's, not the session's.
    public var isAbsence = false
    /// Log lines the finding rests on (`analyze --log`), beside or instead of packets.
    public var logLines: [LogCitation] = []

    /// From a security rule (`Rule.isSecurity`): reported in its own section, never a failure.
    public var isSecurity = false

    /// A finding of one of the log rules (`RuleCatalog.logs`, ids `log.*`).
    public var fromLog: Bool { rule.hasPrefix("log.") }

    enum CodingKeys: String, CodingKey {
        case rule, stage, severity, errorCodes, confidence, packets, decisivePacket, message, explanation, fixes, codeNotes
        case logLines
    }

    public init(
        rule: String, stage: Stage, severity: Severity, errorCodes: [Int], confidence: Confidence,
        packets: [Int], decisivePacket: Int?, message: String, explanation: String, fixes: Fixes,
        codeNotes: String?, isAbsence: Bool = false
    ) {
        self.rule = rule
        self.stage = stage
        self.severity = severity
        self.errorCodes = errorCodes
        self.confidence = confidence
        self.packets = packets
        self.decisivePacket = decisivePacket
        self.message = message
        self.explanation = explanation
        self.fixes = fixes
        self.codeNotes = codeNotes
        self.isAbsence = isAbsence
    }
}

/// One line of a log, as evidence: which log (its lane and file), which line, what it said (printable,
/// credential-free).
public struct LogCitation: Sendable, Codable, Hashable {
    /// "server pppd", "client RasClient".
    public var lane: String
    public var file: String
    public var line: Int
    public var text: String
    /// Timeline entries: placed by a whole-second timestamp, so only to about a second.
    public var approximate = false

    public init(lane: String, file: String, line: Int, text: String, approximate: Bool = false) {
        self.lane = lane
        self.file = file
        self.line = line
        self.text = text
        self.approximate = approximate
    }
}
