/// The packet format shared by LCP and the network/compression control protocols (RFC 1661 §5):
/// Code, Identifier, Length, then data, which for the Configure-* codes is a list of options.
public struct ControlPacket: Sendable {
    public var proto: PPPProtocol
    public var code: UInt8
    public var identifier: UInt8
    public var length: Int
    public var offset: Int
    /// The data after the 4-byte header, bounded by Length and by the captured bytes.
    public var data: Range<Int>
    /// Length says more than was captured.
    public var isTruncated: Bool

    public var codeName: String { ControlCode.name(code, proto: proto) }
    public var hasOptions: Bool { (1...4).contains(code) }

    /// Options walked at most this many times: a list of zero-length options must not loop.
    public static let maxOptions = 64

    static func decode(_ view: ByteView, at offset: Int, end: Int, proto: PPPProtocol, layer: Layer)
        -> Result<ControlPacket, Malformation>
    {
        guard offset + 4 <= end, let code = view.u8(offset), let ident = view.u8(offset + 1),
            let len = view.u16(offset + 2)
        else { return .failure(Malformation(layer, .truncated, at: offset, "shorter than 4 bytes")) }
        guard len >= 4 else { return .failure(Malformation(layer, .badLength, at: offset, "length under 4")) }
        let dataEnd = min(offset + Int(len), end)
        return .success(
            ControlPacket(
                proto: proto, code: code, identifier: ident, length: Int(len), offset: offset,
                data: (offset + 4)..<max(offset + 4, dataEnd),
                isTruncated: offset + Int(len) > end))
    }

    /// Visits each option; returns false when an option's length is impossible (under 2, or past the end),
    /// which marks the packet malformed from that option on.
    @discardableResult
    public func forEachOption(_ view: ByteView, _ body: (ConfigOption) -> Void) -> Bool {
        guard hasOptions else { return true }
        var cursor = data.lowerBound
        var count = 0
        while cursor < data.upperBound {
            guard count < Self.maxOptions, let type = view.u8(cursor), let len = view.u8(cursor + 1),
                len >= 2, cursor + Int(len) <= data.upperBound
            else { return false }
            body(ConfigOption(type: type, length: Int(len), data: (cursor + 2)..<(cursor + Int(len))))
            cursor += Int(len)
            count += 1
        }
        return true
    }

    /// LCP Protocol-Reject: the rejected protocol number.
    public func rejectedProtocol(_ view: ByteView) -> PPPProtocol? {
        guard proto == .lcp, code == 8, let p = view.u16(data.lowerBound) else { return nil }
        return PPPProtocol(rawValue: p)
    }

    /// LCP Echo-Request/Reply, Discard-Request, Identification, Time-Remaining: the sender's magic number.
    public func magicNumber(_ view: ByteView) -> UInt32? {
        guard proto == .lcp, (9...13).contains(code) else { return nil }
        return view.u32(data.lowerBound)
    }
}

public struct ConfigOption: Sendable {
    public var type: UInt8
    public var length: Int
    public var data: Range<Int>
}

public enum ControlCode {
    public static let configureRequest: UInt8 = 1
    public static let configureAck: UInt8 = 2
    public static let configureNak: UInt8 = 3
    public static let configureReject: UInt8 = 4
    public static let terminateRequest: UInt8 = 5
    public static let terminateAck: UInt8 = 6
    public static let codeReject: UInt8 = 7
    public static let protocolReject: UInt8 = 8
    public static let echoRequest: UInt8 = 9
    public static let echoReply: UInt8 = 10
    public static let discardRequest: UInt8 = 11
    public static let identification: UInt8 = 12
    public static let timeRemaining: UInt8 = 13

    public static func name(_ code: UInt8, proto: PPPProtocol) -> String {
        switch code {
        case 1: return "Configure-Request"
        case 2: return "Configure-Ack"
        case 3: return "Configure-Nak"
        case 4: return "Configure-Reject"
        case 5: return "Terminate-Request"
        case 6: return "Terminate-Ack"
        case 7: return "Code-Reject"
        default: break
        }
        if proto == .lcp {
            switch code {
            case 8: return "Protocol-Reject"
            case 9: return "Echo-Request"
            case 10: return "Echo-Reply"
            case 11: return "Discard-Request"
            case 12: return "Identification"
            case 13: return "Time-Remaining"
            default: break
            }
        }
        if proto == .ccp {
            switch code {
            case 14: return "Reset-Request"
            case 15: return "Reset-Ack"
            default: break
            }
        }
        return "Code-\(code)"
    }
}

/// Codes of the authentication protocols' packets (CHAP: RFC 1994 and MS-CHAP's RFC 2433/2759; PAP: RFC 1334).
public enum AuthCode {
    public static let chapChallenge: UInt8 = 1
    public static let chapResponse: UInt8 = 2
    public static let chapSuccess: UInt8 = 3
    public static let chapFailure: UInt8 = 4
    public static let papRequest: UInt8 = 1
    public static let papAck: UInt8 = 2
    public static let papNak: UInt8 = 3
}

/// Configuration option types the diagnosis looks at, per control protocol.
public enum OptionType {
    /// LCP Authentication-Protocol (RFC 1661 6.2).
    public static let lcpAuthProtocol: UInt8 = 3
    /// IPCP IP-Address (RFC 1332 3.3).
    public static let ipcpAddress: UInt8 = 3
    /// CCP MPPE/MPPC (RFC 3078 2).
    public static let ccpMPPE: UInt8 = 18
}
