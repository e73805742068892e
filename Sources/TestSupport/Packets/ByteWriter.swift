/// Appends integers and strings to a byte array in network (big-endian) or little-endian order.
///
/// Every builder in TestSupport produces `[UInt8]` through this type, so byte order is decided in one place.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }

    public mutating func u8(_ value: UInt8) { bytes.append(value) }

    public mutating func be16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    public mutating func be32(_ value: UInt32) {
        be16(UInt16(truncatingIfNeeded: value >> 16))
        be16(UInt16(truncatingIfNeeded: value))
    }

    public mutating func le16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    public mutating func le32(_ value: UInt32) {
        le16(UInt16(truncatingIfNeeded: value))
        le16(UInt16(truncatingIfNeeded: value >> 16))
    }

    public mutating func u16(_ value: UInt16, bigEndian: Bool) {
        if bigEndian { be16(value) } else { le16(value) }
    }

    public mutating func u32(_ value: UInt32, bigEndian: Bool) {
        if bigEndian { be32(value) } else { le32(value) }
    }

    public mutating func u64(_ value: UInt64, bigEndian: Bool) {
        let high = UInt32(truncatingIfNeeded: value >> 32)
        let low = UInt32(truncatingIfNeeded: value)
        if bigEndian {
            be32(high)
            be32(low)
        } else {
            le32(low)
            le32(high)
        }
    }

    public mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    public mutating func zeros(_ n: Int) {
        if n > 0 { bytes.append(contentsOf: repeatElement(0, count: n)) }
    }

    /// A fixed-size field holding `text` in ASCII/UTF-8, NUL-padded (and cut) to `size` bytes.
    public mutating func paddedString(_ text: String, size: Int) {
        var field = Array(text.utf8.prefix(size))
        field.append(contentsOf: repeatElement(0, count: size - field.count))
        bytes.append(contentsOf: field)
    }

    /// Pads with zero bytes up to a multiple of `alignment`.
    public mutating func align(to alignment: Int) {
        let rest = bytes.count % alignment
        if rest != 0 { zeros(alignment - rest) }
    }

    /// Overwrites two bytes at `offset` in network order (used to patch length and checksum fields).
    public mutating func patchBE16(_ value: UInt16, at offset: Int) {
        bytes[offset] = UInt8(truncatingIfNeeded: value >> 8)
        bytes[offset + 1] = UInt8(truncatingIfNeeded: value)
    }
}

extension Array where Element == UInt8 {
    /// Lower-case hexadecimal text of the bytes, no separators.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Upper-case hexadecimal text (the form MS-CHAPv2 messages use).
    public var upperHexString: String { hexString.uppercased() }
}
