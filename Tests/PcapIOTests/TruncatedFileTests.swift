import PPTPPcapIO
import PPTPTestSupport
import Testing

@Suite("Classic pcap files cut off while a record was being written")
struct TruncatedFileTests {
    static func writer() -> PcapWriter {
        var writer = PcapWriter(linkType: LinkType.ethernet)
        for frame in SampleFrames.frames { writer.add(frame.bytes, timestampNanos: frame.timestampNanos) }
        return writer
    }

    @Test("cut in the middle of the last record's data: every whole packet, then a truncated error after them")
    func cutInData() throws {
        let writer = Self.writer()
        let temp = try TempFile(CaptureTruncation.cutMidLastRecord(writer))
        defer { temp.remove() }
        let result = try readAll(temp.path)
        let good = SampleFrames.frames.count - 1
        #expect(result.packets.count == good)
        #expect(result.packets.map(\.bytes) == SampleFrames.frames.prefix(good).map(\.bytes))
        #expect(result.end.packetsRead == good)
        let error = try #require(result.end.error)
        #expect(error.kind == .truncated)
        #expect(error.path == temp.path)
        #expect(error.packetNumber == good + 1)
        #expect(error.byteOffset != nil)
        #expect(error.description.hasPrefix("\(temp.path), packet \(good + 1), byte offset "))
    }

    @Test("cut inside the last record's 16-byte header: the same, a truncated error after the whole packets")
    func cutInRecordHeader() throws {
        let writer = Self.writer()
        let lastOffset = try #require(writer.lastRecordOffset)
        let bytes = Array(writer.bytes.prefix(lastOffset + 7))
        let temp = try TempFile(bytes)
        defer { temp.remove() }
        let result = try readAll(temp.path)
        #expect(result.packets.count == SampleFrames.frames.count - 1)
        #expect(result.end.error?.kind == .truncated)
        #expect(result.end.error?.packetNumber == SampleFrames.frames.count)
    }

    // PcapCalls.fileOffset promises "libpcap's read position in the file: just past the last record it returned",
    // and CaptureError says the offset is there "so a user can find the spot with a hex editor". But it is taken
    // after the failed read, when libpcap has already consumed the broken record's header and partial data, so it
    // is the end of the file, not where the broken record starts.
    @Test("the byte offset of a truncation error is where the broken record starts, just past the last good one")
    func offsetOfBrokenRecord() throws {
        let writer = Self.writer()
        let temp = try TempFile(CaptureTruncation.cutMidLastRecord(writer))
        defer { temp.remove() }
        let result = try readAll(temp.path)
        #expect(result.end.error?.byteOffset == writer.lastRecordOffset)
    }
}
