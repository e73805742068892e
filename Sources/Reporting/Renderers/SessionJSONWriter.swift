import PPTPDiagnosis
import PPTPSessions

/// A session's report written straight to JSON, byte for byte what `SortedJSONEncoder` writes for it (sorted
/// keys, pretty, Foundation's number and string rules), without building the Codable tree first: the sessions
/// are nearly all of a report's bytes, and building, sorting and walking a tree of boxes for each of them was a
/// quarter of a large capture's analysis.
///
/// The keys are listed in sorted (UTF-8) order, once per type, beside the model's fields. A session with a
/// multi-point `path`, or a number that is not finite, is left to the tree encoder (`handles` says which).
/// `SessionJSONWriterTests` compares both encoders on every fixture, every real capture and a session with every
/// optional field set, so a field added to the model and not here fails a test.
enum SessionJSONWriter {
    /// Whether `write` can take this session: not one with a multi-point path or joined logs (both rare, left to
    /// the tree encoder), and no number that is not finite.
    static func handles(_ s: SessionReport) -> Bool {
        s.path == nil && s.logs == nil && s.startSeconds.isFinite && s.endSeconds.isFinite
            && s.timeline.allSatisfy { $0.time.isFinite }
    }

    /// Writes a session `handles` accepts, as it stands `depth` levels deep (the caller wrote its indentation).
    static func write(_ s: SessionReport, depth: Int, into w: inout JSONTreeWriter) {
        var o = ObjectWriter(depth: depth, taking: &w)
        let d = depth + 1
        o.key("calls") { w in array(s.calls, depth: d, into: &w, call) }
        o.key("captureGap", ifPresent: s.captureGap) { w, gap in finding(&w, gap, depth: d) }
        o.key("capturePoint") { $0.string(s.capturePoint.rawValue) }
        o.key("capturePointReason") { $0.string(s.capturePointReason) }
        o.key("client") { $0.string(s.client) }
        o.key("confidence") { w in optionalString(s.confidence?.rawValue, into: &w) }
        o.key("controlChannelSeen") { $0.out.append(contentsOf: (s.controlChannelSeen ? "true" : "false").utf8) }
        o.key("endSeconds") { number(s.endSeconds, into: &$0) }
        o.key("failureStage") { w in optionalString(s.failureStage?.rawValue, into: &w) }
        o.key("findings") { w in array(s.findings, depth: d, into: &w, finding) }
        o.key("firstPacket") { integer(s.firstPacket, into: &$0) }
        o.key("headline") { $0.string(s.headline) }
        o.key("id") { integer(s.id, into: &$0) }
        o.key("lastPacket") { integer(s.lastPacket, into: &$0) }
        o.key("lastStageCompleted") { w in optionalString(s.lastStageCompleted?.rawValue, into: &w) }
        o.key("outcome") { $0.string(s.outcome.rawValue) }
        o.key("packetCount") { integer(s.packetCount, into: &$0) }
        o.key("pppLink", ifPresent: s.pppLink) { $0.string($1) }
        o.key("probableErrorCodes") { w in array(s.probableErrorCodes, depth: d, into: &w) { integer($1, into: &$0) } }
        o.key("server") { $0.string(s.server) }
        o.key("startSeconds") { number(s.startSeconds, into: &$0) }
        o.key("timeline") { w in array(s.timeline, depth: d, into: &w, timelineEntry) }
        o.key("user", ifPresent: s.user) { $0.string($1) }
        w = o.close()
    }

    // MARK: The nested types, keys sorted

    private static func call(_ w: inout JSONTreeWriter, _ c: CallReport, depth: Int) {
        var o = ObjectWriter(depth: depth, taking: &w)
        let d = depth + 1
        o.key("clientCallID", ifPresent: c.clientCallID) { integer($1, into: &$0) }
        o.key("greFromClient") { w in gre(&w, c.greFromClient, depth: d) }
        o.key("greFromServer") { w in gre(&w, c.greFromServer, depth: d) }
        o.key("result", ifPresent: c.result) { $0.string($1) }
        o.key("serverCallID", ifPresent: c.serverCallID) { integer($1, into: &$0) }
        w = o.close()
    }

    private static func gre(_ w: inout JSONTreeWriter, _ g: GREReport, depth: Int) {
        var o = ObjectWriter(depth: depth, taking: &w)
        let d = depth + 1
        o.key("ackOnly") { integer(g.ackOnly, into: &$0) }
        o.key("dataPackets") { integer(g.dataPackets, into: &$0) }
        o.key("duplicates") { integer(g.duplicates, into: &$0) }
        o.key("largestDatagram") { integer(g.largestDatagram, into: &$0) }
        o.key("lost") { integer(g.lost, into: &$0) }
        o.key("packets") { integer(g.packets, into: &$0) }
        o.key("reordered") { integer(g.reordered, into: &$0) }
        w = o.close()
    }

