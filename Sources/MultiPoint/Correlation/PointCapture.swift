public import PPTPDiagnosis
public import PPTPSessions

/// One capture point's share of a multi-point analysis: its file's sessions and verdicts (exactly what a
/// single-file analysis produced) and the sightings of their packets.
public struct PointCapture: Sendable {
    /// `A`, `B`, … in the order the files were given.
    public var name: String
    public var file: String
    public var sessions: [Session]
    public var verdicts: [Verdict]
    public var sightings: [Sighting]
    /// First and last packet time of the whole file (nanoseconds, the point's clock).
    public var firstTimestamp: Int64?
    public var lastTimestamp: Int64?
    /// The sightings stop at the collector's limit: later packets were not compared.
    public var sightingLimitReached: Bool
    /// Session index → the client's initial TCP sequence number.
    public var clientInitialSequences: [Int: UInt32]
    /// Senders of the ICMP errors, by `Sighting.reporter`.
    public var reporters: [String]
    /// Packets in the whole file, session packets or not: what a point that saw none of a session still holds.
    public var packetCount: Int
    /// The file's other traffic (packets of no session), to align a clock where no session packet is shared.
    public var traffic: [TrafficSighting]

    public init(
        name: String, file: String, sessions: [Session], verdicts: [Verdict], sightings: [Sighting],
        firstTimestamp: Int64?, lastTimestamp: Int64?, sightingLimitReached: Bool = false,
        clientInitialSequences: [Int: UInt32] = [:], reporters: [String] = [], packetCount: Int? = nil,
        traffic: [TrafficSighting] = []
    ) {
        self.packetCount = packetCount ?? sightings.count
        self.traffic = traffic
        self.clientInitialSequences = clientInitialSequences
        self.reporters = reporters
        self.name = name
        self.file = file
        self.sessions = sessions
        self.verdicts = verdicts
        self.sightings = sightings
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.sightingLimitReached = sightingLimitReached
    }

    /// Point names: A…Z, then P27, P28, …
    public static func name(forIndex i: Int) -> String {
        i < 26 ? String(UnicodeScalar(UInt8(65 + i))) : "P\(i + 1)"
    }
}

/// A session at one point: which point, which of its sessions.
public struct PointSession: Hashable, Sendable {
    public var point: Int
    public var session: Int

    public init(point: Int, session: Int) {
        self.point = point
        self.session = session
    }
}
