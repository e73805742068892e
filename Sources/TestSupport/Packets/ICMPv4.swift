/// ICMPv4 builders (RFC 792, RFC 1191) with valid checksums.
public enum ICMPv4 {
    public enum UnreachableCode: UInt8, Sendable {
        case network = 0, host = 1, protocolUnreachable = 2, port = 3, fragmentationNeeded = 4
        case administrativelyProhibited = 13
    }

    /// Destination unreachable (type 3). For code 4 bytes 6–7 carry the next-hop MTU (RFC 1191).
    /// The body quotes the offending packet's IP header plus its first `quotedPayloadBytes` payload bytes.
    public static func destinationUnreachable(
        code: UnreachableCode, nextHopMTU: UInt16 = 0,
        quoting original: [UInt8], quotedPayloadBytes: Int = 8
    ) -> [UInt8] {
        let headerLength = original.isEmpty ? 0 : Int(original[0] & 0x0F) * 4
        let quote = Array(original.prefix(headerLength + quotedPayloadBytes))
        var writer = ByteWriter(capacity: 8 + quote.count)
        writer.u8(3)
        writer.u8(code.rawValue)
        writer.be16(0)
        writer.be16(0)  // unused
        writer.be16(code == .fragmentationNeeded ? nextHopMTU : 0)
        writer.append(quote)
        writer.patchBE16(InternetChecksum.compute(writer.bytes), at: 2)
        return writer.bytes
    }

    /// Echo request (type 8) or reply (type 0).
    public static func echo(reply: Bool, identifier: UInt16, sequence: UInt16, payload: [UInt8]) -> [UInt8] {
        var writer = ByteWriter(capacity: 8 + payload.count)
        writer.u8(reply ? 0 : 8)
        writer.u8(0)
        writer.be16(0)
        writer.be16(identifier)
        writer.be16(sequence)
        writer.append(payload)
        writer.patchBE16(InternetChecksum.compute(writer.bytes), at: 2)
        return writer.bytes
    }
}
