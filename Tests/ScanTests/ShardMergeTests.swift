import Foundation
import PPTPAnalysis
import PPTPTestSupport
import Testing

@testable import PPTPScan

@Suite("Shards and merges")
struct ShardMergeTests {
    @Test("K/N parses, and the shards of N split any set of paths into disjoint parts covering it")
    func shardsPartition() throws {
        #expect(Shard("0/2") == Shard(index: 0, count: 2))
        #expect(Shard(" 3 / 4 ") == Shard(index: 3, count: 4))
        for bad in ["2/2", "-1/2", "1/0", "1", "a/b", "1/2/3", ""] { #expect(Shard(bad) == nil, "\(bad)") }
        let paths = (0..<1000).map { "site-\($0 % 7)/day-\($0)/capture-\($0).pcap" }
        for n in [1, 2, 3, 8] {
            let shards = (0..<n).compactMap { Shard(index: $0, count: n) }
            for p in paths { #expect(shards.filter { $0.contains(relativePath: p) }.count == 1) }
            if n > 1 {
                // Roughly even: no shard gets less than half its share.
                for s in shards { #expect(paths.filter { s.contains(relativePath: $0) }.count > 1000 / n / 2) }
            }
        }
        // Stable: the xxHash64 of the relative path, not of anything that changes from run to run (a process's
        // randomly seeded String.hashValue would).
        #expect(Shard.hash("abc") == 0x44BC_2CF5_AD77_0999)
        #expect(Shard("1/2")?.contains(relativePath: "abc") == (0x44BC_2CF5_AD77_0999 % 2 == 1))
    }

    @Test("shard 0/2 + shard 1/2 merged equal a single full scan")
    func shardsMergedEqualFullScan() throws {
        let archive = try TestArchive.make()
        let db = try TempDir("shards")
        let part0 = try ScanCatalog(path: db.file("part-0.sqlite"))
        let part1 = try ScanCatalog(path: db.file("part-1.sqlite"))
        let full = try ScanCatalog(path: db.file("full.sqlite"))
        let r0 = try scan([archive.root], into: part0, shard: try #require(Shard("0/2")))
        let r1 = try scan([archive.root], into: part1, shard: try #require(Shard("1/2")))
        try scan([archive.root], into: full)
        #expect(r0.walked == archive.expected.count && r1.walked == archive.expected.count)
        #expect(r0.otherShards + r1.otherShards == archive.expected.count)

        let names0 = Set(try part0.files().map(\.relativePath))
        let names1 = Set(try part1.files().map(\.relativePath))
        #expect(names0.isDisjoint(with: names1))
        #expect(!names0.isEmpty && !names1.isEmpty)
        #expect(names0.union(names1) == Set(try full.files().map(\.relativePath)))

        let merged = try ScanCatalog(path: db.file("merged.sqlite"))
        let result = try CatalogMerge.merge(into: merged, from: [db.file("part-0.sqlite"), db.file("part-1.sqlite")])
        #expect(result.filesAdded == names0.count + names1.count)
        #expect(result.duplicatesSkipped == 0)
        #expect(try CatalogContent(merged) == CatalogContent(full))
        #expect(try merged.summary().sessions == full.summary().sessions)

        // Merging a part again adds nothing.
        let again = try CatalogMerge.merge(into: merged, from: [db.file("part-0.sqlite")])
        #expect(again.filesAdded == 0 && again.filesReplaced == 0)
        #expect(again.duplicatesSkipped == names0.count)
        #expect(try CatalogContent(merged) == CatalogContent(full))
        #expect(try merged.integrityCheck() == "ok")

        #expect(throws: CatalogMerge.MergeError.self) {
            try CatalogMerge.merge(into: merged, from: [db.file("merged.sqlite")])
        }
    }

    @Test("the same archive mounted in two places merges by content hash and relative path")
    func mountPointsDoNotMatter() throws {
        let a = try TempDir("mount-a")
        let b = try TempDir("mount-b")
        for dir in [a, b] {
            try dir.write("archive/x/one.pcap", try Scenarios.bytes("success-mschapv2"))
            try dir.write("archive/y/two.pcap.gz", try Scenarios.gzip(try Scenarios.bytes("mschapv2-e691")))
        }
        let db = try TempDir("mount-db")
        let ca = try ScanCatalog(path: db.file("a.sqlite"))
        let cb = try ScanCatalog(path: db.file("b.sqlite"))
        try scan([a.file("archive")], into: ca)
        try scan([b.file("archive")], into: cb)
        let merged = try ScanCatalog(path: db.file("m.sqlite"))
        let result = try CatalogMerge.merge(into: merged, from: [db.file("a.sqlite"), db.file("b.sqlite")])
        #expect(result.filesAdded == 2)
        #expect(result.duplicatesSkipped == 2)
        #expect(try merged.files().count == 2)
        #expect(try merged.allSessions().count == 2)
    }

    @Test("a merge keeps the better of two rows for the same file")
    func betterRowWins() throws {
        var ok = FileRecord(
            path: "/a/x.pcap", root: "/a", relativePath: "x.pcap", size: 1, mtimeNs: 1, contentHash: "00",
            container: "plain", status: .ok)
        ok.scannedAt = "2024-01-01T00:00:00.000000Z"
        var unreadable = ok
        unreadable.status = .unreadable
        unreadable.scannedAt = "2025-01-01T00:00:00.000000Z"
        #expect(CatalogMerge.better(ok, than: unreadable))
        #expect(!CatalogMerge.better(unreadable, than: ok))
        var newer = ok
        newer.scannedAt = "2025-01-01T00:00:00.000000Z"
        #expect(!CatalogMerge.better(newer, than: ok), "the same results again: the row already there stays")
        newer.analyzerVersion = "9.9.9"
        #expect(CatalogMerge.better(newer, than: ok), "a later scan by another analyzer version wins")
    }
}
