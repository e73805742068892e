/// PPP protocol numbers (RFC 1661 and the assigned-numbers list).
public enum PPPProtocol {
    public static let ipv4: UInt16 = 0x0021
    public static let ipv6: UInt16 = 0x0057
    public static let compressed: UInt16 = 0x00FD  // MPPC/MPPE datagram
    public static let ipcp: UInt16 = 0x8021
    public static let ipv6cp: UInt16 = 0x8057
    public static let ccp: UInt16 = 0x80FD
    public static let lcp: UInt16 = 0xC021
    public static let pap: UInt16 = 0xC023
    public static let chap: UInt16 = 0xC223
    public static let eap: UInt16 = 0xC227
}

/// PPP frames as carried in PPTP GRE (no HDLC flags, FCS or byte stuffing).
public enum PPPFrame {
    /// - Parameters:
    ///   - addressControl: prefix `FF 03` (drop it only once ACFC is agreed; LCP always keeps it).
    ///   - compressProtocol: write a 1-byte protocol field when PFC is agreed and the protocol is < 0x100.
    public static func build(
        protocolNumber: UInt16, _ information: [UInt8], addressControl: Bool = true,
        compressProtocol: Bool = false
    ) -> [UInt8] {
        var writer = ByteWriter(capacity: 4 + information.count)
        if addressControl {
            writer.u8(0xFF)
            writer.u8(0x03)
        }
        if compressProtocol && protocolNumber < 0x100 {
            writer.u8(UInt8(protocolNumber))
        } else {
            writer.be16(protocolNumber)
        }
        writer.append(information)
        return writer.bytes
    }
}

/// One configuration option: Type, Length (= 2 + data), Data.
public struct PPPOption: Sendable, Equatable {
    public var type: UInt8
    public var data: [UInt8]

    public init(type: UInt8, data: [UInt8] = []) {
        self.type = type
        self.data = data
    }

    public var encoded: [UInt8] { [type, UInt8(truncatingIfNeeded: 2 + data.count)] + data }

    // LCP options (RFC 1661, 1570, 1990)
    public static func mru(_ value: UInt16) -> PPPOption { PPPOption(type: 1, data: be16(value)) }
    public static func accm(_ value: UInt32) -> PPPOption { PPPOption(type: 2, data: be32(value)) }
    public static let authPAP = PPPOption(type: 3, data: be16(PPPProtocol.pap))
    public static let authCHAPMD5 = PPPOption(type: 3, data: be16(PPPProtocol.chap) + [0x05])
    public static let authMSCHAPv1 = PPPOption(type: 3, data: be16(PPPProtocol.chap) + [0x80])
    public static let authMSCHAPv2 = PPPOption(type: 3, data: be16(PPPProtocol.chap) + [0x81])
    public static let authEAP = PPPOption(type: 3, data: be16(PPPProtocol.eap))
    public static func magicNumber(_ value: UInt32) -> PPPOption { PPPOption(type: 5, data: be32(value)) }
    public static let protocolFieldCompression = PPPOption(type: 7)
    public static let addressControlFieldCompression = PPPOption(type: 8)
    /// Callback (RFC 1570), operation 6 = "location determined during CBCP negotiation" (what Windows sends).
    public static func callback(operation: UInt8 = 6) -> PPPOption { PPPOption(type: 13, data: [operation]) }
    public static func mrru(_ value: UInt16) -> PPPOption { PPPOption(type: 17, data: be16(value)) }

    // CCP option 18: MPPE/MPPC supported bits (RFC 2118 / 3078).
    public static func mppe(_ bits: UInt32) -> PPPOption { PPPOption(type: 18, data: be32(bits)) }

