import Foundation
import PPTPPcapIO
import PPTPTestSupport
import Testing

/// Network Monitor files written by Wireshark's own writer (`editcap -F netmon1 / netmon2`, Fixtures/formats)
/// read back as the captures they were made from, and as tshark reads them.
@Suite("Reading Network Monitor files")
struct NetmonTests {
    struct Pair: Sendable, CustomTestStringConvertible {
        var cap: String
        var original: String
        /// Finest time step the version stores: editcap rounds to it.
        var resolutionNanos: Int64
        /// How many of the original's packets the .cap holds (editcap -r), nil for all.
        var frames: Int?
        var testDescription: String { cap }
    }

    static let pairs = [
        Pair(cap: "gre-no-return.netmon2.cap", original: "scenarios/gre-no-return/capture.pcap", resolutionNanos: 1_000),
        Pair(cap: "gre-no-return.netmon1.cap", original: "scenarios/gre-no-return/capture.pcap", resolutionNanos: 1_000_000),
        Pair(
            cap: "pcapng-two-interfaces-1-28.netmon2.cap", original: "scenarios/pcapng-two-interfaces/capture.pcapng",
            resolutionNanos: 1_000, frames: 28),
    ]

    static func path(_ relative: String) -> String { ProjectPaths.fixtures.appendingPathComponent(relative).path }
    static func formatsPath(_ name: String) -> String { path("formats/" + name) }

    @Test(
        "every record equals the original capture's: time (to the version's resolution), lengths, bytes, link type",
        arguments: pairs)
    func sameRecordsAsOriginal(pair: Pair) throws {
        let cap = try readAll(Self.formatsPath(pair.cap))
        let original = try readAll(Self.path(pair.original))
        let expected = Array(original.packets.prefix(pair.frames ?? original.packets.count))
        #expect(cap.info.format == .netmon)
        #expect(cap.end.error == nil)
        #expect(cap.end.notes.isEmpty)
        try #require(cap.packets.count == expected.count)
        for (ours, theirs) in zip(cap.packets, expected) {
            #expect(ours.record.number == theirs.record.number)
            #expect(
                abs(ours.record.timestamp - theirs.record.timestamp) <= pair.resolutionNanos / 2,
                "packet \(ours.record.number): \(ours.record.timestamp) vs \(theirs.record.timestamp)")
            #expect(ours.record.capturedLength == theirs.record.capturedLength)
            #expect(ours.record.wireLength == theirs.record.wireLength)
            #expect((ours.record.linkType ?? cap.info.linkType) == (theirs.record.linkType ?? original.info.linkType))
            #expect(ours.bytes == theirs.bytes, "packet \(ours.record.number)")
        }
    }

    @Test("times and lengths equal tshark's reading of the same file", arguments: pairs.map(\.cap))
    func agreesWithTshark(name: String) throws {
        _ = try #require(Tshark.path, "tshark is required: apt-get install -y tshark")
        let file = Self.formatsPath(name)
        let ours = try readAll(file)
        let theirs = try Tshark.fields(file, ["frame.time_epoch", "frame.len", "frame.cap_len"])
        try #require(theirs.count == ours.packets.count)
        for (packet, row) in zip(ours.packets, theirs) {
            #expect(Tshark.nanos(row[0]) == packet.record.timestamp, "packet \(packet.record.number): tshark \(row[0])")
            #expect(Int(row[1]) == packet.record.wireLength)
            #expect(Int(row[2]) == packet.record.capturedLength)
        }
    }

    @Test("a BPF filter selects the same packets as on the original capture, numbered in the filtered view")
    func filterWorks() throws {
        let filter = "tcp port 1723"
        let cap = try readAll(Self.formatsPath("gre-no-return.netmon2.cap"), filter: filter)
        let original = try readAll(Self.path("scenarios/gre-no-return/capture.pcap"), filter: filter)
        #expect(cap.packets.count == original.packets.count)
        #expect(cap.packets.count > 0)
        #expect(cap.packets.map(\.bytes) == original.packets.map(\.bytes))
        #expect(cap.packets.map(\.record.number) == Array(1...cap.packets.count))
    }

    @Test("a filter libpcap cannot compile is refused when the file is opened, naming the file")
    func badFilter() {
        let file = Self.formatsPath("gre-no-return.netmon2.cap")
        let error = openError(file, filter: "tcp port")
        #expect(error?.kind == .badFilter)
        #expect(error?.path == file)
    }

    @Test(
        "Network Monitor 2.1+ frames carry their own media type; raw IP maps to LINKTYPE_RAW, other media are skipped and counted"
    )
    func perFrameMediaTypes() throws {
        var writer = NetmonWriter(minor: 1)
        let ethernet = SampleFrames.pptpSyn
        let ip = Array(ethernet.dropFirst(14))
        writer.frames = [
            .init(ethernet, offsetMicros: 0, mediaType: 1),
            .init(ip, offsetMicros: 10, mediaType: 9),
            .init([0xAA, 0xBB], offsetMicros: 20, mediaType: 2),  // Token Ring: not read
            .init([0x01, 0x02], offsetMicros: 30, mediaType: 0xFFFD),  // adapter list: not a packet, not numbered
            .init(ip, offsetMicros: 40, mediaType: 0xE000 | 228),  // converted pcap, LINKTYPE_IPV4
        ]
        let result = try withTempFile(writer.bytes, suffix: ".cap") { try readAll($0) }
        #expect(result.end.error == nil)
        #expect(result.packets.map(\.record.number) == [1, 2, 4])
        #expect(result.packets.map { $0.record.linkType ?? result.info.linkType } == [1, 101, 228])
        #expect(result.packets.map(\.record.timestamp) == [0, 10_000, 40_000].map { Self.start + $0 })
        #expect(result.end.notes.map(\.code) == ["capture.skipped-records", "capture.skipped-records"])
        #expect(result.end.notes.contains { $0.message.contains("media type 2") })
    }

    @Test(
        "Network Monitor 2.3 frames take their time from the trailer's UTC FILETIME, to the 100 ns, not from the local start time"
    )
    func utcTrailer() throws {
        var writer = NetmonWriter(minor: 3)
        writer.start.hour = 12  // a local time two hours off UTC
        let fileTime: UInt64 = 116_444_736_000_000_000 + UInt64(Self.start / 100) + 1_234_567
        writer.frames = [
            .init(SampleFrames.pptpSyn, offsetMicros: 0, utcFileTime: fileTime),
            .init(SampleFrames.pptpSyn, offsetMicros: 7, utcFileTime: 0),
        ]  // unset: start + offset
        let result = try withTempFile(writer.bytes, suffix: ".cap") { try readAll($0) }
        #expect(result.packets.map(\.record.timestamp) == [Self.start + 123_456_700, Self.start + 7_200_000_000_000 + 7_000])
    }

    /// 2026-01-05 10:00:00 UTC, NetmonWriter's default start.
    static let start: Int64 = 1_767_607_200_000_000_000
}
