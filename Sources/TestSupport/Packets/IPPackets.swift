/// IP protocol numbers used by the fixtures.
public enum IPProtocol {
    public static let icmp: UInt8 = 1
    public static let tcp: UInt8 = 6
    public static let udp: UInt8 = 17
    public static let gre: UInt8 = 47
    public static let icmpv6: UInt8 = 58
}

/// IPv4 and IPv6 packet builders.
public enum IPPacket {
    /// IPv4 packet with a 20-byte header (no options) and a valid header checksum.
    public static func v4(
        source: IPv4Address, destination: IPv4Address, protocolNumber: UInt8,
        ttl: UInt8 = 64, identification: UInt16 = 0, dontFragment: Bool = true,
        tos: UInt8 = 0, payload: [UInt8]
    ) -> [UInt8] {
        var header = ByteWriter(capacity: 20 + payload.count)
        header.u8(0x45)
        header.u8(tos)
        header.be16(UInt16(truncatingIfNeeded: 20 + payload.count))
        header.be16(identification)
        header.be16(dontFragment ? 0x4000 : 0)
        header.u8(ttl)
        header.u8(protocolNumber)
        header.be16(0)
        header.append(source.bytes)
        header.append(destination.bytes)
        header.patchBE16(InternetChecksum.compute(header.bytes), at: 10)
        header.append(payload)
        return header.bytes
    }

    /// IPv6 packet with the 40-byte basic header and no extension headers.
    public static func v6(
        source: IPv6Address, destination: IPv6Address, nextHeader: UInt8,
        hopLimit: UInt8 = 64, trafficClass: UInt8 = 0, flowLabel: UInt32 = 0,
        payload: [UInt8]
    ) -> [UInt8] {
        var writer = ByteWriter(capacity: 40 + payload.count)
        writer.be32(6 << 28 | UInt32(trafficClass) << 20 | (flowLabel & 0xF_FFFF))
        writer.be16(UInt16(truncatingIfNeeded: payload.count))
        writer.u8(nextHeader)
        writer.u8(hopLimit)
        writer.append(source.bytes)
        writer.append(destination.bytes)
        writer.append(payload)
        return writer.bytes
    }

    /// Sum of the IPv4 pseudo-header (RFC 793 / 768) for a transport checksum.
    public static func pseudoHeaderSum(
        source: IPv4Address, destination: IPv4Address,
        protocolNumber: UInt8, length: Int
    ) -> UInt32 {
        var writer = ByteWriter(capacity: 12)
        writer.append(source.bytes)
        writer.append(destination.bytes)
        writer.u8(0)
        writer.u8(protocolNumber)
        writer.be16(UInt16(truncatingIfNeeded: length))
        return InternetChecksum.partialSum(writer.bytes)
    }

    /// Sum of the IPv6 pseudo-header (RFC 8200 §8.1).
    public static func pseudoHeaderSum(
        source: IPv6Address, destination: IPv6Address,
        nextHeader: UInt8, length: Int
    ) -> UInt32 {
        var writer = ByteWriter(capacity: 40)
        writer.append(source.bytes)
        writer.append(destination.bytes)
        writer.be32(UInt32(truncatingIfNeeded: length))
        writer.zeros(3)
        writer.u8(nextHeader)
        return InternetChecksum.partialSum(writer.bytes)
    }
}
