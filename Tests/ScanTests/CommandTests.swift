import Foundation
import GRDB
import PPTPAnalysis
import PPTPDiagnosis
import PPTPReporting
import PPTPSessions
import PPTPTestSupport
import Testing

@testable import PPTPScan

#if canImport(Glibc)
    import Glibc
#endif

/// An SQLite database of some other application.
private func makeForeignDatabase(_ path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)") }
}

private func binary() throws -> String {
    try #require(ProjectPaths.executable?.path, "build pptp-pcap first (swift build --build-tests)")
}

@Suite("scan, report and merge commands", .serialized)
struct CommandTests {
    /// A bigger archive: enough files that a scan with two threads is still running when it is killed.
    private func manyFiles(_ dir: TempDir, count: Int) throws -> [String] {
        let names = [
            "gre-loss-warning", "control-echo-loss", "frag-needed-warning-only", "success-mschapv2",
            "mschapv2-e691", "gre-no-return",
        ]
        let contents = try names.map { try Scenarios.bytes($0) }
        var paths: [String] = []
        for i in 0..<count {
            let bytes = contents[i % contents.count]
            let relative = "archive/site-\(i % 5)/day-\(i % 11)/capture-\(i)\(i % 4 == 0 ? ".pcap.gz" : ".pcap")"
            try dir.write(relative, i % 4 == 0 ? try Scenarios.gzip(bytes) : bytes)
            paths.append(dir.file(relative))
        }
        return paths
    }

    private func finishedCount(_ db: String) -> Int? {
        guard let catalog = try? ScanCatalog.openReadOnly(path: db), let files = try? catalog.files() else { return nil }
        return files.filter { $0.status != .scanning }.count
    }

    @Test("a scan killed with SIGKILL mid-run and run again holds every file exactly once, redoing only unfinished ones")
    func killAndResume() throws {
        let exe = try binary()
        let dir = try TempDir("resume")
        let paths = try manyFiles(dir, count: 360)
        let db = dir.file("catalog.sqlite")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: exe)
        process.arguments = ["scan", dir.file("archive"), "--db", db, "--jobs", "2", "--no-progress"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        var killedMidRun = false
        while Date() < deadline {
            if !process.isRunning { break }
            if let n = finishedCount(db), n >= 12 {
                kill(process.processIdentifier, SIGKILL)
                killedMidRun = true
                break
            }
            usleep(5_000)
        }
        process.waitUntilExit()
        try #require(killedMidRun, "the scan finished before it could be killed; the archive is too small")
        #expect(process.terminationReason == .uncaughtSignal)

        let interrupted = try ScanCatalog.openReadOnly(path: db)
        #expect(try interrupted.integrityCheck() == "ok")
        let before = try interrupted.files()
        let finishedBefore = Dictionary(uniqueKeysWithValues: before.filter { $0.status.isFinal }.map { ($0.path, $0) })
        #expect(finishedBefore.count < paths.count, "killed mid-run: not every file can be finished")
        for f in before {
            let id = try #require(f.id)
            if f.status.isFinal {
                // A finished file has all its results: the transaction wrote them with the row.
                #expect(try interrupted.sessions(fileID: id).count == f.sessions)
                #expect(try interrupted.reportJSON(fileID: id) != nil)
            } else {
                // A file cut short by the kill has none, and is marked for the next scan.
                #expect(try interrupted.sessions(fileID: id).isEmpty)
                #expect(f.attempts == 1)
            }
        }

        let rerun = try ProjectPaths.run(exe, ["scan", dir.file("archive"), "--db", db, "--jobs", "2"])
        #expect(rerun.status == 0, "\(String(decoding: rerun.stderr, as: UTF8.self))")
        #expect(rerun.stderr.isEmpty, "no progress line when nothing is a terminal")

        let catalog = try ScanCatalog.openReadOnly(path: db)
        let after = try catalog.files()
        #expect(after.count == paths.count)
        #expect(Set(after.map(\.path)) == Set(paths))
        #expect(after.allSatisfy { $0.status == .ok })
        let runs = try catalog.runs()
        #expect(runs.count == 2)
        let secondRun = try #require(runs.last?.id)
        for f in after {
            let id = try #require(f.id)
            #expect(try catalog.sessions(fileID: id).count == f.sessions)
            #expect(try catalog.reportJSON(fileID: id) != nil)
            if let earlier = finishedBefore[f.path] {
                // Finished before the kill: kept, not analysed again.
                #expect(f.scanGeneration == earlier.scanGeneration, "\(f.path)")
                #expect(f.scanGeneration != secondRun)
            } else {
                #expect(f.scanGeneration == secondRun, "\(f.path)")
            }
        }
        #expect(try catalog.allSessions().count == after.reduce(0) { $0 + ($1.sessions ?? 0) })
    }

