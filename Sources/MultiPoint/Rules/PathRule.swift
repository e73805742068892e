public import PPTPDiagnosis
import PPTPSessions

/// A multi-point rule as a value, shaped like the single-capture `Rule`: what it is about, how sure and loud it
/// is, what it means and how to fix it, and the one function that looks for it — here in a session's traffic
/// across the points of the path. Its findings join the session's verdict like any other.
public struct PathRule: Sendable {
    /// Stable dotted id, `path.what`; never renumbered or reused.
    public var id: String
    public var stage: Stage
    public var severity: Severity
    public var errorCodes: [Int]
    public var confidence: Confidence
    public var title: String
    public var explanation: String
    public var fixes: Fixes
    public var detect: @Sendable (PathFacts) -> [PathMatch]

    public init(id: String, stage: Stage, severity: Severity, errorCodes: [Int] = [], confidence: Confidence,
                title: String, explanation: String, fixes: Fixes = Fixes(),
                detect: @escaping @Sendable (PathFacts) -> [PathMatch]) {
        self.id = id
        self.stage = stage
        self.severity = severity
        self.errorCodes = errorCodes
        self.confidence = confidence
        self.title = title
        self.explanation = explanation
        self.fixes = fixes
        self.detect = detect
    }

    func finding(_ m: PathMatch) -> Finding {
        Finding(rule: id, stage: stage, severity: severity, errorCodes: errorCodes, confidence: confidence,
                packets: m.packets, decisivePacket: m.packets.first, message: m.message, explanation: explanation,
                fixes: fixes, codeNotes: nil)
    }
}

/// What a path rule found: its message names the points and their packet numbers (`A#12`); `packets` are the
/// evidence packets' numbers at the point whose diagnosis the report gives.
public struct PathMatch: Sendable {
    public var message: String
    public var packets: [Int]
    /// For failures: the verdict's headline, naming the segment ("GRE is filtered between A (client-side) and B
    /// (server-side) while TCP 1723 passes").
    public var headline: String?

    public init(message: String, packets: [Int] = [], headline: String? = nil) {
        self.message = message
        self.packets = packets
        self.headline = headline
    }
}
