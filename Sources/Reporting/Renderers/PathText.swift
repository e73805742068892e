import PPTPDiagnosis
import PPTPMultiPoint
import PPTPSessions

/// The multi-point parts of a report in words, shared by the renderers: the points in path order, a timeline
/// entry's lanes, a segment's passage.
enum PathText {
    /// The points nearest the client first.
    static func ordered(_ path: PathReport) -> [PointReport] { path.points.sorted { $0.order < $1.order } }

    /// "+3.217500 s ± 0.4 ms" / "unknown".
    static func clock(_ p: PointReport) -> String {
        guard let offset = p.clockOffsetSeconds, offset.isFinite, abs(offset) < 1e12 else { return "unknown" }
        let micros = Int64((abs(offset) * 1e6).rounded())
        let fraction = String(micros % 1_000_000)
        var bound = ""
        if let u = p.clockUncertaintySeconds, u.isFinite, u > 0, u < 1e6 {
            let tenths = Int64((u * 1e4).rounded())
            bound = " ± \(tenths / 10).\(tenths % 10) ms"
        }
        return (offset < 0 ? "-" : "+")
            + "\(micros / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction) s"
            + bound
    }

    /// One mark per point in path order: its name where it saw the packet, `·` where it did not, and `✕` between
    /// the last point that saw it and the next one on its way (where it was lost): `A✕·` for a client packet
    /// that reached A and not B.
    static func lanes(_ entry: TimelineEntry, _ order: [PointReport]) -> String {
        guard let seen = entry.seenAt else { return order.map { _ in "?" }.joined(separator: " ") }
        let flags = order.map { seen.contains($0.name) }
        var separators = Array(repeating: " ", count: max(0, order.count - 1))
        // Client packets travel left to right; server packets and ICMP errors (sent back to the client) the other way.
        if entry.from == .client {
            if let last = flags.lastIndex(of: true), last + 1 < flags.count { separators[last] = "✕" }
        } else if let first = flags.firstIndex(of: true), first > 0 {
            separators[first - 1] = "✕"
        }
        var text = ""
        for (k, p) in order.enumerated() {
            text += flags[k] ? p.name : String(repeating: "·", count: p.name.count)
            if k < separators.count { text += separators[k] }
        }
        return text
    }

    /// "12" for the reporting point's packets, "B#12" for another point's.
    static func packet(_ entry: TimelineEntry) -> String {
        entry.point.map { "\($0)#\(entry.packet)" } ?? String(entry.packet)
    }

    static func flowName(_ s: SegmentReport) -> String {
        let what =
            switch s.flow {
            case .control: "TCP 1723"
            case .gre: "GRE"
            case .icmp: "ICMP"
            }
        let direction =
            s.flow == .icmp
            ? (s.from == .server ? "towards the client" : "towards the server")
            : (s.from == .client ? "client → server" : "server → client")
        return "\(what) \(direction)"
    }

    /// "A → B: 9 passed" / "A → B: 0 passed, 10 lost (A#10 … A#19)".
    static func passage(_ s: SegmentReport) -> String {
        var text = "\(s.upstream) → \(s.downstream): \(s.passed) passed"
        if s.lost > 0 {
            text += ", \(s.lost) lost"
            if let first = s.firstLostPacket {
                let last = s.lastLostPacket.map { $0 == first ? "" : " … \(s.upstream)#\($0)" } ?? ""
                text += " (\(s.upstream)#\(first)\(last))"
            }
        }
        return text
    }

    /// "A session 1 (failed at gre)".
    static func seenAt(_ s: SessionAtPoint) -> String {
        "\(s.point) session \(s.session) (\(s.outcome.rawValue)\(s.failureStage.map { " at \($0.rawValue)" } ?? ""))"
    }
}
