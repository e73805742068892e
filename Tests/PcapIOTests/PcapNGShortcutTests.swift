import PPTPPcapIO
import Testing

/// An Ethernet pcapng file with one interface and no filter is read by `PcapNGRecordReader` straight from `pread`
/// buffers; with a filter every packet passes, libpcap reads it. Both must deliver the same records, bytes, end and
/// error, also for the files the shortcut hands back to libpcap part-way (blocks libpcap checks or refuses).
@Suite("The pcapng shortcut reads what libpcap reads")
struct PcapNGShortcutTests {
    /// Blocks written field by field, so a test can write what no well-behaved writer would.
    struct Blocks {
        var big = false
        var bytes: [UInt8] = []

        func u16(_ v: UInt16) -> [UInt8] { big ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32) -> [UInt8] {
            big ? u16(UInt16(v >> 16)) + u16(UInt16(v & 0xFFFF)) : u16(UInt16(v & 0xFFFF)) + u16(UInt16(v >> 16))
        }
        func u64(_ v: UInt64) -> [UInt8] {
            big ? u32(UInt32(v >> 32)) + u32(UInt32(v & 0xFFFF_FFFF)) : u32(UInt32(v & 0xFFFF_FFFF)) + u32(UInt32(v >> 32))
        }
        func option(_ code: UInt16, _ value: [UInt8]) -> [UInt8] {
            u16(code) + u16(UInt16(value.count)) + value + [UInt8](repeating: 0, count: (4 - value.count % 4) % 4)
        }
        var end: [UInt8] { u32(0) }

