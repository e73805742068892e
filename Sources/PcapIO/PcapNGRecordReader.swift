#if canImport(Glibc)
    import Glibc
#endif

/// The pcapng counterpart of `PcapRecordReader`: the Enhanced Packet Blocks of an Ethernet pcapng file with one
/// interface, read straight from large `pread` buffers. dumpcap, Wireshark and editcap write pcapng by default, and
/// libpcap reads each block with two `fread` calls into a buffer of its own; here a packet is a view into the bytes
/// the kernel filled.
///
/// It delivers what `pcap_next_ex` would (libpcap 1.10's `pcap_ng_next_packet`: the same time stamp arithmetic,
/// the same lengths) and stops at the first block libpcap would treat in any way of its own, leaving it to
/// libpcap from that block's offset: a Section Header or another Interface Description (libpcap checks them
/// against the first), Simple and obsolete Packet blocks, a packet on an interface that was not described, a
/// captured length above the snapshot length, a block whose lengths libpcap would question, a block larger than
/// the window, a file that ends inside a block. Up to that block libpcap has read only the section header and
/// the first interface (when it opened the file), so its state there is the same as at the hand-over: seeking it
/// to the offset is exact.
struct PcapNGRecordReader {
    /// A block larger than this is left to libpcap (its own limit for Ethernet is 393,248 bytes: a 256 KiB packet
    /// and 128 KiB of options); every block the shortcut takes fits the window.
    static let largestBlock = 262_144 + 65_536

    let path: String
    let swapped: Bool
    /// Time stamp units per second (a power of ten up to 10^9: the resolutions libpcap scales up, or passes).
    let unitsPerSecond: UInt64
    /// Nanoseconds per unit.
    let scale: UInt64
    let offsetSeconds: Int64
    let maxCaptured: Int
    /// Where the first block after the first Interface Description starts: where libpcap stands once open.
    let firstRecordOffset: Int

    /// The reader for a file libpcap opened and stands at `libpcapOffset`, when the shortcut applies; nil
    /// otherwise (another link type, a resolution it does not take, anything it does not recognise).
    init?(path: String, linkType: UInt32, snapshot: Int, libpcapOffset: Int) {
        guard linkType == 1, snapshot > 0, let window = FileWindow(path: path) else { return nil }
        guard let head = window.view(at: 0, count: 12), head.be32(0) == 0x0A0D_0D0A else { return nil }
        let little = head.le32(8) == 0x1A2B_3C4D
        guard little || head.be32(8) == 0x1A2B_3C4D else { return nil }
        swapped = little == Self.hostIsBigEndian
        func u16(_ v: UnsafeRawBufferPointer, _ at: Int) -> UInt16 { little ? v.le16(at) : v.be16(at) }
        func u32(_ v: UnsafeRawBufferPointer, _ at: Int) -> UInt32 { little ? v.le32(at) : v.be32(at) }
        // The section header, then the blocks libpcap skipped to its first Interface Description.
        var offset = 0
        var interface: UnsafeRawBufferPointer?
        while interface == nil {
            guard let header = window.view(at: offset, count: 8) else { return nil }
            let type = u32(header, 0)
            let total = Int(u32(header, 4))
            guard total >= 12, total % 4 == 0, total <= Self.largestBlock,
                let block = window.view(at: offset, count: total)
            else { return nil }
            if offset == 0 {
                guard u16(block, 12) == 1 else { return nil }  // major version
            } else if type == 1 {
                interface = block
            } else if type == 0x0A0D_0D0A || type == 2 || type == 3 || type == 6 {
                return nil
            }
            offset += total
        }
        guard let idb = interface, idb.count >= 20, offset == libpcapOffset, u16(idb, 8) == 1 else { return nil }
        // The interface's options, read as libpcap reads them; anything it would refuse was refused at opening.
        var resolution: UInt64 = 1_000_000
        var tsOffset: Int64 = 0
        var at = 16
        let end = idb.count - 4
        while at + 4 <= end {
            let code = u16(idb, at)
            let length = Int(u16(idb, at + 2))
            let padded = (length + 3) / 4 * 4
            guard at + 4 + padded <= end else { return nil }
            if code == 0 { break }
            if code == 9 {
                let value = idb[at + 4]
                guard length == 1, value & 0x80 == 0, value <= 9 else { return nil }
                resolution = (0..<value).reduce(1) { r, _ in r * 10 }
            } else if code == 14 {
                guard length == 8 else { return nil }
                let raw = little ? idb.le64(at + 4) : UInt64(idb.be32(at + 4)) << 32 | UInt64(idb.be32(at + 8))
                tsOffset = Int64(bitPattern: raw)
            }
            at += 4 + padded
        }
        self.path = path
        unitsPerSecond = resolution
        scale = 1_000_000_000 / resolution
        offsetSeconds = tsOffset
        maxCaptured = min(snapshot, 262_144)
        firstRecordOffset = offset
    }

    private static let hostIsBigEndian = 1.bigEndian == 1

    /// Reads packets from `offset` (a block's start), numbering them after `number`.
    func read(
        from offset: Int, number: inout Int, observer: (any ByteObserver)? = nil,
        _ body: (CaptureRecord, UnsafeRawBufferPointer) throws -> Void
    ) rethrows -> PcapRecordReader.Stop {
        guard let window = FileWindow(path: path) else { return .handOver(offset: offset) }
        window.observer = observer
        var blockOffset = offset
        while true {
            guard let header = window.view(at: blockOffset, count: 8) else {
                // A clean end, or a few stray bytes that libpcap names.
                return blockOffset == window.size ? .end : .handOver(offset: blockOffset)
            }
            let type = field(header, 0)
            let total = Int(field(header, 4))
            guard total >= 12, total % 4 == 0, total <= Self.largestBlock,
                let block = window.view(at: blockOffset, count: total), field(block, total - 4) == UInt32(total)
            else { return .handOver(offset: blockOffset) }
            switch type {
            case 6:
                // Interface ID, time stamp (high, low), captured and original lengths, then the packet.
                guard total >= 32, field(block, 8) == 0 else { return .handOver(offset: blockOffset) }
                let captured = Int(field(block, 20))
                guard captured <= maxCaptured, 28 + captured <= total - 4 else { return .handOver(offset: blockOffset) }
                let units = UInt64(field(block, 12)) << 32 | UInt64(field(block, 16))
                // libpcap's arithmetic, wrap-arounds included: unsigned seconds plus the interface's offset, then
                // the fraction scaled up to nanoseconds.
                let seconds = Int64(bitPattern: units / unitsPerSecond &+ UInt64(bitPattern: offsetSeconds))
                let nanos = Int64(units % unitsPerSecond * scale)
                number += 1
                let record = CaptureRecord(
                    number: number, timestamp: seconds &* 1_000_000_000 &+ nanos,
                    capturedLength: captured, wireLength: Int(field(block, 24)))
                try body(record, UnsafeRawBufferPointer(rebasing: block[28..<(28 + captured)]))
            case 0x0A0D_0D0A, 1, 2, 3:
                return .handOver(offset: blockOffset)
            default:
                // Statistics, name resolution, decryption secrets, custom blocks: libpcap skips them too.
                break
            }
            blockOffset += total
        }
    }

    private func field(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        let raw = bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)
        return swapped ? raw.byteSwapped : raw
    }
}
