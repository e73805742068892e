public import PPTPSessions

/// A diagnosis rule as a value: what it is about, how sure and loud it is, what it means and how to fix it,
/// and the one function that looks for it. One type for every rule, generic over what the function looks at
/// and what it finds: a session's facts in one capture (`Rule`), or a session's traffic across the points of a
/// path (`PathRule`, in PPTPMultiPoint). `explain`, the registry and the reports read the same fields of both.
public struct DiagnosisRule<Facts, Found>: Sendable, RuleDescribing {
    /// Stable dotted id, `stage.what` (`path.what` across capture points); never renumbered or reused.
    public var id: String
    public var stage: Stage
    public var severity: Severity
    /// Probable Windows error codes, most likely first.
    public var errorCodes: [Int]
    public var codeNotes: String?
    public var confidence: Confidence
    public var title: String
    public var explanation: String
    public var fixes: Fixes
    /// Its evidence is an absence: something sent that never got an answer or never came back (no SYN-ACK, no
    /// reply, no GRE). A ladder diagram draws such a failure's trailing requests as unanswered.
    public var isAbsence: Bool
    /// A security finding (`RuleCatalog.security`): about what the session exposes, never a failure; reports show
    /// these in their own section after the verdict.
    public var isSecurity: Bool
    public var detect: @Sendable (Facts) -> Found

    public init(
        id: String, stage: Stage, severity: Severity = .failure, errorCodes: [Int] = [], codeNotes: String? = nil,
        confidence: Confidence, title: String, explanation: String, fixes: Fixes = Fixes(), isAbsence: Bool = false,
        isSecurity: Bool = false, detect: @escaping @Sendable (Facts) -> Found
    ) {
        self.isSecurity = isSecurity
        self.id = id
        self.stage = stage
        self.severity = severity
        self.errorCodes = errorCodes
        self.codeNotes = codeNotes
        self.confidence = confidence
        self.title = title
        self.explanation = explanation
        self.fixes = fixes
        self.isAbsence = isAbsence
        self.detect = detect
    }
}

/// What every rule says about itself, whatever it looks at: what the registry lists and `explain` prints.
public protocol RuleDescribing: Sendable {
    var id: String { get }
    var stage: Stage { get }
    var severity: Severity { get }
    var errorCodes: [Int] { get }
    var codeNotes: String? { get }
    var confidence: Confidence { get }
    var title: String { get }
    var explanation: String { get }
    var fixes: Fixes { get }
    var isAbsence: Bool { get }
    var isSecurity: Bool { get }
}

/// A rule over one session's facts in one capture; at most one finding per session.
public typealias Rule = DiagnosisRule<SessionFacts, Match?>

/// What a rule found in one session.
public struct Match: Sendable {
    public var evidence: [PacketRef]
    public var message: String
    /// Replaces the rule's codes when the capture names the code itself (MS-CHAP `E=`).
    public var errorCodes: [Int]?
    public var confidence: Confidence?
    /// Replaces the rule's stage for findings about the capture itself (where it starts or ends).
    public var stage: Stage?
    /// The packet where it went wrong (the first unanswered request, the failure message); the last evidence
    /// packet when not given.
    public var decisive: PacketRef?
    /// Log lines the match rests on.
    public var logLines: [LogCitation]

    public init(
        evidence: [PacketRef], message: String, errorCodes: [Int]? = nil, confidence: Confidence? = nil,
        stage: Stage? = nil, decisive: PacketRef? = nil, logLines: [LogCitation] = []
    ) {
        self.decisive = decisive
        self.logLines = logLines
        self.evidence = evidence
        self.message = message
        self.errorCodes = errorCodes
        self.confidence = confidence
        self.stage = stage
    }
}
