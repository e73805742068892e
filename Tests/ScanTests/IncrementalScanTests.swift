import Foundation
import PPTPAnalysis
import PPTPTestSupport
import Synchronization
import Testing

@testable import PPTPScan

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Incremental rescans")
struct IncrementalScanTests {
    private func generations(_ catalog: ScanCatalog) throws -> [String: (scan: Int64?, seen: Int64?)] {
        Dictionary(uniqueKeysWithValues: try catalog.files().map { ($0.relativePath, ($0.scanGeneration, $0.seenGeneration)) })
    }

    /// Moves a file's modification time without changing its bytes (what `touch` does).
    private func touch(_ path: String, secondsAhead: Int) throws {
        var times = [
            timespec(tv_sec: time(nil) + secondsAhead, tv_nsec: 0), timespec(tv_sec: time(nil) + secondsAhead, tv_nsec: 0),
        ]
        guard utimensat(AT_FDCWD, path, &times, 0) == 0 else { throw TestFailure("utimensat failed") }
    }

    @Test("a rescan skips unchanged files; a touched or changed file alone is analysed again")
    func touchedFileAloneIsRescanned() throws {
        let dir = try TempDir("incremental")
        let names = ["success-mschapv2", "gre-no-return", "mschapv2-e691", "mschapv2-e649", "hostile-strings"]
        for (i, name) in names.enumerated() {
            let bytes = try Scenarios.bytes(name)
            try dir.write(
                "archive/\(i % 2 == 0 ? "even" : "odd")/\(name)\(i == 1 ? ".gz" : "")",
                i == 1 ? try Scenarios.gzip(bytes) : bytes)
        }
        let root = dir.file("archive")
        let catalog = try ScanCatalog(path: dir.file("catalog.sqlite"))

        let first = try scan([root], into: catalog)
        #expect(first.analysed == names.count)
        let afterFirst = try generations(catalog)
        #expect(afterFirst.values.allSatisfy { $0.scan == first.run && $0.seen == first.run })

        let second = try scan([root], into: catalog)
        #expect(second.analysed == 0)
        #expect(second.unchanged == names.count)
        let afterSecond = try generations(catalog)
        #expect(afterSecond.values.allSatisfy { $0.scan == first.run && $0.seen == second.run })

        // touch: same bytes, new modification time.
        try touch(dir.file("archive/odd/gre-no-return.gz"), secondsAhead: 10)
        let third = try scan([root], into: catalog)
        #expect(third.analysed == 1)
        #expect(third.unchanged == names.count - 1)
        let afterThird = try generations(catalog)
        for (relative, g) in afterThird {
            #expect(g.scan == (relative == "odd/gre-no-return.gz" ? third.run : first.run), "\(relative)")
            #expect(g.seen == third.run)
        }

        // Same size and time stamp, different bytes: the content hash tells.
        let path = dir.file("archive/even/success-mschapv2")
        var stat1 = stat()
        stat(path, &stat1)
        var bytes = try Scenarios.bytes("success-mschapv2")
        bytes[bytes.count - 1] ^= 0xFF
        try dir.write("archive/even/success-mschapv2", bytes)
        var times = [stat1.st_atim, stat1.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        let fourth = try scan([root], into: catalog)
        #expect(fourth.analysed == 1)
        #expect(try catalog.file(path: path)?.scanGeneration == fourth.run)

        // A new analyzer version redoes everything.
        let upgraded = try scan([root], into: catalog, analyzerVersion: Analyzer.version + "-next")
        #expect(upgraded.analysed == names.count)
        #expect(
            try catalog.files().allSatisfy {
                $0.scanGeneration == upgraded.run && $0.analyzerVersion == Analyzer.version + "-next"
            })
        #expect(try catalog.runs().count == 5)
    }

