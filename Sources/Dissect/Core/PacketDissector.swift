/// Decodes one captured packet from its link layer down to the innermost message it can read.
///
/// Stateless and allocation-free: it walks the bytes once, following `DispatchTables`, and records each
/// layer in a `DecodedPacket`. The first problem stops the walk and is recorded as `malformed`; the layers
/// found before it are kept.
public enum PacketDissector {
    /// IP-in-IP / GRE nesting followed at most this deep.
    static let maxEncapsulationDepth = 4

    public static func dissect(_ view: ByteView, linkType: LinkType, wireLength: Int? = nil) -> DecodedPacket {
        var packet = DecodedPacket(linkType: linkType, capturedLength: view.count, wireLength: view.count)
        dissect(view, linkType: linkType, wireLength: wireLength, into: &packet)
        return packet
    }

    /// Dissects into a value the caller reuses from packet to packet: the layers are written where they stay,
    /// instead of being built in a fresh packet and copied out.
    public static func dissect(_ view: ByteView, linkType: LinkType, wireLength: Int? = nil, into packet: inout DecodedPacket) {
        packet.reset(linkType: linkType, capturedLength: view.count, wireLength: max(wireLength ?? view.count, view.count))
        withUnsafeMutablePointer(to: &packet) { target in
            var walk = Walk(view: view, target: target)
            walk.link(linkType)
        }
    }
}

private struct Walk {
    let view: ByteView
    /// The caller's packet, written in place; valid for the walk only.
    let target: UnsafeMutablePointer<DecodedPacket>
    var depth = 0

    init(view: ByteView, target: UnsafeMutablePointer<DecodedPacket>) {
        self.view = view
        self.target = target
    }

    var packet: DecodedPacket {
        unsafeAddress { UnsafePointer(target) }
        nonmutating unsafeMutableAddress { target }
    }

    mutating func fail(_ m: Malformation) {
        if packet.malformed == nil { packet.malformed = m }
    }

    mutating func link(_ linkType: LinkType) {
        let end = view.count
        switch linkType {
        case .ethernet:
            switch EthernetHeader.decode(view, at: 0) {
            case .failure(let m): fail(m)
            case .success((let eth, let problem)):
                packet.ethernet = eth
                if let problem { return fail(problem) }
                etherType(eth.etherType, at: eth.payloadOffset, end: end)
            }
        case .linuxSLL, .linuxSLL2:
            let decoded =
                linkType == .linuxSLL
                ? LinuxCookedHeader.decodeSLL(view, at: 0)
                : LinuxCookedHeader.decodeSLL2(view, at: 0)
            switch decoded {
            case .failure(let m): fail(m)
            case .success(let h):
                packet.cooked = h
                etherType(h.protocolType, at: h.payloadOffset, end: end)
            }
        case .null, .loop:
            guard let le = view.u32le(0), let be = view.u32(0) else {
                return fail(Malformation(.loopback, .truncated, at: 0, "shorter than 4 bytes"))
            }
            // DLT_NULL stores the family in the writer's byte order; take whichever reading is small.
            let family = le < 0x10000 ? le : be
            packet.loopbackFamily = family
            switch family {
            case 2: ip(version: 4, at: 4, end: end)
            case 10, 24, 28, 30: ip(version: 6, at: 4, end: end)
            default: break
            }
        case .raw, .rawOpenBSD, .rawLinux12, .ipv4, .ipv6:
            guard let first = view.u8(0) else { return fail(Malformation(.frame, .truncated, at: 0, "empty packet")) }
            ip(version: first >> 4, at: 0, end: end)
        case .ppp, .pppHDLC:
            ppp(at: 0, end: end)
        case .pppWithDirection:
            // One direction byte, then a PPP frame (libpcap's LINKTYPE_PPP_WITH_DIR).
            ppp(at: 1, end: end)
            packet.ppp?.direction = view.u8(0)
        case .pppEther:
            pppoe(at: 0, end: end)
        default:
            break
        }
    }

    mutating func etherType(_ type: EtherType, at offset: Int, end: Int) {
        switch DispatchTables.next(etherType: type) {
        case .ipv4?: ip(version: 4, at: offset, end: end)
        case .ipv6?: ip(version: 6, at: offset, end: end)
        case .pppoeSession?: pppoe(at: offset, end: end)
        case .ppp?: ppp(at: offset, end: end)
        case .pppPayloadAsEtherType?: pppPayload(PPPProtocol(rawValue: type.rawValue), at: offset, end: end)
        default: break
        }
    }

