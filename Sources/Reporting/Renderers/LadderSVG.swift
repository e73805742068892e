import PPTPDiagnosis
import PPTPSessions

/// One session's timeline as an inline SVG ladder (sequence) diagram, for the HTML report.
///
/// Two lanes, client (left) and server (right), and a thin dashed lane where the capture was taken (beside the
/// client, beside the server, or between them). Each timeline entry with a direction is an arrow in time order,
/// labelled with its text (long labels end in "…"; the full text is the arrow's SVG `<title>`), its relative
/// time and packet number in the left margin. Runs of data packets (`kind` data) are collapsed bands across both lanes;
/// ICMP errors start at a diamond on the path and go, dashed, to the host they are about; other undirected
/// entries are notes.
///
/// The primary failure's evidence packets are drawn in red; the first of them — the point of failure — gets a
/// tinted row and a red "!" marker (or a marker row of its own when that packet is not in the timeline). When
/// the failure is one of silence, the trailing requests from the side that got no answer are dashed, with hollow
/// heads and a "no answer" bracket on the side that stayed silent.
///
/// A long timeline becomes several SVGs of at most 30 rows, each with the lane headers (see `parts`).
///
/// Pure SVG 1.1 presentation attributes, no ids, no scripts, no external references (no `xmlns` either: the
/// HTML parser places inline `<svg>` in the SVG namespace). Every string is escaped with `HTMLEscaped`.
public enum LadderSVG {
    // MARK: Geometry (SVG user units; the HTML scales the whole drawing to its column)

    static let width = 840
    static let timeX = 58
    static let packetX = 64
    static let markerX = 112
    static let clientX = 180
    static let serverX = 740
    static let midX = (clientX + serverX) / 2
    static let headerHeight = 72
    static let arrowRow = 30
    static let bandRow = 34
    static let noteRow = 28
    static let maxLabel = 72

    static let fontStack = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

    // MARK: Colours

    static let ink = "#1f2937"
    static let muted = "#6b7280"
    static let laneInk = "#475569"
    static let arrowInk = "#334155"
    static let failureInk = "#c62828"
    static let failureTint = "#fdecea"
    static let silenceInk = "#b45309"
    static let icmpFill = "#f59e0b"
    static let captureInk = "#2563eb"

    /// Stages whose failure, when only one side speaks in them, means that side got no answer.
    static let silenceStages: Set<Stage> = [.tcpConnect, .controlConnection, .callSetup, .gre, .lcp]

    enum Side: Equatable {
        case client, server

        var other: Side { self == .client ? .server : .client }
        var x: Int { self == .client ? LadderSVG.clientX : LadderSVG.serverX }
        var name: String { self == .client ? "client" : "server" }
    }

    enum Row {
        /// Index into the timeline.
        case arrow(Int, Side)
        case band(Int, Side?)
        case icmp(Int, Side)
        case note(Int)
        /// The point of failure when its packet is not in the timeline.
        case failureMark(Int)

        var height: Int {
            switch self {
            case .arrow, .icmp: LadderSVG.arrowRow
            case .band: LadderSVG.bandRow
            case .note, .failureMark: LadderSVG.noteRow
            }
        }
    }

    /// What the drawing highlights, worked out from the session before anything is drawn.
    struct Marks {
        var evidence: Set<Int> = []
        var failurePacket: Int?
        /// Timeline indices of the arrows that got no answer, and the side that sent them.
        var unanswered: Set<Int> = []
        var silentSide: Side?
    }

    // MARK: Rendering

    /// The diagram as one or more `<svg>` elements, one after the other: a long timeline is cut into parts of at
    /// most `rowsPerPart` rows, each with the lane headers, so each part fits on a printed A4 page (an SVG image
    /// is never split across pages) and a reader scrolling a long session still sees which lane is which.
    public static func render(_ s: SessionReport, points: [PointReport] = [], rowsPerPart: Int = 30) -> String {
        parts(s, points: points, rowsPerPart: rowsPerPart).joined(separator: "\n")
    }

