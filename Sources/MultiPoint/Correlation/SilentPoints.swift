import PPTPSessions

/// A capture point that holds none of a session's packets, and whether that is evidence.
///
/// A point that recorded other packets from before the session began until after it ended, and none of the
/// session's, tells where the session's packets went: they were lost (or routed another way) before reaching
/// it. A point whose window does not cover the session says nothing about it, however empty.
public struct SilentPoint: Sendable {
    /// Input index of the point.
    public var point: Int
    /// Capture before the session's first packet and after its last, in seconds, on the point's clock as aligned
    /// (negative: the capture started after the session began, or stopped before it ended).
    public var before: Double
    public var after: Double
    /// The least margin on each side for the window to count, from how well the clock is known.
    public var tolerance: Double
    public var clock: ClockMethod
    /// How the clock was aligned, in words.
    public var clockReason: String

    /// The window covers the session with room for the clocks' disagreement: its silence is evidence.
    public var covers: Bool { before >= tolerance && after >= tolerance }
}

enum SilentPoints {
    /// Without a packet in common the clocks are taken to agree: computers kept by NTP or Windows time do to well
    /// within a second, so a window that covers a session by a second or more on each side holds it.
    static let captureWindowTolerance = 1.0
    /// A clock set from one direction only carries the one-way delay, under half a second on any path PPTP works
    /// over.
    static let oneDirectionTolerance = 0.5

    /// Every point that is not a member of the session and recorded something, with its window against the
    /// session's span (the span of every member, on the first point's clock).
    static func classify(_ points: [PointCapture], members: [PointSession], clocks: [ClockEstimate]) -> [SilentPoint] {
        var start: Int64?
        var end: Int64?
        for m in members {
            let p = points[m.point]
            let s = p.sessions[m.session]
            guard let base = p.firstTimestamp else { continue }
            let shift = Nanos.from(seconds: -(clocks[m.point].offset ?? 0))
            let first = Nanos.add(Nanos.add(base, Nanos.from(seconds: s.first.time)), shift)
            let last = Nanos.add(Nanos.add(base, Nanos.from(seconds: s.last.time)), shift)
            start = min(start ?? first, first)
            end = max(end ?? last, last)
        }
        guard let start, let end else { return [] }
        let memberPoints = Set(members.map(\.point))
        return points.indices.compactMap { i -> SilentPoint? in
            guard !memberPoints.contains(i), let from = points[i].firstTimestamp, let to = points[i].lastTimestamp
            else { return nil }
            let shift = Nanos.from(seconds: -(clocks[i].offset ?? 0))
            let before = Double(Nanos.subtract(start, Nanos.add(from, shift))) / 1e9
            let after = Double(Nanos.subtract(Nanos.add(to, shift), end)) / 1e9
            let tolerance: Double
            switch clocks[i].method {
            case .captureWindow: tolerance = captureWindowTolerance
            case .reference: tolerance = 0
            case .sessionPackets, .otherTraffic: tolerance = clocks[i].uncertainty ?? oneDirectionTolerance
            }
            return SilentPoint(
                point: i, before: before, after: after, tolerance: tolerance, clock: clocks[i].method,
                clockReason: clocks[i].reason)
        }
    }
}
