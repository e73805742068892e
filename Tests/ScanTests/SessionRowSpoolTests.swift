import Foundation
import PPTPTestSupport
import Testing

@testable import PPTPScan

@Suite("Session rows spooled until their transaction")
struct SessionRowSpoolTests {
    /// A row with every field set, varied by `n`; optionals left out on odd rows.
    static func row(_ n: Int) -> SessionRecord {
        let odd = n % 2 == 1
        return SessionRecord(
            fileId: Int64(n) * 1_000_003, sessionId: n, client: "10.0.\(n % 256).1", server: "203.0.113.\(n % 256)",
            startTime: odd ? nil : 1_767_607_200.25 + Double(n), endTime: odd ? nil : -0.0,
            startIso: odd ? nil : "2026-01-05T10:00:\(n % 60)Z", endIso: odd ? nil : "",
            startSeconds: Double(n) / 3, endSeconds: .greatestFiniteMagnitude, outcome: "failed",
            failureStage: odd ? nil : "authentication", lastStageCompleted: odd ? nil : "lcp",
            errorCodes: "[691,\(n)]", primaryCode: odd ? nil : -n, confidence: odd ? nil : "certain",
            headline: "MS-CHAPv2 failure — \"E=691\" ✓ 𝄞 #\(n)", capturePoint: "client", firstPacket: n,
            lastPacket: Int.max - n, packetCount: Int.min + n, rules: "[\"auth.mschapv2-failure\"]",
            findingsJson: String(repeating: "{\"é\":\(n)}", count: n % 50), userName: odd ? nil : "usér\(n)")
    }

    @Test("rows past the held limit come back from the temporary file in order, every field as written")
    func rowsRoundTripInOrder() throws {
        for limit in [0, 3, 64, 10_000] {
            let spool = SessionRowSpool(heldLimit: limit)
            let rows = (0..<500).map(Self.row)
            for r in rows { spool.append(r) }
            var back: [SessionRecord] = []
            try spool.forEach { back.append($0) }
            #expect(spool.count == rows.count)
            #expect(back.count == rows.count, "held limit \(limit)")
            // The first row that differs, not 500 of them.
            if let i = back.indices.first(where: { $0 < rows.count && back[$0] != rows[$0] }) {
                Issue.record("held limit \(limit): row \(i) came back as \(back[i]), written as \(rows[i])")
            }
        }
    }

    @Test("the encoding writes every stored property of a session row")
    func encodingCoversEveryField() {
        // A field added to SessionRecord and not to the spool's encoding would be lost between analysis and
        // catalog: this count has to be raised together with the encoding.
        #expect(Mirror(reflecting: Self.row(2)).children.count == SessionRowSpool.encodedFields)
    }

    @Test("an error inserting a row stops the replay and reaches the caller")
    func insertErrorStopsTheReplay() {
        struct Refused: Error {}
        let spool = SessionRowSpool(heldLimit: 2)
        for n in 0..<100 { spool.append(Self.row(n)) }
        var seen = 0
        #expect(throws: Refused.self) {
            try spool.forEach { _ in
                seen += 1
                if seen == 10 { throw Refused() }
            }
        }
        #expect(seen == 10)
    }

    @Test("an empty spool replays nothing")
    func emptySpool() throws {
        var seen = 0
        try SessionRowSpool().forEach { _ in seen += 1 }
        #expect(seen == 0)
    }
}

@Suite("Session rows in the catalog")
struct CatalogRecordTests {
    @Test("a session row written to the catalog reads back field for field, through the spool and without it")
    func rowRoundTripsThroughTheCatalog() throws {
        let dir = try TempDir("rows")
        let catalog = try ScanCatalog(path: dir.file("catalog.sqlite"))
        // Row 2 has every optional set: a column the hand-written encoding left out would read back as nil.
        let rows = (0..<100).map(SessionRowSpoolTests.row).map { row -> SessionRecord in
            var row = row
            row.sessionId = row.sessionId + 1
            return row
        }
        let file = try catalog.record(
            FileRecord(
                path: "/a.pcap", root: "/", relativePath: "a.pcap", size: 1, mtimeNs: 1, contentHash: nil,
                container: nil, status: .ok),
            sessions: {
                let spool = SessionRowSpool(heldLimit: 7)
                rows.forEach(spool.append)
                return spool
            }(),
            report: nil)
        let id = try #require(file.id)
        let back = try catalog.sessions(fileID: id)
        #expect(back.count == rows.count)
        for (read, written) in zip(back, rows) {
            var expected = written
            expected.fileId = id
            #expect(read == expected)
        }
    }
}
