import PPTPPcapIO
import PPTPTestSupport
import Testing

@Suite("BPF capture filters")
struct FilterTests {
    static let file = PcapWriter.file(SampleFrames.frames, linkType: LinkType.ethernet)

    @Test("'tcp port 1723' keeps only the PPTP control packets, numbered in the filtered view")
    func pptpPort() throws {
        let result = try withTempFile(Self.file) { try readAll($0, filter: "tcp port 1723") }
        #expect(result.packets.map(\.bytes) == [SampleFrames.pptpSyn, SampleFrames.sccrq])
        #expect(result.packets.map(\.record.number) == [1, 2])
        #expect(result.packets.last?.record.timestamp == Int64(SampleFrames.frames[3].timestampNanos / 1000 * 1000))
        #expect(result.end.packetsRead == 2)
        #expect(result.end.error == nil)
    }

    @Test("'ip proto 47' keeps only GRE")
    func greOnly() throws {
        let result = try withTempFile(Self.file) { try readAll($0, filter: "ip proto 47") }
        #expect(result.packets.map(\.bytes) == [SampleFrames.gre])
    }

    @Test("an empty filter keeps everything")
    func emptyFilter() throws {
        let result = try withTempFile(Self.file) { try readAll($0, filter: "") }
        #expect(result.packets.count == SampleFrames.frames.count)
    }

    @Test("a filter that matches nothing reads no packets and no error")
    func matchesNothing() throws {
        let result = try withTempFile(Self.file) { try readAll($0, filter: "udp port 4500") }
        #expect(result.packets.isEmpty)
        #expect(result.end.error == nil)
    }

    // Regression: CaptureReader.init used to close the pcap handle before throwing, and deinit (which runs for a
    // final class whose init throws after all stored properties are set) closed it again: a double free.
    @Test("an invalid filter is refused as a bad filter naming the file and the expression")
    func invalidFilter() throws {
        let temp = try TempFile(Self.file)
        defer { temp.remove() }
        let e = try #require(openError(temp.path, filter: "tcp port"))
        #expect(e.kind == .badFilter)
        #expect(e.description.hasPrefix(temp.path))
        #expect(e.message.contains("tcp port"))
    }
}
