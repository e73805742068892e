/// A network path from the client to the server, element by element, for captures taken at several points of it
/// at once. Scripts are written as the client host sees them (a `ScenarioBuilder` with `capturedAt: .client`);
/// `PathSimulator` walks each packet along the path and records what every capture point would have seen.
public struct NetworkPath: Sendable {
    public enum Element: Sendable {
        /// A capture point. `clockOffsetMs` is how far its clock is ahead of the client host's.
        case point(String, clockOffsetMs: Double = 0)
        /// Routers: each decrements the TTL; together they add `delayMs` of one-way delay.
        case routers(hops: Int, delayMs: Double)
        /// A NAT (with a PPTP helper when it maps Call IDs): the client's address, port and Call ID are
        /// rewritten on the server side of it.
        case nat(NATMapping)
        /// Drops the packets the predicate picks, in either direction.
        case filter(PacketFilter)
        /// A link with a smaller MTU: larger packets with DF are dropped and answered with ICMP "fragmentation
        /// needed" from `router`; larger packets without DF are fragmented.
        case mtu(Int, router: IPv4Address)
        /// A router that rewrites the TCP MSS option of SYNs passing it (MSS clamping) to at most `mss`.
        case clampMSS(UInt16)
    }

    public var elements: [Element]

    public init(_ elements: [Element]) { self.elements = elements }

    public var pointNames: [String] {
        elements.compactMap { if case .point(let name, _) = $0 { return name } else { return nil } }
    }

    var totalHops: Int { elements.reduce(0) { if case .routers(let h, _) = $1 { $0 + h } else { $0 } } }
    var totalDelayMs: Double { elements.reduce(0) { if case .routers(_, let d) = $1 { $0 + d } else { $0 } } }
}

/// The client side of a NAT and what it becomes on the server side.
public struct NATMapping: Sendable {
    public var privateAddress: IPv4Address
    public var publicAddress: IPv4Address
    public var privatePort: UInt16
    public var publicPort: UInt16
    /// The client's Call ID as the NAT's PPTP helper rewrites it (nil: Call IDs pass unchanged).
    public var callIDs: (private: UInt16, public: UInt16)?

    public init(
        privateAddress: IPv4Address, publicAddress: IPv4Address, privatePort: UInt16, publicPort: UInt16,
        callIDs: (private: UInt16, public: UInt16)? = nil
    ) {
        self.privateAddress = privateAddress
        self.publicAddress = publicAddress
        self.privatePort = privatePort
        self.publicPort = publicPort
        self.callIDs = callIDs
    }
}

/// Which packets a filter drops.
public struct PacketFilter: Sendable {
    public var name: String
    public var drops: @Sendable (PathPacket) -> Bool

    public init(_ name: String, drops: @escaping @Sendable (PathPacket) -> Bool) {
        self.name = name
        self.drops = drops
    }

    /// Drops IP protocol 47 in the given directions (a firewall or NAT without PPTP passthrough).
    public static func gre(from sides: Set<Side> = [.client, .server]) -> PacketFilter {
        PacketFilter("GRE") { $0.ipProtocol == IPProtocol.gre && sides.contains($0.from) }
    }

    /// Drops ICMP errors (a firewall that blocks ICMP: the path-MTU black hole).
    public static let icmp = PacketFilter("ICMP") { $0.ipProtocol == IPProtocol.icmp }

    /// Drops TCP 1723 in the given directions (a firewall that blocks PPTP's control connection, or one that
    /// drops the server's answers as out of state).
    public static func control(from sides: Set<Side>) -> PacketFilter {
        PacketFilter("TCP 1723") { p in
            p.ipProtocol == IPProtocol.tcp && sides.contains(p.from) && p.ports.contains(PPTPControl.tcpPort)
        }
    }

    /// Drops the one packet from `side` with IP identification `id`: a single loss, which TCP then retransmits
    /// under a new identification.
    public static func single(ipIdentification id: UInt16, from side: Side) -> PacketFilter {
        PacketFilter("the packet with IP ID \(id)") { $0.from == side && $0.ipIdentification == id }
    }

    /// Drops every `n`th GRE data packet from `side` (a lossy link).
    public static func everyNthGRE(_ n: Int, from side: Side) -> PacketFilter {
        PacketFilter("every \(n)th GRE") { p in
            p.ipProtocol == IPProtocol.gre && p.from == side && (p.greSequence.map { Int($0) % n == n - 1 } ?? false)
        }
    }
}

/// A packet on its way along the path: the IPv4 packet (rewritten as it goes), where it is from and when it
/// reached the current element.
public struct PathPacket: Sendable {
    /// Which end sent it (an ICMP error travels towards the end it is addressed to: `from` is the other one).
    public var from: Side
    public var ip: [UInt8]
    var link: [UInt8]
    var timeNanos: Double
    /// Base script index, to keep order stable.
    var order: Int

    public var ipProtocol: UInt8 { ip.count > 9 ? ip[9] : 0 }
    public var ipIdentification: UInt16 { ip.count > 5 ? UInt16(ip[4]) << 8 | UInt16(ip[5]) : 0 }
    /// TCP or UDP source and destination ports (empty for other protocols and later fragments).
    public var ports: [UInt16] {
        let h = headerLength
        guard ipProtocol == IPProtocol.tcp || ipProtocol == IPProtocol.udp, ip.count >= h + 4, !isLaterFragment
        else { return [] }
        return [UInt16(ip[h]) << 8 | UInt16(ip[h + 1]), UInt16(ip[h + 2]) << 8 | UInt16(ip[h + 3])]
    }
    var headerLength: Int { ip.isEmpty ? 0 : Int(ip[0] & 0x0F) * 4 }

    /// The enhanced GRE sequence number, when the packet is an unfragmented GRE packet carrying one.
    public var greSequence: UInt32? {
        let h = headerLength
        guard ipProtocol == IPProtocol.gre, ip.count >= h + 12, ip[h] & 0x10 != 0, !isLaterFragment else { return nil }
        return UInt32(ip[h + 8]) << 24 | UInt32(ip[h + 9]) << 16 | UInt32(ip[h + 10]) << 8 | UInt32(ip[h + 11])
    }

    var isLaterFragment: Bool { ip.count > 7 && (UInt16(ip[6] & 0x1F) << 8 | UInt16(ip[7])) != 0 }
    var dontFragment: Bool { ip.count > 6 && ip[6] & 0x40 != 0 }
}
