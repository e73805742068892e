public struct MACAddress: Hashable, Sendable, CustomStringConvertible {
    /// The six bytes in the low 48 bits.
    public var raw: UInt64
    public init(raw: UInt64) { self.raw = raw }
    init?(_ view: ByteView, at offset: Int) {
        guard let hi = view.u16(offset), let lo = view.u32(offset + 2) else { return nil }
        raw = UInt64(hi) << 32 | UInt64(lo)
    }
    public var description: String {
        String(unsafeUninitializedCapacity: 17) { buf in
            for i in 0..<6 {
                let byte = UInt8(truncatingIfNeeded: raw >> (8 * UInt64(5 - i)))
                let hi = byte >> 4
                let lo = byte & 0xF
                buf[i * 3] = hi < 10 ? 0x30 + hi : 0x57 + hi
                buf[i * 3 + 1] = lo < 10 ? 0x30 + lo : 0x57 + lo
                if i < 5 { buf[i * 3 + 2] = UInt8(ascii: ":") }
            }
            return 17
        }
    }
}

public enum IPAddress: Hashable, Sendable, CustomStringConvertible, Comparable {
    case v4(UInt32)
    case v6(UInt64, UInt64)

    public var description: String {
        switch self {
        case .v4(let a):
            return "\(a >> 24).\(a >> 16 & 0xFF).\(a >> 8 & 0xFF).\(a & 0xFF)"
        case .v6(let hi, let lo):
            return IPAddress.formatV6(hi, lo)
        }
    }

    public var isPrivate: Bool {
        switch self {
        case .v4(let a):
            return a >> 24 == 10 || a >> 20 == 0xAC1 || a >> 16 == 0xC0A8 || a >> 22 == (100 << 2 | 1)
                || a >> 24 == 127 || a >> 16 == 0xA9FE
        case .v6(let hi, _):
            return hi >> 57 == 0x7E || hi >> 54 == 0x3FA || (hi == 0)
        }
    }

    /// RFC 5952 text form: lowercase, longest run of zero groups (length ≥ 2) as "::".
    static func formatV6(_ hi: UInt64, _ lo: UInt64) -> String {
        var groups = [UInt16]()
        for i in 0..<4 { groups.append(UInt16(truncatingIfNeeded: hi >> (48 - 16 * UInt64(i)))) }
        for i in 0..<4 { groups.append(UInt16(truncatingIfNeeded: lo >> (48 - 16 * UInt64(i)))) }
        var bestStart = -1
        var bestLen = 0
        var curStart = -1
        var curLen = 0
        for (i, g) in groups.enumerated() {
            if g == 0 {
                if curStart < 0 {
                    curStart = i
                    curLen = 0
                }
                curLen += 1
                if curLen > bestLen {
                    bestLen = curLen
                    bestStart = curStart
                }
            } else {
                curStart = -1
                curLen = 0
            }
        }
        if bestLen < 2 { return groups.map { String($0, radix: 16) }.joined(separator: ":") }
        let head = groups[0..<bestStart].map { String($0, radix: 16) }.joined(separator: ":")
        let tail = groups[(bestStart + bestLen)...].map { String($0, radix: 16) }.joined(separator: ":")
        return head + "::" + tail
    }

    public static func < (a: IPAddress, b: IPAddress) -> Bool {
        switch (a, b) {
        case (.v4(let x), .v4(let y)): return x < y
        case (.v4, .v6): return true
        case (.v6, .v4): return false
        case (.v6(let h1, let l1), .v6(let h2, let l2)): return (h1, l1) < (h2, l2)
        }
    }
}
