/// One PPTP control message (RFC 2637 §2) found in a TCP payload. Fixed fields are decoded; the strings
/// (host name, vendor, phone number, subaddress, call statistics) stay ranges into the packet.
public struct PPTPControlMessage: Sendable {
    public static let magicCookie: UInt32 = 0x1A2B3C4D
    public static let headerLength = 12

    public var offset: Int
    public var length: Int
    public var pptpType: UInt16
    public var cookie: UInt32
    public var type: PPTPMessageType

    public var protocolVersion: UInt16?
    public var resultCode: UInt8?
    public var errorCode: UInt8?
    public var causeCode: UInt16?
    public var reason: UInt8?
    public var identifier: UInt32?
    public var callID: UInt16?
    public var peerCallID: UInt16?
    public var callSerial: UInt16?
    public var hostName: Range<Int>?
    public var vendorName: Range<Int>?
    public var firmwareRevision: UInt16?

    /// Reads the 12-byte header at `offset` and, when the whole message is present, its body.
    /// `.failure` with `.truncated` means the message continues past `end` (reassembly's job). `end` may lie
    /// past the captured bytes (a segment cut by the snapshot length): the message is then decoded as far as
    /// the captured bytes go, and the fields beyond them stay nil.
    public static func decode(_ view: ByteView, at offset: Int, end: Int) -> Result<PPTPControlMessage, Malformation> {
        guard offset + headerLength <= end, let len = view.u16(offset), let ptype = view.u16(offset + 2),
            let cookie = view.u32(offset + 4), let ctype = view.u16(offset + 8)
        else { return .failure(Malformation(.pptp, .truncated, at: offset, "header cut short")) }
        guard cookie == magicCookie else {
            return .failure(Malformation(.pptp, .badValue, at: offset, "magic cookie is not 0x1A2B3C4D"))
        }
        guard Int(len) >= headerLength else {
            return .failure(Malformation(.pptp, .badLength, at: offset, "length under the 12-byte header"))
        }
        var msg = PPTPControlMessage(
            offset: offset, length: Int(len), pptpType: ptype, cookie: cookie,
            type: PPTPMessageType(rawValue: ctype))
        guard offset + Int(len) <= end else {
            return .failure(Malformation(.pptp, .truncated, at: offset, "message continues past the segment"))
        }
        let bodyEnd = offset + Int(len)
        func within(_ range: Range<Int>) -> Range<Int>? {
            let r = view.clamp(range)
            return r.upperBound <= bodyEnd && !r.isEmpty ? r : nil
        }
        if let expected = msg.type.expectedLength, Int(len) < expected {
            return .failure(Malformation(.pptp, .badLength, at: offset, "shorter than the message type requires"))
        }
        let b = offset + headerLength
        switch msg.type.rawValue {
        case 1, 2:
            msg.protocolVersion = view.u16(b)
            if ctype == 2 {
                msg.resultCode = view.u8(b + 2)
                msg.errorCode = view.u8(b + 3)
            }
            msg.firmwareRevision = view.u16(b + 14)
            msg.hostName = within((b + 16)..<(b + 80))
            msg.vendorName = within((b + 80)..<(b + 144))
        case 3:
            msg.reason = view.u8(b)
        case 4:
            msg.resultCode = view.u8(b)
            msg.errorCode = view.u8(b + 1)
        case 5:
            msg.identifier = view.u32(b)
        case 6:
            msg.identifier = view.u32(b)
            msg.resultCode = view.u8(b + 4)
            msg.errorCode = view.u8(b + 5)
        case 7:
            msg.callID = view.u16(b)
            msg.callSerial = view.u16(b + 2)
        case 8:
            msg.callID = view.u16(b)
            msg.peerCallID = view.u16(b + 2)
            msg.resultCode = view.u8(b + 4)
            msg.errorCode = view.u8(b + 5)
            msg.causeCode = view.u16(b + 6)
        case 9:
            msg.callID = view.u16(b)
            msg.callSerial = view.u16(b + 2)
        case 10:
            msg.callID = view.u16(b)
            msg.peerCallID = view.u16(b + 2)
            msg.resultCode = view.u8(b + 4)
            msg.errorCode = view.u8(b + 5)
        case 11, 14, 15:
            msg.peerCallID = view.u16(b)
        case 12:
            msg.callID = view.u16(b)
        case 13:
            msg.callID = view.u16(b)
            msg.resultCode = view.u8(b + 2)
            msg.errorCode = view.u8(b + 3)
            msg.causeCode = view.u16(b + 4)
        default:
            break
        }
        return .success(msg)
    }

    /// Each whole message from `start` on, up to `end` (a segment's payload), stopping at the first that does not
    /// decode; at most `limit` (no sane segment holds more).
    public static func forEach(
        in view: ByteView, from start: Int, end: Int, limit: Int = 64,
        _ body: (PPTPControlMessage) -> Void
    ) {
        var cursor = start
        var count = 0
        while cursor < min(end, view.count), count < limit,
            case .success(let message) = decode(view, at: cursor, end: end)
        {
            body(message)
            cursor += message.length
            count += 1
        }
    }

    /// Text of a NUL-padded string field, made safe for any output (see `SafeText`).
    public func text(_ range: Range<Int>?, in view: ByteView) -> String? {
        guard let range else { return nil }
        return SafeText.cString(view, range)
    }

    /// One-line description: "OCRP call=256 peer=2932 result=1 (Connected)".
    public func summary(in view: ByteView) -> String {
        var s = type.abbreviation
        if let c = callID { s += " call=\(c)" }
        if let p = peerCallID { s += " peer=\(p)" }
        switch type.rawValue {
        case 2: if let r = resultCode { s += " result=\(r) (\(PPTPCodes.controlResult(r)))" }
        case 3: if let r = reason { s += " reason=\(r) (\(PPTPCodes.stopReason(r)))" }
        case 4, 6: if let r = resultCode { s += " result=\(r) (\(PPTPCodes.stopResult(r)))" }
        case 8: if let r = resultCode { s += " result=\(r) (\(PPTPCodes.outgoingResult(r)))" }
        case 10: if let r = resultCode { s += " result=\(r) (\(PPTPCodes.incomingResult(r)))" }
        case 13: if let r = resultCode { s += " result=\(r) (\(PPTPCodes.disconnectResult(r)))" }
        default: break
        }
        if let e = errorCode, e != 0 { s += " error=\(e) (\(PPTPCodes.generalError(e)))" }
        if type.rawValue == 1 || type.rawValue == 2, let host = text(hostName, in: view), !host.isEmpty {
            s += " host=\"\(host)\""
        }
        return s
    }
}
