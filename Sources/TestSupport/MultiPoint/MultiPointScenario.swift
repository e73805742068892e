/// A session captured at several points of its path at once: one file per point, and what pptp-pcap should
/// conclude from them together.
public struct MultiPointScenario: Sendable {
    public struct Point: Sendable {
        /// The point's name in the path (`A`, `B`, …): the order the files are given in.
        public var name: String
        public var fileName: String
        /// Where it is, for humans ("the client host", "the NAT router's WAN port").
        public var description: String
        /// The role pptp-pcap should infer: `client-side`, `between` or `server-side`.
        public var role: String
        /// Its clock relative to the first point's, in milliseconds.
        public var clockOffsetMs: Double
        /// It recorded packets of the session (false: a silent point, which holds only other traffic).
        public var holdsSession = true
        /// How pptp-pcap should align its clock (`session-packets`, `other-traffic`, `capture-window`); nil: the
        /// usual (`reference` for the first point, `session-packets` for the others).
        public var clockMethod: String?
        /// When the packets that set its clock all went one way, the offset pptp-pcap finds carries the one-way
        /// delay between the two points (the report says so): how much, in milliseconds.
        public var delayInClockOffsetMs: Double = 0
    }

    /// A segment of the path where a flow's packets were lost.
    public struct Loss: Sendable, Equatable {
        /// `control` or `gre`, then the direction: `gre client→server`.
        public var flow: String
        /// The last point that saw the packets and the first that should have and did not.
        public var after: String
        public var before: String

        public init(flow: String, after: String, before: String) {
            self.flow = flow
            self.after = after
            self.before = before
        }
    }

    public let name: String
    public let summary: String
    public let points: [Point]
    /// The verdict of the session (as the client-most point's diagnosis, refined by the path).
    public let expected: ExpectedSession
    public let losses: [Loss]
    /// Ids of the path findings the report must carry (`path.nat`, `path.mss-clamped`, …).
    public let pathFindings: [String]
    private let makeFiles: @Sendable () -> [[UInt8]]

    public init(
        name: String, summary: String, points: [Point], expected: ExpectedSession, losses: [Loss] = [],
        pathFindings: [String], files: @escaping @Sendable () -> [[UInt8]]
    ) {
        self.name = name
        self.summary = summary
        self.points = points
        self.expected = expected
        self.losses = losses
        self.pathFindings = pathFindings
        makeFiles = files
    }

    /// Each point's capture file, in `points` order (built on each call, deterministically).
    public func files() -> [[UInt8]] { makeFiles() }
}
