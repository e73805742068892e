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

    /// A catalog as pptp-pcap wrote it before reports were stored in parts (migrations v1 to v3), holding `rows`.
    static func olderCatalog(at path: String, _ rows: String) throws {
        let old = try DatabaseQueue(path: path)
        try ScanCatalog.migrator.migrate(old, upTo: "v3")
        try old.write { db in try db.execute(sql: rows) }
        try old.close()
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
        try Self.olderCatalog(
            at: dir.file("old.sqlite"),
            """
            INSERT INTO file (path, root, relative_path, size, mtime_ns, status) VALUES ('/a.pcap', '/', 'a.pcap', 1, 1, 'ok');
            INSERT INTO file_report (file_id, report_json) VALUES (1, '{"old":"report ✓"}');
            """)
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

    @Test("a merge copies reports part by part and rows one by one, from a catalog of parts and from an older one")
    func mergeCopiesPartsAndOldReports() throws {
        let dir = try TempDir("merge-parts")
        // An older catalog, never opened for writing by this version, so still with one report per row.
        try Self.olderCatalog(
            at: dir.file("old.sqlite"),
            """
            INSERT INTO file (path, root, relative_path, size, mtime_ns, status, content_hash) VALUES ('/o.pcap', '/', 'o.pcap', 1, 1, 'ok', 'h-old');
            INSERT INTO file_report (file_id, report_json) VALUES (1, '{"old":"report ✓"}');
            """)
        // A current catalog whose one file has 40 sessions and a report of many parts.
        let current = try ScanCatalog(path: dir.file("current.sqlite"))
        let text = String(repeating: "é✓", count: 100)
        let rows = (0..<40).map(SessionRowSpoolTests.row).map { row -> SessionRecord in
            var row = row
            row.sessionId += 1
            return row
        }
        _ = try current.record(
            FileRecord(
                path: "/n.pcap", root: "/", relativePath: "n.pcap", size: 1, mtimeNs: 1, contentHash: "h-new",
                container: nil, status: .ok),
            sessions: SessionRowSpool(rows), report: Self.stored(text, partBytes: 32))

        let merged = try ScanCatalog(path: dir.file("merged.sqlite"))
        let result = try CatalogMerge.merge(into: merged, from: [dir.file("old.sqlite"), dir.file("current.sqlite")])
        #expect(result.filesAdded == 2 && result.sessionsAdded == rows.count)
        let files = try merged.files()
        let oldID = try #require(files.first { $0.relativePath == "o.pcap" }?.id)
        let newID = try #require(files.first { $0.relativePath == "n.pcap" }?.id)
        #expect(try merged.reportJSON(fileID: oldID) == "{\"old\":\"report ✓\"}")
        #expect(try merged.reportJSON(fileID: newID) == text)
        let parts = try merged.reader.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM file_report_part WHERE file_id = ?", arguments: [newID])
        }
        #expect((parts ?? 0) >= 16, "the parts are copied as they are, not joined into one")
        #expect(try merged.sessions(fileID: newID).map(\.sessionId) == rows.map(\.sessionId))
        #expect(try merged.sessions(fileID: newID).map(\.findingsJson) == rows.map(\.findingsJson))
    }
}
