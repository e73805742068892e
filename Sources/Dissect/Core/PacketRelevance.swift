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

    /// The fast path, from a few header bytes and without dissecting: an Ethernet frame (with up to two VLAN
    /// tags) carrying IPv4 GRE, or TCP to or from the control port. True only for packets `needs` keeps (the
    /// tests hold the two together); false says nothing, and the packet is dissected to decide.
    public static func isCertainlyTunnel(ethernetFrame v: ByteView) -> Bool {
        var offset = 12
        var type = EtherType(rawValue: v.u16(offset) ?? 0)
        var tags = 0
        while type == .vlan || type == .qinq, tags < 2 {
            offset += 4
            tags += 1
            type = EtherType(rawValue: v.u16(offset) ?? 0)
        }
        let ip = offset + 2
        guard type == .ipv4, let versionAndLength = v.u8(ip), versionAndLength >> 4 == 4,
            let proto = v.u8(ip + 9).map(IPProtocol.init(rawValue:))
        else { return false }
        if proto == .gre { return true }
        guard proto == .tcp else { return false }
        let tcp = ip + Int(versionAndLength & 0x0F) * 4
        return v.u16(tcp) == controlPort || v.u16(tcp + 2) == controlPort
    }

    /// The other fast path: an Ethernet frame (with up to two VLAN tags) carrying a whole, well-formed IPv4 TCP
    /// segment or UDP datagram that `needs` would only count — most of a busy link. It reads the same header
    /// fields the dissector checks, in the same way; true only for packets `needs` drops (the tests hold the two
    /// together on every fixture and on mutated frames); false says nothing, and the packet is dissected.
    /// `snapTruncated`: the record's captured length is under its length on the wire.
    public static func isCertainlyUnrelated(ethernetFrame v: ByteView, snapTruncated: Bool) -> Bool {
        guard var type = v.u16(12) else { return false }
        var offset = 12
        var tags = 0
        while type == EtherType.vlan.rawValue || type == EtherType.qinq.rawValue {
            guard tags < 2, let next = v.u16(offset + 4) else { return false }
            offset += 4
            tags += 1
            type = next
        }
        let ip = offset + 2
        guard type == EtherType.ipv4.rawValue, v.contains(ip, length: 20), let versionAndLength = v.u8(ip),
            versionAndLength >> 4 == 4, let total0 = v.u16(ip + 2), let flagsAndOffset = v.u16(ip + 6),
            let proto = v.u8(ip + 9)
        else { return false }
        let headerLength = Int(versionAndLength & 0x0F) * 4
        // Not a fragment (no more-fragments flag, offset 0): fragments are reassembled, so always kept.
        guard headerLength >= 20, v.contains(ip, length: headerLength), flagsAndOffset & 0x3FFF == 0 else { return false }
        // Total length 0 (TCP segmentation offload) is read as the captured length, as the dissector does.
        let total = total0 == 0 ? min(v.count - ip, Int(UInt16.max)) : Int(total0)
        let datagramEnd = ip + total
        // A datagram longer than a frame captured whole is malformed, which the analysis keeps.
        guard total >= headerLength, datagramEnd <= v.count || snapTruncated else { return false }
        let end = min(datagramEnd, v.count)
        let l4 = ip + headerLength
        switch IPProtocol(rawValue: proto) {
        case .tcp:
            guard v.contains(l4, length: 20), let source = v.u16(l4), let destination = v.u16(l4 + 2),
                let offsetAndFlags = v.u16(l4 + 12)
            else { return false }
            let tcpHeaderLength = Int(offsetAndFlags >> 12) * 4
            guard tcpHeaderLength >= 20, l4 + tcpHeaderLength <= end, source != controlPort, destination != controlPort
            else { return false }
            let flags = TCPFlags(rawValue: offsetAndFlags & 0x01FF)
            return !(destination == sstpPort && flags.contains(.syn) && !flags.contains(.ack))
        case .udp:
            guard v.contains(l4, length: 8), let destination = v.u16(l4 + 2) else { return false }
            return !isFallbackUDPPort(destination)
        default:
            return false
        }
    }
}
