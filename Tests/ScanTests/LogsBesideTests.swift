import Foundation
import PPTPAnalysis
import PPTPReporting
import PPTPTestSupport
import Testing

@testable import PPTPScan

@Suite("Logs beside captures in a scan")
struct LogsBesideTests {
    /// A lab scenario's server capture with its real logs in one folder, as an admin saves them.
    static func folderWithLogs(_ dir: TempDir, scenario: String) throws -> String {
        let lab = ProjectPaths.lab.appendingPathComponent(scenario)
        let capture = try dir.write(
            "\(scenario)/server.pcap", Array(try Data(contentsOf: lab.appendingPathComponent("server.pcap"))))
        for log in ProjectPaths.labLogs(lab) {
            try dir.write("\(scenario)/\(log.lastPathComponent)", Array(try Data(contentsOf: log)))
        }
        try dir.write("\(scenario)/README.txt", Array("Captured on the server, logs beside.\n".utf8))
        return capture
    }

    @Test("the catalog's report of a capture holds the logs saved beside it, joined to its session")
    func scanJoinsLogsBeside() throws {
        let dir = try TempDir("logs")
        let capture = try Self.folderWithLogs(dir, scenario: "wrong-password")
        let catalog = try ScanCatalog(path: dir.file("catalog.sqlite"))
        try scan([dir.path], into: catalog, jobs: 1)
        let file = try #require(try catalog.files().first { $0.path == capture })
        let id = try #require(file.id)
        let report = try #require(try catalog.reportJSON(fileID: id).flatMap(SessionRows.decodeReport))
        #expect(report.logs?.count == 4, "the four logs, not the README")
        let lanes = Set(report.sessions.first?.logs?.map(\.lane) ?? [])
        #expect(lanes == ["client pppd", "client pptp", "server pppd", "server pptpd"])
        #expect(report.sessions.first?.findings.contains { $0.rule == "log.stated-reason" } == true)
    }

    @Test("scan --no-logs leaves them out")
    func noLogsOption() throws {
        let dir = try TempDir("nologs")
        let capture = try Self.folderWithLogs(dir, scenario: "wrong-password")
        let catalog = try ScanCatalog(path: dir.file("catalog.sqlite"))
        var options = ScanOptions(roots: [dir.path], jobs: 1)
        options.logsBeside = false
        try ArchiveScanner(catalog: catalog, options: options).run()
        let file = try #require(try catalog.files().first { $0.path == capture })
        let id = try #require(file.id)
        let report = try #require(try catalog.reportJSON(fileID: id).flatMap(SessionRows.decodeReport))
        #expect(report.logs == nil)
    }

    /// The server capture alone in its folder, as it was first archived.
    static func captureAlone(_ dir: TempDir, scenario: String) throws -> String {
        let lab = ProjectPaths.lab.appendingPathComponent(scenario)
        return try dir.write(
            "\(scenario)/server.pcap", Array(try Data(contentsOf: lab.appendingPathComponent("server.pcap"))))
    }

    static func report(_ catalog: ScanCatalog, _ capture: String) throws -> Report {
        let file = try #require(try catalog.files().first { $0.path == capture })
        let id = try #require(file.id)
        return try #require(try catalog.reportJSON(fileID: id).flatMap(SessionRows.decodeReport))
    }

    @Test("a log saved beside an already scanned capture is joined by the next scan, which says so")
    func logAddedLaterIsJoined() throws {
        let dir = try TempDir("later")
        let capture = try Self.captureAlone(dir, scenario: "wrong-password")
        let catalog = try ScanCatalog(path: dir.file("catalog.sqlite"))
        let first = try scan([dir.path], into: catalog, jobs: 1)
        #expect(first.analysed == 1 && first.logsChanged == 0)
        #expect(try Self.report(catalog, capture).logs == nil)
        // Unchanged capture, nothing beside it: not analysed again.
        let second = try scan([dir.path], into: catalog, jobs: 1)
        #expect(second.unchanged == 1 && second.analysed == 0)

        let lab = ProjectPaths.lab.appendingPathComponent("wrong-password")
        try dir.write(
            "wrong-password/server-pppd.log", Array(try Data(contentsOf: lab.appendingPathComponent("server-pppd.log"))))
        let third = try scan([dir.path], into: catalog, jobs: 1)
        #expect(third.analysed == 1 && third.unchanged == 0 && third.logsChanged == 1)
        #expect(third.logChanges.first?.change == "the logs beside it changed (added server-pppd.log)")
        let report = try Self.report(catalog, capture)
        #expect(report.sessions.first?.logs?.map(\.lane) == ["server pppd"])
        let id = try #require(try catalog.file(path: capture)?.id)
        let recorded = try catalog.logFiles(fileID: id)
        #expect(recorded.count == 1 && recorded.allSatisfy { $0.read && $0.path.hasSuffix("server-pppd.log") })

        // The set recorded: the scan after that leaves the capture alone.
        let fourth = try scan([dir.path], into: catalog, jobs: 1)
        #expect(fourth.unchanged == 1 && fourth.analysed == 0 && fourth.logsChanged == 0)
    }

