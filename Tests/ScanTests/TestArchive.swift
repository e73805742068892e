import Foundation
import PPTPAnalysis
import PPTPPcapIO
import PPTPReporting
import PPTPTestSupport

@testable import PPTPScan

#if canImport(Glibc)
    import Glibc
#endif

/// A throw-away folder of captures for one test, removed when the test ends.
final class TempDir {
    let path: String

    init(_ label: String) throws {
        let base = FileManager.default.temporaryDirectory.path
        let dir = ArchiveWalker.absolute(base + "/pptp-pcap-scan-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        path = dir
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ relative: String) -> String { path + "/" + relative }

    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let full = file(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: full, contents: Data(bytes)) else {
            throw TestFailure("cannot write \(full)")
        }
        return full
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// What a file of the test archive should become in the catalog.
enum Expectation {
    /// A capture read to its end; `capture` is its uncompressed bytes (for a .gz, what is inside).
    case capture([UInt8], gzip: Bool)
    /// A capture read part-way (cut off, or a cut-off .gz): `prefix` is what can be read of it.
    case damaged([UInt8], gzip: Bool, kind: String)
    case unreadable(kind: String)
    case notCapture
}

enum Scenarios {
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let s = FixtureCatalog.named(name) else { throw TestFailure("no fixture scenario \(name)") }
        return s.bytes()
    }

    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        guard let g = Gzip.compress(bytes) else { throw TestFailure("gzip failed") }
        return g
    }

    /// The whole decompressed content of a .gz (what the stream yields before any error).
    static func gunzip(_ path: String) throws -> [UInt8] {
        let stream = try GzipStream(path: path, limit: 1 << 32)
        var out: [UInt8] = []
        while true {
            let piece = stream.read(1 << 16)
            if piece.isEmpty { break }
            out += piece
        }
        return out
    }
}

/// The archive the scan tests share: nested folders, plain and gzip captures under any name, files that are no
/// capture, a cut-off capture, a cut-off .gz, a corrupt .gz, a header-only capture, a duplicate, and links.
struct TestArchive {
    let dir: TempDir
    var expected: [String: Expectation] = [:]  // relative path → expectation

    var root: String { dir.path }

    static func make() throws -> TestArchive {
        var a = TestArchive(dir: try TempDir("archive"))
        try a.build()
        return a
    }

    mutating func add(_ relative: String, _ bytes: [UInt8], _ expectation: Expectation) throws {
        try dir.write(relative, bytes)
        expected[relative] = expectation
    }

