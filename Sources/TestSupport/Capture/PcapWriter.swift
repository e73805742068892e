/// Builds a classic libpcap file in memory.
///
/// Global header: magic (0xa1b2c3d4 µs or 0xa1b23c4d ns, written in the chosen byte order), version 2.4,
/// thiszone 0, sigfigs 0, snaplen, link type. Each record: ts_sec, ts_frac, caplen = min(len, snaplen), origlen.
public struct PcapWriter: Sendable {
    public let linkType: UInt32
    public let snaplen: UInt32
    public let precision: PcapPrecision
    public let byteOrder: CaptureByteOrder
    public private(set) var bytes: [UInt8]
    public private(set) var recordCount = 0
    /// Byte offset of the last record header written (useful to cut a file in the middle of it).
    public private(set) var lastRecordOffset: Int?

    public init(
        linkType: UInt32, snaplen: UInt32 = 262_144,
        precision: PcapPrecision = .microseconds, byteOrder: CaptureByteOrder = .little
    ) {
        self.linkType = linkType
        self.snaplen = snaplen
        self.precision = precision
        self.byteOrder = byteOrder
        var writer = ByteWriter(capacity: 24)
        let big = byteOrder.isBig
        writer.u32(precision == .microseconds ? 0xA1B2_C3D4 : 0xA1B2_3C4D, bigEndian: big)
        writer.u16(2, bigEndian: big)
        writer.u16(4, bigEndian: big)
        writer.u32(0, bigEndian: big)  // thiszone
        writer.u32(0, bigEndian: big)  // sigfigs
        writer.u32(snaplen, bigEndian: big)
        writer.u32(linkType, bigEndian: big)
        bytes = writer.bytes
    }

    /// Adds a record with an explicit seconds / fraction pair (fraction in µs or ns per `precision`).
    public mutating func add(_ packet: [UInt8], seconds: UInt32, fraction: UInt32) {
        let caplen = min(packet.count, Int(snaplen))
        var writer = ByteWriter(capacity: 16 + caplen)
        let big = byteOrder.isBig
        writer.u32(seconds, bigEndian: big)
        writer.u32(fraction, bigEndian: big)
        writer.u32(UInt32(caplen), bigEndian: big)
        writer.u32(UInt32(packet.count), bigEndian: big)
        writer.append(Array(packet.prefix(caplen)))
        lastRecordOffset = bytes.count
        bytes.append(contentsOf: writer.bytes)
        recordCount += 1
    }

    /// Adds a record stamped with nanoseconds since the epoch (rounded down to µs in a microsecond file).
    public mutating func add(_ packet: [UInt8], timestampNanos: UInt64) {
        let seconds = UInt32(truncatingIfNeeded: timestampNanos / 1_000_000_000)
        let nanos = UInt32(truncatingIfNeeded: timestampNanos % 1_000_000_000)
        add(packet, seconds: seconds, fraction: precision == .microseconds ? nanos / 1000 : nanos)
    }

    /// Builds a whole file from frames (the frames' interface index is ignored).
    public static func file(
        _ frames: [CapturedFrame], linkType: UInt32, snaplen: UInt32 = 262_144,
        precision: PcapPrecision = .microseconds,
        byteOrder: CaptureByteOrder = .little
    ) -> [UInt8] {
        var writer = PcapWriter(linkType: linkType, snaplen: snaplen, precision: precision, byteOrder: byteOrder)
        for frame in frames { writer.add(frame.bytes, timestampNanos: frame.timestampNanos) }
        return writer.bytes
    }
}