    @Test("a log rewritten or removed beside a scanned capture makes the next scan analyse it again")
    func logChangedOrRemoved() throws {
        let dir = try TempDir("changed")
        let capture = try Self.folderWithLogs(dir, scenario: "wrong-password")
        let catalog = try ScanCatalog(path: dir.file("catalog.sqlite"))
        try scan([dir.path], into: catalog, jobs: 1)
        #expect(try Self.report(catalog, capture).logs?.count == 4)
        let id = try #require(try catalog.file(path: capture)?.id)
        // The README beside it is recorded as looked at, not read: it does not count as a log, and is no change.
        #expect(try catalog.logFiles(fileID: id).contains { $0.path.hasSuffix("README.txt") && !$0.read })

        try FileManager.default.removeItem(atPath: dir.file("wrong-password/pptp.log"))
        let removed = try scan([dir.path], into: catalog, jobs: 1)
        #expect(removed.logsChanged == 1 && removed.logChanges.first?.change.contains("removed pptp.log") == true)
        #expect(try Self.report(catalog, capture).logs?.count == 3)

        try dir.write("wrong-password/pptpd.log", Array("Dec  2 03:00:00 host pptpd[1]: MGR: Manager process started\n".utf8))
        let rewritten = try scan([dir.path], into: catalog, jobs: 1)
        #expect(rewritten.logsChanged == 1 && rewritten.logChanges.first?.change.contains("changed pptpd.log") == true)
    }

    @Test("scan --no-logs never analyses a capture again for the logs beside it")
    func noLogsIgnoresChanges() throws {
        let dir = try TempDir("nologs-later")
        _ = try Self.captureAlone(dir, scenario: "wrong-password")
        let catalog = try ScanCatalog(path: dir.file("catalog.sqlite"))
        var options = ScanOptions(roots: [dir.path], jobs: 1)
        options.logsBeside = false
        try ArchiveScanner(catalog: catalog, options: options).run()
        let lab = ProjectPaths.lab.appendingPathComponent("wrong-password")
        try dir.write(
            "wrong-password/server-pppd.log", Array(try Data(contentsOf: lab.appendingPathComponent("server-pppd.log"))))
        let again = try ArchiveScanner(catalog: catalog, options: options).run()
        #expect(again.unchanged == 1 && again.logsChanged == 0)
    }

    @Test("the scan summary lists the captures analysed again for their logs, names escaped")
    func summaryNamesTheChange() throws {
        let dir = try TempDir("summary")
        let empty = try ScanCatalog(path: dir.file("catalog.sqlite")).summary()
        var counts = SummaryTable.ScanCounts(
            walked: 2, otherShards: 0, notCaptures: 0, analysed: 1, unchanged: 1, elapsedSeconds: 0.5, walkProblems: [])
        counts.logsChanged = 1
        counts.logChanges = [("/archive/a\u{1B}[31m.pcap", "the logs beside it changed (added b.log)")]
        let text = SummaryTable.render(empty, scan: counts)
        #expect(text.contains("analysed now 1 — 1 of them for new logs beside them"))
        #expect(text.contains("Analysed again because the logs beside them changed"))
        #expect(text.contains("added b.log"))
        #expect(!text.contains("\u{1B}"))
    }

    @Test("a merged catalog keeps the files each capture's analysis looked at beside it")
    func catalogMigratesAndMerges() throws {
        let dir = try TempDir("migrate")
        _ = try Self.folderWithLogs(dir, scenario: "wrong-password")
        let catalog = try ScanCatalog(path: dir.file("a.sqlite"))
        try scan([dir.path], into: catalog, jobs: 1)
        let out = try ScanCatalog(path: dir.file("merged.sqlite"))
        _ = try CatalogMerge.merge(into: out, from: [dir.file("a.sqlite")])
        let merged = try #require(try out.files().first)
        #expect(try out.logFiles(fileID: try #require(merged.id)).count == 5)
    }
}
