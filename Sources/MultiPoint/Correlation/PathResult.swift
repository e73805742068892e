public import PPTPDiagnosis
public import PPTPSessions

/// Where a capture point sits on the path and how its clock relates to the first point's.
public struct PointPlacement: Sendable {
    public var name: String
    public var file: String
    /// 0 for the point nearest the client.
    public var order: Int
    /// `client-side`, `between`, `server-side`, `same-segment` or `unknown`.
    public var role: String
    public var roleReason: String
    /// This point's clock minus the first point's, in seconds (nil: no packet seen at both).
    public var clockOffset: Double?
    public var clockOffsetReason: String
    /// How the clock was aligned: on session packets, on other traffic, or (nothing in common) taken as right.
    public var clockMethod: ClockMethod
    /// How far the true offset may be from `clockOffset`, in seconds (nil: unbounded by what was seen).
    public var clockUncertainty: Double?
    /// Router hops from the client, from the TTL of the client's packets (nil: unknown).
    public var hopsFromClient: Int?
    public var packetsCompared: Int
    public var sessions: Int
}

/// One direction of one kind of traffic on one segment of the path (between two consecutive points).
public struct SegmentPassage: Sendable, Hashable {
    public var flow: FlowClass
    public var from: Side
    /// Names of the points at the segment's ends, in the direction of travel.
    public var upstream: String
    public var downstream: String
    /// Packets seen upstream that reached downstream, and those that did not while downstream was capturing.
    public var passed: Int
    public var lost: Int
    /// The first lost packet, by its number at the upstream point.
    public var firstLost: PacketRef?
    public var lastLost: PacketRef?
}

/// One PPTP session across the points that saw it.
public struct SessionAcrossPoints: Sendable {
    /// The points that saw it, nearest the client first.
    public var members: [PointSession]
    /// The member whose diagnosis the report gives (the one that saw the failure, nearest the client first).
    public var primary: PointSession
    /// The primary's verdict with the path's findings merged in.
    public var verdict: Verdict
    public var passages: [SegmentPassage]
    /// Point name → packets that point did not see although points on both sides of it did: its capture missed
    /// them (a full buffer, a filter), the path did not lose them.
    public var captureMisses: [String: Int]
    /// For each member, packet number → bit mask of the points (by input index) that saw that packet.
    public var presence: [PointSession: [Int: UInt64]]
    /// How the sessions were recognised as the same (content and packets in common).
    public var matchReason: String
    /// When a path finding leads the verdict: the headline naming the segment.
    public var headline: String?
    /// Points that hold none of the session's packets, with their windows against its span.
    public var silent: [SilentPoint] = []
}

/// The result of correlating the captures of several points.
public struct PathResult: Sendable {
    public var points: [PointPlacement]
    public var sessions: [SessionAcrossPoints]
}
