import Foundation

/// `--format json`: the report as pretty, key-sorted JSON (stable for golden files and diffs).
public enum JSONRenderer {
    public static func render(_ report: Report) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report), let text = String(data: data, encoding: .utf8) else {
            return "{\"schemaVersion\":\"\(Report.currentSchemaVersion)\",\"error\":\"report could not be encoded\"}"
        }
        return text
    }
}
