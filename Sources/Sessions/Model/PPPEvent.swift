public import PPTPDissect

/// One PPP negotiation packet (LCP, PAP, CHAP, CCP, IPCP, IPV6CP, EAP) inside a call's GRE, with the few
/// decoded facts the rules need. Credentials are never copied: only their sizes and the user name.
public struct PPPEvent: Sendable, Hashable {
    public var packet: PacketRef
    public var from: Side
    public var proto: PPPProtocol
    public var code: UInt8
    public var identifier: UInt8
    /// Rendered options or message, credential-free, safe to print.
    public var detail: String

    // Facts copied for the rules.
    /// LCP Configure-*: the authentication protocol option (e.g. 0xC223) and CHAP algorithm.
    public var authProtocol: UInt16?
    public var authAlgorithm: UInt8?
    public var mru: UInt16?
    /// LCP: the sender's magic number (Configure-* option 5, Echo and Discard packets) — what a pppd log prints
    /// too, so it ties a log's session to the capture's.
    public var magic: UInt32?
    /// Option types present in a Configure-* packet.
    public var optionTypes = OptionTypes()
    /// LCP Protocol-Reject: the rejected protocol.
    public var rejectedProtocol: PPPProtocol?
    /// CCP option 18 supported bits.
    public var mppeBits: UInt32?
    /// IPCP option 3.
    public var ipAddress: IPAddress?
    /// MS-CHAP Failure: E=, R=; CHAP/PAP failure text.
    public var msError: Int?
    public var msRetry: Bool?
    public var message: String?
    /// CHAP Response / PAP Request: user name (printed only when reports are not redacted).
    public var userName: String?
    /// CHAP Challenge: the authenticator's name (usually the server's host name).
    public var authenticatorName: String?

    public var isConfigureRequest: Bool { code == ControlCode.configureRequest && proto.isControlProtocol }

    /// Sent only by the side that authenticates the other (CHAP Challenge, Success, Failure; PAP Ack, Nak): the
    /// server, in a PPTP session. What turns a tunnel around whose client was guessed from its first packet.
    public var isFromAuthenticator: Bool {
        switch proto {
        case .chap: code == AuthCode.chapChallenge || code == AuthCode.chapSuccess || code == AuthCode.chapFailure
        case .pap: code != AuthCode.papRequest
        default: false
        }
    }

    /// "Configure-Request", "Challenge", "Authenticate-Nak"… (named, not stored: a session keeps dozens of events).
    public var codeName: String {
        switch proto {
        case .pap: PAPPacket.codeName(code)
        case .chap: CHAPPacket.codeName(code)
        case .eap: EAPPacket.codeName(code)
        default: ControlCode.name(code, proto: proto)
        }
    }
}

/// The option types (0–255) of a Configure-* packet as an inline bit set: no array, no allocation per event.
public struct OptionTypes: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    public init() {}

    public func contains(_ type: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(type & 63)
        switch type >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    public mutating func insert(_ type: UInt8) {
        let bit = UInt64(1) << UInt64(type & 63)
        switch type >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    public var isEmpty: Bool { words == (0, 0, 0, 0) }

    public var count: Int {
        words.0.nonzeroBitCount + words.1.nonzeroBitCount + words.2.nonzeroBitCount + words.3.nonzeroBitCount
    }

    /// The types present, ascending, visiting set bits only (not all 256 candidates).
    public func forEach(_ body: (UInt8) -> Void) {
        func visit(_ word: UInt64, base: Int) {
            var rest = word
            while rest != 0 {
                body(UInt8(base + rest.trailingZeroBitCount))
                rest &= rest - 1
            }
        }
        visit(words.0, base: 0)
        visit(words.1, base: 64)
        visit(words.2, base: 128)
        visit(words.3, base: 192)
    }

    public static func == (a: OptionTypes, b: OptionTypes) -> Bool { a.words == b.words }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
