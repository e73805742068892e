/// The one-line description of a packet's innermost message, as `pptp-pcap packets` prints it:
/// `LCP Configure-Request id=1 MRU=1400 auth=MS-CHAPv2 magic=0x0c6f3548`.
public enum PacketSummary {
    public static func addresses(_ p: DecodedPacket) -> (source: String, destination: String) {
        if let ip = p.ip { return (ip.source.description, ip.destination.description) }
        if let e = p.ethernet { return (e.source.description, e.destination.description) }
        if let d = p.ppp?.direction { return d == 0 ? ("DCE", "DTE") : ("DTE", "DCE") }
        return ("-", "-")
    }

    public static func stackText(_ p: DecodedPacket) -> String {
        var text = ""
        for layer in p.stack {
            if !text.isEmpty { text += ":" }
            text += layer.rawValue
        }
        return text
    }

    /// The protocol stack as the listing shows it: a pending fragment stops at IP; a completing one continues
    /// with the reassembled datagram's layers.
    public static func stackText(_ p: DecodedPacket, fragment: FragmentView) -> String {
        switch fragment {
        case .whole: return stackText(p)
        case .pending, .completes:
            var layers: [String] = []
            for layer in p.stack {
                layers.append(layer.rawValue)
                if layer == .ipv4 { break }
            }
            if case .completes(let datagram, _) = fragment {
                layers += datagram.stack.drop { $0 != .ipv4 }.dropFirst().map(\.rawValue)
            }
            return layers.joined(separator: ":")
        }
    }

    /// The listing's description, for fragments of a datagram being reassembled too.
    public static func line(_ p: DecodedPacket, _ view: ByteView, fragment: FragmentView) -> String {
        switch fragment {
        case .whole:
            return line(p, view)
        case .pending:
            guard let ip = p.ip else { return line(p, view) }
            let what = ip.proto == .gre ? "GRE" : ip.proto == .tcp ? "TCP" : "protocol \(ip.proto.rawValue)"
            return "IPv4 fragment of a \(what) datagram (id \(ip.identification), offset \(ip.fragmentOffset)"
                + (ip.moreFragments ? ", more follow)" : ", the last)")
        case .completes(let datagram, let view):
            let total = datagram.ip?.totalLength ?? 0
            return line(datagram, view) + " [reassembled: \(total) bytes]"
        }
    }

    public static func line(_ p: DecodedPacket, _ view: ByteView) -> String {
        var s = innermost(p, view)
        if let m = p.malformed { s += " [malformed: \(m)]" }
        return s
    }

    static func innermost(_ p: DecodedPacket, _ view: ByteView) -> String {
        if let c = p.control { return control(c, view) }
        if let pap = p.pap {
            var s = "PAP \(pap.codeName) id=\(pap.identifier)"
            if let id = pap.peerID { s += " peer=\"\(SafeText.escape(view, id))\"" }
            if let m = pap.message, !m.isEmpty { s += " message=\"\(SafeText.escape(view, m))\"" }
            return s
        }
        if let chap = p.chap {
            var s = "CHAP \(chap.codeName) id=\(chap.identifier)"
            if let v = chap.value { s += " value-size=\(v.count)" }
            if let n = chap.name, !n.isEmpty { s += " name=\"\(SafeText.escape(view, n))\"" }
            if let m = chap.message, !m.isEmpty { s += " \"\(MSCHAPText.redacted(view, m))\"" }
            return s
        }
        if let eap = p.eap { return "EAP \(eap.codeName) id=\(eap.identifier)" + (eap.type.map { " type=\($0)" } ?? "") }
        if let icmp = p.icmp { return icmpText(icmp, inner: p.icmpIsInner) }
        if let inner = p.innerIP {
            return "tunnelled IPv\(inner.version) \(inner.source) → \(inner.destination) proto=\(inner.proto.rawValue)"
        }
        if let ppp = p.ppp { return "PPP \(ppp.proto.name)" + (p.gre.map(greText).map { " (\($0))" } ?? "") }
        if p.pptp != nil, let m = p.pptp {
            var s = "PPTP " + m.summary(in: view)
            if p.pptpMessageCount > 1 { s += " (+\(p.pptpMessageCount - 1) more)" }
            return s
        }
        if let g = p.gre { return greText(g) }
        if let t = p.tcp {
            var s = "TCP \(t.sourcePort) → \(t.destinationPort) [\(t.flags.text)] seq=\(t.sequence)"
            if t.flags.contains(.ack) { s += " ack=\(t.acknowledgment)" }
            if !t.payload.isEmpty { s += " len=\(t.payload.count)" }
            if let m = t.mss { s += " MSS=\(m)" }
            return s
        }
        if let u = p.udp { return "UDP \(u.sourcePort) → \(u.destinationPort)" }
        if let ip = p.ip {
            return ip.isFragment
                ? "IPv\(ip.version) fragment offset=\(ip.fragmentOffset) id=\(ip.identification)"
                : "IPv\(ip.version) proto=\(ip.proto.rawValue)"
        }
        if let e = p.ethernet { return "Ethernet type=0x\(hex(e.etherType.rawValue, width: 4))" }
        return "link type \(p.linkType.rawValue)"
    }

    static func greText(_ g: GREHeader) -> String {
        guard g.isEnhanced else { return "GRE v0 proto=0x\(hex(g.protocolType.rawValue, width: 4))" }
        var s = "GRE call=\(g.callID ?? 0)"
        if let q = g.sequence { s += " seq=\(q)" }
        if let a = g.acknowledgment { s += " ack=\(a)" }
        if g.isAckOnly { s += " ack-only" }
        return s
    }

    static func icmpText(_ m: ICMPMessage, inner: Bool) -> String {
        var s = (m.version == 4 ? "ICMP" : "ICMPv6") + " type=\(m.type) code=\(m.code)"
        if m.isFragmentationNeeded {
            s = (m.version == 4 ? "ICMP fragmentation needed" : "ICMPv6 packet too big")
        } else if m.isProtocolUnreachable {
            s = "ICMP protocol unreachable"
        } else if m.version == 4 && m.type == 3 {
            s = "ICMP destination unreachable code=\(m.code)"
        } else if (m.version == 4 && m.type == 8) || (m.version == 6 && m.type == 128) {
            s = "echo request"
        } else if (m.version == 4 && m.type == 0) || (m.version == 6 && m.type == 129) {
            s = "echo reply"
        }
        if let mtu = m.mtu { s += " mtu=\(mtu)" }
        if let q = m.quoted {
            s += " quoting \(q.ip.source) → \(q.ip.destination) proto=\(q.ip.proto.rawValue)"
            if let c = q.greCallID { s += " call=\(c)" }
            if let d = q.destinationPort { s += " port=\(d)" }
        }
        return inner ? "tunnelled " + s : s
    }

    static func control(_ c: ControlPacket, _ view: ByteView) -> String {
        var s = "\(c.proto.name) \(c.codeName) id=\(c.identifier)"
        var opts: [String] = []
        c.forEachOption(view) { opts.append(OptionText.render($0, proto: c.proto, in: view)) }
        if !opts.isEmpty { s += " " + opts.joined(separator: " ") }
        if let r = c.rejectedProtocol(view) { s += " rejected=\(r.name)" }
        if let m = c.magicNumber(view) { s += " magic=0x\(hex(m, width: 8))" }
        return s
    }
}
