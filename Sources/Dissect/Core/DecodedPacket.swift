/// Everything the dissectors found in one packet, as plain values and offsets into the packet bytes.
/// It holds no reference to the bytes and allocates nothing: a struct of optional layers, filled in order,
/// and `malformed` saying where decoding stopped (the layers before it stand).
public struct DecodedPacket: Sendable {
    public var linkType: LinkType
    public var capturedLength: Int
    /// Original length on the wire (from the capture record); larger than `capturedLength` under a snaplen.
    public var wireLength: Int

    public var ethernet: EthernetHeader?
    public var cooked: LinuxCookedHeader?
    public var loopbackFamily: UInt32?
    public var pppoe: PPPoEHeader?
    /// The outermost IP header when IP is carried in IP (e.g. IPv4 in IPv6); nil otherwise.
    public var outerIP: IPHeader?
    /// The IP header that carries TCP, UDP, GRE or ICMP.
    public var ip: IPHeader?
    public var tcp: TCPHeader?
    public var udp: UDPHeader?
    public var gre: GREHeader?
    /// The first whole PPTP control message in the TCP payload.
    public var pptp: PPTPControlMessage?
    /// Whole PPTP messages that start in this segment (a segment may carry several).
    public var pptpMessageCount = 0
    /// Where the segment's PPTP bytes lie: from the TCP payload's start to its end on the wire, which is past the
    /// captured bytes when a snapshot length cut the segment.
    public var pptpRange: Range<Int>?
    public var ppp: PPPFrame?
    /// LCP, IPCP, CCP, IPV6CP or another control protocol packet.
    public var control: ControlPacket?
    public var pap: PAPPacket?
    public var chap: CHAPPacket?
    public var eap: EAPPacket?
    /// An IP datagram carried inside the tunnel (PPP or GRE version 0).
    public var innerIP: IPHeader?
    /// Ports of a TCP or UDP header inside the tunnel (what the user's traffic was).
    public var innerPorts: (source: UInt16, destination: UInt16)?
    public var icmp: ICMPMessage?
    /// The ICMP message came from inside the tunnel rather than from the path.
    public var icmpIsInner = false
    public var malformed: Malformation?

    public init(linkType: LinkType, capturedLength: Int, wireLength: Int) {
        self.linkType = linkType
        self.capturedLength = capturedLength
        self.wireLength = wireLength
    }

    /// The captured bytes stop before the packet does.
    public var isSnapTruncated: Bool { wireLength > capturedLength }

    /// The protocol stack as Wireshark writes it, e.g. "eth:vlan:ip:gre:ppp:lcp".
    public var stack: [Layer] {
        var s: [Layer] = []
        if ethernet != nil { s.append(.ethernet) }
        if let e = ethernet, e.vlan.count > 0 { s.append(.vlan) }
        if let c = cooked { s.append(c.version == 1 ? .sll : .sll2) }
        if loopbackFamily != nil { s.append(.loopback) }
        if pppoe != nil { s.append(.pppoe) }
        if let o = outerIP { s.append(o.version == 4 ? .ipv4 : .ipv6) }
        if let i = ip { s.append(i.version == 4 ? .ipv4 : .ipv6) }
        if tcp != nil { s.append(.tcp) }
        if udp != nil, innerIP == nil { s.append(.udp) }
        if gre != nil { s.append(.gre) }
        if pptp != nil { s.append(.pptp) }
        if icmp != nil, !icmpIsInner { s.append(icmp?.version == 6 ? .icmpv6 : .icmp) }
        if ppp != nil { s.append(.ppp) }
        if let c = control { s.append(Self.layer(of: c.proto)) }
        if pap != nil { s.append(.pap) }
        if chap != nil { s.append(.chap) }
        if eap != nil { s.append(.eap) }
        if let i = innerIP { s.append(i.version == 4 ? .ipv4 : .ipv6) }
        if icmp != nil, icmpIsInner { s.append(icmp?.version == 6 ? .icmpv6 : .icmp) }
        return s
    }

    static func layer(of proto: PPPProtocol) -> Layer {
        switch proto {
        case .lcp: .lcp
        case .ipcp: .ipcp
        case .ccp: .ccp
        case .ipv6cp: .ipv6cp
        default: .ncp
        }
    }
}
