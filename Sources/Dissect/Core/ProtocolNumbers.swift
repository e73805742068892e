/// Wire numbers are open sets: an unknown value is still a value we can print and count, so they are
/// RawRepresentable structs with named members rather than closed enums.

public struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public static let null = LinkType(rawValue: 0)  // BSD loopback, host byte order family
    public static let ethernet = LinkType(rawValue: 1)
    public static let ppp = LinkType(rawValue: 9)
    public static let raw = LinkType(rawValue: 101)  // LINKTYPE_RAW (DLT_RAW varies by platform)
    public static let rawOpenBSD = LinkType(rawValue: 14)  // DLT_RAW as some platforms number it
    public static let rawLinux12 = LinkType(rawValue: 12)
    public static let pppHDLC = LinkType(rawValue: 50)
    public static let pppEther = LinkType(rawValue: 51)
    public static let linuxSLL = LinkType(rawValue: 113)
    public static let loop = LinkType(rawValue: 108)  // OpenBSD loopback, network byte order family
    public static let pppWithDirection = LinkType(rawValue: 204)
    public static let ipv4 = LinkType(rawValue: 228)
    public static let ipv6 = LinkType(rawValue: 229)
    public static let linuxSLL2 = LinkType(rawValue: 276)

    public var name: String? {
        switch self {
        case .null: "BSD loopback"
        case .ethernet: "Ethernet"
        case .ppp: "PPP"
        case .raw, .rawOpenBSD, .rawLinux12: "raw IP"
        case .pppHDLC: "PPP in HDLC framing"
        case .linuxSLL: "Linux cooked (SLL)"
        case .loop: "OpenBSD loopback"
        case .pppWithDirection: "PPP with direction"
        case .ipv4: "raw IPv4"
        case .ipv6: "raw IPv6"
        case .linuxSLL2: "Linux cooked v2 (SLL2)"
        default: nil
        }
    }
    public var description: String { name.map { "\($0) (\(rawValue))" } ?? "link type \(rawValue)" }
}

public struct EtherType: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let ipv4 = EtherType(rawValue: 0x0800)
    public static let arp = EtherType(rawValue: 0x0806)
    public static let vlan = EtherType(rawValue: 0x8100)
    public static let qinq = EtherType(rawValue: 0x88A8)
    public static let qinqLegacy = EtherType(rawValue: 0x9100)
    public static let ipv6 = EtherType(rawValue: 0x86DD)
    /// PPP as carried by PPTP's enhanced GRE (RFC 2637 §4.1).
    public static let ppp = EtherType(rawValue: 0x880B)
    public static let pppoeDiscovery = EtherType(rawValue: 0x8863)
    public static let pppoeSession = EtherType(rawValue: 0x8864)
}

public struct IPProtocol: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let hopByHop = IPProtocol(rawValue: 0)
    public static let icmp = IPProtocol(rawValue: 1)
    public static let ipInIP = IPProtocol(rawValue: 4)
    public static let tcp = IPProtocol(rawValue: 6)
    public static let udp = IPProtocol(rawValue: 17)
    public static let ipv6 = IPProtocol(rawValue: 41)
    public static let routing = IPProtocol(rawValue: 43)
    public static let fragment = IPProtocol(rawValue: 44)
    public static let gre = IPProtocol(rawValue: 47)
    public static let esp = IPProtocol(rawValue: 50)
    public static let ah = IPProtocol(rawValue: 51)
    public static let icmpv6 = IPProtocol(rawValue: 58)
    public static let noNext = IPProtocol(rawValue: 59)
    public static let destinationOptions = IPProtocol(rawValue: 60)
}

public struct PPPProtocol: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let ipv4 = PPPProtocol(rawValue: 0x0021)
    public static let ipv6 = PPPProtocol(rawValue: 0x0057)
    public static let compressed = PPPProtocol(rawValue: 0x00FD)
    public static let ipcp = PPPProtocol(rawValue: 0x8021)
    public static let ipv6cp = PPPProtocol(rawValue: 0x8057)
    public static let ccp = PPPProtocol(rawValue: 0x80FD)
    public static let lcp = PPPProtocol(rawValue: 0xC021)
    public static let pap = PPPProtocol(rawValue: 0xC023)
    public static let lqr = PPPProtocol(rawValue: 0xC025)
    public static let chap = PPPProtocol(rawValue: 0xC223)
    public static let eap = PPPProtocol(rawValue: 0xC227)

    public var name: String {
        switch self {
        case .ipv4: "IPv4"
        case .ipv6: "IPv6"
        case .compressed: "Compressed/MPPE data"
        case .ipcp: "IPCP"
        case .ipv6cp: "IPV6CP"
        case .ccp: "CCP"
        case .lcp: "LCP"
        case .pap: "PAP"
        case .lqr: "LQR"
        case .chap: "CHAP"
        case .eap: "EAP"
        default: "PPP 0x\(hex(rawValue, width: 4))"
        }
    }

    /// Network/link control protocols share RFC 1661's Configure-Request/Ack/Nak/Reject packet format.
    public var isControlProtocol: Bool { rawValue >= 0x8000 && rawValue < 0xC000 || self == .lcp }
}

/// Lowercase hex with zero padding; Dissect has no Foundation. Written into the string's own storage: the
/// packet listing formats millions of these.
public func hex<T: BinaryInteger>(_ value: T, width: Int) -> String {
    let v = UInt64(truncatingIfNeeded: value)
    var digits = 1
    while digits < 16, v >> (4 * UInt64(digits)) != 0 { digits += 1 }
    let count = max(width, digits)
    return String(unsafeUninitializedCapacity: count) { buf in
        for i in 0..<count {
            let shift = UInt64(4 * (count - 1 - i))
            let nibble = shift < 64 ? UInt8(truncatingIfNeeded: (v >> shift) & 0xF) : 0
            buf[i] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
        }
        return count
    }
}
