import CPPTPPcap

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the records of a classic pcap file straight from large `pread` buffers, for the common case where libpcap
/// would hand them over unchanged: an Ethernet file, no BPF filter. libpcap reads each record with two `fread`
/// calls through a small stdio buffer and copies the bytes once more into its own; here a record is a view into
/// the buffer the kernel filled, and a whole capture costs a few hundred system calls instead of one per 4 KiB.
///
/// It delivers exactly what `pcap_next_ex` would (nanosecond timestamps, the same lengths) and stops at the
/// first record libpcap would treat in any special way: a captured length above the snapshot length or libpcap's
/// maximum, a record cut off by the end of the file, a read error. `CaptureReader` then hands the file back to
/// libpcap at that record's offset, so its truncation messages and its truncating of oversized records stay
/// word for word what they were.
struct PcapRecordReader {
    enum Stop {
        /// The file ended after a whole record.
        case end
        /// libpcap should go on from this byte offset (a record's start).
        case handOver(offset: Int)
    }

    /// Large enough for any record libpcap accepts (16 + 262,144 bytes) with room to spare.
    static let bufferSize = 1 << 19

    let path: String
    let swapped: Bool
    let nanosecond: Bool
    /// Largest captured length delivered as is (libpcap's snapshot length, at most its maximum).
    let maxCaptured: Int

    /// The reader for a file libpcap opened, when the shortcut applies; nil otherwise. `snapshot` is libpcap's
    /// (`pcap_snapshot`, already adjusted from the file header's).
    init?(path: String, linkType: UInt32, snapshot: Int) {
        // Ethernet only: libpcap rewrites some other link types' pseudo-headers on the way (USB, NFLOG …).
        guard linkType == 1, snapshot > 0, let header = Self.fileHeader(path) else { return nil }
        let magic = UInt32(header[0]) << 24 | UInt32(header[1]) << 16 | UInt32(header[2]) << 8 | UInt32(header[3])
        // The magic number as the file's first four bytes spell it big-endian.
        let bigEndianFile: Bool
        switch magic {
        case 0xA1B2_C3D4: (bigEndianFile, nanosecond) = (true, false)
        case 0xD4C3_B2A1: (bigEndianFile, nanosecond) = (false, false)
        case 0xA1B2_3C4D: (bigEndianFile, nanosecond) = (true, true)
        case 0x4D3C_B2A1: (bigEndianFile, nanosecond) = (false, true)
        default: return nil
        }
        swapped = bigEndianFile != Self.hostIsBigEndian
        // Version 2.4 and later only: before it libpcap may swap the two length fields of a record.
        let major = bigEndianFile ? UInt16(header[4]) << 8 | UInt16(header[5]) : UInt16(header[5]) << 8 | UInt16(header[4])
        let minor = bigEndianFile ? UInt16(header[6]) << 8 | UInt16(header[7]) : UInt16(header[7]) << 8 | UInt16(header[6])
        guard major == 2, minor >= 4 else { return nil }
        self.path = path
        maxCaptured = min(snapshot, 262_144)
    }

    private static func fileHeader(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // A regular file only: a pipe or a device is read once, in order, by libpcap alone.
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        var header = [UInt8](repeating: 0, count: 24)
        let n = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 24, 0) }
        return n == 24 ? header : nil
    }

    private static let hostIsBigEndian = 1.bigEndian == 1

    /// Reads records from `offset` (a record's start), numbering them after `number`.
    func read(
        from offset: Int, number: inout Int, observer: (any ByteObserver)? = nil,
        _ body: (CaptureRecord, UnsafeRawBufferPointer) throws -> Void
    ) rethrows -> Stop {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .handOver(offset: offset) }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        // buffer[start..<end] holds the file's bytes from `recordOffset` on.
        var start = 0
        var end = 0
        var recordOffset = offset
        var atEOF = false

        /// Moves what is left to the front and reads more; false when nothing more could be read.
        func refill() -> Bool {
            guard !atEOF else { return false }
            let left = end - start
            if left > 0, start > 0, let base = buffer.baseAddress {
                base.copyMemory(from: base + start, byteCount: left)
            }
            start = 0
            end = left
            while end < buffer.count, let base = buffer.baseAddress {
                let n = pread(fd, base + end, buffer.count - end, off_t(recordOffset + end))
                if n < 0, errno == EINTR { continue }
                if n <= 0 {
                    atEOF = true
                    break
                }
                observer?.observe(UnsafeRawBufferPointer(start: base + end, count: n), at: recordOffset + end)
                end += n
            }
            return end > left
        }

        while true {
            if end - start < 16 {
                _ = refill()
                // Nothing left: a clean end. A few stray bytes: libpcap says how the file is cut.
                if end - start < 16 { return end == start ? .end : .handOver(offset: recordOffset) }
            }
            let header = UnsafeRawBufferPointer(rebasing: buffer[start..<(start + 16)])
            let captured = Int(field(header, 8))
            let wire = Int(field(header, 12))
            guard captured <= maxCaptured else { return .handOver(offset: recordOffset) }
            let length = 16 + captured
            if end - start < length {
                _ = refill()
                if end - start < length { return .handOver(offset: recordOffset) }
            }
            // libpcap's record header holds signed 32-bit seconds and fraction, widened with their sign; a
            // microsecond fraction is scaled to nanoseconds (the precision CaptureReader opens files with).
            let header2 = UnsafeRawBufferPointer(rebasing: buffer[start..<(start + 16)])
            let seconds = Int64(Int32(bitPattern: field(header2, 0)))
            let fraction = Int64(Int32(bitPattern: field(header2, 4)))
            number += 1
            let record = CaptureRecord(
                number: number,
                timestamp: seconds &* 1_000_000_000 &+ (nanosecond ? fraction : fraction &* 1000),
                capturedLength: captured, wireLength: wire)
            try body(record, UnsafeRawBufferPointer(rebasing: buffer[(start + 16)..<(start + length)]))
            start += length
            recordOffset += length
        }
    }

    private func field(_ header: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        let raw = header.loadUnaligned(fromByteOffset: at, as: UInt32.self)
        return swapped ? raw.byteSwapped : raw
    }
}
