public import PPTPDiagnosis
public import PPTPMultiPoint
public import PPTPSessions

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
    /// 1.5: how the clock was aligned: `reference` (the first point), `session-packets`, `other-traffic` (packets
    /// of no session seen here and at another point) or `capture-window` (nothing in common: taken as right).
    public var clockMethod: String?
    /// 1.5: how far the true offset may be from `clockOffsetSeconds` (both directions seen: half the gap between
    /// them; null: one direction only, so the one-way delay is inside the offset, or no offset).
    public var clockUncertaintySeconds: Double?
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
    /// 1.5: points that hold none of this session's packets, and whether their capture covered it.
    public var silentPoints: [SilentPointReport]?
}

/// A point that holds none of a session's packets (schema 1.5).
public struct SilentPointReport: Codable, Sendable {
    public var point: String
    /// The capture covered the session by more than the clocks may disagree: its silence is evidence (the
    /// session's packets that should have reached it were lost before it).
    public var coversSession: Bool
    /// Seconds of capture before the session's first packet and after its last (negative: it started after,
    /// or stopped before).
    public var captureBeforeSeconds: Double
    public var captureAfterSeconds: Double
    /// The least margin each side needed, from how well the point's clock is known.
    public var toleranceSeconds: Double
    /// Packets in the point's file.
    public var packets: Int
}

public struct SessionAtPoint: Codable, Sendable {
    public var point: String
    /// The session's id in that file's own (single-capture) numbering.
    public var session: Int
    public var client: String
    public var server: String
    public var outcome: Outcome
    public var failureStage: Stage?
    public var firstPacket: Int
    public var lastPacket: Int
}

public struct SegmentReport: Codable, Sendable {
    /// `control`, `gre` or `icmp`.
    public var flow: FlowClass
    /// `client` or `server`: who sent it (for ICMP: the side it travels away from).
    public var from: Side
    /// The points at the segment's ends, in the direction of travel.
    public var upstream: String
    public var downstream: String
    public var passed: Int
    public var lost: Int
    /// The first and last lost packet, by number at the upstream point.
    public var firstLostPacket: Int?
    public var lastLostPacket: Int?
}
