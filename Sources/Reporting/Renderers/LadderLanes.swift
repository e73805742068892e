/// The capture points of a multi-point report as lanes of the ladder diagram, between the client's and the
/// server's: each point a dashed vertical line at its place on the path. An arrow crossing a point's lane gets a
/// dot where that point saw the packet; a packet that stopped ends in a red cross between the last point that
/// saw it and the next one — the segment where it was lost.
struct LadderLanes {
    struct Lane {
        var name: String
        var role: String
        var x: Int
    }

    /// Nearest the client first.
    let lanes: [Lane]

    init(_ points: [PointReport]) {
        let ordered = points.sorted { $0.order < $1.order }
        let span = LadderSVG.serverX - LadderSVG.clientX
        lanes = ordered.enumerated().map { k, p in
            Lane(name: p.name, role: p.role, x: LadderSVG.clientX + span * (k + 1) / (ordered.count + 1))
        }
    }

    var isEmpty: Bool { lanes.isEmpty }

    func header(top: Int, laneBottom: Int) -> [String] {
        var out: [String] = []
        for lane in lanes {
            out.append("<g><title>\(HTMLEscaped("Capture point \(lane.name) (\(lane.role))"))</title>")
            out.append(
                "<line x1=\"\(lane.x)\" y1=\"\(top - 30)\" x2=\"\(lane.x)\" y2=\"\(laneBottom)\" "
                    + "stroke=\"\(LadderSVG.captureInk)\" stroke-width=\"1\" stroke-dasharray=\"1 4\" "
                    + "stroke-linecap=\"round\" opacity=\"0.8\"/>")
            out.append("<circle cx=\"\(lane.x)\" cy=\"\(top - 34)\" r=\"9\" fill=\"\(LadderSVG.captureInk)\"/>")
            out.append(
                "<text x=\"\(lane.x)\" y=\"\(top - 30)\" text-anchor=\"middle\" fill=\"#ffffff\" font-weight=\"700\" "
                    + "font-size=\"11\">\(HTMLEscaped(String(lane.name.prefix(3))))</text>")
            out.append(
                "<text x=\"\(lane.x)\" y=\"\(top - 12)\" text-anchor=\"middle\" fill=\"\(LadderSVG.captureInk)\" "
                    + "font-size=\"10\">\(HTMLEscaped(lane.role))</text></g>")
        }
        return out
    }

    /// Where an arrow from `startX` towards `endX` stops, and the marks on the lanes it crosses. `nil` stop:
    /// it reached every point on its way (or the entry says nothing about points).
    func passage(_ e: TimelineEntry, startX: Int, endX: Int, y: Int) -> (stopX: Int?, marks: [String]) {
        guard let seen = e.seenAt, !lanes.isEmpty else { return (nil, []) }
        let forward = endX > startX
        let crossed = (forward ? lanes : lanes.reversed()).filter {
            forward ? $0.x > startX && $0.x < endX : $0.x < startX && $0.x > endX
        }
        guard let lastSeen = crossed.lastIndex(where: { seen.contains($0.name) }) else { return (nil, []) }
        var marks: [String] = []
        for (k, lane) in crossed.enumerated() where k <= lastSeen {
            marks.append(
                seen.contains(lane.name)
                    ? "<circle cx=\"\(lane.x)\" cy=\"\(y)\" r=\"3.5\" fill=\"\(LadderSVG.captureInk)\"/>"
                    : "<circle cx=\"\(lane.x)\" cy=\"\(y)\" r=\"3.5\" fill=\"#ffffff\" stroke=\"\(LadderSVG.captureInk)\" "
                        + "stroke-width=\"1.2\"><title>not recorded at \(HTMLEscaped(lane.name))</title></circle>")
        }
        guard lastSeen + 1 < crossed.count else { return (nil, marks) }
        let from = crossed[lastSeen]
        let next = crossed[lastSeen + 1]
        let stop = (from.x + next.x) / 2
        let ink = LadderSVG.failureInk
        marks.append(
            "<g><title>\(HTMLEscaped("lost between \(from.name) and \(next.name)"))</title>"
                + "<line x1=\"\(stop - 6)\" y1=\"\(y - 6)\" x2=\"\(stop + 6)\" y2=\"\(y + 6)\" stroke=\"\(ink)\" stroke-width=\"2.5\"/>"
                + "<line x1=\"\(stop - 6)\" y1=\"\(y + 6)\" x2=\"\(stop + 6)\" y2=\"\(y - 6)\" stroke=\"\(ink)\" stroke-width=\"2.5\"/></g>"
        )
        return (stop, marks)
    }
}
