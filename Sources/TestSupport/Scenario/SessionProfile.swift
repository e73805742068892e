/// Values the session helpers put on the wire; change them per scenario to tell sessions apart.
public struct SessionProfile: Sendable {
    /// Call ID the client puts in its OCRQ (the server's GRE carries it).
    public var clientCallID: UInt16 = 0x4A21
    /// Call ID the server puts in its OCRP (the client's GRE carries it).
    public var serverCallID: UInt16 = 7
    public var callSerial: UInt16 = 1
    public var clientMagic: UInt32 = 0x5D4F_1E2A
    public var serverMagic: UInt32 = 0x3C9A_0B71
    public var userName = "CORP\\alice"
    public var password = "Winter2025!"
    public var serverName = "pptpd"
    public var clientHostName = "DESKTOP-7Q2M4KD"
    public var clientVendor = "Microsoft"
    public var serverHostName = "vpn-gw"
    public var serverVendor = "linux"
    public var clientMRU: UInt16 = 1400
    public var serverTunnelAddress = IPv4Address(192, 168, 50, 1)
    public var clientTunnelAddress = IPv4Address(192, 168, 50, 10)
    public var primaryDNS = IPv4Address(192, 168, 50, 1)
    public var secondaryDNS = IPv4Address(192, 168, 50, 2)
    /// Seeds the challenge/response filler so two sessions do not share bytes.
    public var seed: UInt64 = 1
    /// The client is Linux pptp + pppd (no Callback option, no LCP Identification, no IPV6CP) rather than Windows.
    public var clientIsPPPD = false

    public init() {}
}

/// Authentication protocol negotiated in LCP option 3.
public enum AuthMethod: Sendable {
    case pap
    case chapMD5
    case msChapV2

    public var lcpOption: PPPOption {
        switch self {
        case .pap: return .authPAP
        case .chapMD5: return .authCHAPMD5
        case .msChapV2: return .authMSCHAPv2
        }
    }
}