    @Test("a file the scans keep dying on is recorded as crashed after three attempts, and skipped after that")
    func poisonFileIsGivenUpOn() throws {
        let dir = try TempDir("poison")
        let path = try dir.write("archive/poison.pcap", try Scenarios.bytes("gre-no-return"))
        let catalog = try ScanCatalog(path: dir.file("catalog.sqlite"))
        let entry = try #require(ArchiveWalker.walk(roots: [dir.file("archive")]).entries.first)
        let hash = try ArchiveScanner.hashFile(path).get()
        // Three scans that marked the file as started and died before writing its results.
        for _ in 0..<3 {
            let existing = try catalog.file(path: path)
            var row = FileRecord(
                path: entry.path, root: entry.root, relativePath: entry.relativePath, size: entry.size,
                mtimeNs: entry.mtimeNanos, contentHash: hash, container: "plain", status: .scanning)
            row.attempts = (existing?.attempts ?? 0) + 1
            _ = try catalog.markStarted(row)
        }
        #expect(try catalog.file(path: path)?.attempts == 3)
        let result = try scan([dir.file("archive")], into: catalog)
        #expect(result.failedToRead == 1)
        let row = try #require(try catalog.file(path: path))
        #expect(row.status == .crashed)
        #expect(row.error?.contains("3 scans stopped") == true)
        let again = try scan([dir.file("archive")], into: catalog)
        #expect(again.unchanged == 1)
        #expect(again.failedToRead == 1)
        // --retry-failed tries again, and this time the analysis finishes.
        _ = try ArchiveScanner(catalog: catalog, options: ScanOptions(roots: [dir.file("archive")], jobs: 1, retryFailed: true))
            .run()
        #expect(try catalog.file(path: path)?.status == .ok)
    }

    @Test("a file killed once mid-analysis is simply redone")
    func interruptedFileIsRedone() throws {
        let dir = try TempDir("interrupted")
        let path = try dir.write("archive/a.pcap", try Scenarios.bytes("success-mschapv2"))
        let catalog = try ScanCatalog(path: dir.file("catalog.sqlite"))
        let entry = try #require(ArchiveWalker.walk(roots: [dir.file("archive")]).entries.first)
        var row = FileRecord(
            path: entry.path, root: entry.root, relativePath: entry.relativePath, size: entry.size,
            mtimeNs: entry.mtimeNanos, contentHash: try ArchiveScanner.hashFile(path).get(), container: "plain",
            status: .scanning)
        row.attempts = 1
        _ = try catalog.markStarted(row)
        let result = try scan([dir.file("archive")], into: catalog)
        #expect(result.analysed == 1)
        let done = try #require(try catalog.file(path: path))
        #expect(done.status == .ok)
        #expect(done.attempts == 0)
        #expect(try catalog.sessions(fileID: try #require(done.id)).count == 1)
    }

    @Test(
        "a scan interrupted from its own progress callback starts no file after it and holds no attempt against those in flight")
    func interruptStopsStartingFiles() throws {
        let dir = try TempDir("interrupt-in-process")
        for i in 0..<40 {
            _ = try dir.write("archive/c\(i).pcap", try Scenarios.bytes(i % 2 == 0 ? "success-mschapv2" : "mschapv2-e691"))
        }
        let catalog = try ScanCatalog(path: dir.file("catalog.sqlite"))
        let scanner = ArchiveScanner(catalog: catalog, options: ScanOptions(roots: [dir.file("archive")], jobs: 4))
        let finished = Mutex(0)
        #expect(throws: ScanInterrupted.self) {
            _ = try scanner.run(onFile: { _ in
                let n = finished.withLock { n -> Int in
                    n += 1
                    return n
                }
                if n == 5 { try? scanner.interrupt() }
            })
        }
        let files = try catalog.files()
        #expect(files.count < 40, "no file starts once the scan is interrupted")
        #expect(files.filter { $0.status == .scanning }.allSatisfy { $0.attempts == 0 })
        let rerun = try ArchiveScanner(catalog: catalog, options: ScanOptions(roots: [dir.file("archive")], jobs: 2)).run()
        #expect(rerun.analysed + rerun.unchanged == 40)
        #expect(try catalog.files().allSatisfy { $0.status == .ok })
    }
}