    /// `points`: the capture points of a multi-point report, drawn as lanes between client and server.
    public static func parts(_ s: SessionReport, points: [PointReport] = [], rowsPerPart: Int = 30) -> [String] {
        let lanes = LadderLanes(points)
        let marks = self.marks(s)
        var rows = self.rows(s)
        // The point of failure gets its own row when no timeline entry carries its packet.
        if let p = marks.failurePacket, !s.timeline.contains(where: { $0.packet == p && $0.point == nil }) {
            let at = rows.firstIndex { row in packet(of: row, in: s).map { $0 > p } ?? false } ?? rows.count
            rows.insert(.failureMark(p), at: at)
        }
        // The row that carries the point of failure: the first with its packet.
        let failureRow = marks.failurePacket.flatMap { p in rows.firstIndex { packet(of: $0, in: s) == p } }
        let size = max(1, rowsPerPart)
        let starts = Array(stride(from: 0, to: max(rows.count, 1), by: size))
        return starts.enumerated().map { k, start in
            let range = start..<min(rows.count, start + size)
            return part(
                s, rows: rows, range: range, marks: marks, failureRow: failureRow, index: k, of: starts.count,
                lanes: lanes)
        }
    }

    static func part(
        _ s: SessionReport, rows: [Row], range: Range<Int>, marks: Marks, failureRow: Int?,
        index: Int, of count: Int, lanes: LadderLanes
    ) -> String {
        let bodyHeight = rows[range].reduce(0) { $0 + $1.height }
        let height = headerHeight + bodyHeight + 24

        var svg: [String] = []
        var label = "Ladder diagram of session \(s.id): client \(s.client), server \(s.server)"
        if count > 1 { label += " (part \(index + 1) of \(count))" }
        svg.append(
            "<svg class=\"ladder\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
                + "role=\"img\" aria-label=\"\(HTMLEscaped(label))\" font-family=\"\(fontStack)\" font-size=\"12\" "
                + "fill=\"\(ink)\">")
        svg.append("<title>\(HTMLEscaped(label))</title>")
        svg += header(s, laneBottom: height - 10, lanes: lanes)
        if index > 0 {
            svg.append(
                "<text x=\"\(timeX)\" y=\"\(headerHeight - 14)\" text-anchor=\"end\" fill=\"\(muted)\" font-size=\"10\" "
                    + "font-style=\"italic\">continued</text>")
        }

        // Rows, top to bottom; the y of each arrow is remembered for the "no answer" bracket.
        var y = headerHeight
        var arrowY: [Int: Int] = [:]
        for r in range {
            let row = rows[r]
            if r == failureRow { svg += failureMark(top: y, height: row.height) }
            switch row {
            case .arrow(let i, let side):
                let e = s.timeline[i]
                svg += gutter(e, top: y)
                svg += arrow(
                    e, from: side, top: y, red: (e.point == nil && marks.evidence.contains(e.packet)),
                    unanswered: marks.unanswered.contains(i), lanes: lanes)
                arrowY[i] = y + 20
            case .band(let i, let side):
                let e = s.timeline[i]
                svg += gutter(e, top: y + 2)
                svg += band(
                    e, from: side, top: y, red: (e.point == nil && marks.evidence.contains(e.packet)),
                    unanswered: marks.unanswered.contains(i))
                arrowY[i] = y + 17
            case .icmp(let i, let side):
                let e = s.timeline[i]
                svg += gutter(e, top: y)
                svg += icmp(e, to: side, top: y, red: (e.point == nil && marks.evidence.contains(e.packet)), lanes: lanes)
            case .note(let i):
                let e = s.timeline[i]
                svg += gutter(e, top: y - 2)
                svg += note(e, top: y)
            case .failureMark(let p):
                svg.append("<text x=\"\(packetX)\" y=\"\(y + 17)\" fill=\"\(failureInk)\" font-size=\"10\">#\(p)</text>")
                svg.append(
                    "<line x1=\"\(clientX)\" y1=\"\(y + 14)\" x2=\"\(serverX)\" y2=\"\(y + 14)\" "
                        + "stroke=\"\(failureInk)\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>")
                svg.append(
                    labelText(
                        "point of failure: packet \(p) (not in the timeline)", x: midX, y: y + 10,
                        colour: failureInk, bold: true))
            }
            y += row.height
        }
        if let side = marks.silentSide {
            let ys = marks.unanswered.compactMap { arrowY[$0] }
            if let top = ys.min(), let bottom = ys.max() {
                svg += silenceBracket(receiver: side.other, top: top - 8, bottom: bottom + 8, count: ys.count)
            }
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    // MARK: Analysis

    static func side(_ from: PPTPSessions.Side?) -> Side? {
        switch from {
        case .client: .client
        case .server: .server
        case nil: nil
        }
    }

    static func rows(_ s: SessionReport) -> [Row] {
        s.timeline.indices.map { i in
            let e = s.timeline[i]
            let from = side(e.from)
            switch e.kind {
            case .data: return .band(i, from)
            case .icmp: return .icmp(i, side(e.towards) ?? icmpTarget(e.text, s))
            default: return from.map { .arrow(i, $0) } ?? .note(i)
            }
        }
    }

    static func packet(of row: Row, in s: SessionReport) -> Int? {
        switch row {
        // Another point's packet numbers are not the evidence's.
        case .arrow(let i, _), .band(let i, _), .icmp(let i, _), .note(let i):
            s.timeline[i].point == nil ? s.timeline[i].packet : nil
        case .failureMark(let p): p
        }
    }

    /// An ICMP error goes to the sender of the packet it quotes: "… quoting A → B …" is sent to A. Only for a
    /// report read back from JSON, whose entries have no `towards`.
    static func icmpTarget(_ text: String, _ s: SessionReport) -> Side {
        if text.contains("quoting \(host(s.server)) ") { return .server }
        return .client
    }

    /// "192.0.2.1:1723" → "192.0.2.1"; "[2001:db8::1]:1723" → "2001:db8::1".
    static func host(_ endpoint: String) -> String {
        if endpoint.hasPrefix("["), let close = endpoint.firstIndex(of: "]") {
            return String(endpoint[endpoint.index(after: endpoint.startIndex)..<close])
        }
        if let colon = endpoint.lastIndex(of: ":"), endpoint.firstIndex(of: ":") == colon {
            return String(endpoint[..<colon])
        }
        return endpoint
    }

    static func marks(_ s: SessionReport) -> Marks {
        var m = Marks()
        guard s.outcome == .failed, let primary = s.findings.first(where: { $0.severity == .failure }) else { return m }
        m.evidence = Set(primary.packets)
        m.failurePacket = primary.decisivePacket ?? primary.packets.first
        guard let stage = s.failureStage else { return m }
        // The failed stage or later, in the Stage enum's order.
        let candidates = s.timeline.indices.filter { i in
            let e = s.timeline[i]
            return side(e.from) != nil && e.stage != .teardown && e.stage >= stage
        }
        guard let last = candidates.last, let sender = side(s.timeline[last].from) else { return m }
        let oneSided = candidates.allSatisfy { side(s.timeline[$0].from) == sender }
        // A rule whose evidence is an absence says so itself (`Rule.isAbsence`); no need to read its id.
        guard primary.isAbsence || (oneSided && silenceStages.contains(stage)) else { return m }
        var run: Set<Int> = []
        for i in candidates.reversed() {
            guard side(s.timeline[i].from) == sender else { break }
            run.insert(i)
        }
        m.unanswered = run
        m.silentSide = sender
        return m
    }

    // MARK: Pieces

    static func header(_ s: SessionReport, laneBottom: Int, lanes: LadderLanes) -> [String] {
        var out: [String] = []
        let top = headerHeight - 8
        if !lanes.isEmpty {
            out += lanes.header(top: top, laneBottom: laneBottom)
            out += hosts(s, top: top, laneBottom: laneBottom)
            return out
        }
        // The capture point's lane: beside the host it was taken on, or in the middle of the path.
        let point = s.capturePoint
        let captureX: Int
        let captureLabel: String
        switch point {
        case .client:
            captureX = clientX + 90
            captureLabel = "capture (at the client)"
        case .server:
            captureX = serverX - 90
            captureLabel = "capture (at the server)"
        case .between:
            captureX = midX
            captureLabel = "capture (on the path)"
        case .sameSegment:
            captureX = midX
            captureLabel = "capture (shared segment)"
        case .unknown:
            captureX = midX
            captureLabel = "capture point unknown"
        }
        out.append("<g><title>\(HTMLEscaped("Where the capture was taken: " + s.capturePointReason))</title>")
        out.append(
            "<line x1=\"\(captureX)\" y1=\"\(top - 48)\" x2=\"\(captureX)\" y2=\"\(laneBottom)\" stroke=\"\(captureInk)\" "
                + "stroke-width=\"1\" stroke-dasharray=\"1 4\" stroke-linecap=\"round\" opacity=\"0.8\"/>")
        let anchor = point == .client ? "start" : point == .server ? "end" : "middle"
        let textX = point == .client ? captureX - 6 : point == .server ? captureX + 6 : captureX
        out.append("<circle cx=\"\(captureX)\" cy=\"\(top - 52)\" r=\"3.5\" fill=\"\(captureInk)\"/>")
        out.append(
            "<text x=\"\(textX)\" y=\"\(top - 37)\" text-anchor=\"\(anchor)\" fill=\"\(captureInk)\" font-size=\"10\">"
                + "\(HTMLEscaped(captureLabel))</text></g>")
        return out + hosts(s, top: top, laneBottom: laneBottom)
    }

    /// The client's and the server's lanes with their name boxes.
    static func hosts(_ s: SessionReport, top: Int, laneBottom: Int) -> [String] {
        var out: [String] = []
        for (side, address) in [(Side.client, s.client), (Side.server, s.server)] {
            let x = side.x
            out.append(
                "<line x1=\"\(x)\" y1=\"\(top)\" x2=\"\(x)\" y2=\"\(laneBottom)\" stroke=\"\(laneInk)\" stroke-width=\"2\"/>")
            out.append(
                "<rect x=\"\(x - 76)\" y=\"\(top - 32)\" width=\"152\" height=\"34\" rx=\"6\" fill=\"#f1f5f9\" "
                    + "stroke=\"\(laneInk)\" stroke-width=\"1.5\"/>")
            out.append(
                "<text x=\"\(x)\" y=\"\(top - 18)\" text-anchor=\"middle\" font-weight=\"700\" font-size=\"12\">"
                    + "\(side.name)</text>")
            out.append(
                "<text x=\"\(x)\" y=\"\(top - 5)\" text-anchor=\"middle\" fill=\"\(muted)\" font-size=\"10\">"
                    + "\(HTMLEscaped(truncated(address, 26)))</text>")
        }
        return out
    }

    static func gutter(_ e: TimelineEntry, top: Int) -> [String] {
        [
            "<text x=\"\(timeX)\" y=\"\(top + 20)\" text-anchor=\"end\" fill=\"\(muted)\" font-size=\"10\" "
                + "style=\"font-variant-numeric:tabular-nums\">\(HTMLEscaped(TextRenderer().seconds(e.time)))</text>",
            "<text x=\"\(packetX)\" y=\"\(top + 20)\" fill=\"\(muted)\" font-size=\"10\">"
                + (e.point == nil ? "#" : "") + "\(HTMLEscaped(PathText.packet(e)))</text>",
        ]
    }

    static func failureMark(top: Int, height: Int) -> [String] {
        [
            "<rect x=\"2\" y=\"\(top + 1)\" width=\"\(width - 4)\" height=\"\(height - 2)\" rx=\"4\" fill=\"\(failureTint)\"/>",
            "<g><title>point of failure</title><circle cx=\"\(markerX)\" cy=\"\(top + height / 2 + 2)\" r=\"8\" fill=\"\(failureInk)\"/>"
                + "<text x=\"\(markerX)\" y=\"\(top + height / 2 + 6)\" text-anchor=\"middle\" fill=\"#ffffff\" font-weight=\"700\" "
                + "font-size=\"12\">!</text></g>",
        ]
    }

    static func arrow(
        _ e: TimelineEntry, from side: Side, top: Int, red: Bool, unanswered: Bool,
        lanes: LadderLanes = LadderLanes([])
    ) -> [String] {
        let y = top + 20
        let colour = red ? failureInk : unanswered ? silenceInk : arrowInk
        let from = side.x
        let dir = side.other.x > from ? 1 : -1
        // A packet lost on the way stops at the cross between the last point that saw it and the next.
        let (stop, laneMarks) = lanes.passage(e, startX: from, endX: side.other.x, y: y)
        let to = stop ?? side.other.x
        let tip = to - dir * 1
        let base = tip - dir * 9
        var out = ["<g><title>\(HTMLEscaped(fullTitle(e)))</title>"]
        out.append("<circle cx=\"\(from)\" cy=\"\(y)\" r=\"2.5\" fill=\"\(colour)\"/>")
        if stop != nil {
            out.append(
                "<line x1=\"\(from)\" y1=\"\(y)\" x2=\"\(to)\" y2=\"\(y)\" stroke=\"\(colour)\" "
                    + "stroke-width=\"\(red ? "2" : "1.5")\" stroke-dasharray=\"6 4\"/>")
            out += laneMarks
            out.append(labelText(e.text, x: midX, y: top + 14, colour: red ? failureInk : ink, bold: red))
            out.append("</g>")
            return out
        }
        out.append(
            "<line x1=\"\(from)\" y1=\"\(y)\" x2=\"\(base)\" y2=\"\(y)\" stroke=\"\(colour)\" "
                + "stroke-width=\"\(red ? "2" : "1.5")\"" + (unanswered ? " stroke-dasharray=\"6 4\"" : "") + "/>")
        let head = "\(tip),\(y) \(base),\(y - 5) \(base),\(y + 5)"
        out.append(
            unanswered
                ? "<polygon points=\"\(head)\" fill=\"#ffffff\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>"
                : "<polygon points=\"\(head)\" fill=\"\(colour)\"/>")
        out += laneMarks
        out.append(labelText(e.text, x: midX, y: top + 14, colour: red ? failureInk : ink, bold: red))
        out.append("</g>")
        return out
    }

    static func band(_ e: TimelineEntry, from side: Side?, top: Int, red: Bool, unanswered: Bool) -> [String] {
        let colour = red ? failureInk : unanswered ? silenceInk : "#7c93b8"
        var out = ["<g><title>\(HTMLEscaped(fullTitle(e)))</title>"]
        out.append(
            "<rect x=\"\(clientX + 4)\" y=\"\(top + 5)\" width=\"\(serverX - clientX - 8)\" height=\"\(bandRow - 10)\" "
                + "rx=\"5\" fill=\"#eaf1fb\" stroke=\"\(colour)\" stroke-width=\"1\""
                + (unanswered ? " stroke-dasharray=\"6 4\"" : "") + "/>")
        // Three chevrons at the sender's end show which way the data went.
        if let side {
            let dir = side == .client ? 1 : -1
            for k in 0..<3 {
                let x = side.x + dir * (14 + k * 8)
                out.append(
                    "<polyline points=\"\(x - dir * 3),\(top + 12) \(x + dir * 2),\(top + 17) \(x - dir * 3),\(top + 22)\" "
                        + "fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>")
            }
        }
        out.append(
            labelText(
                e.text, x: midX, y: top + 21, colour: red ? failureInk : "#1e3a5f", bold: red, italic: true,
                halo: "#eaf1fb", limit: maxLabel - 12))
        out.append("</g>")
        return out
    }

    static func icmp(_ e: TimelineEntry, to side: Side, top: Int, red: Bool, lanes: LadderLanes = LadderLanes([])) -> [String] {
        let y = top + 20
        let colour = red ? failureInk : silenceInk
        // With capture points, an ICMP error starts where it was first seen (the router is beyond that point) and
        // may stop where it was filtered.
        var origin = midX
        var laneMarks: [String] = []
        var stop: Int?
        if let seen = e.seenAt,
            let first = (side == .client ? lanes.lanes.reversed() : lanes.lanes).first(where: { seen.contains($0.name) })
        {
            origin = first.x + (side == .client ? 14 : -14)
            (stop, laneMarks) = lanes.passage(e, startX: origin, endX: side.x, y: y)
        }
        let midX = origin
        let to = stop ?? side.x
        let dir = to > midX ? 1 : -1
        let tip = to - dir * 1
        let base = tip - dir * 9
        var out = ["<g><title>\(HTMLEscaped(fullTitle(e)))</title>"]
        out.append(
            "<line x1=\"\(midX)\" y1=\"\(y)\" x2=\"\(base)\" y2=\"\(y)\" stroke=\"\(colour)\" stroke-width=\"1.5\" "
                + "stroke-dasharray=\"4 3\"/>")
        out.append("<polygon points=\"\(tip),\(y) \(base),\(y - 5) \(base),\(y + 5)\" fill=\"\(colour)\"/>")
        out.append(
            "<polygon points=\"\(midX),\(y - 7) \(midX + 7),\(y) \(midX),\(y + 7) \(midX - 7),\(y)\" fill=\"\(icmpFill)\" "
                + "stroke=\"#92400e\" stroke-width=\"1\"/>")
        out += laneMarks
        out.append(labelText(e.text, x: LadderSVG.midX, y: top + 10, colour: red ? failureInk : "#92400e", bold: red))
        out.append("</g>")
        return out
    }

    static func note(_ e: TimelineEntry, top: Int) -> [String] {
        var out = ["<g><title>\(HTMLEscaped(fullTitle(e)))</title>"]
        out.append(
            "<rect x=\"\(clientX + 40)\" y=\"\(top + 6)\" width=\"\(serverX - clientX - 80)\" height=\"\(noteRow - 10)\" "
                + "rx=\"9\" fill=\"#f3f4f6\" stroke=\"#d1d5db\"/>")
        out.append(
            labelText(
                e.text, x: midX, y: top + 18, colour: muted, bold: false, italic: true, halo: nil,
                limit: maxLabel - 14))
        out.append("</g>")
        return out
    }

    static func silenceBracket(receiver: Side, top: Int, bottom: Int, count: Int) -> [String] {
        let outward = receiver == .server ? 1 : -1
        let x = receiver.x + outward * 22
        let tick = x - outward * 6
        let what = count == 1 ? "this request" : "these \(count) requests"
        let title = "\(what) from the \(receiver.other.name) got no answer from the \(receiver.name)"
        var out = ["<g><title>\(HTMLEscaped(title))</title>"]
        out.append(
            "<polyline points=\"\(tick),\(top) \(x),\(top) \(x),\(bottom) \(tick),\(bottom)\" fill=\"none\" "
                + "stroke=\"\(silenceInk)\" stroke-width=\"2\"/>")
        let middle = (top + bottom) / 2
        if receiver == .server {
            out.append(
                "<text x=\"\(x + 6)\" y=\"\(middle)\" fill=\"\(silenceInk)\" font-weight=\"700\" font-size=\"11\">no answer</text>"
            )
            if count > 1 {
                out.append("<text x=\"\(x + 6)\" y=\"\(middle + 13)\" fill=\"\(silenceInk)\" font-size=\"10\">×\(count)</text>")
            }
        } else {
            out.append(
                "<text transform=\"translate(\(x - 6) \(middle)) rotate(-90)\" text-anchor=\"middle\" fill=\"\(silenceInk)\" "
                    + "font-weight=\"700\" font-size=\"11\">no answer" + (count > 1 ? " ×\(count)" : "") + "</text>")
        }
        out.append("</g>")
        return out
    }

    /// A label with a white halo so it stays readable where it crosses the capture lane.
    static func labelText(
        _ text: String, x: Int, y: Int, colour: String, bold: Bool, italic: Bool = false,
        halo: String? = "#ffffff", limit: Int = maxLabel
    ) -> String {
        var attributes = "x=\"\(x)\" y=\"\(y)\" text-anchor=\"middle\" fill=\"\(colour)\""
        if bold { attributes += " font-weight=\"700\"" }
        if italic { attributes += " font-style=\"italic\"" }
        if let halo {
            attributes += " stroke=\"\(halo)\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\""
        }
        return "<text \(attributes)>\(HTMLEscaped(truncated(text, limit)))</text>"
    }

    static func fullTitle(_ e: TimelineEntry) -> String {
        "#\(PathText.packet(e)) at \(TextRenderer().seconds(e.time)) (\(e.stage.rawValue)): \(e.text)"
            + (e.seenAt.map { " — seen at " + ($0.isEmpty ? "no point" : $0.joined(separator: ", ")) } ?? "")
    }

    /// At most `limit` characters, the last one an ellipsis when something was cut.
    static func truncated(_ text: String, _ limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        return String(text.prefix(limit - 1)).trimmingTrailingSpaces() + "…"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