    @Test("SIGTERM stops a scan cleanly: the files in flight are redone later without counting as a crash")
    func terminateIsNotACrash() throws {
        let exe = try binary()
        let dir = try TempDir("sigterm")
        let paths = try manyFiles(dir, count: 240)
        let db = dir.file("catalog.sqlite")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: exe)
        process.arguments = ["scan", dir.file("archive"), "--db", db, "--jobs", "2"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        var signalled = false
        while Date() < deadline, process.isRunning {
            if let n = finishedCount(db), n >= 8 {
                process.terminate()  // SIGTERM
                signalled = true
                break
            }
            usleep(5_000)
        }
        process.waitUntilExit()
        try #require(signalled, "the scan finished before it could be stopped")
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + SIGTERM)
        let catalog = try ScanCatalog.openReadOnly(path: db)
        let files = try catalog.files()
        #expect(files.count < paths.count)
        #expect(files.filter { $0.status == .scanning }.allSatisfy { $0.attempts == 0 })
        #expect(try ProjectPaths.run(exe, ["scan", dir.file("archive"), "--db", db]).status == 0)
        #expect(try catalog.files().count == paths.count)
    }

    @Test("a database of another application is never used as a catalog")
    func foreignDatabase() throws {
        let exe = try binary()
        let dir = try TempDir("foreign")
        let foreignPath = dir.file("foreign.sqlite")
        try makeForeignDatabase(foreignPath)
        try dir.write("a.pcap", try Scenarios.bytes("success-mschapv2"))
        let r = try ProjectPaths.run(exe, ["scan", dir.file("a.pcap"), "--db", foreignPath])
        #expect(r.status == 4)
        #expect(String(decoding: r.stderr, as: UTF8.self).contains("not a pptp-pcap catalog"))
        #expect(try ProjectPaths.run(exe, ["scan", dir.file("a.pcap"), "--db", dir.file("a.pcap")]).status == 4)
    }

    @Test("scan exit codes, streamed rows, and report filters and sessions")
    func scanAndReport() throws {
        let exe = try binary()
        let archive = try TestArchive.make()
        let dir = try TempDir("report")
        let db = dir.file("catalog.sqlite")

        let ndjson = try ProjectPaths.run(exe, ["scan", archive.root, "--db", db, "--format", "ndjson"])
        #expect(ndjson.status == 2, "files that could not be read: exit 2")
        let lines = String(decoding: ndjson.stdout, as: UTF8.self).split(separator: "\n")
        let catalog = try ScanCatalog.openReadOnly(path: db)
        let sessions = try catalog.allSessions()
        #expect(lines.count == sessions.count)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["session"] is String)
            #expect(object?["outcome"] is String)
        }
        let stderr = String(decoding: ndjson.stderr, as: UTF8.self)
        #expect(stderr.contains("Files that could not be read (2)"))

        // A rescan streams the same rows from the catalog.
        let csv = try ProjectPaths.run(exe, ["scan", archive.root, "--db", db, "--format", "csv"])
        let csvLines = String(decoding: csv.stdout, as: UTF8.self).split(separator: "\n")
        #expect(csvLines.first == Substring(SessionRows.csvHeader.joined(separator: ",")))
        #expect(csvLines.count == sessions.count + 1)

        // Only plain captures: exit 0.
        let clean = try TempDir("clean")
        try clean.write("a.pcap", try Scenarios.bytes("success-mschapv2"))
        let ok = try ProjectPaths.run(exe, ["scan", clean.path, "--db", clean.file("c.sqlite")])
        #expect(ok.status == 0)
        #expect(String(decoding: ok.stdout, as: UTF8.self).contains("outcomes"))
        // A cut-off capture only: exit 1.
        let cut = try TempDir("cut")
        try cut.write("t.pcap", try Scenarios.bytes("truncated-mid-record"))
        #expect(try ProjectPaths.run(exe, ["scan", cut.path, "--db", cut.file("c.sqlite")]).status == 1)

        // report: the summary with filters.
        let all = try ProjectPaths.run(exe, ["report", "--db", db])
        #expect(all.status == 0)
        let text = String(decoding: all.stdout, as: UTF8.self)
        #expect(text.contains("Failed sessions by stage"))
        #expect(text.contains("corrupt.gz"))

        let byCode = try ProjectPaths.run(exe, ["report", "--db", db, "--code", "691", "--format", "json"])
        #expect(byCode.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: byCode.stdout) as? [String: Any])
        let listed = try #require(doc["sessions"] as? [[String: Any]])
        let want691 = sessions.filter { SessionRows.codes($0).contains(691) }
        #expect(listed.count == want691.count && !listed.isEmpty)
        #expect(listed.allSatisfy { ($0["errorCodes"] as? [Int])?.contains(691) == true })

        let byStage = try catalog.summary(CatalogFilter(stage: "authentication"))
        #expect(byStage.sessions == sessions.filter { $0.failureStage == "authentication" }.count)
        #expect(try catalog.summary(CatalogFilter(since: ISODate.parse("2100-01-01"))).sessions == 0)
        #expect(try catalog.summary(CatalogFilter(since: ISODate.parse("1990-01-01"))).sessions == sessions.count)
        let inSiteB = try catalog.summary(CatalogFilter(fileSubstring: "site-b/"))
        #expect(inSiteB.files == (try catalog.files()).filter { $0.path.contains("site-b/") }.count)

        // report --session: the stored report of one session, in every format.
        let failed = try #require(sessions.first { $0.outcome == "failed" })
        let ref = "\(failed.fileId)#\(failed.sessionId)"
        let json = try ProjectPaths.run(exe, ["report", "--db", db, "--session", ref, "--format", "json"])
        #expect(json.status == 0)
        let report = try JSONDecoder().decode(Report.self, from: json.stdout)
        #expect(report.sessions.count == 1)
        #expect(report.sessions.first?.id == failed.sessionId)
        #expect(report.sessions.first?.outcome == .failed)
        #expect(report.summary.failed == 1)
        let stored = try #require(try catalog.reportJSON(fileID: failed.fileId).flatMap(SessionRows.decodeReport))
        #expect(report.capture.file == stored.capture.file)
        #expect(report.sessions.first?.headline == stored.sessions.first { $0.id == failed.sessionId }?.headline)
        for (format, marker) in [("text", "Session \(failed.sessionId)"), ("markdown", "#"), ("html", "<html")] {
            let r = try ProjectPaths.run(exe, ["report", "--db", db, "--session", ref, "--format", format])
            #expect(r.status == 0, "\(format)")
            #expect(String(decoding: r.stdout, as: UTF8.self).contains(marker), "\(format)")
        }
        let byPath = try ProjectPaths.run(exe, ["report", "--db", db, "--session", "e691#1", "--format", "json"])
        #expect(byPath.status == 0)

        #expect(try ProjectPaths.run(exe, ["report", "--db", db, "--session", "\(failed.fileId)#99"]).status == 2)
        #expect(try ProjectPaths.run(exe, ["report", "--db", dir.file("missing.sqlite")]).status == 4)
        #expect(try ProjectPaths.run(exe, ["report", "--db", archive.dir.file("README.md")]).status == 4)
        #expect(try ProjectPaths.run(exe, ["scan", archive.root, "--db", archive.dir.file("no/such/dir/c.sqlite")]).status == 4)
        #expect(try ProjectPaths.run(exe, ["report", "--db", db, "--stage", "nowhere"]).status == 64)
        #expect(try ProjectPaths.run(exe, ["report", "--db", db, "--format", "html"]).status == 64)
        #expect(try ProjectPaths.run(exe, ["scan", archive.root, "--db", db, "--shard", "2/2"]).status == 64)
    }

    @Test("pptp-pcap merge combines shard catalogs")
    func mergeCommand() throws {
        let exe = try binary()
        let archive = try TestArchive.make()
        let dir = try TempDir("merge-cmd")
        for k in 0..<3 {
            let r = try ProjectPaths.run(exe, ["scan", archive.root, "--shard", "\(k)/3", "--db", dir.file("part-\(k).sqlite")])
            #expect(r.status == 0 || r.status == 1 || r.status == 2)
        }
        let merged = try ProjectPaths.run(
            exe,
            [
                "merge", dir.file("all.sqlite"), dir.file("part-0.sqlite"),
                dir.file("part-1.sqlite"), dir.file("part-2.sqlite"),
            ])
        #expect(merged.status == 0, "\(String(decoding: merged.stderr, as: UTF8.self))")
        #expect(String(decoding: merged.stdout, as: UTF8.self).contains("\(archive.captureCount) files added"))
        let full = try ScanCatalog(path: dir.file("full.sqlite"))
        try scan([archive.root], into: full)
        #expect(try CatalogContent(ScanCatalog.openReadOnly(path: dir.file("all.sqlite"))) == CatalogContent(full))
        #expect(try ProjectPaths.run(exe, ["merge", dir.file("all.sqlite"), dir.file("nope.sqlite")]).status == 4)
    }
}