    mutating func pppoe(at offset: Int, end: Int) {
        switch PPPoEHeader.decode(view, at: offset) {
        case .failure(let m): fail(m)
        case .success(let h):
            packet.pppoe = h
            ppp(at: h.payloadOffset, end: min(end, h.payloadOffset + Int(h.length)), allowAddressControl: false)
        }
    }

    mutating func ip(version: UInt8, at offset: Int, end: Int) {
        guard depth < PacketDissector.maxEncapsulationDepth else {
            return fail(Malformation(version == 6 ? .ipv6 : .ipv4, .badValue, at: offset, "encapsulated too deep"))
        }
        depth += 1
        let decoded: Result<IPHeader, Malformation>
        switch version {
        case 4: decoded = IPHeader.decodeIPv4(view, at: offset)
        case 6: decoded = IPHeader.decodeIPv6(view, at: offset)
        default: return fail(Malformation(.ipv4, .badValue, at: offset, "IP version is neither 4 nor 6"))
        }
        let header: IPHeader
        switch decoded {
        case .failure(let m): return fail(m)
        case .success(let h): header = h
        }
        let payloadEnd = min(end, header.payload.upperBound)
        if header.isTruncated, !packet.isSnapTruncated {
            // The whole frame was captured, yet the datagram claims to be longer: its length field lies.
            fail(Malformation(version == 6 ? .ipv6 : .ipv4, .badLength, at: offset, "length beyond the frame"))
        }
        // Inside a tunnel: an IP datagram carried by PPP or GRE v0.
        if packet.ppp != nil || packet.gre != nil {
            packet.innerIP = header
            if !header.isFragment || header.fragmentOffset == 0 {
                switch header.proto {
                case .icmp, .icmpv6:
                    icmp(at: header.payload.lowerBound, end: payloadEnd, version: version, inner: true)
                case .tcp, .udp:
                    if let s = view.u16(header.payload.lowerBound), let d = view.u16(header.payload.lowerBound + 2) {
                        packet.innerPorts = (s, d)
                    }
                default: break
                }
            }
            return
        }
        if packet.ip != nil, packet.outerIP == nil { packet.outerIP = packet.ip }
        packet.ip = header
        // A non-first fragment has no transport header; the reassembler hands back the whole datagram.
        guard header.fragmentOffset == 0 else { return }
        let start = header.payload.lowerBound
        switch DispatchTables.next(ipProtocol: header.proto) {
        case .tcp?: tcp(at: start, end: payloadEnd, fragment: header.moreFragments)
        case .udp?:
            switch UDPHeader.decode(view, at: start) {
            case .failure(let m): fail(m)
            case .success(let u): packet.udp = u
            }
        case .gre?: gre(at: start, end: payloadEnd, fragment: header.moreFragments)
        case .icmp?: icmp(at: start, end: payloadEnd, version: 4, inner: false)
        case .icmpv6?: icmp(at: start, end: payloadEnd, version: 6, inner: false)
        case .ipv4?: ip(version: 4, at: start, end: payloadEnd)
        case .ipv6?: ip(version: 6, at: start, end: payloadEnd)
        default: break
        }
    }

    mutating func tcp(at offset: Int, end: Int, fragment: Bool) {
        switch TCPHeader.decode(view, at: offset, end: end) {
        case .failure(let m): fail(m)
        case .success(let t):
            packet.tcp = t
            guard !fragment, !t.payload.isEmpty,
                t.sourcePort == DispatchTables.pptpPort || t.destinationPort == DispatchTables.pptpPort
            else { return }
            // Under a snapshot length the segment goes on past the captured bytes: decode what is there.
            var wireEnd = t.payload.upperBound
            if let ip = packet.ip, ip.isTruncated { wireEnd = max(wireEnd, ip.offset + ip.totalLength) }
            pptp(in: t.payload.lowerBound..<wireEnd)
        }
    }

