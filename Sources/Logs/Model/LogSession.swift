/// Which program wrote a log stream.
public enum LogSource: String, Sendable, Hashable, Codable {
    case pppd
    case pptpd
    case pptpClient = "pptp"
    case windowsRasClient = "RasClient"
    case windowsRemoteAccess = "RemoteAccess"

    /// The end of the tunnel the program runs on, when the program alone says it (pppd runs on both).
    var impliedRole: LogRole? {
        switch self {
        case .pppd: nil
        case .pptpd, .windowsRemoteAccess: .server
        case .pptpClient, .windowsRasClient: .client
        }
    }
}

/// The end of the tunnel a log was written on.
public enum LogRole: String, Sendable, Hashable, Codable {
    case client, server
}

/// One process's lines about one session: a pppd (one per call), a pptpd control process (`pptpctrl`, one per
/// client), a pptp-linux call manager, or a Windows host's RAS events for one connection attempt.
public struct LogSession: Sendable, Hashable {
    public var file: String
    public var source: LogSource
    /// `pppd[1234]`, or nil for a pppd `logfile` that names no process.
    public var process: String?
    public var role: LogRole?
    public var events: [LogEvent]
    /// Processes this one started (pptpd's control process names its pppd): they belong to the same session.
    public var children: [String] = []

    public init(file: String, source: LogSource, process: String?, role: LogRole?, events: [LogEvent]) {
        self.file = file
        self.source = source
        self.process = process
        self.role = role
        self.events = events
    }

    /// Who wrote it, for a timeline lane: "server pppd[1234]", "client pptp".
    public var label: String {
        let who = process ?? source.rawValue
        return role.map { "\($0.rawValue) \(who)" } ?? who
    }

    /// LCP magic numbers this process used (`sent` Configure-Requests and echoes) and its peer used.
    public var magicNumbers: (own: Set<UInt32>, peer: Set<UInt32>) {
        var own: Set<UInt32> = []
        var peer: Set<UInt32> = []
        for e in events {
            guard let p = e.packet, p.protocolName == "LCP", let m = p.magic, m != 0 else { continue }
            // A Configure-Ack, -Nak or -Reject repeats the options of the request it answers: the peer's magic.
            let echoesPeer = ["ConfAck", "ConfNak", "ConfRej"].contains(p.code)
            if (p.direction == .sent) != echoesPeer { own.insert(m) } else { peer.insert(m) }
        }
        return (own, peer)
    }

    public var firstTimestamp: LogTimestamp? { events.lazy.compactMap(\.timestamp).first }

    /// What tells one log session from another wherever it is joined: its file, process and first line.
    public var id: LogSessionID { LogSessionID(file: file, process: process, firstLine: events.first?.line ?? 0) }
}

/// A log session's identity (`LogSession.id`), the same in the joins of every capture point.
public struct LogSessionID: Hashable, Sendable {
    public var file: String
    public var process: String?
    public var firstLine: Int
}
