/// Everything the dissectors found in one packet, as plain values and offsets into the packet bytes.
/// It holds no reference to the bytes: a struct of optional layers, filled in order, and `malformed` saying
/// where decoding stopped (the layers before it stand).
///
/// The analysis loop dissects every packet into one reused value (`PacketDissector.dissect(_:into:)`), so the
/// struct is never copied per packet. The layers a capture rarely holds (a PPTP control message, ICMP with its
/// quoted datagram, PAP/CHAP/EAP, IP-in-IP) live in a box allocated only for the packets that have them: they
/// would otherwise make every GRE and TCP packet carry several hundred bytes of empty optionals.
public struct DecodedPacket: Sendable {
    public var linkType: LinkType
    public var capturedLength: Int
    /// Original length on the wire (from the capture record); larger than `capturedLength` under a snaplen.
    public var wireLength: Int

    public var ethernet: EthernetHeader?
    public var cooked: LinuxCookedHeader?
    public var loopbackFamily: UInt32?
    public var pppoe: PPPoEHeader?
    /// The IP header that carries TCP, UDP, GRE or ICMP.
    public var ip: IPHeader?
    public var tcp: TCPHeader?
    public var udp: UDPHeader?
    public var gre: GREHeader?
    /// Whole PPTP messages that start in this segment (a segment may carry several).
    public var pptpMessageCount = 0
    /// Where the segment's PPTP bytes lie: from the TCP payload's start to its end on the wire, which is past the
    /// captured bytes when a snapshot length cut the segment.
    public var pptpRange: Range<Int>?
    public var ppp: PPPFrame?
    /// LCP, IPCP, CCP, IPV6CP or another control protocol packet.
    public var control: ControlPacket?
    /// An IP datagram carried inside the tunnel (PPP or GRE version 0).
    public var innerIP: IPHeader?
    /// Ports of a TCP or UDP header inside the tunnel (what the user's traffic was).
    public var innerPorts: (source: UInt16, destination: UInt16)?
    /// The ICMP message came from inside the tunnel rather than from the path.
    public var icmpIsInner = false
    public var malformed: Malformation?
    private var rare: RareLayers?

    public init(linkType: LinkType, capturedLength: Int, wireLength: Int) {
        self.linkType = linkType
        self.capturedLength = capturedLength
        self.wireLength = wireLength
    }

    /// The outermost IP header when IP is carried in IP (e.g. IPv4 in IPv6); nil otherwise.
    public var outerIP: IPHeader? {
        get { rare?.outerIP }
        set { mutableRare(setting: newValue != nil)?.outerIP = newValue }
    }
    /// The first whole PPTP control message in the TCP payload.
    public var pptp: PPTPControlMessage? {
        get { rare?.pptp }
        set { mutableRare(setting: newValue != nil)?.pptp = newValue }
    }
    public var pap: PAPPacket? {
        get { rare?.pap }
        set { mutableRare(setting: newValue != nil)?.pap = newValue }
    }
    public var chap: CHAPPacket? {
        get { rare?.chap }
        set { mutableRare(setting: newValue != nil)?.chap = newValue }
    }
    public var eap: EAPPacket? {
        get { rare?.eap }
        set { mutableRare(setting: newValue != nil)?.eap = newValue }
    }
    public var icmp: ICMPMessage? {
        get { rare?.icmp }
        set { mutableRare(setting: newValue != nil)?.icmp = newValue }
    }

    /// The box, made unique before a write (copy on write: a copied packet keeps its own layers); nil when there
    /// is no box and the write is a nil, which needs none.
    private mutating func mutableRare(setting: Bool) -> RareLayers? {
        guard let box = rare else {
            guard setting else { return nil }
            let fresh = RareLayers()
            rare = fresh
            return fresh
        }
        if isKnownUniquelyReferenced(&rare) { return box }
        let copy = box.copy()
        rare = copy
        return copy
    }

    /// Back to a packet with no layers, keeping nothing of the one before (the reused value of the analysis loop).
    /// Field by field: assigning a fresh value would build all of it aside and copy it over. A stored property
    /// added to DecodedPacket must be cleared here too (ReusedPacketTests compares with a fresh packet).
    public mutating func reset(linkType: LinkType, capturedLength: Int, wireLength: Int) {
        self.linkType = linkType
        self.capturedLength = capturedLength
        self.wireLength = wireLength
        ethernet = nil
        cooked = nil
        loopbackFamily = nil
        pppoe = nil
        ip = nil
        tcp = nil
        udp = nil
        gre = nil
        pptpMessageCount = 0
        pptpRange = nil
        ppp = nil
        control = nil
        innerIP = nil
        innerPorts = nil
        icmpIsInner = false
        malformed = nil
        if rare != nil { rare = nil }
    }

    /// The captured bytes stop before the packet does.
    public var isSnapTruncated: Bool { wireLength > capturedLength }

    /// The protocol stack as Wireshark writes it, e.g. "eth:vlan:ip:gre:ppp:lcp".
    public var stack: [Layer] {
        var s: [Layer] = []
        forEachLayer { s.append($0) }
        return s
    }

    /// The layers of `stack`, in order, without building the array (the packet listing asks for every packet).
    public func forEachLayer(_ body: (Layer) -> Void) {
        if ethernet != nil { body(.ethernet) }
        if let e = ethernet, e.vlan.count > 0 { body(.vlan) }
        if let c = cooked { body(c.version == 1 ? .sll : .sll2) }
        if loopbackFamily != nil { body(.loopback) }
        if pppoe != nil { body(.pppoe) }
        if let o = outerIP { body(o.version == 4 ? .ipv4 : .ipv6) }
        if let i = ip { body(i.version == 4 ? .ipv4 : .ipv6) }
        if tcp != nil { body(.tcp) }
        if udp != nil, innerIP == nil { body(.udp) }
        if gre != nil { body(.gre) }
        if pptp != nil { body(.pptp) }
        if icmp != nil, !icmpIsInner { body(icmp?.version == 6 ? .icmpv6 : .icmp) }
        if ppp != nil { body(.ppp) }
        if let c = control { body(Self.layer(of: c.proto)) }
        if pap != nil { body(.pap) }
        if chap != nil { body(.chap) }
        if eap != nil { body(.eap) }
        if let i = innerIP { body(i.version == 4 ? .ipv4 : .ipv6) }
        if icmp != nil, icmpIsInner { body(icmp?.version == 6 ? .icmpv6 : .icmp) }
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

/// The layers few packets have, out of line (see `DecodedPacket`).
private final class RareLayers: @unchecked Sendable {
    // Only ever mutated through `DecodedPacket.mutableRare`, which copies a shared box first.
    var outerIP: IPHeader?
    var pptp: PPTPControlMessage?
    var pap: PAPPacket?
    var chap: CHAPPacket?
    var eap: EAPPacket?
    var icmp: ICMPMessage?

    func copy() -> RareLayers {
        let c = RareLayers()
        c.outerIP = outerIP
        c.pptp = pptp
        c.pap = pap
        c.chap = chap
        c.eap = eap
        c.icmp = icmp
        return c
    }
}