    /// Decodes the whole PPTP messages that start at the segment's first byte. A message that continues past
    /// the segment is left to the session layer's reassembly, not marked malformed; a bad cookie is.
    mutating func pptp(in range: Range<Int>) {
        packet.pptpRange = range
        var cursor = range.lowerBound
        var count = 0
        while cursor < range.upperBound, count < 64 {
            switch PPTPControlMessage.decode(view, at: cursor, end: range.upperBound) {
            case .failure(let m):
                // A segment that does not start with a message is the continuation of one (or the capture joined
                // mid-stream): normal for TCP, left to the session layer. Only a message whose own header is
                // self-contradictory is malformed.
                if m.problem == .badLength || (m.problem == .badValue && count > 0) { fail(m) }
                packet.pptpMessageCount = count
                return
            case .success(let msg):
                if packet.pptp == nil { packet.pptp = msg }
                count += 1
                if msg.offset + msg.length > view.count {
                    fail(Malformation(.pptp, .truncated, at: msg.offset, "message cut by the capture's snapshot length"))
                }
                cursor += msg.length
            }
        }
        packet.pptpMessageCount = count
    }

    mutating func gre(at offset: Int, end: Int, fragment: Bool) {
        switch GREHeader.decode(view, at: offset, end: end) {
        case .failure(let m): fail(m)
        case .success(let g):
            packet.gre = g
            guard !fragment else { return }
            if let length = g.payloadLength, g.payload.count < Int(length) {
                // Decode the part that is there, then say the rest is missing.
                if !g.payload.isEmpty { ppp(at: g.payload.lowerBound, end: g.payload.upperBound) }
                return fail(
                    Malformation(
                        .ppp, packet.isSnapTruncated ? .truncated : .badLength, at: g.payload.lowerBound,
                        "shorter than the GRE key's payload length"))
            }
            guard !g.payload.isEmpty else { return }
            // GRE reuses EtherType numbers; the flat EtherType index avoids hashing per packet, and the cases below
            // are exactly `DispatchTables.byGREProtocol`'s.
            switch DispatchTables.next(etherType: g.protocolType) {
            case .ppp?: ppp(at: g.payload.lowerBound, end: g.payload.upperBound)
            case .ipv4?: ip(version: 4, at: g.payload.lowerBound, end: g.payload.upperBound)
            case .ipv6?: ip(version: 6, at: g.payload.lowerBound, end: g.payload.upperBound)
            default: break
            }
        }
    }

    mutating func icmp(at offset: Int, end: Int, version: UInt8, inner: Bool) {
        switch ICMPMessage.decode(view, at: offset, end: end, version: version) {
        case .failure(let m): fail(m)
        case .success(let msg):
            packet.icmp = msg
            packet.icmpIsInner = inner
        }
    }

    mutating func ppp(at offset: Int, end: Int, allowAddressControl: Bool = true) {
        switch PPPFrame.decode(view, at: offset, end: end, allowAddressControl: allowAddressControl) {
        case .failure(let m): fail(m)
        case .success(let frame):
            packet.ppp = frame
            pppPayload(frame.proto, at: frame.payload.lowerBound, end: frame.payload.upperBound)
        }
    }

    mutating func pppPayload(_ proto: PPPProtocol, at offset: Int, end: Int) {
        let handler: PPPProtocolHandler?
        if let h = DispatchTables.handler(ppp: proto) {
            handler = h
        } else if proto.rawValue >= 0x8000 && proto.rawValue < 0xC000 {
            // Any other network control protocol still has the RFC 1661 packet format.
            handler = .control(.ncp)
        } else {
            handler = nil
        }
        switch handler {
        case .control(let layer)?:
            switch ControlPacket.decode(view, at: offset, end: end, proto: proto, layer: layer) {
            case .failure(let m): fail(m)
            case .success(let c):
                packet.control = c
                if c.isTruncated {
                    fail(
                        Malformation(
                            layer, packet.isSnapTruncated ? .truncated : .badLength,
                            at: offset, "length past the frame"))
                } else if !c.forEachOption(view, { _ in }) {
                    fail(Malformation(layer, .badLength, at: offset, "option length under 2 or past the packet"))
                }
            }
        case .pap?:
            switch PAPPacket.decode(view, at: offset, end: end) {
            case .failure(let m): fail(m)
            case .success(let p): packet.pap = p
            }
        case .chap?:
            switch CHAPPacket.decode(view, at: offset, end: end) {
            case .failure(let m): fail(m)
            case .success(let c):
                packet.chap = c
                if c.isTruncated { fail(Malformation(.chap, .truncated, at: offset, "cut short by the capture")) }
            }
        case .eap?:
            switch EAPPacket.decode(view, at: offset, end: end) {
            case .failure(let m): fail(m)
            case .success(let e): packet.eap = e
            }
        case .ip(let version)?:
            ip(version: version, at: offset, end: end)
        case nil:
            break
        }
    }
}
