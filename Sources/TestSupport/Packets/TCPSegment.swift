/// TCP flag bits.
public struct TCPFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let fin = TCPFlags(rawValue: 0x01)
    public static let syn = TCPFlags(rawValue: 0x02)
    public static let rst = TCPFlags(rawValue: 0x04)
    public static let psh = TCPFlags(rawValue: 0x08)
    public static let ack = TCPFlags(rawValue: 0x10)
}

/// Where a transport checksum is computed: the addresses of the enclosing IP header.
public enum ChecksumContext: Sendable {
    case v4(source: IPv4Address, destination: IPv4Address)
    case v6(source: IPv6Address, destination: IPv6Address)

    func pseudoSum(protocolNumber: UInt8, length: Int) -> UInt32 {
        switch self {
        case .v4(let source, let destination):
            return IPPacket.pseudoHeaderSum(
                source: source, destination: destination,
                protocolNumber: protocolNumber, length: length)
        case .v6(let source, let destination):
            return IPPacket.pseudoHeaderSum(
                source: source, destination: destination,
                nextHeader: protocolNumber, length: length)
        }
    }
}

/// TCP segment builder (RFC 793) with a valid checksum over the pseudo-header.
public enum TCPSegment {
    /// - Parameter mss: when set, an MSS option (kind 2, length 4) is added; use it on SYN segments.
    public static func build(
        sourcePort: UInt16, destinationPort: UInt16, sequence: UInt32, acknowledgment: UInt32,
        flags: TCPFlags, window: UInt16 = 64_240, mss: UInt16? = nil,
        payload: [UInt8] = [], context: ChecksumContext
    ) -> [UInt8] {
        let optionsLength = mss == nil ? 0 : 4
        let headerLength = 20 + optionsLength
        var writer = ByteWriter(capacity: headerLength + payload.count)
        writer.be16(sourcePort)
        writer.be16(destinationPort)
        writer.be32(sequence)
        writer.be32(flags.contains(.ack) ? acknowledgment : 0)
        writer.u8(UInt8(headerLength / 4) << 4)
        writer.u8(flags.rawValue)
        writer.be16(window)
        writer.be16(0)  // checksum, patched below
        writer.be16(0)  // urgent pointer
        if let mss {
            writer.u8(2)
            writer.u8(4)
            writer.be16(mss)
        }
        writer.append(payload)
        let sum = context.pseudoSum(protocolNumber: IPProtocol.tcp, length: writer.count)
        writer.patchBE16(InternetChecksum.compute(writer.bytes, pseudoHeaderSum: sum), at: 16)
        return writer.bytes
    }
}

/// UDP datagram builder (RFC 768) with a valid checksum.
public enum UDPDatagram {
    public static func build(
        sourcePort: UInt16, destinationPort: UInt16, payload: [UInt8],
        context: ChecksumContext
    ) -> [UInt8] {
        var writer = ByteWriter(capacity: 8 + payload.count)
        writer.be16(sourcePort)
        writer.be16(destinationPort)
        writer.be16(UInt16(truncatingIfNeeded: 8 + payload.count))
        writer.be16(0)
        writer.append(payload)
        let sum = context.pseudoSum(protocolNumber: IPProtocol.udp, length: writer.count)
        var checksum = InternetChecksum.compute(writer.bytes, pseudoHeaderSum: sum)
        if checksum == 0 { checksum = 0xFFFF }  // 0 means "no checksum" in UDP
        writer.patchBE16(checksum, at: 6)
        return writer.bytes
    }
}
