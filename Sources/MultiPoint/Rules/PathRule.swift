public import PPTPDiagnosis
import PPTPSessions

/// A multi-point rule: the one rule type, looking at a session's traffic across the points of a path; it may
/// find several things (one per flow or per segment). Its findings join the session's verdict like any other.
public typealias PathRule = DiagnosisRule<PathFacts, [PathMatch]>

extension DiagnosisRule where Facts == PathFacts, Found == [PathMatch] {
    func finding(_ m: PathMatch) -> Finding {
        Finding(
            rule: id, stage: stage, severity: severity, errorCodes: errorCodes, confidence: confidence,
            packets: m.packets, decisivePacket: m.packets.first, message: m.message, explanation: explanation,
            fixes: fixes, codeNotes: codeNotes)
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
