/// `--format json`: the report as pretty, key-sorted JSON (stable for golden files and diffs).
///
/// The document is written a piece at a time: the report without its sessions, then each session encoded on
/// its own and indented to its place in the `sessions` array. Only one session's JSON exists at once, so a
/// capture of thousands of sessions never holds its whole report text (and the encoder's tree of it) in memory.
/// It stays Codable over the `Report` model: a field added there appears here with no change.
public enum JSONRenderer {
    public static func render(_ report: Report) -> String {
        var bytes: [UInt8] = []
        guard write(report, to: { bytes.append(contentsOf: $0) }) else { return fallback }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Streams the document's UTF-8 bytes to `sink` in pieces, in order (each piece valid only during the call).
    /// False when the report around the sessions cannot be encoded: then `fallback` is what was written.
    @discardableResult
    public static func write(_ report: Report, to sink: (UnsafeRawBufferPointer) -> Void) -> Bool {
        write(
            frame: report,
            sessions: { emit in
                for session in report.sessions { emit(session) }
                return report.summary
            }, to: sink)
    }

    /// A report whose sessions are produced while it is written: `frame` is the report without them, and
    /// `produce` hands each session to `emit` in order, then returns the summary that counts them. With sorted
    /// keys "sessions" comes before "summary", so the counts are known by the time they are written and no
    /// session is ever held after its bytes went out.
    /// `pretty: false` writes the one-line form `compact` gives (what a scan catalog stores).
    @discardableResult
    public static func write(
        frame: Report, pretty: Bool = true, sessions produce: ((SessionReport) -> Void) -> Report.Summary,
        to sink: (UnsafeRawBufferPointer) -> Void
    ) -> Bool {
        // `produce` calls back into the writer, which writes to `sink`: one non-escaping closure reaching another.
        withoutActuallyEscaping(sink) { sink in streamed(frame: frame, pretty: pretty, sessions: produce, to: sink) }
    }

    private static func streamed(
        frame: Report, pretty: Bool, sessions produce: ((SessionReport) -> Void) -> Report.Summary,
        to sink: @escaping (UnsafeRawBufferPointer) -> Void
    ) -> Bool {
        var empty = frame
        empty.sessions = []
        guard let tree = try? SortedJSONEncoder.tree(of: empty), case .object(let top) = tree,
            top.members.contains(where: { $0.key == "sessions" })
        else {
            // Unreachable with finite numbers (all of a report's are): a valid document that says so.
            var text = fallback
            text.withUTF8 { sink(UnsafeRawBufferPointer($0)) }
            return false
        }
        var summary: Report.Summary?
        var writer = JSONTreeWriter(pretty: pretty)
        writer.writeObject(top, depth: 0) { key, w in
            switch key {
            case "sessions":
                w.out.append(UInt8(ascii: "["))
                if pretty { w.out.append(0x0A) }
                var first = true
                summary = produce { session in
                    if !first { w.separator() }
                    first = false
                    if SessionJSONWriter.handles(session) {
                        w.indent(2)
                        SessionJSONWriter.write(session, depth: 2, into: &w)
                    } else {
                        // Unreachable with finite numbers (all of a report's are); keeps the document valid regardless.
                        let node = (try? SortedJSONEncoder.tree(of: session)) ?? Self.unencodableSession
                        w.indent(2)
                        w.write(node, depth: 2)
                    }
                    // One session's bytes at a time: the document is never whole in memory.
                    w.out.withUnsafeBytes(sink)
                    w.out.removeAll(keepingCapacity: true)
                }
                w.close(UInt8(ascii: "]"), depth: 1)
                return true
            case "summary":
                guard let counted = summary, let node = try? SortedJSONEncoder.tree(of: counted) else { return false }
                w.write(node, depth: 1)
                return true
            default:
                return false
            }
        }
        writer.out.withUnsafeBytes(sink)
        return true
    }

    /// The report on one line with sorted keys, as `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`
    /// writes it (what a scan catalog stores).
    public static func compact(_ report: Report) -> String { compact(report, orElse: "{}") }

    /// Any encodable value on one line with sorted keys, by the same writer (the scan catalog's rows and lines).
    public static func compact<T: Encodable>(_ value: T, orElse fallback: String) -> String {
        (try? SortedJSONEncoder(pretty: false).encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? fallback
    }

    /// Any encodable value, pretty, with sorted keys (the logs-only report).
    public static func encode<T: Encodable>(_ value: T) -> String {
        (try? SortedJSONEncoder(pretty: true).encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? fallback
    }

    private static var unencodableSession: JSONNode {
        let box = JSONObjectBox()
        box.set("error", .string("session could not be encoded"))
        return .object(box)
    }

    static let fallback = "{\"schemaVersion\":\"\(Report.currentSchemaVersion)\",\"error\":\"report could not be encoded\"}"
}
