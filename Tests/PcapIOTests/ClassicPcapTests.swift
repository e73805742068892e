import PPTPPcapIO
import PPTPTestSupport
import Testing

@Suite("Reading classic pcap files")
struct ClassicPcapTests {
    @Test(
        "every record comes back in order, whole, numbered from 1, in either byte order and time precision",
        arguments: [PcapPrecision.microseconds, .nanoseconds], [CaptureByteOrder.little, .big])
    func readsEveryRecord(precision: PcapPrecision, byteOrder: CaptureByteOrder) throws {
        let frames = SampleFrames.frames
        let file = PcapWriter.file(frames, linkType: LinkType.ethernet, precision: precision, byteOrder: byteOrder)
        let result = try withTempFile(file) { try readAll($0) }
        #expect(result.info.format == .pcap)
        #expect(result.info.linkType == 1)
        #expect(result.info.linkTypeName == "EN10MB")
        #expect(result.info.snapshotLength == 262_144)
        #expect(result.info.fileSize == file.count)
        #expect(result.end.packetsRead == frames.count)
        #expect(result.end.error == nil)
        try #require(result.packets.count == frames.count)
        for (i, (packet, frame)) in zip(result.packets, frames).enumerated() {
            #expect(packet.record.number == i + 1)
            #expect(packet.bytes == frame.bytes)
            #expect(packet.record.capturedLength == frame.bytes.count)
            #expect(packet.record.wireLength == frame.bytes.count)
            #expect(packet.record.linkType == nil)
        }
    }

    @Test(
        "time stamps come back in nanoseconds: exact from a nanosecond file, whole microseconds from a µs file",
        arguments: [CaptureByteOrder.little, .big])
    func timestamps(byteOrder: CaptureByteOrder) throws {
        let frames = SampleFrames.frames
        let nano = try withTempFile(
            PcapWriter.file(
                frames, linkType: LinkType.ethernet, precision: .nanoseconds,
                byteOrder: byteOrder)
        ) { try readAll($0) }
        #expect(nano.packets.map(\.record.timestamp) == frames.map { Int64($0.timestampNanos) })
        #expect(nano.packets.first?.record.timestamp == 1_767_607_200_123_456_789)

        let micro = try withTempFile(
            PcapWriter.file(
                frames, linkType: LinkType.ethernet, precision: .microseconds,
                byteOrder: byteOrder)
        ) { try readAll($0) }
        #expect(micro.packets.map(\.record.timestamp) == frames.map { Int64($0.timestampNanos / 1000 * 1000) })
        #expect(micro.packets.first?.record.timestamp == 1_767_607_200_123_456_000)
    }

    @Test("a snapshot length shorter than a packet gives the captured and the original length apart")
    func snapshotLength() throws {
        var writer = PcapWriter(linkType: LinkType.ethernet, snaplen: 96)
        writer.add(SampleFrames.sccrq, timestampNanos: SampleFrames.startNanos)
        writer.add(SampleFrames.pptpSyn, timestampNanos: SampleFrames.startNanos + 1000)
        let result = try withTempFile(writer.bytes) { try readAll($0) }
        #expect(result.info.snapshotLength == 96)
        try #require(result.packets.count == 2)
        #expect(result.packets[0].record.capturedLength == 96)
        #expect(result.packets[0].record.wireLength == SampleFrames.sccrq.count)
        #expect(result.packets[0].bytes == Array(SampleFrames.sccrq.prefix(96)))
        #expect(result.packets[1].record.capturedLength == SampleFrames.pptpSyn.count)
    }

    @Test("a file holding only the global header opens and reads no packets, without error")
    func headerOnly() throws {
        let result = try withTempFile(PcapWriter(linkType: LinkType.ethernet).bytes) { try readAll($0) }
        #expect(result.packets.isEmpty)
        #expect(result.end.packetsRead == 0)
        #expect(result.end.error == nil)
    }

    @Test("an error thrown while handling a packet stops the reading and reaches the caller")
    func bodyErrorPropagates() throws {
        struct Stop: Error {}
        let file = PcapWriter.file(SampleFrames.frames, linkType: LinkType.ethernet)
        try withTempFile(file) { path in
            let reader = try CaptureReader(path: path)
            var seen = 0
            var stopped = false
            do {
                _ = try reader.forEach { record, _ in
                    seen = record.number
                    if record.number == 2 { throw Stop() }
                }
            } catch is Stop {
                stopped = true
            }
            #expect(stopped)
            #expect(seen == 2)
        }
    }

    @Test("the libpcap version is reported")
    func libraryVersion() {
        #expect(CaptureReader.libraryVersion.contains("libpcap"))
    }
}
