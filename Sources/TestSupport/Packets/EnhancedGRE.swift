/// PPTP enhanced GRE header (RFC 2637 §4.1): version 1, protocol 0x880B, key = payload length + peer call ID.
public enum EnhancedGRE {
    public static let pppProtocolType: UInt16 = 0x880B

    /// - Parameters:
    ///   - callID: the Call ID of the side that receives the packet (the peer's Call ID).
    ///   - sequence: present (S bit) when a payload is carried; pass nil for an ack-only packet.
    ///   - acknowledgment: present (A bit) when given.
    public static func build(
        callID: UInt16, sequence: UInt32?, acknowledgment: UInt32?,
        payload: [UInt8]
    ) -> [UInt8] {
        var writer = ByteWriter(capacity: 16 + payload.count)
        var flags0: UInt8 = 0x20  // K
        if sequence != nil { flags0 |= 0x10 }  // S
        var flags1: UInt8 = 0x01  // version 1
        if acknowledgment != nil { flags1 |= 0x80 }  // A
        writer.u8(flags0)
        writer.u8(flags1)
        writer.be16(pppProtocolType)
        writer.be16(UInt16(truncatingIfNeeded: payload.count))
        writer.be16(callID)
        if let sequence { writer.be32(sequence) }
        if let acknowledgment { writer.be32(acknowledgment) }
        writer.append(payload)
        return writer.bytes
    }
}
