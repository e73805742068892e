/// In-place rewrites of an IPv4 packet as the devices of a path make them, checksums recomputed after each.
enum PacketRewrite {
    static func be16(_ p: [UInt8], _ at: Int) -> UInt16 { UInt16(p[at]) << 8 | UInt16(p[at + 1]) }

    static func setBE16(_ p: inout [UInt8], _ at: Int, _ value: UInt16) {
        p[at] = UInt8(value >> 8)
        p[at + 1] = UInt8(truncatingIfNeeded: value)
    }

    static func address(_ p: [UInt8], _ at: Int) -> IPv4Address {
        IPv4Address(value: UInt32(p[at]) << 24 | UInt32(p[at + 1]) << 16 | UInt32(p[at + 2]) << 8 | UInt32(p[at + 3]))
    }

    static func setAddress(_ p: inout [UInt8], _ at: Int, _ a: IPv4Address) {
        p.replaceSubrange(at..<at + 4, with: a.bytes)
    }

    static func decrementTTL(_ p: inout [UInt8], by hops: Int) {
        p[8] = UInt8(max(0, Int(p[8]) - hops))
    }

    /// Rewrites the client's address, port and Call ID between their private and public forms, for a packet
    /// travelling `from` the given side.
    static func translate(_ p: inout [UInt8], _ nat: NATMapping, toPublic: Bool, from side: Side) {
        let (old, new) = toPublic ? (nat.privateAddress, nat.publicAddress) : (nat.publicAddress, nat.privateAddress)
        let (oldPort, newPort) = toPublic ? (nat.privatePort, nat.publicPort) : (nat.publicPort, nat.privatePort)
        let h = Int(p[0] & 0x0F) * 4
        let addressAt = side == .client ? 12 : 16
        if p[9] == IPProtocol.icmp, side == .server {
            // An ICMP error about a packet the client sent: the quoted header names the client as its source.
            if address(p, 16) == old { setAddress(&p, 16, new) }
            let quoted = h + 8
            if p.count >= quoted + 20, address(p, quoted + 12) == old { setAddress(&p, quoted + 12, new) }
            let quotedTransport = quoted + Int(p[quoted] & 0x0F) * 4
            if p.count >= quotedTransport + 2, p[quoted + 9] == IPProtocol.tcp, be16(p, quotedTransport) == oldPort {
                setBE16(&p, quotedTransport, newPort)
            }
            return
        }
        guard address(p, addressAt) == old else { return }
        setAddress(&p, addressAt, new)
        switch p[9] {
        case IPProtocol.tcp:
            let portAt = h + (side == .client ? 0 : 2)
            if be16(p, portAt) == oldPort { setBE16(&p, portAt, newPort) }
            if let ids = nat.callIDs { translateControl(&p, ids: ids, toPublic: toPublic, from: side) }
        case IPProtocol.gre:
            // The server's GRE is keyed with the client's Call ID; the client's carries the server's.
            if let ids = nat.callIDs, side == .server, !isLaterFragment(p), p.count >= h + 8 {
                let (oldID, newID) = toPublic ? (ids.private, ids.public) : (ids.public, ids.private)
                if be16(p, h + 6) == oldID { setBE16(&p, h + 6, newID) }
            }
        default: break
        }
    }

    /// The Call ID fields of PPTP control messages that name the client's Call ID: OCRQ / CCRQ / ICRP Call ID
    /// from the client, OCRP / WAN-Error-Notify Peer Call ID from the server.
    static func translateControl(
        _ p: inout [UInt8], ids: (private: UInt16, public: UInt16), toPublic: Bool,
        from side: Side
    ) {
        let (oldID, newID) = toPublic ? (ids.private, ids.public) : (ids.public, ids.private)
        let h = Int(p[0] & 0x0F) * 4
        var cursor = h + Int(p[h + 12] >> 4) * 4
        while cursor + 16 <= p.count {
            let length = Int(be16(p, cursor))
            guard length >= 16, cursor + length <= p.count else { return }
            let type = be16(p, cursor + 8)
            let field: Int? =
                switch (side, type) {
                case (.client, 7), (.client, 12), (.client, 10): cursor + 12
                case (.server, 8): cursor + 14
                case (.server, 14): cursor + 12
                default: nil
                }
            if let field, be16(p, field) == oldID { setBE16(&p, field, newID) }
            cursor += length
        }
    }

    /// Rewrites the MSS option of a SYN down to `mss`; true when it changed.
    static func clampMSS(_ p: inout [UInt8], to mss: UInt16) {
        guard p[9] == IPProtocol.tcp else { return }
        let h = Int(p[0] & 0x0F) * 4
        guard p.count >= h + 20, p[h + 13] & 0x02 != 0 else { return }
        let end = h + Int(p[h + 12] >> 4) * 4
        var cursor = h + 20
        while cursor + 1 < min(end, p.count) {
            let kind = p[cursor]
            if kind == 0 { return }
            if kind == 1 {
                cursor += 1
                continue
            }
            let length = Int(p[cursor + 1])
            guard length >= 2 else { return }
            if kind == 2, length == 4, cursor + 4 <= p.count, be16(p, cursor + 2) > mss { setBE16(&p, cursor + 2, mss) }
            cursor += length
        }
    }

    static func isLaterFragment(_ p: [UInt8]) -> Bool { (UInt16(p[6] & 0x1F) << 8 | UInt16(p[7])) != 0 }

    /// Recomputes the IP header checksum and, for whole TCP and ICMP packets, the transport checksum.
    static func fixChecksums(_ p: inout [UInt8]) {
        let h = Int(p[0] & 0x0F) * 4
        setBE16(&p, 10, 0)
        setBE16(&p, 10, InternetChecksum.compute(Array(p[0..<h])))
        guard !isLaterFragment(p), p[6] & 0x20 == 0 else { return }
        switch p[9] {
        case IPProtocol.tcp where p.count >= h + 20:
            setBE16(&p, h + 16, 0)
            let pseudo = IPPacket.pseudoHeaderSum(
                source: address(p, 12), destination: address(p, 16),
                protocolNumber: IPProtocol.tcp, length: p.count - h)
            setBE16(&p, h + 16, InternetChecksum.compute(Array(p[h...]), pseudoHeaderSum: pseudo))
        case IPProtocol.icmp where p.count >= h + 8:
            setBE16(&p, h + 2, 0)
            setBE16(&p, h + 2, InternetChecksum.compute(Array(p[h...])))
        default: break
        }
    }

    /// Splits a packet into fragments of at most `mtu` bytes (payload pieces on 8-byte boundaries, RFC 791).
    static func fragment(_ p: [UInt8], mtu: Int) -> [[UInt8]] {
        let h = Int(p[0] & 0x0F) * 4
        let step = max(8, (mtu - h) / 8 * 8)
        let payload = Array(p[h...])
        let baseOffset = Int(be16(p, 6) & 0x1FFF) * 8
        let moreAfter = p[6] & 0x20 != 0
        var pieces: [[UInt8]] = []
        var start = 0
        while start < payload.count {
            let end = min(payload.count, start + step)
            var piece = Array(p[0..<h]) + payload[start..<end]
            setBE16(&piece, 2, UInt16(piece.count))
            let more = end < payload.count || moreAfter
            setBE16(&piece, 6, (more ? 0x2000 : 0) | UInt16((baseOffset + start) / 8))
            fixChecksums(&piece)
            pieces.append(piece)
            start = end
        }
        return pieces
    }
}
