import Foundation

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
    /// False, and nothing written, when the report around the sessions cannot be encoded.
    @discardableResult
    public static func write(_ report: Report, to sink: (UnsafeRawBufferPointer) -> Void) -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var frame = report
        frame.sessions = []
        guard let frameData = try? encoder.encode(frame) else { return false }
        // The one top-level key at two spaces' indent; JSON strings hold no raw newline, so nothing else matches.
        guard !report.sessions.isEmpty, let empty = frameData.range(of: Data("\n  \"sessions\" : [\n\n  ]".utf8)) else {
            frameData.withUnsafeBytes(sink)
            return true
        }
        frameData[..<empty.lowerBound].withUnsafeBytes(sink)
        emit("\n  \"sessions\" : [\n", sink)
        for (i, session) in report.sessions.enumerated() {
            if i > 0 { emit(",\n", sink) }
            // Encoded inside a one-session `sessions` array, the session comes out indented exactly as in the whole
            // document: cutting off the few bytes around it is all that is left to do.
            if let data = try? encoder.encode(SessionSlot(sessions: [session])), data.starts(with: slotHead.utf8),
               data.count >= slotHead.utf8.count + slotTail.utf8.count, data.suffix(slotTail.utf8.count).elementsEqual(slotTail.utf8) {
                data[(data.startIndex + slotHead.utf8.count)..<(data.endIndex - slotTail.utf8.count)].withUnsafeBytes(sink)
            } else {
                // Unreachable with finite numbers (all of a report's are); keeps the document valid regardless.
                emit("    {\n      \"error\" : \"session could not be encoded\"\n    }", sink)
            }
        }
        emit("\n  ]", sink)
        frameData[empty.upperBound...].withUnsafeBytes(sink)
        return true
    }

    static let fallback = "{\"schemaVersion\":\"\(Report.currentSchemaVersion)\",\"error\":\"report could not be encoded\"}"

    private struct SessionSlot: Encodable {
        var sessions: [SessionReport]
    }
    private static let slotHead = "{\n  \"sessions\" : [\n"
    private static let slotTail = "\n  ]\n}"

    private static func emit(_ text: String, _ sink: (UnsafeRawBufferPointer) -> Void) {
        var text = text
        text.withUTF8 { sink(UnsafeRawBufferPointer($0)) }
    }
}
