/// Builds Microsoft Network Monitor 2.x files (the layout Wireshark's netmon writer produces: a 128-byte header,
/// the frames, then the frame table), with handles to damage them: the frame table's place and length can be set
/// to anything, and frames can be given any length fields. Real files for the differential tests come from
/// `editcap -F netmon2` (Fixtures/formats); this builder is for the files editcap would never write.
public struct NetmonWriter: Sendable {
    public struct Frame: Sendable {
        public var bytes: [UInt8]
        /// Microseconds since the header's start time.
        public var offsetMicros: UInt64
        public var wireLength: UInt32?
        /// Overrides the captured-length field (the bytes written stay `bytes`).
        public var capturedLengthField: UInt32?
        /// Network Monitor media type for the 2.1+ trailer.
        public var mediaType: UInt16
        /// The 2.3 trailer's UTC time (a FILETIME: 100-ns units since 1601); 0 leaves it unset.
        public var utcFileTime: UInt64

        public init(
            _ bytes: [UInt8], offsetMicros: UInt64, wireLength: UInt32? = nil, capturedLengthField: UInt32? = nil,
            mediaType: UInt16 = 1, utcFileTime: UInt64 = 0
        ) {
            self.bytes = bytes
            self.offsetMicros = offsetMicros
            self.wireLength = wireLength
            self.capturedLengthField = capturedLengthField
            self.mediaType = mediaType
            self.utcFileTime = utcFileTime
        }
    }

    public var minor: UInt8
    public var frames: [Frame] = []
    /// Header media type (1 = Ethernet).
    public var mediaType: UInt16 = 1
    /// Start time, written as a SYSTEMTIME: 2026-01-05 10:00:00.000.
    public var start: (year: UInt16, month: UInt16, day: UInt16, hour: UInt16, minute: UInt16, second: UInt16, ms: UInt16) = (
        2026, 1, 5, 10, 0, 0, 0
    )
    /// Replaces the frame table offset / length fields in the header.
    public var tableOffsetField: UInt32?
    public var tableLengthField: UInt32?
    /// Replaces single frame-table entries (index → file offset).
    public var tableEntries: [Int: UInt32] = [:]

    public init(minor: UInt8 = 0) { self.minor = minor }

    private var trailerLength: Int { minor == 0 ? 0 : minor == 1 ? 2 : minor == 2 ? 6 : 15 }

    public var bytes: [UInt8] {
        var body = ByteWriter()
        var offsets: [UInt32] = []
        for frame in frames {
            offsets.append(UInt32(128 + body.count))
            body.le32(UInt32(truncatingIfNeeded: frame.offsetMicros))
            body.le32(UInt32(truncatingIfNeeded: frame.offsetMicros >> 32))
            body.le32(frame.wireLength ?? UInt32(frame.bytes.count))
            body.le32(frame.capturedLengthField ?? UInt32(frame.bytes.count))
            body.append(frame.bytes)
            if trailerLength > 0 {
                body.le16(frame.mediaType)
                if trailerLength == 15 {
                    body.le32(0)  // process index
                    body.le32(UInt32(truncatingIfNeeded: frame.utcFileTime))
                    body.le32(UInt32(truncatingIfNeeded: frame.utcFileTime >> 32))
                    body.u8(0)  // time zone index
                } else {
                    body.append([UInt8](repeating: 0, count: trailerLength - 2))
                }
            }
        }
        for (index, offset) in tableEntries where offsets.indices.contains(index) { offsets[index] = offset }
        var header = ByteWriter()
        header.append(Array("GMBU".utf8))
        header.u8(minor)
        header.u8(2)
        header.le16(mediaType)
        for field in [start.year, start.month, 1, start.day, start.hour, start.minute, start.second, start.ms] {
            header.le16(field)
        }
        header.le32(tableOffsetField ?? UInt32(128 + body.count))
        header.le32(tableLengthField ?? UInt32(offsets.count * 4))
        header.append([UInt8](repeating: 0, count: 128 - header.count))
        var table = ByteWriter()
        for offset in offsets { table.le32(offset) }
        return header.bytes + body.bytes + table.bytes
    }
}
