/// One packet taken out of a capture file's bytes.
struct CapturedPacket {
    var linkType: UInt32
    var bytes: [UInt8]
    var wireLength: Int
}

/// Splits classic pcap and pcapng file bytes into packets, so the dissector tests can use the fixtures without
/// libpcap. Stops quietly at a record that runs past the end (the truncated fixtures).
enum CaptureRecords {
    static func packets(in file: [UInt8]) -> [CapturedPacket] {
        guard file.count >= 4 else { return [] }
        return u32(file, 0, big: true) == 0x0A0D_0D0A ? pcapng(file) : pcap(file)
    }

    static func u16(_ b: [UInt8], _ o: Int, big: Bool) -> UInt16 {
        big ? UInt16(b[o]) << 8 | UInt16(b[o + 1]) : UInt16(b[o + 1]) << 8 | UInt16(b[o])
    }

    static func u32(_ b: [UInt8], _ o: Int, big: Bool) -> UInt32 {
        big
            ? UInt32(u16(b, o, big: true)) << 16 | UInt32(u16(b, o + 2, big: true))
            : UInt32(u16(b, o + 2, big: false)) << 16 | UInt32(u16(b, o, big: false))
    }

    static func pcap(_ f: [UInt8]) -> [CapturedPacket] {
        guard f.count >= 24 else { return [] }
        let big: Bool
        switch u32(f, 0, big: true) {
        case 0xA1B2_C3D4, 0xA1B2_3C4D: big = true
        case 0xD4C3_B2A1, 0x4D3C_B2A1: big = false
        default: return []
        }
        let linkType = u32(f, 20, big: big)
        var out: [CapturedPacket] = []
        var offset = 24
        while offset + 16 <= f.count {
            let caplen = Int(u32(f, offset + 8, big: big))
            let wire = Int(u32(f, offset + 12, big: big))
            guard offset + 16 + caplen <= f.count else { break }
            out.append(
                CapturedPacket(
                    linkType: linkType, bytes: Array(f[(offset + 16)..<(offset + 16 + caplen)]),
                    wireLength: wire))
            offset += 16 + caplen
        }
        return out
    }

    static func pcapng(_ f: [UInt8]) -> [CapturedPacket] {
        var out: [CapturedPacket] = []
        var big = false
        var linkTypes: [UInt32] = []
        var offset = 0
        while offset + 12 <= f.count {
            if u32(f, offset, big: true) == 0x0A0D_0D0A {
                big = f[offset + 8] == 0x1A
                linkTypes = []
            }
            let type = u32(f, offset, big: big)
            let total = Int(u32(f, offset + 4, big: big))
            guard total >= 12, offset + total <= f.count else { break }
            switch type {
            case 1:
                linkTypes.append(UInt32(u16(f, offset + 8, big: big)))
            case 6 where total >= 32:
                let interface = Int(u32(f, offset + 8, big: big))
                let caplen = Int(u32(f, offset + 20, big: big))
                let wire = Int(u32(f, offset + 24, big: big))
                if linkTypes.indices.contains(interface), offset + 28 + caplen <= offset + total {
                    out.append(
                        CapturedPacket(
                            linkType: linkTypes[interface],
                            bytes: Array(f[(offset + 28)..<(offset + 28 + caplen)]), wireLength: wire))
                }
            default:
                break
            }
            offset += total
        }
        return out
    }
}
