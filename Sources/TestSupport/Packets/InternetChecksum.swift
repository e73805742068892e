/// The RFC 1071 one's-complement checksum used by IPv4, ICMP, TCP and UDP.
public enum InternetChecksum {
    /// One's-complement sum of 16-bit big-endian words (odd trailing byte padded with zero), not yet inverted.
    public static func partialSum(_ bytes: [UInt8], initial: UInt32 = 0) -> UInt32 {
        var sum = initial
        var index = 0
        while index + 1 < bytes.count {
            sum &+= UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
            index += 2
        }
        if index < bytes.count { sum &+= UInt32(bytes[index]) << 8 }
        while sum > 0xFFFF { sum = (sum & 0xFFFF) &+ (sum >> 16) }
        return sum
    }

    /// The checksum field value for `bytes` (whose checksum field must be zero), after an optional pseudo-header sum.
    public static func compute(_ bytes: [UInt8], pseudoHeaderSum: UInt32 = 0) -> UInt16 {
        let sum = partialSum(bytes, initial: pseudoHeaderSum)
        var folded = sum
        while folded > 0xFFFF { folded = (folded & 0xFFFF) &+ (folded >> 16) }
        return ~UInt16(truncatingIfNeeded: folded)
    }

    /// True when the data (checksum field included) sums to 0xFFFF, i.e. the checksum verifies.
    public static func verifies(_ bytes: [UInt8], pseudoHeaderSum: UInt32 = 0) -> Bool {
        partialSum(bytes, initial: pseudoHeaderSum) == 0xFFFF
    }
}