    private mutating func build() throws {
        let success = try Scenarios.bytes("success-mschapv2")
        let greNoReturn = try Scenarios.bytes("gre-no-return")
        let e691 = try Scenarios.bytes("mschapv2-e691")
        let pcapng = try Scenarios.bytes("mschapv2-e649")
        let twoInterfaces = try Scenarios.bytes("pcapng-two-interfaces")
        let hostile = try Scenarios.bytes("hostile-strings")
        let truncated = try Scenarios.bytes("truncated-mid-record")
        let big = try Scenarios.bytes("gre-loss-warning")

        try add("site-a/2024/01/success.pcap", success, .capture(success, gzip: false))
        try add("site-a/2024/02/gre.cap.gz", try Scenarios.gzip(greNoReturn), .capture(greNoReturn, gzip: true))
        try add("site-b/deep/er/still/e691", e691, .capture(e691, gzip: false))
        try add("site-b/notes.txt", pcapng, .capture(pcapng, gzip: false))
        try add("site-b/ng.gz", try Scenarios.gzip(pcapng), .capture(pcapng, gzip: true))
        try add("site-c/two-interfaces.pcapng", twoInterfaces, .capture(twoInterfaces, gzip: false))
        try add("site-c/hostile.pcap", hostile, .capture(hostile, gzip: false))
        try add("site-c/truncated.pcap", truncated, .damaged(truncated, gzip: false, kind: "truncated"))
        try add(
            "site-c/truncated-inside.pcap.gz", try Scenarios.gzip(truncated),
            .damaged(truncated, gzip: true, kind: "truncated"))
        let bigGz = try Scenarios.gzip(big)
        try add("site-c/cut.pcap.gz", Array(bigGz.prefix(bigGz.count / 2)), .damaged([], gzip: true, kind: "gzip-truncated"))
        try add("dup/success-copy.pcap", success, .capture(success, gzip: false))
        try add("README.md", Array("# captures\nnothing to see\n".utf8), .notCapture)
        try add("site-a/empty.pcap", [], .notCapture)
        var random = SplitMix(seed: 7)
        try add("site-b/random.bin", (0..<5000).map { _ in UInt8(truncatingIfNeeded: random.next()) }, .notCapture)
        try add("site-b/logs.gz", try Scenarios.gzip(Array(String(repeating: "log line\n", count: 500).utf8)), .notCapture)
        try add("site-a/header-only.pcap", Array(success.prefix(10)), .unreadable(kind: "unsupported"))
        try add(
            "site-c/corrupt.gz", [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3] + Array("not deflate at all".utf8),
            .unreadable(kind: "gzip-corrupt"))
        // A link to a capture is read (under the link's name); a link to a folder is not followed (no loop).
        guard symlink(dir.file("site-a/2024/01/success.pcap"), dir.file("site-c/link-to-success")) == 0,
            symlink(dir.path, dir.file("site-c/loop")) == 0
        else { throw TestFailure("symlink failed") }
        expected["site-c/link-to-success"] = .capture(success, gzip: false)
    }

    var captureCount: Int {
        expected.values.filter { if case .notCapture = $0 { return false } else { return true } }.count
    }
}

/// Runs a scan in-process.
@discardableResult
func scan(
    _ roots: [String], into catalog: ScanCatalog, jobs: Int = 2, shard: Shard = .whole,
    analyzerVersion: String = Analyzer.version
) throws -> ScanResult {
    try ArchiveScanner(
        catalog: catalog,
        options: ScanOptions(
            roots: roots, jobs: jobs, shard: shard,
            analyzerVersion: analyzerVersion)
    ).run()
}

/// The catalog's content in a form two catalogs can be compared by: per relative path, the file's facts, its
/// sessions and its report (with the capture's file name left out, which names the mount point).
struct CatalogContent: Equatable, CustomStringConvertible {
    struct FileFacts: Equatable {
        var relativePath: String
        var contentHash: String?
        var status: String
        var errorKind: String?
        var packets: Int?
        var linkType: Int?
        var sessions: [String]
        var report: String?
    }

    var files: [FileFacts]

    init(_ catalog: ScanCatalog) throws {
        var out: [FileFacts] = []
        for f in try catalog.files() {
            guard let id = f.id else { continue }
            let sessions = try catalog.sessions(fileID: id).map {
                "\($0.sessionId) \($0.client) \($0.server) \($0.outcome) \($0.failureStage ?? "-") \($0.errorCodes) "
                    + "\($0.startIso ?? "-") \($0.rules) \($0.findingsJson)"
            }
            var report = try catalog.reportJSON(fileID: id).flatMap(SessionRows.decodeReport)
            report?.capture.file = ""
            out.append(
                FileFacts(
                    relativePath: f.relativePath, contentHash: f.contentHash, status: f.status.rawValue,
                    errorKind: f.errorKind, packets: f.packets, linkType: f.linkType, sessions: sessions,
                    report: report.map(SessionRows.compactJSON)))
        }
        files = out.sorted { ($0.relativePath, $0.contentHash ?? "") < ($1.relativePath, $1.contentHash ?? "") }
    }

    var description: String { files.map { "\($0.relativePath) \($0.status) \($0.sessions.count)" }.joined(separator: "\n") }
}
