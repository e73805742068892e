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
}
