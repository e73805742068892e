import PPTPPcapIO
import PPTPTestSupport
import Testing

@Suite("Link types as the reader reports them")
struct LinkTypeTests {
    /// (LINKTYPE_ value in the file, libpcap's name for it)
    static let cases: [(UInt32, String)] = [
        (0, "NULL"), (1, "EN10MB"), (9, "PPP"), (101, "RAW"), (108, "LOOP"), (113, "LINUX_SLL"),
        (228, "IPV4"), (229, "IPV6"), (276, "LINUX_SLL2"),
    ]

    @Test(
        "the LINKTYPE_ number written in the file comes back, with libpcap's name for it",
        arguments: cases.indices)
    func roundTrip(index: Int) throws {
        let (linkType, name) = Self.cases[index]
        let file = PcapWriter.file(
            [CapturedFrame(timestampNanos: SampleFrames.startNanos, bytes: [0x45, 0, 0, 20])],
            linkType: linkType)
        let result = try withTempFile(file) { try readAll($0) }
        #expect(result.info.linkType == linkType)
        #expect(result.info.linkTypeName == name)
        #expect(result.packets.count == 1)
    }

    @Test("LINKTYPE_RAW (101) comes back as 101 although libpcap hands DLT_RAW (12 on Linux) to the reader")
    func rawMapping() throws {
        let file = PcapWriter.file([CapturedFrame(timestampNanos: 0, bytes: [0x45])], linkType: LinkType.raw)
        let result = try withTempFile(file) { try readAll($0) }
        #expect(result.info.linkType == LinkType.raw)
    }

    @Test("a pcapng interface's link type is the file's link type")
    func pcapngLinkType() throws {
        let file = PcapNGWriter.file(
            [CapturedFrame(timestampNanos: 0, bytes: [0x45, 0, 0, 20])],
            interfaces: [.init(linkType: LinkType.linuxSLL2)])
        let result = try withTempFile(file, suffix: ".pcapng") { try readAll($0) }
        #expect(result.info.linkType == LinkType.linuxSLL2)
        #expect(result.info.linkTypeName == "LINUX_SLL2")
    }
}
