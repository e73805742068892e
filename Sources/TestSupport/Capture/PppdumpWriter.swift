/// Builds a pppd `record` file (the format `pppdump` reads) from PPP frames: each frame is async-HDLC framed
/// (flags, escapes of 0x7E, 0x7D and every control character, FCS-16) and written as one or more data records
/// of its direction, with time records in between. Tests use it to check the reader against known frames and
/// against tshark, and to build damaged files.
public struct PppdumpWriter: Sendable {
    public enum Direction: Sendable {
        /// Sent by the host that recorded (tag 1; LINKTYPE_PPP_WITH_DIR's 0x01).
        case sent
        /// Received by it (tag 2; 0x00).
        case received
    }

    public private(set) var bytes: [UInt8] = []

    /// Starts the file with pppd's absolute-time record.
    public init(startSeconds: UInt32) {
        var w = ByteWriter()
        w.u8(7)
        w.be32(startSeconds)
        bytes = w.bytes
    }

    /// A time step in tenths of a second (the 1-byte record when it fits, else the 4-byte one).
    public mutating func advance(tenths: UInt32) {
        var w = ByteWriter()
        if tenths <= 0xFF {
            w.u8(6)
            w.u8(UInt8(tenths))
        } else {
            w.u8(5)
            w.be32(tenths)
        }
        bytes += w.bytes
    }

    /// One PPP frame (address and control included if wanted), framed and split into data records of at most
    /// `recordSize` bytes. `badFCS` spoils the checksum; `endRecord` adds the end-of-frame record after it.
    public mutating func add(
        _ frame: [UInt8], _ direction: Direction, recordSize: Int = 1024, badFCS: Bool = false,
        endRecord: Bool = false
    ) {
        addData(Self.hdlc(frame, badFCS: badFCS), direction, recordSize: recordSize)
        if endRecord { bytes.append(direction == .sent ? 3 : 4) }
    }

    /// Raw line bytes as data records of one direction, split at `recordSize`.
    public mutating func addData(_ data: [UInt8], _ direction: Direction, recordSize: Int = 1024) {
        var start = 0
        let size = max(1, min(recordSize, 0xFFFF))
        while start < data.count {
            let end = min(start + size, data.count)
            var w = ByteWriter()
            w.u8(direction == .sent ? 1 : 2)
            w.be16(UInt16(end - start))
            bytes += w.bytes
            bytes += data[start..<end]
            start = end
        }
    }

    /// Anything else (a record with a forged length, an unknown tag …).
    public mutating func appendRaw(_ raw: [UInt8]) { bytes += raw }

    /// RFC 1662 async-HDLC framing: flag, the frame and its FCS with 0x7E, 0x7D and control characters escaped, flag.
    public static func hdlc(_ frame: [UInt8], badFCS: Bool = false) -> [UInt8] {
        var fcs = ~fcs16(frame)
        if badFCS { fcs ^= 0x5A5A }
        let body = frame + [UInt8(fcs & 0xFF), UInt8(fcs >> 8)]
        var out: [UInt8] = [0x7E]
        for b in body {
            if b == 0x7E || b == 0x7D || b < 0x20 {
                out.append(0x7D)
                out.append(b ^ 0x20)
            } else {
                out.append(b)
            }
        }
        out.append(0x7E)
        return out
    }

    /// FCS-16 (RFC 1662) of `bytes`, before the final complement.
    public static func fcs16(_ bytes: [UInt8]) -> UInt16 {
        var fcs: UInt16 = 0xFFFF
        for b in bytes {
            fcs ^= UInt16(b)
            for _ in 0..<8 { fcs = fcs & 1 != 0 ? (fcs >> 1) ^ 0x8408 : fcs >> 1 }
        }
        return fcs
    }
}
