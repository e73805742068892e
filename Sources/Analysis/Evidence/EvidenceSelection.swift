public import PPTPDiagnosis
public import PPTPSessions

/// What an evidence capture keeps: the flows of the failed sessions, or of every session when none failed.
/// Fed one session at a time, so a streamed report can choose as it goes.
public struct EvidenceSelection: Sendable {
    private var failed: [SessionFlows] = []
    private var all: [SessionFlows] = []
    private var failedPackets = 0
    private var allPackets = 0

    public init() {}

    public mutating func note(_ session: Session, _ verdict: Verdict) {
        if verdict.outcome == .failed {
            failed.append(session.flows)
            failedPackets += session.packetCount
        }
        // Once one failed, the others are not needed.
        if failed.isEmpty {
            all.append(session.flows)
            allPackets += session.packetCount
        }
    }

    public var flows: [SessionFlows] { failed.isEmpty ? all : failed }

    /// How many packets an evidence capture of `flows` holds.
    public var packetCount: Int { failed.isEmpty ? allPackets : failedPackets }
}
