public import PPTPSessions

/// The diagnosis of one session.
public struct Verdict: Sendable {
    public var outcome: Outcome
    /// The stage that failed; nil unless the outcome is `failed`.
    public var failureStage: Stage?
    /// The last stage the session completed.
    public var lastStageCompleted: Stage?
    /// Probable Windows error codes, most likely first (from the primary failure, then the others).
    public var probableErrorCodes: [Int]
    public var confidence: Confidence?
    /// Failures first (primary first), then warnings, then notes.
    public var findings: [Finding]
    /// Key messages of each stage, in time order.
    public var milestones: [Milestone]
    public var capturePoint: CapturePoint
    public var capturePointReason: String
    /// For an `incomplete` session: what the capture is missing, why it matters and how to capture again (a
    /// finding of `RuleCatalog.captureGaps`). Nil for every other outcome.
    public var captureGap: Finding?
    /// The session's start is in the capture (TCP SYN or SCCRQ; for a PPP link, LCP's negotiation).
    public var setupInView = true
    /// Who ended a working session in order, when one did (the client's hang-up first).
    public var endedInOrderBy: Side?
    /// The client cleared the working call with no LCP Terminate-Request on the wire (a hang-up that lost it, or
    /// a client PPP that stopped; the capture cannot tell which).
    public var clientClearedWithoutTerminate = false

    public var primary: Finding? { findings.first { $0.severity == .failure } }
}

/// One line of the timeline: when a stage's key message happened.
public struct Milestone: Sendable, Hashable {
    public var packet: PacketRef
    public var stage: Stage
    public var from: Side?
    public var text: String
    public var kind: Kind = .message
    /// ICMP errors only: the side the error travels to, the sender of the packet it quotes (a ladder draws its
    /// arrow there without reading the text).
    public var towards: Side?
    /// `log` entries only: the log line.
    public var log: LogCitation?

    /// What a timeline line stands for, so renderers draw it without reading its text.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// One packet: a control message, a PPP negotiation packet, a TCP event.
        case message
        /// A run of tunnel data packets from one side, summarised at its last packet.
        case data
        /// LCP echo keepalives, summarised.
        case keepalive
        /// An ICMP error from the path about the session's packets.
        case icmp
        /// Entries left out in the middle of a long timeline.
        case omitted
        /// A line of a log read beside the capture (`--log`), in its own lane.
        case log
    }
}
