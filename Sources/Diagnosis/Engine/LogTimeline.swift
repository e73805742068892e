import PPTPLogs
import PPTPSessions

/// The statements of a session's logs as timeline entries in their own lanes, between the capture's entries by
/// time. Logged packets are not repeated (the capture has them); what the programs said about them is.
enum LogTimeline {
    /// Statements kept per session: a pppd in a redial loop must not bury the capture's entries.
    static let maximumEntries = 60

    static func merge(_ logs: SessionLogs, into capture: [Milestone], session: Session) -> [Milestone] {
        var entries: [Milestone] = []
        for (log, placed, statement) in logs.statements {
            // pptpd logs every GRE packet it accepts: noise in a timeline (the capture counts them).
            if case .greAccepted = statement { continue }
            guard entries.count < maximumEntries else { break }
            // The entry's packet: the one it logs, else the last of the capture's entries at or before its time.
            let before = capture.last { $0.packet.time <= placed.time }?.packet.number ?? session.first.number
            entries.append(
                Milestone(
                    packet: PacketRef(number: placed.packet?.number ?? before, time: placed.time),
                    stage: stage(of: statement), from: nil, text: placed.event.text, kind: .log,
                    log: LogCitation(
                        lane: log.lane, file: log.origin, line: placed.event.line, text: placed.event.text,
                        approximate: placed.approximate)))
        }
        guard !entries.isEmpty else { return capture }
        // Capture entries keep their order; a log entry goes after every capture entry not later than it.
        var merged: [Milestone] = []
        var i = 0
        for e in entries {
            while i < capture.count, capture[i].packet.time <= e.packet.time {
                merged.append(capture[i])
                i += 1
            }
            merged.append(e)
        }
        merged += capture[i...]
        return merged
    }

    static func stage(of s: LogStatement) -> Stage {
        if let meaning = RuleCatalog.meaning(of: s) { return meaning.stage }
        switch s {
        case .authenticationSucceeded: return .authentication
        case .ipAddress: return .networkConfig
        case .controlConnectionStarted, .controlConnectionEstablished: return .controlConnection
        case .callStarting, .outgoingCallEstablished, .optionError, .pppdDiedUnexpectedly: return .callSetup
        case .windowsError(let code, _, _, let connected):
            return connected ? .established : RuleCatalog.stage(ofCode: code) ?? .established
        case .windowsServerRefused: return .authentication
        case .greNetworkError: return .gre
        case .windowsConnected: return .established
        default: return .teardown
        }
    }
}
