import Foundation
import PPTPAnalysis
import PPTPPcapIO
import PPTPReporting
import PPTPTestSupport
import Testing

@testable import PPTPScan

@Suite("Scanning an archive")
struct ArchiveScanTests {
    /// What a direct `Analyzer.analyze` of the same bytes says, under the same name.
    private func direct(_ path: String, _ expectation: Expectation) throws -> Analyzer.Result? {
        switch expectation {
        case .capture(let bytes, let gzip), .damaged(let bytes, let gzip, _):
            if !gzip { return try Analyzer.analyze(path: path) }
            let content = bytes.isEmpty ? try Scenarios.gunzip(path) : bytes
            return Analyzer.analyze(reader: try CaptureReader(bytes: content, name: path))
        case .unreadable, .notCapture:
            return nil
        }
    }

    @Test("every capture is found by content, recorded once, and matches a direct analysis of it")
    func scanMatchesDirectAnalysis() throws {
        let archive = try TestArchive.make()
        let db = try TempDir("db")
        let catalog = try ScanCatalog(path: db.file("catalog.sqlite"))
        let result = try scan([archive.root], into: catalog)

        #expect(result.walked == archive.expected.count)
        #expect(result.notCaptures == archive.expected.values.filter { if case .notCapture = $0 { true } else { false } }.count)
        #expect(result.captures == archive.captureCount)
        #expect(result.failedToRead == 2)
        #expect(result.damaged == 3)

        let files = try catalog.files()
        #expect(files.count == archive.captureCount)
        #expect(Set(files.map(\.relativePath)).count == files.count)
        for (relative, expectation) in archive.expected.sorted(by: { $0.key < $1.key }) {
            let path = archive.dir.file(relative)
            let row = files.first { $0.relativePath == relative }
            switch expectation {
            case .notCapture:
                #expect(row == nil, "\(relative) is no capture and must not be in the catalog")
                continue
            case .unreadable(let kind):
                #expect(row?.status == .unreadable, "\(relative)")
                #expect(row?.errorKind == kind, "\(relative): \(row?.error ?? "")")
                #expect(row?.error?.isEmpty == false)
                continue
            case .capture(_, let gzip), .damaged(_, let gzip, _):
                guard let row, let id = row.id else {
                    Issue.record("\(relative) is missing from the catalog")
                    continue
                }
                #expect(row.path == path)
                #expect(row.container == (gzip ? "gzip" : "plain"), "\(relative)")
                #expect(row.analyzerVersion == Analyzer.version)
                #expect(row.scanGeneration == result.run && row.seenGeneration == result.run)
                let content = try Data(contentsOf: URL(fileURLWithPath: path))
                #expect(row.contentHash == XXHash64.hex(XXHash64.hash(Array(content))), "\(relative)")
                #expect(row.size == Int64(content.count))
                guard let expected = try direct(path, expectation) else { continue }
                if case .damaged(_, _, let kind) = expectation {
                    #expect(row.status == .damaged, "\(relative)")
                    #expect(row.errorKind == kind, "\(relative): \(row.error ?? "")")
                } else {
                    #expect(row.status == .ok, "\(relative): \(row.error ?? "")")
                }
                #expect(row.packets == expected.report.capture.packets, "\(relative)")
                #expect(row.linkType == Int(expected.report.capture.linkType))
                #expect(row.format == expected.report.capture.format)
                #expect(row.sessions == expected.report.summary.sessions)
                #expect(row.failedSessions == expected.report.summary.failed)
                #expect(row.firstPacketTime == expected.report.capture.start)
                if case .damaged(let prefix, _, _) = expectation, prefix.isEmpty {
                    // A cut-off .gz: libpcap's own read error differs from reading the same prefix from memory;
                    // the sessions must not.
                } else {
                    let stored = try catalog.reportJSON(fileID: id)
                    #expect(stored == SessionRows.compactJSON(expected.report), "\(relative): stored report differs")
                }
                let sessions = try catalog.sessions(fileID: id)
                let want = SessionRows.make(expected.report).map { s -> SessionRecord in
                    var s = s
                    s.fileId = id
                    return s
                }
                #expect(sessions == want, "\(relative)")
            }
        }
        // The duplicate is a file of its own, with the same content hash and the same results.
        let original = files.first { $0.relativePath == "site-a/2024/01/success.pcap" }
        let copy = files.first { $0.relativePath == "dup/success-copy.pcap" }
        #expect(original?.contentHash != nil && original?.contentHash == copy?.contentHash)
        #expect(try catalog.integrityCheck() == "ok")

        // The summary over this run agrees with the rows.
        let summary = try catalog.summary(CatalogFilter(seenInRun: result.run))
        #expect(summary.files == files.count)
        #expect(summary.sessions == files.reduce(0) { $0 + ($1.sessions ?? 0) })
        #expect(summary.unreadable.count == 2)
        #expect(summary.damaged.count == 3)
        #expect(summary.count(summary.outcomes, "failed") == files.reduce(0) { $0 + ($1.failedSessions ?? 0) })
        let text = SummaryTable.render(summary)
        #expect(text.contains("Files that could not be read (2)"))
        #expect(text.contains("site-c/corrupt.gz"))
    }

    @Test("one thread or four give the same catalog")
    func jobsDoNotChangeResults() throws {
        let archive = try TestArchive.make()
        let db = try TempDir("db")
        let one = try ScanCatalog(path: db.file("one.sqlite"))
        let four = try ScanCatalog(path: db.file("four.sqlite"))
        try scan([archive.root], into: one, jobs: 1)
        try scan([archive.root], into: four, jobs: 4)
        #expect(try CatalogContent(one) == CatalogContent(four))
    }

    @Test("a gzip stream bigger than the limit is recorded as damaged, with what came before the limit")
    func gzipLimit() throws {
        let dir = try TempDir("limit")
        let big = try Scenarios.bytes("gre-loss-warning")
        try dir.write("big.pcap.gz", try Scenarios.gzip(big))
        let catalog = try ScanCatalog(path: dir.file("c.sqlite"))
        _ = try ArchiveScanner(
            catalog: catalog,
            options: ScanOptions(
                roots: [dir.file("big.pcap.gz")], jobs: 1,
                gzipLimit: UInt64(big.count / 2))
        ).run()
        let row = try #require(try catalog.files().first)
        #expect(row.status == .damaged)
        #expect(row.errorKind == "gzip-limit")
        #expect((row.packets ?? 0) > 0)
    }
}
