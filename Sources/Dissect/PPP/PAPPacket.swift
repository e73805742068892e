/// PAP (RFC 1334 §2.2). The password travels in clear: it is kept as a range and never rendered by default.
public struct PAPPacket: Sendable {
    public var code: UInt8
    public var identifier: UInt8
    public var length: Int
    public var offset: Int
    public var peerID: Range<Int>?
    public var password: Range<Int>?
    public var message: Range<Int>?

    public var codeName: String { Self.codeName(code) }

    public static func codeName(_ code: UInt8) -> String {
        switch code {
        case 1: "Authenticate-Request"
        case 2: "Authenticate-Ack"
        case 3: "Authenticate-Nak"
        default: "Code-\(code)"
        }
    }

    static func decode(_ view: ByteView, at offset: Int, end: Int) -> Result<PAPPacket, Malformation> {
        guard offset + 4 <= end, let code = view.u8(offset), let ident = view.u8(offset + 1),
            let len = view.u16(offset + 2)
        else { return .failure(Malformation(.pap, .truncated, at: offset, "shorter than 4 bytes")) }
        guard len >= 4 else { return .failure(Malformation(.pap, .badLength, at: offset, "length under 4")) }
        var pkt = PAPPacket(code: code, identifier: ident, length: Int(len), offset: offset)
        let limit = min(end, offset + Int(len))
        // Past `limit` because the capture stopped (snapshot length), or because a length field lies.
        let problem: DecodeProblem = offset + Int(len) > end ? .truncated : .badLength
        var cursor = offset + 4
        if code == 1 {
            guard let idLen = view.u8(cursor), cursor + 1 + Int(idLen) <= limit else {
                return .failure(Malformation(.pap, problem, at: cursor, "peer-ID length past the packet"))
            }
            pkt.peerID = (cursor + 1)..<(cursor + 1 + Int(idLen))
            cursor += 1 + Int(idLen)
            guard let pwLen = view.u8(cursor), cursor + 1 + Int(pwLen) <= limit else {
                return .failure(Malformation(.pap, problem, at: cursor, "password length past the packet"))
            }
            pkt.password = (cursor + 1)..<(cursor + 1 + Int(pwLen))
        } else if code == 2 || code == 3, cursor < limit {
            guard let mLen = view.u8(cursor), cursor + 1 + Int(mLen) <= limit else {
                return .failure(Malformation(.pap, problem, at: cursor, "message length past the packet"))
            }
            pkt.message = (cursor + 1)..<(cursor + 1 + Int(mLen))
        }
        return .success(pkt)
    }
}
