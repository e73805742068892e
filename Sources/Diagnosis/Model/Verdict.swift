public import Sessions

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

    public var primary: Finding? { findings.first { $0.severity == .failure } }
}

/// One line of the timeline: when a stage's key message happened.
public struct Milestone: Sendable, Hashable {
    public var packet: PacketRef
    public var stage: Stage
    public var from: Side?
    public var text: String
}
