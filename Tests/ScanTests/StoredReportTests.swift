import Foundation
import GRDB
import PPTPTestSupport
import Testing

@testable import PPTPScan

@Suite("Reports stored in parts")
struct StoredReportTests {
    static func stored(_ text: String, partBytes: Int) -> StoredReport {
        let report = StoredReport(partBytes: partBytes)
        var text = text
        text.withUTF8 { report.append(UnsafeRawBufferPointer($0)) }
        return report
    }

    @Test("the parts join to the text, none over the part size, each ending on a whole character", arguments: [4, 5, 7, 64])
    func partsJoinToTheText(partBytes: Int) throws {
        // Two-, three- and four-byte characters straddling every possible cut.
        let text = String(repeating: "{\"héllo\":\"wörld — ✓ 𝄞\",\"n\":12}", count: 40)
        var parts: [String] = []
        try Self.stored(text, partBytes: partBytes).forEachPart { parts.append($0) }
        #expect(parts.joined() == text)
        #expect(parts.count > 1)
        #expect(parts.allSatisfy { $0.utf8.count <= partBytes && !$0.isEmpty })
        #expect(!parts.joined().contains("\u{FFFD}"))
    }

    @Test("an empty report is one empty part, so the file still has a stored report")
    func emptyReport() throws {
        var parts: [String] = []
        try Self.stored("", partBytes: 16).forEachPart { parts.append($0) }
        #expect(parts == [""])
    }

    @Test("a scan stores a report larger than a part in parts and gives it back whole; an older catalog's reports move")
    func catalogPartsAndMigration() throws {
        let dir = try TempDir("parts")
        // A catalog as pptp-pcap wrote it before reports were stored in parts (migrations v1 to v3).
        let old = try DatabaseQueue(path: dir.file("old.sqlite"))
        try ScanCatalog.migrator.migrate(old, upTo: "v3")
        try old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO file (path, root, relative_path, size, mtime_ns, status) VALUES ('/a.pcap', '/', 'a.pcap', 1, 1, 'ok');
                    INSERT INTO file_report (file_id, report_json) VALUES (1, '{"old":"report ✓"}');
                    """)
        }
        try old.close()
        let migrated = try ScanCatalog(path: dir.file("old.sqlite"))
        #expect(try migrated.reportJSON(fileID: 1) == "{\"old\":\"report ✓\"}")

        let catalog = try ScanCatalog(path: dir.file("new.sqlite"))
        let file = try catalog.record(
            FileRecord(
                path: "/b.pcap", root: "/", relativePath: "b.pcap", size: 1, mtimeNs: 1, contentHash: nil,
                container: nil, status: .ok),
            sessions: SessionRowSpool(), report: Self.stored(String(repeating: "é✓", count: 100), partBytes: 32))
        let id = try #require(file.id)
        #expect(try catalog.reportJSON(fileID: id) == String(repeating: "é✓", count: 100))
        let parts = try catalog.reader.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM file_report_part WHERE file_id = ?", arguments: [id])
        }
        // 500 bytes in parts of at most 32: at least 16 of them.
        #expect((parts ?? 0) >= 16)
    }
}
