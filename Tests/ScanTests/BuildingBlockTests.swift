import Foundation
import PPTPAnalysis
import PPTPPcapIO
import PPTPTestSupport
import Testing

@testable import PPTPScan

@Suite("Hashes, gzip streams, content sniffing, dates, CSV")
struct BuildingBlockTests {
    @Test("the hash taken while a capture is analysed is the hash of the whole file, whatever read it")
    func hashDuringAnalysis() throws {
        var files = try FileManager.default.subpathsOfDirectory(atPath: ProjectPaths.fixtures.path)
            .filter { [".pcap", ".pcapng", ".cap"].contains(where: $0.hasSuffix) }.sorted()
            .map { ProjectPaths.fixtures.appendingPathComponent($0).path }
        files += ProjectPaths.sharedCaptureFiles.map(\.path).filter { !$0.hasSuffix(".gz") }
        var checked = 0
        for path in files {
            guard case .success(let expected) = ArchiveScanner.hashFile(path) else { continue }
            for readAhead in [false, true] {
                guard let reader = try? CaptureReader.open(path: path) else { continue }
                let observer = ContentHashObserver(path: path)
                reader.observer = observer
                var options = Analyzer.Options()
                options.readAhead = readAhead
                _ = Analyzer.analyze(reader: reader, options: options)
                #expect(try observer.finish().get() == expected, "\(path)")
            }
            checked += 1
        }
        #expect(checked > 50)
        // An Ethernet pcap is hashed entirely from what the analysis read: nothing is left to read at the end.
        let plain = ProjectPaths.scenarios.appendingPathComponent("gre-no-return/capture.pcap").path
        let plainReader = try CaptureReader.open(path: plain)
        let plainObserver = ContentHashObserver(path: plain)
        plainReader.observer = plainObserver
        _ = Analyzer.analyze(reader: plainReader)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: plain)[.size] as? Int)
        #expect(plainObserver.hashedSoFar == size)
        // A file cut in the middle of a record: the shortcut hands it to libpcap, the hash still covers every byte.
        let whole = try [UInt8](Data(contentsOf: ProjectPaths.scenarios.appendingPathComponent("gre-no-return/capture.pcap")))
        let cut = Array(whole.dropLast(7))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hash-cut-\(getpid()).pcap").path
        try Data(cut).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CaptureReader.open(path: path)
        let observer = ContentHashObserver(path: path)
        reader.observer = observer
        _ = Analyzer.analyze(reader: reader)
        #expect(try observer.finish().get() == XXHash64.hex(XXHash64.hash(cut)))
    }

    @Test("xxHash64 matches the reference values, in one piece or many")
    func xxhash64() {
        #expect(XXHash64.hash([]) == 0xEF46_DB37_51D8_E999)
        #expect(XXHash64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXHash64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(XXHash64.hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
        var random = SplitMix(seed: 1)
        let data = (0..<10_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let whole = XXHash64.hash(data)
        for pieceSize in [1, 3, 31, 32, 33, 100, 4096] {
            var h = XXHash64()
            var i = 0
            while i < data.count {
                h.update(Array(data[i..<min(i + pieceSize, data.count)]))
                i += pieceSize
            }
            #expect(h.finish() == whole, "pieces of \(pieceSize)")
        }
        #expect(XXHash64.hex(0xAB) == "00000000000000ab")
    }

    @Test("a gzip stream yields the original bytes, across concatenated members")
    func gzipRoundTrip() throws {
        let dir = try TempDir("gzip")
        var random = SplitMix(seed: 2)
        let data = (0..<300_000).map { _ in UInt8(truncatingIfNeeded: random.next() % 7) }
        let path = try dir.write("one.gz", try Scenarios.gzip(data))
        #expect(try Scenarios.gunzip(path) == data)
        let two = try dir.write("two.gz", try Scenarios.gzip(Array(data[..<1000])) + Scenarios.gzip(Array(data[1000...])))
        #expect(try Scenarios.gunzip(two) == data)
        let stream = try GzipStream(path: two, limit: 1 << 30)
        _ = stream.read(data.count + 10)
        #expect(stream.members == 2)
        #expect(stream.failure == nil)
    }

    @Test("a cut-off, a corrupt and an oversized gzip stream end with the reason kept")
    func gzipFailures() throws {
        let dir = try TempDir("gzip-bad")
        var random = SplitMix(seed: 3)
        let data = (0..<200_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let gz = try Scenarios.gzip(data)
        let cut = try dir.write("cut.gz", Array(gz.prefix(gz.count / 2)))
        let s1 = try GzipStream(path: cut, limit: 1 << 30)
        let got = s1.read(data.count)
        #expect(got.count < data.count && got == Array(data.prefix(got.count)))
        #expect(s1.failure?.kind == .truncated)

        var damaged = gz
        for i in 100..<200 { damaged[i] ^= 0x5A }
        let bad = try dir.write("bad.gz", damaged)
        let s2 = try GzipStream(path: bad, limit: 1 << 30)
        _ = s2.read(data.count)
        #expect(s2.failure?.kind == .corrupt)

        let s3 = try GzipStream(path: try dir.write("big.gz", gz), limit: 1000)
        #expect(s3.read(data.count).count == 1000)
        #expect(s3.failure?.kind == .limit)
    }

    @Test("captures are recognised by content, not by name")
    func sniffing() throws {
        let dir = try TempDir("sniff")
        let pcap = try Scenarios.bytes("success-mschapv2")
        let ng = try Scenarios.bytes("mschapv2-e649")
        func verdict(_ name: String, _ bytes: [UInt8]) throws -> ContentSniffer.Verdict {
            ContentSniffer.sniff(path: try dir.write(name, bytes), gzipLimit: 1 << 30)
        }
        #expect(try verdict("x.txt", pcap) == .capture(.pcap, .plain))
        #expect(try verdict("x.pcap.gz.not", try Scenarios.gzip(ng)) == .capture(.pcapng, .gzip))
        #expect(try verdict("y", ng) == .capture(.pcapng, .plain))
        if case .notCapture = try verdict("capture.pcap", Array("hello".utf8)) {} else { Issue.record("text taken as capture") }
        if case .notCapture = try verdict("empty.pcap", []) {} else { Issue.record("empty file taken as capture") }
        if case .notCapture = try verdict("t.gz", try Scenarios.gzip(Array("hello".utf8))) {
        } else {
            Issue.record("gzip of text taken as capture")
        }
        if case .unreadable = ContentSniffer.sniff(path: dir.file("missing"), gzipLimit: 1) {
        } else {
            Issue.record("a missing file must be unreadable")
        }
    }

    @Test("the walker takes regular files and links to files, recursively, and never loops")
    func walking() throws {
        let dir = try TempDir("walk")
        try dir.write("a/b/c/deep.pcap", [1, 2, 3])
        try dir.write("top", [1])
        #expect(symlink(dir.path, dir.file("a/loop")) == 0)
        #expect(symlink(dir.file("top"), dir.file("a/link")) == 0)
        #expect(mkfifo(dir.file("a/fifo"), 0o600) == 0)
        let walk = ArchiveWalker.walk(roots: [dir.path])
        #expect(walk.entries.map(\.relativePath).sorted() == ["a/b/c/deep.pcap", "a/link", "top"])
        #expect(walk.problems.isEmpty)
        #expect(walk.entries.allSatisfy { $0.root == dir.path && $0.path == dir.path + "/" + $0.relativePath })
        let missing = ArchiveWalker.walk(roots: [dir.file("nothing-here")])
        #expect(missing.entries.isEmpty && missing.problems.count == 1)
        #expect(ArchiveWalker.absolute("/x/./y//z/../w/") == "/x/y/w")
    }

    @Test("ISO 8601 dates parse to the Unix epoch")
    func isoDates() {
        #expect(ISODate.parse("1970-01-01") == 0)
        #expect(ISODate.parse("2024-05-01") == 1_714_521_600)
        #expect(ISODate.parse("2024-05-01T12:30:15Z") == Double(1_714_566_615))
        #expect(ISODate.parse("2024-05-01 12:30") == Double(1_714_566_600))
        #expect(ISODate.parse("2024-05-01T12:30:15.25+02:00") == 1_714_566_615.25 - 7200)
        #expect(ISODate.parse("2024-13-01") == nil)
        #expect(ISODate.parse("yesterday") == nil)
        #expect(ISODate.parse("2024-05-01T12:30:15Zjunk") == nil)
        #expect(ISODate.format(1_714_521_600.5) == "2024-05-01T00:00:00.500000Z")
        #expect(ISODate.parse(ISODate.format(1_714_521_615.25)) == 1_714_521_615.25)
    }

    @Test("CSV fields are quoted and never start a formula")
    func csv() {
        #expect(SessionRows.csvField("plain") == "plain")
        #expect(SessionRows.csvField("a,b") == "\"a,b\"")
        #expect(SessionRows.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(SessionRows.csvField("=HYPERLINK(1)") == "'=HYPERLINK(1)")
        #expect(SessionRows.csvField("-12") == "-12")
        #expect(SummaryTable.clean("a\u{1B}[31mb\n") == "a\\u{1b}[31mb\\u{a}")
    }
}
