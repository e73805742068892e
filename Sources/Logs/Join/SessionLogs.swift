public import PPTPSessions

/// The logs that belong to one capture session, placed on the capture's clock.
public struct SessionLogs: Sendable {
    public var joined: [JoinedLog]

    public init(joined: [JoinedLog]) { self.joined = joined }

    /// The joined logs written at one end.
    public func written(at role: LogRole) -> [JoinedLog] { joined.filter { $0.role == role } }

    /// Every statement of every joined log, in capture time order.
    public var statements: [(log: JoinedLog, event: PlacedEvent, statement: LogStatement)] {
        joined.flatMap { log in log.events.compactMap { e in e.event.statement.map { (log, e, $0) } } }
            .sorted { $0.event.time < $1.event.time }
    }

    /// The code a Windows client showed its user, from its own event log: the one code nothing had to infer.
    public var windowsCode: (code: Int, whileConnected: Bool, log: JoinedLog, event: PlacedEvent)? {
        for (log, event, statement) in statements {
            if case .windowsError(let code, _, true, let connected) = statement { return (code, connected, log, event) }
        }
        return nil
    }
}

/// One log session matched to a capture session.
public struct JoinedLog: Sendable {
    public var log: LogSession
    /// The end it was written at (from the log itself, or from which side's magic number it used).
    public var role: LogRole
    /// What tied it to the session: "LCP magic 0x9d0a1138", "Call IDs 20206/0", "client address 10.99.1.2 and time".
    public var matchedBy: String
    public var events: [PlacedEvent]
    /// How its times were put on the capture's clock, in words.
    public var clock: String
    /// Joined by a key random enough to be the session (an LCP magic number, PPTP Call IDs), or started by a
    /// process that was; false for an address or the time alone. Where several capture points join the same log
    /// session to different sessions, the strong join wins.
    public var byStrongKey = false

    /// Short name for a timeline lane: "server pppd", "client pptp", "client RasClient".
    public var lane: String { "\(role.rawValue) \(log.source.rawValue)" }
    /// File name and process, for evidence: "server-pppd.log", "syslog pppd[1234]".
    public var origin: String {
        let name = log.file.split(separator: "/").last.map(String.init) ?? log.file
        return log.process.map { "\(name) \($0)" } ?? name
    }
}

/// A log event at a time on the capture's clock (seconds from the capture's first packet), with the captured
/// packet it is when it logs one that the capture holds.
public struct PlacedEvent: Sendable {
    public var event: LogEvent
    public var time: Double
    public var packet: PacketRef?
    /// The time is the log's own, moved by the estimated offset (false: the packet it logs, or placed in order
    /// between such packets).
    public var timed: Bool

    /// Placed by a timestamp of whole seconds: true within about a second, not to the packet.
    public var approximate: Bool { timed && (event.timestamp.map { $0.secondsOfDay.rounded() == $0.secondsOfDay } ?? false) }
}
