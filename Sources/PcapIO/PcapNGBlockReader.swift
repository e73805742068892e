import CPPTPPcap

/// A minimal pcapng reader for the files libpcap refuses: libpcap 1.10 reads only pcapng files whose
/// interfaces share one link type and one snapshot length, while capture tools (Wireshark merging, `-i any`
/// on some systems) write files that mix them. It reads Section Header, Interface Description, Enhanced,
/// Simple and (obsolete) Packet blocks and skips the rest; every length is checked before it is used.
struct PcapNGBlockReader {
    /// Blocks larger than this are treated as corrupt rather than allocated.
    static let maxBlockLength = 64 * 1024 * 1024

    struct Interface {
        var linkType: UInt32
        var snapLength: UInt32
        /// Timestamp units per second.
        var unitsPerSecond: UInt64
    }

    enum Next {
        case packet(record: CaptureRecord, linkType: UInt32)
        case end
        case error(String, offset: Int)
    }

    private let file: UnsafeMutablePointer<FILE>
    private var bigEndian = false
    private var interfaces: [Interface] = []
    private var block: [UInt8] = []
    private(set) var offset = 0

    init?(path: String) {
        guard let f = fopen(path, "rb") else { return nil }
        file = f
    }

    func close() { fclose(file) }

    private func u16(_ b: [UInt8], _ o: Int) -> UInt16? {
        guard o >= 0, o + 2 <= b.count else { return nil }
        return bigEndian ? UInt16(b[o]) << 8 | UInt16(b[o + 1]) : UInt16(b[o + 1]) << 8 | UInt16(b[o])
    }

    private func u32(_ b: [UInt8], _ o: Int) -> UInt32? {
        guard let hi = u16(b, bigEndian ? o : o + 2), let lo = u16(b, bigEndian ? o + 2 : o) else { return nil }
        return UInt32(hi) << 16 | UInt32(lo)
    }

    /// Reads the next packet; `deliver` gets the bytes (valid during the call only).
    mutating func next(number: Int, _ deliver: (CaptureRecord, UInt32, UnsafeRawBufferPointer) -> Void) -> Next {
        while true {
            var header = [UInt8](repeating: 0, count: 8)
            let got = fread(&header, 1, 8, file)
            if got == 0 { return .end }
            guard got == 8 else { return .error("the file ends inside a block header", offset: offset) }
            let type = header[0..<4]
            if Array(type) == [0x0A, 0x0D, 0x0D, 0x0A] {
                // Section Header: the byte-order magic that follows decides how to read every later field.
                var magic = [UInt8](repeating: 0, count: 4)
                guard fread(&magic, 1, 4, file) == 4 else {
                    return .error("the file ends inside a section header", offset: offset)
                }
                if magic == [0x1A, 0x2B, 0x3C, 0x4D] {
                    bigEndian = true
                } else if magic == [0x4D, 0x3C, 0x2B, 0x1A] {
                    bigEndian = false
                } else {
                    return .error("bad byte-order magic in a section header", offset: offset)
                }
                interfaces.removeAll()
                guard let total = u32(header, 4), total >= 28, total % 4 == 0, Int(total) <= Self.maxBlockLength else {
                    return .error("impossible section header length", offset: offset)
                }
                guard skip(Int(total) - 12) else { return .error("the file ends inside a section header", offset: offset) }
                offset += Int(total)
                continue
            }
            guard let blockType = u32(header, 0), let total = u32(header, 4), total >= 12, total % 4 == 0,
                Int(total) <= Self.maxBlockLength
            else { return .error("impossible block length", offset: offset) }
            let bodyLength = Int(total) - 8
            if block.count < bodyLength { block = [UInt8](repeating: 0, count: bodyLength) }
            guard fread(&block, 1, bodyLength, file) == bodyLength else {
                return .error("the file is cut off in the middle of a block", offset: offset)
            }
            let start = offset
            offset += Int(total)
            let fields = Array(block[0..<(bodyLength - 4)])
            switch blockType {
            case 1:
                guard let lt = u16(fields, 0), let snap = u32(fields, 4) else {
                    return .error("short interface block", offset: start)
                }
                var iface = Interface(linkType: UInt32(lt), snapLength: snap, unitsPerSecond: 1_000_000)
                var o = 8
                var options = 0
                while o + 4 <= fields.count, options < 256, let code = u16(fields, o), let len = u16(fields, o + 2) {
                    options += 1
                    if code == 0 { break }
                    if code == 9, len >= 1, o + 4 < fields.count {
                        let v = fields[o + 4]
                        let exp = UInt64(v & 0x7F)
                        if v & 0x80 == 0, exp <= 19 {
                            iface.unitsPerSecond = (0..<exp).reduce(1) { acc, _ in acc * 10 }
                        } else if v & 0x80 != 0, exp <= 63 {
                            iface.unitsPerSecond = 1 << exp
                        }
                    }
                    o += 4 + (Int(len) + 3) / 4 * 4
                }
                interfaces.append(iface)
            case 6, 2:
                let enhanced = blockType == 6
                guard let ifaceID = enhanced ? u32(fields, 0) : u16(fields, 0).map(UInt32.init),
                    let tsHigh = u32(fields, 4), let tsLow = u32(fields, 8), let cap = u32(fields, 12), let orig = u32(fields, 16)
                else { return .error("short packet block", offset: start) }
                guard Int(ifaceID) < interfaces.count else { return .error("packet for an undeclared interface", offset: start) }
                let iface = interfaces[Int(ifaceID)]
                guard Int(cap) <= fields.count - 20 else { return .error("packet longer than its block", offset: start) }
                let ts = UInt64(tsHigh) << 32 | UInt64(tsLow)
                let nanos =
                    Int64(clamping: ts / iface.unitsPerSecond) &* 1_000_000_000
                    &+ Int64(clamping: (ts % iface.unitsPerSecond) * 1_000_000_000 / iface.unitsPerSecond)
                let record = CaptureRecord(
                    number: number, timestamp: nanos, capturedLength: Int(cap),
                    wireLength: Int(orig), linkType: iface.linkType)
                fields.withUnsafeBytes { raw in
                    deliver(record, iface.linkType, UnsafeRawBufferPointer(rebasing: raw[20..<(20 + Int(cap))]))
                }
                return .packet(record: record, linkType: iface.linkType)
            case 3:
                guard let iface = interfaces.first, let orig = u32(fields, 0) else {
                    return .error("simple packet block without an interface", offset: start)
                }
                let cap = min(Int(orig), fields.count - 4, iface.snapLength == 0 ? Int.max : Int(iface.snapLength))
                let record = CaptureRecord(
                    number: number, timestamp: 0, capturedLength: cap, wireLength: Int(orig),
                    linkType: iface.linkType)
                fields.withUnsafeBytes { raw in
                    deliver(record, iface.linkType, UnsafeRawBufferPointer(rebasing: raw[4..<(4 + cap)]))
                }
                return .packet(record: record, linkType: iface.linkType)
            default:
                continue
            }
        }
    }

    private func skip(_ n: Int) -> Bool {
        guard n >= 0 else { return false }
        var left = n
        var scratch = [UInt8](repeating: 0, count: min(n, 4096))
        while left > 0 {
            let chunk = min(left, scratch.count)
            guard fread(&scratch, 1, chunk, file) == chunk else { return false }
            left -= chunk
        }
        return true
    }
}
