public import PPTPSessions

/// One session across the points of its path, as the path rules read it.
public struct PathFacts: Sendable {
    let points: [PointCapture]
    let placements: [PointPlacement]
    /// The points that saw the session, nearest the client first.
    let members: [PointSession]
    let primary: PointSession
    let traffic: SessionTraffic
    /// Points that hold none of the session's packets (input indices), with their windows against its span;
    /// those whose window covers it are evidence.
    let silent: [SilentPoint]

    /// Points that saw nothing of the session although they were capturing while it ran.
    var others: [Int] { silent.filter(\.covers).map(\.point) }

    /// A point that holds none of the session's packets, by name.
    func isSilent(_ pointName: String) -> Bool { silent.contains { points[$0.point].name == pointName } }

    /// A passage of `flow` with packets that passed, over a stretch of the path containing the segment from
    /// `upstream` to `downstream` (in either direction): the flow crossed that segment.
    func passage(_ flow: FlowClass, across upstream: String, _ downstream: String) -> SegmentPassage? {
        func order(_ name: String) -> Int? { placements.first { $0.name == name }?.order }
        guard let a = order(upstream), let b = order(downstream) else { return nil }
        return traffic.passages.first { p in
            guard p.flow == flow, p.passed > 0, let x = order(p.upstream), let y = order(p.downstream) else { return false }
            return min(x, y) <= min(a, b) && max(x, y) >= max(a, b)
        }
    }

    func session(_ m: Int) -> Session { points[members[m].point].sessions[members[m].session] }

    /// "A (client-side)".
    func label(_ pointName: String) -> String {
        guard let p = placements.first(where: { $0.name == pointName }) else { return pointName }
        return "\(p.name) (\(p.role))"
    }

    func label(member m: Int) -> String { label(points[members[m].point].name) }

    func passages(_ flow: FlowClass, from side: Side) -> [SegmentPassage] {
        traffic.passages.filter { $0.flow == flow && $0.from == side }
    }

    func passage(_ flow: FlowClass, from side: Side, upstream: String, downstream: String) -> SegmentPassage? {
        traffic.passages.first { $0.flow == flow && $0.from == side && $0.upstream == upstream && $0.downstream == downstream }
    }

    /// `A#12` for a packet at a point.
    func cite(_ pointName: String, _ ref: PacketRef?) -> String { ref.map { "\(pointName)#\($0.number)" } ?? pointName }

    /// The packet's number at the primary point, when it is a packet of the primary's file.
    func primaryNumbers(_ pointName: String, _ refs: [PacketRef?]) -> [Int] {
        guard points[primary.point].name == pointName else { return [] }
        return refs.compactMap { $0?.number }
    }

    /// The sender of an ICMP error seen at a point.
    func reporter(of s: Sighting, at pointName: String) -> String? {
        guard let i = s.reporter, let p = points.first(where: { $0.name == pointName }), i < p.reporters.count else { return nil }
        return p.reporters[i]
    }

    /// The sighting of a packet at a point, by its number.
    func sighting(_ pointName: String, number: Int) -> Sighting? {
        guard let m = members.first(where: { points[$0.point].name == pointName }) else { return nil }
        return points[m.point].sightings.first { $0.session == m.session && $0.number == number }
    }
}

extension Side {
    var noun: String { self == .client ? "the client" : "the server" }
}
