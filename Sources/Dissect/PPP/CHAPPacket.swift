/// CHAP (RFC 1994) including Microsoft's MS-CHAPv1/v2 (RFC 2433/2759), which differ only in the value sizes
/// and in the Success/Failure message grammar. Challenge and response values are offline-crackable: they stay
/// ranges and are never rendered by default.
public struct CHAPPacket: Sendable {
    public var code: UInt8
    public var identifier: UInt8
    public var length: Int
    public var offset: Int
    public var value: Range<Int>?
    public var name: Range<Int>?
    /// Success/Failure message text.
    public var message: Range<Int>?
    /// The capture ends inside the packet (snapshot length): `value`/`name` hold what was captured.
    public var isTruncated = false

    public var codeName: String { Self.codeName(code) }

    public static func codeName(_ code: UInt8) -> String {
        switch code {
        case 1: "Challenge"
        case 2: "Response"
        case 3: "Success"
        case 4: "Failure"
        default: "Code-\(code)"
        }
    }

    /// Best guess of the flavour from the value size: 16-byte challenge/49-byte response are MS-CHAPv2,
    /// 8/49 MS-CHAPv1, 16 with a 16-byte response plain MD5. The LCP negotiation is the authority; sessions use it.
    public var valueSize: Int? { value.map { $0.count } }

    static func decode(_ view: ByteView, at offset: Int, end: Int) -> Result<CHAPPacket, Malformation> {
        guard offset + 4 <= end, let code = view.u8(offset), let ident = view.u8(offset + 1),
            let len = view.u16(offset + 2)
        else { return .failure(Malformation(.chap, .truncated, at: offset, "shorter than 4 bytes")) }
        guard len >= 4 else { return .failure(Malformation(.chap, .badLength, at: offset, "length under 4")) }
        var pkt = CHAPPacket(code: code, identifier: ident, length: Int(len), offset: offset)
        let packetEnd = offset + Int(len)
        let limit = min(end, packetEnd)
        let cursor = offset + 4
        switch code {
        case 1, 2:
            // The value-size byte must lie inside the packet's own Length, not merely inside the frame.
            guard cursor < limit, let size = view.u8(cursor) else {
                guard packetEnd > end else {
                    return .failure(Malformation(.chap, .badLength, at: cursor, "no value size inside the packet"))
                }
                pkt.isTruncated = true
                return .success(pkt)
            }
            guard cursor + 1 + Int(size) <= limit else {
                guard packetEnd > end, Int(len) >= 5 + Int(size) else {
                    return .failure(Malformation(.chap, .badLength, at: cursor, "value size past the packet"))
                }
                pkt.value = (cursor + 1)..<limit
                pkt.isTruncated = true
                return .success(pkt)
            }
            pkt.value = (cursor + 1)..<(cursor + 1 + Int(size))
            pkt.name = (cursor + 1 + Int(size))..<limit
        case 3, 4:
            pkt.message = cursor..<max(cursor, limit)
            pkt.isTruncated = packetEnd > end
        default:
            break
        }
        return .success(pkt)
    }
}

/// The fields of an MS-CHAP Success (`S=<40 hex> M=<text>`) or Failure
/// (`E=<error> R=<retry> C=<challenge> V=<version> M=<text>`) message (RFC 2759 §5/§6, RFC 2433).
public struct MSCHAPMessage: Sendable, Equatable {
    public var authenticatorResponse: Range<Int>?
    public var error: Int?
    public var retry: Bool?
    public var challenge: Range<Int>?
    public var version: Int?
    public var text: Range<Int>?

    /// Parses without allocating: tokens are separated by spaces, except that `M=` takes the rest.
    public static func parse(_ view: ByteView, _ range: Range<Int>) -> MSCHAPMessage? {
        var msg = MSCHAPMessage()
        var cursor = range.lowerBound
        var sawField = false
        while cursor + 1 < range.upperBound {
            while cursor < range.upperBound, view.u8(cursor) == 0x20 { cursor += 1 }
            guard let key = view.u8(cursor), view.u8(cursor + 1) == UInt8(ascii: "=") else { break }
            let valueStart = cursor + 2
            if key == UInt8(ascii: "M") {
                msg.text = valueStart..<max(valueStart, range.upperBound)
                sawField = true
                break
            }
            var valueEnd = valueStart
            while valueEnd < range.upperBound, let b = view.u8(valueEnd), b != 0x20 { valueEnd += 1 }
            let value = valueStart..<valueEnd
            switch key {
            case UInt8(ascii: "S"): msg.authenticatorResponse = value
            case UInt8(ascii: "E"): msg.error = decimal(view, value)
            case UInt8(ascii: "R"): msg.retry = decimal(view, value).map { $0 != 0 }
            case UInt8(ascii: "C"): msg.challenge = value
            case UInt8(ascii: "V"): msg.version = decimal(view, value)
            default: return sawField ? msg : nil
            }
            sawField = true
            cursor = valueEnd
        }
        return sawField ? msg : nil
    }

    static func decimal(_ view: ByteView, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 9 else { return nil }
        var n = 0
        for i in range {
            guard let b = view.u8(i), b >= 0x30, b <= 0x39 else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n
    }
}

/// EAP header (RFC 3748) when PPP carries it; only decoded far enough to name it.
public struct EAPPacket: Sendable {
    public var code: UInt8
    public var identifier: UInt8
    public var length: Int
    public var type: UInt8?
    public var offset: Int

    public var codeName: String { Self.codeName(code) }

    public static func codeName(_ code: UInt8) -> String {
        switch code {
        case 1: "Request"
        case 2: "Response"
        case 3: "Success"
        case 4: "Failure"
        default: "Code-\(code)"
        }
    }

    static func decode(_ view: ByteView, at offset: Int, end: Int) -> Result<EAPPacket, Malformation> {
        guard offset + 4 <= end, let code = view.u8(offset), let ident = view.u8(offset + 1),
            let len = view.u16(offset + 2)
        else { return .failure(Malformation(.eap, .truncated, at: offset, "shorter than 4 bytes")) }
        return .success(
            EAPPacket(
                code: code, identifier: ident, length: Int(len),
                type: code <= 2 && offset + 4 < end ? view.u8(offset + 4) : nil, offset: offset))
    }
}
