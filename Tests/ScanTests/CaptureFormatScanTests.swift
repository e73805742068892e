import Foundation
import PPTPTestSupport
import Testing

@testable import PPTPScan

/// `scan` finds captures by content: Network Monitor and pppd record files are analysed like pcap files, and
/// a format that can only be named (a Windows ETW trace) is recorded as unreadable with the conversion to run.
@Suite("scan: Network Monitor, pppdump and unsupported formats")
struct CaptureFormatScanTests {
    @Test("a Network Monitor .cap and a pppd record file are analysed; an ETW trace and a .cap.gz are recorded with what to do")
    func formatsInAnArchive() throws {
        let dir = try TempDir("formats")
        let netmon = Array(
            try Data(contentsOf: ProjectPaths.fixtures.appendingPathComponent("formats/gre-no-return.netmon2.cap")))
        try dir.write("archive/client.cap", netmon)
        var ppp = PppdumpWriter(startSeconds: 1_767_607_200)
        ppp.add([0xFF, 0x03, 0xC0, 0x21, 0x01, 0x01, 0x00, 0x04], .sent)
        ppp.advance(tenths: 5)
        ppp.add([0xFF, 0x03, 0xC0, 0x21, 0x02, 0x01, 0x00, 0x04], .received)
        try dir.write("archive/ppp0.record", ppp.bytes)
        var etl = [UInt8](repeating: 0, count: 4096)
        etl[0...3] = [0x00, 0x00, 0x01, 0x00]
        etl[0x48...0x4B] = [0x02, 0x00, 0x02, 0xC0]
        try dir.write("archive/PktMon.etl", etl)
        try dir.write("archive/notes.txt", Array("nothing here\n".utf8))
        try dir.write("archive/netsh/NetTrace.etl", [UInt8](repeating: 0x33, count: 512))
        try dir.write("archive/old/client.cap.gz", try Scenarios.gzip(netmon))

        let catalog = try ScanCatalog(path: dir.file("catalog.sqlite"))
        let result = try scan([dir.file("archive")], into: catalog)
        #expect(result.notCaptures == 1)
        let files = Dictionary(uniqueKeysWithValues: try catalog.files().map { ($0.relativePath, $0) })

        let cap = try #require(files["client.cap"])
        #expect(cap.status == .ok)
        #expect(cap.format == "netmon")
        #expect(cap.packets == 26)
        #expect(cap.sessions == 1)
        #expect(cap.failedSessions == 1)

        let record = try #require(files["ppp0.record"])
        #expect(record.status == .ok)
        #expect(record.format == "pppdump")
        #expect(record.linkType == 204)
        #expect(record.packets == 2)

        // Network Monitor needs its frame table at the end: a compressed one is named, not read as a stream.
        let compressed = try #require(files["old/client.cap.gz"])
        #expect(compressed.status == .unreadable)
        #expect(compressed.errorKind == "unsupported-format")
        #expect(compressed.error?.contains("gunzip") == true)

        let trace = try #require(files["PktMon.etl"])
        #expect(trace.status == .unreadable)
        #expect(trace.errorKind == "unsupported-format")
        #expect(trace.error?.contains("pktmon etl2pcap") == true)
        #expect(trace.error?.contains("--out \(dir.file("archive/PktMon.pcapng"))") == true)
        // Named .etl, though its first buffer is not one the sniffer knows: still a trace to convert.
        #expect(files["netsh/NetTrace.etl"]?.errorKind == "unsupported-format")
    }

    @Test("the sniffer tells the formats apart by content alone")
    func sniffing() throws {
        let dir = try TempDir("sniff-formats")
        let netmon = Array(
            try Data(contentsOf: ProjectPaths.fixtures.appendingPathComponent("formats/gre-no-return.netmon1.cap")))
        #expect(ContentSniffer.sniff(path: try dir.write("x.bin", netmon), gzipLimit: 1 << 20) == .capture(.netmon, .plain))
        let snoop = Array("snoop".utf8) + [0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 4]
        guard case .unsupported(let problem) = ContentSniffer.sniff(path: try dir.write("y", snoop), gzipLimit: 1 << 20) else {
            Issue.record("a snoop file was not named")
            return
        }
        #expect(problem.kind == "unsupported-format")
        #expect(problem.message.contains("editcap -F pcap"))
    }
}
