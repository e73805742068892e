public import Dissect

/// One PPP negotiation packet (LCP, PAP, CHAP, CCP, IPCP, IPV6CP, EAP) inside a call's GRE, with the few
/// decoded facts the rules need. Credentials are never copied: only their sizes and the user name.
public struct PPPEvent: Sendable, Hashable {
    public var packet: PacketRef
    public var from: Side
    public var proto: PPPProtocol
    public var code: UInt8
    public var identifier: UInt8
    /// "Configure-Request", "Challenge", "Authenticate-Nak"…
    public var codeName: String
    /// Rendered options or message, credential-free, safe to print.
    public var detail: String

    // Facts copied for the rules.
    /// LCP Configure-*: the authentication protocol option (e.g. 0xC223) and CHAP algorithm.
    public var authProtocol: UInt16?
    public var authAlgorithm: UInt8?
    public var mru: UInt16?
    /// Option types present in a Configure-* packet.
    public var optionTypes: [UInt8] = []
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

    public var isConfigureRequest: Bool { code == 1 && proto.isControlProtocol }
}
