/// The protocol graph in one place: which decoder handles which number. Reading these tables tells you
/// every path a packet can take through the dissectors (Wireshark's dissector tables, gopacket's enums.go).
enum NextLayer: Sendable {
    case ipv4, ipv6, pppoeSession, vlanHandledByEthernet
    case tcp, udp, gre, icmp, icmpv6
    case ppp
    /// A PPP control or authentication packet with no PPP header: Windows WAN adapters write PPP control frames
    /// as pseudo-Ethernet whose type field holds the PPP protocol number.
    case pppPayloadAsEtherType
}

enum DispatchTables {
    static let byEtherType: [EtherType: NextLayer] = [
        .ipv4: .ipv4,
        .ipv6: .ipv6,
        .pppoeSession: .pppoeSession,
        .ppp: .ppp,
        EtherType(rawValue: PPPProtocol.lcp.rawValue): .pppPayloadAsEtherType,
        EtherType(rawValue: PPPProtocol.ipcp.rawValue): .pppPayloadAsEtherType,
        EtherType(rawValue: PPPProtocol.ccp.rawValue): .pppPayloadAsEtherType,
        EtherType(rawValue: PPPProtocol.ipv6cp.rawValue): .pppPayloadAsEtherType,
        EtherType(rawValue: PPPProtocol.pap.rawValue): .pppPayloadAsEtherType,
        EtherType(rawValue: PPPProtocol.chap.rawValue): .pppPayloadAsEtherType,
    ]

    static let byIPProtocol: [IPProtocol: NextLayer] = [
        .tcp: .tcp,
        .udp: .udp,
        .gre: .gre,
        .icmp: .icmp,
        .icmpv6: .icmpv6,
        .ipInIP: .ipv4,
        .ipv6: .ipv6,
    ]

    /// What GRE's protocol type field leads to (GRE reuses EtherType numbers).
    static let byGREProtocol: [EtherType: NextLayer] = [
        .ppp: .ppp,
        .ipv4: .ipv4,
        .ipv6: .ipv6,
    ]

    static let byPPPProtocol: [PPPProtocol: PPPProtocolHandler] = [
        .lcp: .control(.lcp),
        .ipcp: .control(.ipcp),
        .ccp: .control(.ccp),
        .ipv6cp: .control(.ipv6cp),
        .pap: .pap,
        .chap: .chap,
        .eap: .eap,
        .ipv4: .ip(4),
        .ipv6: .ip(6),
    ]

    /// TCP port of the PPTP control channel (RFC 2637).
    static let pptpPort: UInt16 = 1723

    // The tables above, flattened once into arrays indexed by the wire number: the per-packet lookup is an
    // index, not a hash. Filled from the tables' few entries, not by a dictionary lookup for each of the 65,536
    // numbers: that cost 7 ms at every start, a third of analyzing a small capture.
    static let etherTypeIndex: [NextLayer?] = flattened(byEtherType, count: 0x1_0000) { Int($0.rawValue) }
    static let ipProtocolIndex: [NextLayer?] = flattened(byIPProtocol, count: 0x100) { Int($0.rawValue) }
    static let pppProtocolIndex: [PPPProtocolHandler?] = flattened(byPPPProtocol, count: 0x1_0000) {
        Int($0.rawValue)
    }

    private static func flattened<Key, Value>(
        _ table: [Key: Value],
        count: Int,
        index: (Key) -> Int
    ) -> [Value?] {
        var flat = [Value?](repeating: nil, count: count)
        for (key, value) in table { flat[index(key)] = value }
        return flat
    }

    @inline(__always) static func next(etherType t: EtherType) -> NextLayer? { etherTypeIndex[Int(t.rawValue)] }
    @inline(__always) static func next(ipProtocol p: IPProtocol) -> NextLayer? { ipProtocolIndex[Int(p.rawValue)] }
    @inline(__always) static func handler(ppp p: PPPProtocol) -> PPPProtocolHandler? { pppProtocolIndex[Int(p.rawValue)] }
}

enum PPPProtocolHandler: Sendable {
    case control(Layer)
    case pap, chap, eap
    case ip(UInt8)
}