    private static func finding(_ w: inout JSONTreeWriter, _ f: FindingReport, depth: Int) {
        var o = ObjectWriter(depth: depth, taking: &w)
        let d = depth + 1
        o.key("codeNotes", ifPresent: f.codeNotes) { $0.string($1) }
        o.key("confidence") { $0.string(f.confidence.rawValue) }
        o.key("decisivePacket", ifPresent: f.decisivePacket) { integer($1, into: &$0) }
        o.key("errorCodes") { w in array(f.errorCodes, depth: d, into: &w) { integer($1, into: &$0) } }
        o.key("explanation") { $0.string(f.explanation) }
        o.key("fixes") { w in fixes(&w, f.fixes, depth: d) }
        o.key("group", ifPresent: f.group) { $0.string($1) }
        o.key("message") { $0.string(f.message) }
        o.key("packets") { w in array(f.packets, depth: d, into: &w) { integer($1, into: &$0) } }
        o.key("rule") { $0.string(f.rule) }
        o.key("severity") { $0.string(f.severity.rawValue) }
        o.key("stage") { $0.string(f.stage.rawValue) }
        w = o.close()
    }

    private static func fixes(_ w: inout JSONTreeWriter, _ f: FixesReport, depth: Int) {
        var o = ObjectWriter(depth: depth, taking: &w)
        let d = depth + 1
        o.key("linuxServer") { w in array(f.linuxServer, depth: d, into: &w) { $0.string($1) } }
        o.key("network") { w in array(f.network, depth: d, into: &w) { $0.string($1) } }
        o.key("windowsClient") { w in array(f.windowsClient, depth: d, into: &w) { $0.string($1) } }
        w = o.close()
    }

    private static func timelineEntry(_ w: inout JSONTreeWriter, _ t: TimelineEntry, depth: Int) {
        var o = ObjectWriter(depth: depth, taking: &w)
        let d = depth + 1
        o.key("from", ifPresent: t.from) { $0.string($1.rawValue) }
        o.key("kind") { $0.string(t.kind.rawValue) }
        o.key("packet") { integer(t.packet, into: &$0) }
        o.key("point", ifPresent: t.point) { $0.string($1) }
        o.key("seenAt", ifPresent: t.seenAt) { w, points in array(points, depth: d, into: &w) { $0.string($1) } }
        o.key("stage") { $0.string(t.stage.rawValue) }
        o.key("text") { $0.string(t.text) }
        o.key("time") { number(t.time, into: &$0) }
        w = o.close()
    }

    // MARK: Values, as the tree writer lays them out

    private static func array<T>(
        _ items: [T], depth: Int, into w: inout JSONTreeWriter,
        _ item: (inout JSONTreeWriter, T) -> Void
    ) {
        w.out.append(UInt8(ascii: "["))
        if w.pretty { w.out.append(0x0A) }
        for (i, element) in items.enumerated() {
            if i > 0 { w.separator() }
            w.indent(depth + 1)
            item(&w, element)
        }
        w.close(UInt8(ascii: "]"), depth: depth)
    }

    private static func array<T>(
        _ items: [T], depth: Int, into w: inout JSONTreeWriter,
        _ item: (inout JSONTreeWriter, T, Int) -> Void
    ) {
        array(items, depth: depth, into: &w) { w, element in item(&w, element, depth + 1) }
    }

    private static func integer(_ v: Int, into w: inout JSONTreeWriter) {
        w.out.append(contentsOf: v.description.utf8)
    }

    /// Finite, as `handles` checked.
    private static func number(_ v: Double, into w: inout JSONTreeWriter) {
        if case .number(let text)? = try? JSONTree.number(v) { w.out.append(contentsOf: text.utf8) }
    }

    private static func optionalString(_ v: String?, into w: inout JSONTreeWriter) {
        if let v { w.string(v) } else { w.out.append(contentsOf: "null".utf8) }
    }

    /// One object's members, in the order the caller gives them (sorted), with the tree writer's separators.
    private struct ObjectWriter {
        let depth: Int
        var writer: JSONTreeWriter
        private var first = true

        /// Takes the caller's writer (its buffer stays unshared, so appending never copies it); `close` gives
        /// it back.
        init(depth: Int, taking w: inout JSONTreeWriter) {
            self.depth = depth
            writer = JSONTreeWriter(pretty: w.pretty)
            swap(&writer, &w)
            writer.out.append(UInt8(ascii: "{"))
            if writer.pretty { writer.out.append(0x0A) }
        }

        mutating func key(_ name: StaticString, _ value: (inout JSONTreeWriter) -> Void) {
            if !first { writer.separator() }
            first = false
            writer.indent(depth + 1)
            writer.out.append(UInt8(ascii: "\""))
            writer.out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            writer.out.append(contentsOf: (writer.pretty ? "\" : " : "\":").utf8)
            value(&writer)
        }

        /// Synthesized Codable leaves a nil optional out altogether.
        mutating func key<T>(_ name: StaticString, ifPresent value: T?, _ write: (inout JSONTreeWriter, T) -> Void) {
            guard let value else { return }
            key(name) { write(&$0, value) }
        }

        mutating func close() -> JSONTreeWriter {
            writer.close(UInt8(ascii: "}"), depth: depth)
            return writer
        }
    }
}
