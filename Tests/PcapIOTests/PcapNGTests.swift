import PPTPPcapIO
import PPTPTestSupport
import Testing

@Suite("Reading pcapng files")
struct PcapNGTests {
    @Test(
        "one interface: every Enhanced Packet Block comes back in order, in either byte order",
        arguments: [CaptureByteOrder.little, .big])
    func oneInterface(byteOrder: CaptureByteOrder) throws {
        let frames = SampleFrames.frames
        let file = PcapNGWriter.file(
            frames, interfaces: [.init(linkType: LinkType.ethernet, name: "eth0")],
            byteOrder: byteOrder)
        let result = try withTempFile(file, suffix: ".pcapng") { try readAll($0) }
        #expect(result.info.format == .pcapng)
        #expect(result.info.linkType == 1)
        #expect(result.info.fileSize == file.count)
        #expect(result.end.error == nil)
        try #require(result.packets.count == frames.count)
        for (i, (packet, frame)) in zip(result.packets, frames).enumerated() {
            #expect(packet.record.number == i + 1)
            #expect(packet.bytes == frame.bytes)
            #expect(packet.record.wireLength == frame.bytes.count)
        }
    }

    @Test("time stamps come back in nanoseconds: whole microseconds by default, exact with if_tsresol 9")
    func timestamps() throws {
        let frames = SampleFrames.frames
        let micro = try withTempFile(
            PcapNGWriter.file(frames, interfaces: [.init(linkType: LinkType.ethernet)]),
            suffix: ".pcapng"
        ) { try readAll($0) }
        #expect(micro.packets.map(\.record.timestamp) == frames.map { Int64($0.timestampNanos / 1000 * 1000) })

        let nano = try withTempFile(
            PcapNGWriter.file(
                frames,
                interfaces: [
                    .init(
                        linkType: LinkType.ethernet,
                        timestampResolution: 9)
                ]),
            suffix: ".pcapng"
        ) { try readAll($0) }
        #expect(nano.packets.map(\.record.timestamp) == frames.map { Int64($0.timestampNanos) })
    }

    @Test("the interface's snapshot length cuts the packets and is reported")
    func snapshotLength() throws {
        let file = PcapNGWriter.file(SampleFrames.frames, interfaces: [.init(linkType: LinkType.ethernet, snaplen: 64)])
        let result = try withTempFile(file, suffix: ".pcapng") { try readAll($0) }
        #expect(result.info.snapshotLength == 64)
        #expect(result.packets.allSatisfy { $0.record.capturedLength <= 64 })
        #expect(result.packets.first?.record.wireLength == SampleFrames.pptpSyn.count)
    }

    @Test("a pcapng file cut inside its last block delivers the whole packets before it, then a truncated error")
    func cutInLastBlock() throws {
        var writer = PcapNGWriter()
        writer.addInterface(.init(linkType: LinkType.ethernet))
        for frame in SampleFrames.frames { writer.add(frame.bytes, interface: 0, timestampNanos: frame.timestampNanos) }
        let file = CaptureTruncation.droppingLast(20, of: writer.bytes)
        let temp = try TempFile(file, suffix: ".pcapng")
        defer { temp.remove() }
        let result = try readAll(temp.path)
        #expect(result.packets.count == SampleFrames.frames.count - 1)
        let error = try #require(result.end.error)
        #expect(error.kind == .truncated)
        #expect(error.packetNumber == SampleFrames.frames.count)
        #expect(error.description.hasPrefix(temp.path))
    }
}