        mutating func block(_ type: UInt32, _ body: [UInt8], trailer: UInt32? = nil) {
            let total = UInt32(12 + body.count)
            bytes += u32(type) + u32(total) + body + u32(trailer ?? total)
        }
        mutating func section(major: UInt16 = 1) {
            block(0x0A0D_0D0A, u32(0x1A2B_3C4D) + u16(major) + u16(0) + u64(UInt64.max) + option(4, Array("test".utf8)) + end)
        }
        mutating func interface(linkType: UInt16 = 1, snaplen: UInt32 = 262_144, options: [UInt8] = []) {
            block(1, u16(linkType) + u16(0) + u32(snaplen) + option(2, Array("eth0".utf8)) + options + end)
        }
        mutating func packet(
            _ n: Int, length: Int = 60, interface: UInt32 = 0, units: UInt64? = nil, captured: UInt32? = nil,
            options: [UInt8] = []
        ) {
            let data = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ n) }
            let padded = data + [UInt8](repeating: 0, count: (4 - length % 4) % 4)
            let time = units ?? 1_700_000_000_000_000 + UInt64(n) * 1_234_567
            block(
                6,
                u32(interface) + u32(UInt32(time >> 32)) + u32(UInt32(time & 0xFFFF_FFFF))
                    + u32(captured ?? UInt32(length)) + u32(UInt32(length + n % 5)) + padded + options)
        }
    }

    static func file(big: Bool = false, interfaceOptions: [UInt8] = [], _ fill: (inout Blocks) -> Void) -> [UInt8] {
        var b = Blocks(big: big)
        b.section()
        b.interface(options: interfaceOptions)
        fill(&b)
        return b.bytes
    }

    static func expect(_ bytes: [UInt8], _ comment: Comment, shortcutRecords: Int? = nil) throws {
        try RecordShortcutTests.expectSameReading(bytes, comment, shortcutRecords: shortcutRecords)
    }

    @Test("plain files in both byte orders, blocks across buffer boundaries, packet options", arguments: [false, true])
    func plain(big: Bool) throws {
        let bytes = Self.file(big: big) { b in
            for n in 0..<2100 {
                let options = n % 3 == 0 ? b.option(1, Array("comment \(n)".utf8)) + b.option(2, b.u32(1)) + b.end : []
                b.packet(n, length: n % 7 == 0 ? 0 : 60 + (n * 37) % 1440, options: options)
            }
        }
        try Self.expect(bytes, "big-endian \(big)", shortcutRecords: 2100)
    }

    @Test("time stamps at every decimal resolution libpcap scales up, with offsets and extreme values")
    func timestamps() throws {
        let values: [UInt64] = [0, 1, 999_999, 1_000_000, 999_999_999, 1 << 32, UInt64.max, UInt64.max / 3]
        for digits: UInt8 in [0, 1, 3, 6, 9] {
            for offset: Int64 in [0, 3600, -86_400, Int64.min] {
                let w = Blocks()
                let options = w.option(9, [digits]) + (offset == 0 ? [] : w.option(14, w.u64(UInt64(bitPattern: offset))))
                let bytes = Self.file(interfaceOptions: options) { b in
                    for (i, v) in values.enumerated() { b.packet(i, units: v) }
                }
                try Self.expect(bytes, "10^-\(digits), offset \(offset)", shortcutRecords: values.count)
            }
        }
    }

    @Test("resolutions the shortcut leaves to libpcap: finer than nanoseconds, powers of two")
    func otherResolutions() throws {
        for value: UInt8 in [12, 0x80 | 10, 0x80 | 30] {
            let bytes = Self.file(interfaceOptions: Blocks().option(9, [value])) { b in
                for n in 0..<5 { b.packet(n, units: 0x1234_5678_9ABC_DEF0 &* UInt64(n + 1)) }
            }
            try Self.expect(bytes, "if_tsresol \(value)", shortcutRecords: 0)
        }
    }

    @Test("blocks libpcap skips between the packets: statistics, name resolution, custom and unknown blocks")
    func skippedBlocks() throws {
        let bytes = Self.file { b in
            b.packet(0)
            b.block(4, b.u16(1) + b.u16(4) + [10, 0, 0, 1] + Array("host".utf8) + [0, 0, 0, 0] + b.u32(0))
            b.packet(1)
            b.block(5, b.u32(0) + b.u32(1) + b.u32(2) + b.end)
            b.block(0x0000_0BAD, b.u32(32473) + [1, 2, 3, 4])
            b.block(0x4000_1234, [])
            b.packet(2)
        }
        try Self.expect(bytes, "skipped blocks", shortcutRecords: 3)
    }

    @Test("blocks before the first interface: libpcap skips them when it opens the file, the shortcut starts after")
    func blocksBeforeTheInterface() throws {
        var b = Blocks()
        b.section()
        b.block(0x0000_0BAD, b.u32(32473) + [9, 9, 9, 9])
        b.block(4, b.u16(0) + b.u16(0))
        b.interface()
        for n in 0..<20 { b.packet(n) }
        try Self.expect(b.bytes, "custom and name blocks before the interface", shortcutRecords: 20)
    }

    @Test("blocks that libpcap takes over: a second interface, a new section, simple and old packet blocks")
    func handedOver() throws {
        try Self.expect(
            Self.file { b in
                b.packet(0)
                b.interface()
                b.packet(1, interface: 1)
                b.packet(2)
            }, "second interface, same type", shortcutRecords: 1)
        try Self.expect(
            Self.file { b in
                b.packet(0)
                b.interface(linkType: 101)
                b.packet(1)
            }, "second interface of another type")
        try Self.expect(
            Self.file { b in
                b.packet(0)
                b.interface(snaplen: 128)
                b.packet(1)
            }, "second interface with another snapshot length")
        try Self.expect(
            Self.file { b in
                b.packet(0)
                b.section()
                b.interface()
                b.packet(1)
            }, "second section", shortcutRecords: 1)
        try Self.expect(
            Self.file { b in
                b.packet(0)
                b.block(3, b.u32(60) + [UInt8](repeating: 7, count: 60))
                b.block(2, b.u16(0) + b.u16(0) + b.u32(0) + b.u32(5) + b.u32(60) + b.u32(60) + [UInt8](repeating: 8, count: 60))
                b.packet(1)
            }, "simple and obsolete packet blocks", shortcutRecords: 1)
    }

    @Test("blocks libpcap refuses: packets on undescribed interfaces, lengths that do not add up, a cut-off end")
    func refused() throws {
        try Self.expect(
            Self.file { b in
                b.packet(0)
                b.packet(1, interface: 3)
            }, "undescribed interface", shortcutRecords: 1)
        try Self.expect(
            Self.file { b in
                b.packet(0)
                b.packet(1, captured: 2000)
            }, "captured length past the block")
        try Self.expect(
            Self.file { b in
                b.packet(0)
                b.packet(1, length: 300_000)
            }, "packet above 262144")
        var trailer = Self.file { b in b.packet(0) }
        var b = Blocks()
        b.block(6, b.u32(0) + b.u32(0) + b.u32(1) + b.u32(4) + b.u32(4) + [1, 2, 3, 4], trailer: 36)
        trailer += b.bytes
        try Self.expect(trailer, "trailer length differs")
        let whole = Self.file { b in for n in 0..<4 { b.packet(n) } }
        for cut in [1, 7, 8, 30, 60] {
            try Self.expect(Array(whole.dropLast(cut)), "cut \(cut) bytes before the end", shortcutRecords: 3)
        }
        var odd = Self.file { b in b.packet(0) }
        odd += b.u32(6) + b.u32(33) + [UInt8](repeating: 0, count: 25)
        try Self.expect(odd, "length not a multiple of 4")
    }

    @Test("a packet bigger than the interface's snapshot length")
    func aboveSnapshot() throws {
        var b = Blocks()
        b.section()
        b.interface(snaplen: 96)
        b.packet(0, length: 80)
        b.packet(1, length: 200)
        b.packet(2, length: 80)
        try Self.expect(b.bytes, "caplen above the snapshot length", shortcutRecords: 1)
    }
}
