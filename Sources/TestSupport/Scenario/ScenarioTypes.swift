/// The two ends of a PPTP session.
public enum Side: Sendable, Hashable, CustomStringConvertible {
    case client
    case server

    public var peer: Side { self == .client ? .server : .client }
    public var description: String { self == .client ? "client" : "server" }
}

/// One end as it appears on the wire at the capture point.
public struct Endpoint: Sendable {
    /// Source MAC of this side's frames on the captured segment (for the remote side: the gateway's MAC).
    public var mac: MACAddress
    public var ip: IPv4Address
    /// TTL of this side's packets as captured (local: 64 or 128; remote: reduced by the hops).
    public var ttl: UInt8
    /// TCP port (client: ephemeral; server: 1723).
    public var port: UInt16
    /// Initial TCP sequence number.
    public var initialSequence: UInt32
    public var window: UInt16
    public var mss: UInt16
    /// First IPv4 identification value.
    public var initialIPID: UInt16

    public init(
        mac: MACAddress, ip: IPv4Address, ttl: UInt8, port: UInt16, initialSequence: UInt32,
        window: UInt16 = 64_240, mss: UInt16 = 1460, initialIPID: UInt16 = 0x1000
    ) {
        self.mac = mac
        self.ip = ip
        self.ttl = ttl
        self.port = port
        self.initialSequence = initialSequence
        self.window = window
        self.mss = mss
        self.initialIPID = initialIPID
    }

    /// A Windows client seen at its own capture point (TTL 128).
    public static let defaultClient = Endpoint(
        mac: MACAddress(0x00, 0x15, 0x5D, 0x01, 0x02, 0x03),
        ip: IPv4Address(192, 168, 1, 23), ttl: 128, port: 49_723,
        initialSequence: 0x3A1C_0000, window: 64_240, initialIPID: 0x2A10)
    /// A Linux pptpd server seen from the client side (TTL 64 - 12 hops = 52), frames via the gateway MAC.
    public static let defaultServer = Endpoint(
        mac: MACAddress(0x00, 0x1A, 0x2B, 0x3C, 0x4D, 0x5E),
        ip: IPv4Address(203, 0, 113, 10), ttl: 52, port: PPTPControl.tcpPort,
        initialSequence: 0x7F32_1000, window: 29_200, initialIPID: 0x6B00)
}

/// Link layer the builder frames packets with.
public enum LinkKind: Sendable {
    case ethernet
    /// Ethernet with 802.1Q / 802.1ad tags, outermost first.
    case ethernetVLAN([VLANTag])
    /// Linux cooked capture v1 (113).
    case sll
    /// Linux cooked capture v2 (276).
    case sll2
    /// Raw IPv4, no link header (228).
    case rawIPv4

    public var linkType: UInt32 {
        switch self {
        case .ethernet, .ethernetVLAN: return LinkType.ethernet
        case .sll: return LinkType.linuxSLL
        case .sll2: return LinkType.linuxSLL2
        case .rawIPv4: return LinkType.ipv4
        }
    }
}

/// A TCP segment the builder sent (kept for retransmission).
public struct SentSegment: Sendable {
    public var side: Side
    public var sequence: UInt32
    public var flags: TCPFlags
    public var payload: [UInt8]
}
