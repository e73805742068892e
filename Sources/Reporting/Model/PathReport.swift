/// The multi-point part of a report (`analyze a.pcap b.pcap …`): the capture points, each placed on the path
/// with its clock aligned to the first. Absent from single-capture reports.
public struct PathReport: Codable, Sendable {
    public var points: [PointReport]
}

public struct PointReport: Codable, Sendable {
    /// `A`, `B`, … in the order the files were given.
    public var name: String
    /// 0 for the point nearest the client.
    public var order: Int
    /// `client-side`, `between`, `server-side`, `same-segment` or `unknown`.
    public var role: String
    public var roleReason: String
    /// This point's clock minus the first point's, in seconds; null when no packet was seen both here and elsewhere.
    public var clockOffsetSeconds: Double?
    public var clockOffsetReason: String
    public var hopsFromClient: Int?
    /// Session packets of this file compared with the other points.
    public var packetsCompared: Int
    public var capture: CaptureSummary
}

/// One session across the points (present in multi-point reports only).
public struct SessionPathReport: Codable, Sendable {
    /// The point whose diagnosis and packet numbers the session's report gives (timeline entries from other
    /// points name theirs).
    public var reportedFrom: String
    /// The session at each point that saw it, nearest the client first.
    public var seenAt: [SessionAtPoint]
    /// How the sessions were recognised as one.
    public var matchedBy: String
    /// Each direction of each kind of traffic on each segment between two consecutive points.
    public var segments: [SegmentReport]
    /// Point → packets of this session its capture missed although points on both sides saw them.
    public var captureMisses: [String: Int]
}

public struct SessionAtPoint: Codable, Sendable {
    public var point: String
    /// The session's id in that file's own (single-capture) numbering.
    public var session: Int
    public var client: String
    public var server: String
    public var outcome: String
    public var failureStage: String?
    public var firstPacket: Int
    public var lastPacket: Int
}

public struct SegmentReport: Codable, Sendable {
    /// `control`, `gre` or `icmp`.
    public var flow: String
    /// `client` or `server`: who sent it (for ICMP: the side it travels away from).
    public var from: String
    /// The points at the segment's ends, in the direction of travel.
    public var upstream: String
    public var downstream: String
    public var passed: Int
    public var lost: Int
    /// The first and last lost packet, by number at the upstream point.
    public var firstLostPacket: Int?
    public var lastLostPacket: Int?
}
