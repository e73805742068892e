/// GRE: version 0 (RFC 2784/2890: checksum, key, sequence) and PPTP's enhanced GRE, version 1 (RFC 2637 §4.1:
/// key = payload length + call ID, sequence when a payload is present, acknowledgment when the A bit is set).
public struct GREHeader: Sendable {
    public var flagsAndVersion: UInt16
    public var protocolType: EtherType
    public var checksum: UInt16?
    public var key: UInt32?
    public var sequence: UInt32?
    public var acknowledgment: UInt32?
    public var offset: Int
    public var headerLength: Int
    public var payload: Range<Int>

    public var version: UInt8 { UInt8(flagsAndVersion & 0x7) }
    public var isEnhanced: Bool { version == 1 }
    public var checksumPresent: Bool { flagsAndVersion & 0x8000 != 0 }
    public var routingPresent: Bool { flagsAndVersion & 0x4000 != 0 }
    public var keyPresent: Bool { flagsAndVersion & 0x2000 != 0 }
    public var sequencePresent: Bool { flagsAndVersion & 0x1000 != 0 }
    public var ackPresent: Bool { flagsAndVersion & 0x0080 != 0 }
    /// Enhanced GRE: bytes of PPP after the header (high half of the key).
    public var payloadLength: UInt16? { isEnhanced ? key.map { UInt16($0 >> 16) } : nil }
    /// Enhanced GRE: the receiving side's Call ID (low half of the key).
    public var callID: UInt16? { isEnhanced ? key.map { UInt16(truncatingIfNeeded: $0) } : nil }
    /// Enhanced GRE with no payload: only acknowledges the peer's packets.
    public var isAckOnly: Bool { isEnhanced && !sequencePresent && (payloadLength ?? 0) == 0 }

    static func decode(_ view: ByteView, at offset: Int, end: Int) -> Result<GREHeader, Malformation> {
        guard let flags = view.u16(offset), let proto = view.u16(offset + 2) else {
            return .failure(Malformation(.gre, .truncated, at: offset, "shorter than 4 bytes"))
        }
        var header = GREHeader(
            flagsAndVersion: flags, protocolType: EtherType(rawValue: proto),
            offset: offset, headerLength: 4, payload: end..<end)
        var cursor = offset + 4
        let version = flags & 0x7
        guard version <= 1 else { return .failure(Malformation(.gre, .badValue, at: offset, "unknown GRE version")) }
        if version == 1 {
            // RFC 2637: C, R and s must be 0, K must be 1, the protocol must be PPP.
            guard flags & 0x2000 != 0, flags & 0xC800 == 0 else {
                return .failure(Malformation(.gre, .badValue, at: offset, "enhanced GRE flags invalid"))
            }
        }
        if header.checksumPresent || header.routingPresent {
            guard let sum = view.u16(cursor) else {
                return .failure(Malformation(.gre, .truncated, at: cursor, "checksum cut short"))
            }
            header.checksum = sum
            cursor += 4
        }
        if header.keyPresent {
            guard let key = view.u32(cursor) else { return .failure(Malformation(.gre, .truncated, at: cursor, "key cut short")) }
            header.key = key
            cursor += 4
        }
        if header.sequencePresent {
            guard let seq = view.u32(cursor) else {
                return .failure(Malformation(.gre, .truncated, at: cursor, "sequence number cut short"))
            }
            header.sequence = seq
            cursor += 4
        }
        if version == 1, header.ackPresent {
            guard let ack = view.u32(cursor) else {
                return .failure(Malformation(.gre, .truncated, at: cursor, "acknowledgment number cut short"))
            }
            header.acknowledgment = ack
            cursor += 4
        }
        if header.routingPresent {
            return .failure(Malformation(.gre, .badValue, at: offset, "source routing is not supported"))
        }
        header.headerLength = cursor - offset
        var payloadEnd = end
        if version == 1, let plen = header.payloadLength {
            // The key's length field bounds the PPP payload; the captured bytes bound it again.
            payloadEnd = min(end, cursor + Int(plen))
        }
        header.payload = min(cursor, payloadEnd)..<max(cursor, payloadEnd)
        return .success(header)
    }
}
