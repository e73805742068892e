/// A 48-bit Ethernet MAC address.
public struct MACAddress: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8, _ b4: UInt8, _ b5: UInt8) {
        bytes = [b0, b1, b2, b3, b4, b5]
    }

    public static let broadcast = MACAddress(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)

    public var description: String {
        bytes.map { [$0].hexString }.joined(separator: ":")
    }
}

/// An IPv4 address held as its 32-bit value.
public struct IPv4Address: Hashable, Sendable, CustomStringConvertible {
    public let value: UInt32

    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    public init(value: UInt32) { self.value = value }

    public static let any = IPv4Address(0, 0, 0, 0)

    public var bytes: [UInt8] {
        [
            UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
            UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value),
        ]
    }

    public var description: String { bytes.map(String.init).joined(separator: ".") }
}

/// An IPv6 address as 16 bytes.
public struct IPv6Address: Hashable, Sendable {
    public let bytes: [UInt8]

    /// Builds the address from eight 16-bit groups, e.g. `IPv6Address(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)`.
    public init(
        _ g0: UInt16, _ g1: UInt16, _ g2: UInt16, _ g3: UInt16,
        _ g4: UInt16, _ g5: UInt16, _ g6: UInt16, _ g7: UInt16
    ) {
        var writer = ByteWriter(capacity: 16)
        for group in [g0, g1, g2, g3, g4, g5, g6, g7] { writer.be16(group) }
        bytes = writer.bytes
    }
}
