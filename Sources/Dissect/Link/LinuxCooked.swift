/// Linux "cooked" capture headers (`tcpdump -i any`): SLL (16 bytes) and SLL2 (20 bytes).
public struct LinuxCookedHeader: Sendable {
    public var version: Int
    public var packetType: UInt16
    public var addressType: UInt16
    public var protocolType: EtherType
    public var payloadOffset: Int

    static func decodeSLL(_ view: ByteView, at offset: Int) -> Result<LinuxCookedHeader, Malformation> {
        guard let type = view.u16(offset), let hatype = view.u16(offset + 2), let proto = view.u16(offset + 14)
        else { return .failure(Malformation(.sll, .truncated, at: offset, "shorter than 16 bytes")) }
        return .success(
            LinuxCookedHeader(
                version: 1, packetType: type, addressType: hatype,
                protocolType: EtherType(rawValue: proto), payloadOffset: offset + 16))
    }

    static func decodeSLL2(_ view: ByteView, at offset: Int) -> Result<LinuxCookedHeader, Malformation> {
        guard let proto = view.u16(offset), let hatype = view.u16(offset + 8), let type = view.u8(offset + 10),
            view.contains(offset, length: 20)
        else { return .failure(Malformation(.sll2, .truncated, at: offset, "shorter than 20 bytes")) }
        return .success(
            LinuxCookedHeader(
                version: 2, packetType: UInt16(type), addressType: hatype,
                protocolType: EtherType(rawValue: proto), payloadOffset: offset + 20))
    }
}

/// PPPoE session header (RFC 2516): version/type, code, session id, length, then a PPP protocol field.
public struct PPPoEHeader: Sendable {
    public var code: UInt8
    public var sessionID: UInt16
    public var length: UInt16
    public var payloadOffset: Int

    static func decode(_ view: ByteView, at offset: Int) -> Result<PPPoEHeader, Malformation> {
        guard let vt = view.u8(offset), let code = view.u8(offset + 1), let sid = view.u16(offset + 2),
            let len = view.u16(offset + 4)
        else { return .failure(Malformation(.pppoe, .truncated, at: offset, "shorter than 6 bytes")) }
        guard vt == 0x11 else { return .failure(Malformation(.pppoe, .badValue, at: offset, "version/type is not 1/1")) }
        return .success(PPPoEHeader(code: code, sessionID: sid, length: len, payloadOffset: offset + 6))
    }
}
