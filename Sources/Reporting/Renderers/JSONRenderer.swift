import Foundation

/// `--format json`: the report as pretty, key-sorted JSON (stable for golden files and diffs).
///
/// The document is written a piece at a time: the report without its sessions, then each session encoded on
/// its own and indented to its place in the `sessions` array. Only one session's JSON exists at once, so a
/// capture of thousands of sessions never holds its whole report text (and the encoder's tree of it) in memory.
/// It stays Codable over the `Report` model: a field added there appears here with no change.
public enum JSONRenderer {
    public static func render(_ report: Report) -> String {
        var text = ""
        guard write(report, to: { text += $0 }) else { return fallback }
        return text
    }

    /// Streams the document to `sink` in pieces, in order. False (and nothing written) when the report around the
    /// sessions cannot be encoded.
    @discardableResult
    public static func write(_ report: Report, to sink: (String) -> Void) -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var frame = report
        frame.sessions = []
        guard let frameData = try? encoder.encode(frame), let frameText = String(data: frameData, encoding: .utf8) else {
            return false
        }
        // The one top-level key at two spaces' indent; JSON strings hold no raw newline, so nothing else matches.
        guard let empty = frameText.range(of: "\n  \"sessions\" : [\n\n  ]") else {
            sink(frameText)
            return true
        }
        guard !report.sessions.isEmpty else {
            sink(frameText)
            return true
        }
        sink(String(frameText[..<empty.lowerBound]) + "\n  \"sessions\" : [\n")
        for (i, session) in report.sessions.enumerated() {
            var text = (try? encoder.encode(session)).flatMap { String(data: $0, encoding: .utf8) }
                // Unreachable with finite numbers (all of a report's are); keeps the document valid regardless.
                ?? "{\n  \"error\" : \"session could not be encoded\"\n}"
            text = indented(text)
            sink(i == report.sessions.count - 1 ? text : text + ",\n")
        }
        sink("\n  ]" + String(frameText[empty.upperBound...]))
        return true
    }

    static let fallback = "{\"schemaVersion\":\"\(Report.currentSchemaVersion)\",\"error\":\"report could not be encoded\"}"

    /// A session document moved to its depth in the array: four spaces before each line, except the empty lines
    /// the encoder writes inside an empty array or object.
    private static func indented(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        var lineStart = true
        for byte in text.utf8 {
            if lineStart, byte != 0x0A { out.append(contentsOf: "    ".utf8) }
            out.append(byte)
            lineStart = byte == 0x0A
        }
        return String(decoding: out, as: UTF8.self)
    }
}
