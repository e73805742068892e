/// The PPP header as it appears in enhanced GRE, PPPoE and on serial links: optional address/control
/// `FF 03`, then a 2-byte protocol, or a 1-byte one under protocol-field compression (odd first byte).
public struct PPPFrame: Sendable {
    public var hasAddressControl: Bool
    public var proto: PPPProtocol
    public var protocolFieldCompressed: Bool
    /// Direction from the "PPP with direction" link type (0 = received/DCE→DTE … as libpcap records it).
    public var direction: UInt8?
    public var offset: Int
    public var payload: Range<Int>

    static func decode(_ view: ByteView, at offset: Int, end: Int, allowAddressControl: Bool = true)
        -> Result<PPPFrame, Malformation>
    {
        var cursor = offset
        var ac = false
        if allowAddressControl, view.u8(cursor) == 0xFF, view.u8(cursor + 1) == 0x03 {
            guard cursor + 2 < end else {
                return .failure(Malformation(.ppp, .truncated, at: offset, "no protocol field after FF 03"))
            }
            ac = true
            cursor += 2
        }
        guard cursor < end, let first = view.u8(cursor) else {
            return .failure(Malformation(.ppp, .truncated, at: offset, "no protocol field"))
        }
        var proto: UInt16
        var compressed = false
        if first & 1 == 1 {
            proto = UInt16(first)
            compressed = true
            cursor += 1
        } else {
            guard cursor + 2 <= end, let p = view.u16(cursor) else {
                return .failure(Malformation(.ppp, .truncated, at: cursor, "protocol field cut short"))
            }
            proto = p
            cursor += 2
        }
        return .success(
            PPPFrame(
                hasAddressControl: ac, proto: PPPProtocol(rawValue: proto),
                protocolFieldCompressed: compressed, offset: offset, payload: cursor..<end))
    }
}