    // IPCP options (RFC 1332, 1877)
    public static func ipAddress(_ address: IPv4Address) -> PPPOption { PPPOption(type: 3, data: address.bytes) }
    public static func primaryDNS(_ address: IPv4Address) -> PPPOption { PPPOption(type: 129, data: address.bytes) }
    public static func primaryNBNS(_ address: IPv4Address) -> PPPOption { PPPOption(type: 130, data: address.bytes) }
    public static func secondaryDNS(_ address: IPv4Address) -> PPPOption { PPPOption(type: 131, data: address.bytes) }
    public static func secondaryNBNS(_ address: IPv4Address) -> PPPOption { PPPOption(type: 132, data: address.bytes) }

    static func be16(_ value: UInt16) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    static func be32(_ value: UInt32) -> [UInt8] {
        be16(UInt16(truncatingIfNeeded: value >> 16)) + be16(UInt16(truncatingIfNeeded: value))
    }
}

/// MPPE/MPPC supported-bit values for CCP option 18.
public enum MPPEBits {
    public static let mppc: UInt32 = 0x0000_0001
    public static let obsoleteD: UInt32 = 0x0000_0010
    public static let bits40: UInt32 = 0x0000_0020
    public static let bits128: UInt32 = 0x0000_0040
    public static let bits56: UInt32 = 0x0000_0080
    public static let stateless: UInt32 = 0x0100_0000
}

/// Control-protocol packets (LCP, CCP, IPCP, IPV6CP): Code, Identifier, Length, Data, framed in PPP.
public enum PPPControl {
    public enum Code: UInt8, Sendable {
        case configureRequest = 1, configureAck = 2, configureNak = 3, configureReject = 4
        case terminateRequest = 5, terminateAck = 6, codeReject = 7, protocolReject = 8
        case echoRequest = 9, echoReply = 10, discardRequest = 11, identification = 12, timeRemaining = 13
        case resetRequest = 14, resetAck = 15
    }

    /// The bare control packet (Code, Identifier, Length, Data).
    public static func packet(code: UInt8, identifier: UInt8, data: [UInt8]) -> [UInt8] {
        var writer = ByteWriter(capacity: 4 + data.count)
        writer.u8(code)
        writer.u8(identifier)
        writer.be16(UInt16(truncatingIfNeeded: 4 + data.count))
        writer.append(data)
        return writer.bytes
    }

    /// A framed control packet for `protocolNumber`.
    public static func frame(
        protocolNumber: UInt16, code: Code, identifier: UInt8, data: [UInt8] = [],
        addressControl: Bool = true
    ) -> [UInt8] {
        PPPFrame.build(
            protocolNumber: protocolNumber, packet(code: code.rawValue, identifier: identifier, data: data),
            addressControl: addressControl)
    }

    /// Configure-Request/Ack/Nak/Reject with options, for LCP, CCP, IPCP or IPV6CP.
    public static func configure(
        protocolNumber: UInt16, code: Code, identifier: UInt8, options: [PPPOption],
        addressControl: Bool = true
    ) -> [UInt8] {
        frame(
            protocolNumber: protocolNumber, code: code, identifier: identifier,
            data: options.flatMap(\.encoded), addressControl: addressControl)
    }
}

extension PPPFrame {
    /// Applies ACFC/PFC to a full frame (`FF 03` + 2-byte protocol): drops `FF 03` (never for LCP) and
    /// shortens protocols below 0x100 to one byte. Frames not starting with `FF 03` are returned unchanged.
    public static func compressed(_ frame: [UInt8], acfc: Bool = true, pfc: Bool = true) -> [UInt8] {
        guard frame.count >= 4, frame[0] == 0xFF, frame[1] == 0x03 else { return frame }
        let protocolNumber = UInt16(frame[2]) << 8 | UInt16(frame[3])
        if protocolNumber == PPPProtocol.lcp { return frame }
        var out: [UInt8] = acfc ? [] : [0xFF, 0x03]
        if pfc && protocolNumber < 0x100 {
            out.append(frame[3])
        } else {
            out.append(frame[2])
            out.append(frame[3])
        }
        out.append(contentsOf: frame[4...])
        return out
    }
}
