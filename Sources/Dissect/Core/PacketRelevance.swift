/// Which packets a PPTP analysis has any use for, decided in one place. The session builder, the read-ahead
/// thread that sorts packets out before the builder sees them, and the builder's own routing all ask here, so
/// a packet cannot be kept out by one of them and wanted by another.
public enum PacketRelevance {
    /// TCP port of the PPTP control channel (RFC 2637).
    public static let controlPort = DispatchTables.pptpPort
    /// A SYN to this port from a client of a PPTP server is SSTP (TLS), a Windows client falling back.
    public static let sstpPort: UInt16 = 443

    /// Whether the analysis does more with this dissected packet than count it: anything PPTP, PPP, GRE, ICMP,
    /// a fragment, a possible VPN fallback (TCP SYN to 443, UDP to 500/4500/1701, whoever the server), anything
    /// malformed. The others (most of a busy link's traffic) can be counted in bulk.
    public static func needs(_ p: borrowing DecodedPacket) -> Bool {
        if p.malformed != nil || p.pppoe != nil || p.ppp != nil || p.control != nil || p.pap != nil || p.chap != nil
            || p.eap != nil || p.gre != nil || p.icmp != nil || p.outerIP != nil || p.innerIP != nil
        {
            return true
        }
        guard let ip = p.ip else { return false }
        if ip.isFragment { return true }
        if let tcp = p.tcp {
            return tcp.sourcePort == controlPort || tcp.destinationPort == controlPort
                || (tcp.destinationPort == sstpPort && tcp.flags.contains(.syn) && !tcp.flags.contains(.ack))
        }
        if let udp = p.udp { return isFallbackUDPPort(udp.destinationPort) }
        return false
    }

    /// IKE, IKE over NAT-T, L2TP: the other VPNs a Windows client set to "Automatic" tries after PPTP.
    @inline(__always)
    public static func isFallbackUDPPort(_ port: UInt16) -> Bool { port == 500 || port == 4500 || port == 1701 }

    /// What a few header bytes of an Ethernet frame say, without dissecting it.
    public enum Glance: Sendable {
        /// IPv4 GRE, or TCP to or from the control port: `needs` keeps it.
        case tunnel
        /// A whole, well-formed IPv4 TCP segment or UDP datagram that `needs` would only count.
        case unrelated
        /// Anything else: dissect it to decide.
        case undecided
    }

    /// The fast paths, from one walk over the header bytes of an Ethernet frame (with up to two VLAN tags). It reads
    /// the fields the dissector checks, in the same way: `.tunnel` only for packets `needs` keeps and `.unrelated`
    /// only for packets it drops (the tests hold both to the dissector on every fixture frame and on truncated and
    /// mutated ones). `snapTruncated`: the record's captured length is under its length on the wire.
    public static func glance(ethernetFrame v: ByteView, snapTruncated: Bool) -> Glance {
        guard var type = v.u16(12) else { return .undecided }
        var offset = 12
        var tags = 0
        while type == EtherType.vlan.rawValue || type == EtherType.qinq.rawValue {
            guard tags < 2, let next = v.u16(offset + 4) else { return .undecided }
            offset += 4
            tags += 1
            type = next
        }
        let ip = offset + 2
        guard type == EtherType.ipv4.rawValue, let versionAndLength = v.u8(ip), versionAndLength >> 4 == 4,
            let proto = v.u8(ip + 9).map(IPProtocol.init(rawValue:))
        else { return .undecided }
        let headerLength = Int(versionAndLength & 0x0F) * 4
        let l4 = ip + headerLength
        if proto == .gre { return .tunnel }
        if proto == .tcp, v.u16(l4) == controlPort || v.u16(l4 + 2) == controlPort { return .tunnel }

        guard v.contains(ip, length: 20), let total0 = v.u16(ip + 2), let flagsAndOffset = v.u16(ip + 6) else {
            return .undecided
        }
        // Not a fragment (no more-fragments flag, offset 0): fragments are reassembled, so always kept.
        guard headerLength >= 20, v.contains(ip, length: headerLength), flagsAndOffset & 0x3FFF == 0 else {
            return .undecided
        }
        // Total length 0 (TCP segmentation offload) is read as the captured length, as the dissector does.
        let total = total0 == 0 ? min(v.count - ip, Int(UInt16.max)) : Int(total0)
        let datagramEnd = ip + total
        // A datagram longer than a frame captured whole is malformed, which the analysis keeps.
        guard total >= headerLength, datagramEnd <= v.count || snapTruncated else { return .undecided }
        let end = min(datagramEnd, v.count)
        switch proto {
        case .tcp:
            guard v.contains(l4, length: 20), let destination = v.u16(l4 + 2), let offsetAndFlags = v.u16(l4 + 12) else {
                return .undecided
            }
            let tcpHeaderLength = Int(offsetAndFlags >> 12) * 4
            guard tcpHeaderLength >= 20, l4 + tcpHeaderLength <= end else { return .undecided }
            let flags = TCPFlags(rawValue: offsetAndFlags & 0x01FF)
            return destination == sstpPort && flags.contains(.syn) && !flags.contains(.ack) ? .undecided : .unrelated
        case .udp:
            guard v.contains(l4, length: 8), let destination = v.u16(l4 + 2) else { return .undecided }
            return isFallbackUDPPort(destination) ? .undecided : .unrelated
        default:
            return .undecided
        }
    }

    /// `glance` says `.tunnel`.
    public static func isCertainlyTunnel(ethernetFrame v: ByteView) -> Bool {
        if case .tunnel = glance(ethernetFrame: v, snapTruncated: false) { true } else { false }
    }

    /// `glance` says `.unrelated`.
    public static func isCertainlyUnrelated(ethernetFrame v: ByteView, snapTruncated: Bool) -> Bool {
        if case .unrelated = glance(ethernetFrame: v, snapTruncated: snapTruncated) { true } else { false }
    }
}
