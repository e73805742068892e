public import PPTPLogs

/// What a log says about its session when there is no capture beside it (`analyze --log FILE` alone): the
/// outcome, the stage and the codes its own failure sentence stands for. The same meanings the log rules give
/// those sentences beside a capture (`RuleCatalog.logs`).
public struct LogVerdict: Sendable {
    public var outcome: Outcome
    public var failureStage: Stage?
    public var probableErrorCodes: [Int]
    /// The line the verdict rests on.
    public var decisive: LogEvent?

    /// `children`: the sessions of the processes this one started (pptpd's pppd), from the same file.
    public static func judge(_ log: LogSession, children: [LogSession] = []) -> LogVerdict {
        let statements = log.events.compactMap { e in e.statement.map { (e, $0) } }
        for (e, s) in statements {
            if case .windowsError(let code, _, true, let connected) = s {
                return LogVerdict(
                    outcome: .failed, failureStage: connected ? .established : RuleCatalog.stage(ofCode: code),
                    probableErrorCodes: [code], decisive: e)
            }
            if case .windowsServerRefused(let code, _) = s {
                return LogVerdict(
                    outcome: .failed, failureStage: .authentication, probableErrorCodes: code.map { [$0] } ?? [], decisive: e)
            }
        }
        for (e, s) in statements {
            if let (stage, codesOf) = RuleCatalog.meaning(of: s) {
                return LogVerdict(
                    outcome: .failed, failureStage: stage, probableErrorCodes: RuleCatalog.codes(of: codesOf), decisive: e)
            }
            if case .greNetworkError(let reason) = s {
                // pptpd's pppd says when the link came up; in the same file, an earlier line is an earlier time.
                let wasUp = ([log] + children.filter { $0.file == log.file }).flatMap(\.events).contains { u in
                    if case .ipAddress = u.statement { u.line < e.line } else { false }
                }
                let meaning = RuleCatalog.greSocketError(reason, linkWasUp: wasUp)
                return LogVerdict(
                    outcome: .failed, failureStage: meaning.stage, probableErrorCodes: meaning.codes, decisive: e)
            }
            if s == .optionError || s == .pppdDiedUnexpectedly {
                return LogVerdict(
                    outcome: .failed, failureStage: .callSetup,
                    probableErrorCodes: RuleCatalog.codes(of: "call-setup.server-ppp-exited"), decisive: e)
            }
        }
        let up = statements.first { e, s in
            if case .ipAddress = s { return true }
            if case .windowsConnected = s { return true }
            return false
        }
        if let (e, _) = up { return LogVerdict(outcome: .success, failureStage: nil, probableErrorCodes: [], decisive: e) }
        return LogVerdict(outcome: .incomplete, failureStage: nil, probableErrorCodes: [], decisive: statements.last?.0)
    }
}
