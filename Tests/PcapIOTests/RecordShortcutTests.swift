import Testing

@testable import PPTPPcapIO

/// An Ethernet pcap file with no filter is read by `PcapRecordReader` straight from `pread` buffers; with a filter
/// (here one every packet passes) libpcap reads it. Both must deliver the same records, bytes, end and error for
/// every file, including the ones libpcap treats specially, where the shortcut hands the file back to it.
@Suite("The classic-pcap shortcut reads what libpcap reads")
struct RecordShortcutTests {
    static let everything = "len >= 0"

    struct Record {
        var seconds: UInt32
        var fraction: UInt32
        var captured: UInt32
        var wire: UInt32
        var bytes: [UInt8]
    }

    static func file(
        _ records: [Record], bigEndian: Bool = false, nanosecond: Bool = false, major: UInt16 = 2,
        minor: UInt16 = 4, snaplen: UInt32 = 262_144, linkType: UInt32 = 1, tail: [UInt8] = []
    ) -> [UInt8] {
        func u32(_ v: UInt32) -> [UInt8] {
            bigEndian
                ? [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
                : [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
        }
        func u16(_ v: UInt16) -> [UInt8] { bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
        var out =
            u32(nanosecond ? 0xA1B2_3C4D : 0xA1B2_C3D4) + u16(major) + u16(minor) + u32(0) + u32(0) + u32(snaplen)
            + u32(linkType)
        for r in records {
            out += u32(r.seconds) + u32(r.fraction) + u32(r.captured) + u32(r.wire) + r.bytes
        }
        return out + tail
    }

    static func frame(_ n: Int, length: Int = 60) -> Record {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ n) }
        return Record(
            seconds: 1_700_000_000 + UInt32(n), fraction: UInt32(n * 1000), captured: UInt32(length),
            wire: UInt32(length + n % 3), bytes: bytes)
    }

    /// How many records the shortcut should deliver before libpcap takes over (nil: any number).
    static func expectSameReading(_ bytes: [UInt8], _ comment: Comment, shortcutRecords: Int? = nil) throws {
        try withTempFile(bytes) { path in
            let fast = Result { () throws(CaptureError) in try readAll(path) }
            let pcap = Result { () throws(CaptureError) in try readAll(path, filter: everything) }
            switch (fast, pcap) {
            case (.success(let a), .success(let b)):
                #expect(a.packets.count == b.packets.count, comment)
                for (x, y) in zip(a.packets, b.packets) {
                    #expect(x.record.number == y.record.number, comment)
                    #expect(x.record.timestamp == y.record.timestamp, comment)
                    #expect(x.record.capturedLength == y.record.capturedLength, comment)
                    #expect(x.record.wireLength == y.record.wireLength, comment)
                    #expect(x.bytes == y.bytes, comment)
                }
                #expect(a.end.packetsRead == b.end.packetsRead, comment)
                #expect(a.end.error?.kind == b.end.error?.kind, comment)
                #expect(a.end.error?.message == b.end.error?.message, comment)
                #expect(a.end.error?.byteOffset == b.end.error?.byteOffset, comment)
                #expect(a.end.error?.packetNumber == b.end.error?.packetNumber, comment)
                #expect(b.end.fromShortcut == 0, comment)
                if let shortcutRecords { #expect(a.end.fromShortcut == shortcutRecords, comment) }
            case (.failure(let a), .failure(let b)):
                #expect(a.message == b.message, comment)
            default:
                Issue.record("one reader opened the file and the other did not: \(comment)")
            }
        }
    }

    @Test(
        "plain files in both byte orders and precisions, records across buffer boundaries",
        arguments: [false, true], [false, true])
    func plain(bigEndian: Bool, nanosecond: Bool) throws {
        // ~3 MB: several 512 KiB buffers, with records straddling every boundary.
        let records = (0..<2100).map { Self.frame($0, length: $0 % 7 == 0 ? 0 : 60 + ($0 * 37) % 1440) }
        try Self.expectSameReading(
            Self.file(records, bigEndian: bigEndian, nanosecond: nanosecond),
            "big-endian \(bigEndian), ns \(nanosecond)", shortcutRecords: records.count)
    }

    @Test("extreme time stamps: sign bits set, fractions past a second")
    func timestamps() throws {
        let values: [UInt32] = [0, 1, 999_999, 1_000_000, 999_999_999, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF]
        for nanosecond in [false, true] {
            var records: [Record] = []
            for (i, s) in values.enumerated() {
                for f in values {
                    var r = Self.frame(i)
                    r.seconds = s
                    r.fraction = f
                    records.append(r)
                }
            }
            try Self.expectSameReading(Self.file(records, nanosecond: nanosecond), "ns \(nanosecond)")
        }
    }

    @Test("records libpcap treats specially: above the snapshot length, above its maximum, cut off at the end")
    func handOver() throws {
        let good = (0..<5).map { Self.frame($0) }
        var long = Self.frame(9, length: 200)
        long.wire = 200
        try Self.expectSameReading(
            Self.file(good + [long] + good, snaplen: 96), "caplen above the snapshot length", shortcutRecords: 5)
        var huge = Self.frame(9, length: 16)
        huge.captured = 300_000
        try Self.expectSameReading(Self.file(good + [huge] + good), "caplen above 262144")
        try Self.expectSameReading(Self.file(good, tail: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), "header cut off")
        var cut = Self.frame(9, length: 100)
        cut.bytes = Array(cut.bytes.prefix(40))
        try Self.expectSameReading(Self.file(good + [cut]), "data cut off")
        try Self.expectSameReading(Self.file([]), "no records")
        try Self.expectSameReading(Self.file(good, snaplen: 0), "snapshot length 0")
    }

    @Test("files the shortcut leaves to libpcap: old versions with swapped lengths, other link types")
    func leftToLibpcap() throws {
        var swappedLengths = Self.frame(1, length: 60)
        swappedLengths.wire = 40
        let records = [Self.frame(0), swappedLengths, Self.frame(2)]
        try Self.expectSameReading(Self.file(records, minor: 3), "version 2.3", shortcutRecords: 0)
        try Self.expectSameReading(Self.file(records, minor: 2), "version 2.2")
        try Self.expectSameReading(Self.file(records, linkType: 101), "raw IP", shortcutRecords: 0)
    }
}
