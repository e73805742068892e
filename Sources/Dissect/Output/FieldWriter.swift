/// Receives a packet's fields under the display-filter names of Wireshark 4.0 (`tshark -G fields`), with the
/// values formatted as `tshark -T fields` prints them, so `packets --format ndjson` and tshark compare directly.
public protocol FieldSink {
    mutating func field(_ name: StaticString, _ value: String)
    /// A number, printed in decimal.
    mutating func field(_ name: StaticString, decimal value: Int)
    /// A number printed as "0x" and at least `digits` lowercase hex digits.
    mutating func field(_ name: StaticString, hex value: UInt64, digits: Int)
    mutating func field(_ name: StaticString, mac: MACAddress)
    mutating func field(_ name: StaticString, ip: IPAddress)
}

/// The typed fields as text. A sink that writes bytes (the NDJSON listing) formats them in place instead: most of
/// a packet's fields are numbers and addresses, and a String for each was most of the listing's time.
extension FieldSink {
    public mutating func field(_ name: StaticString, decimal value: Int) { field(name, String(value)) }
    public mutating func field(_ name: StaticString, hex value: UInt64, digits: Int) {
        field(name, "0x" + PPTPDissect.hex(value, width: digits))
    }
    public mutating func field(_ name: StaticString, mac: MACAddress) { field(name, mac.description) }
    public mutating func field(_ name: StaticString, ip: IPAddress) { field(name, ip.description) }
}

public struct FieldOptions: Sendable {
    /// Include PAP passwords and CHAP challenge/response values. Off unless the user asks.
    public var showCredentials = false
    public init(showCredentials: Bool = false) { self.showCredentials = showCredentials }
}

public enum FieldWriter {
    /// `fragment`: for an IPv4 fragment of a GRE or TCP datagram, whether its datagram is still incomplete (only
    /// the link and IP fields are written) or this fragment completed it (the reassembled datagram's upper layers
    /// follow the fragment's own IP header), as tshark shows them.
    public static func write<S: FieldSink>(
        _ p: DecodedPacket, _ view: ByteView, options: FieldOptions = .init(),
        fragment: FragmentView = .whole, to sink: inout S
    ) {
        switch fragment {
        case .whole:
            write(p, view, options: options, quoteDepth: 0, to: &sink)
        case .pending:
            linkAndIP(p, &sink)
            // Only damage to the headers shown counts: the upper layers of a partial datagram are not decoded.
            if let m = p.malformed, [.frame, .ethernet, .vlan, .sll, .sll2, .ipv4].contains(m.layer) {
                sink.field("_ws.malformed", m.description)
            }
        case .completes(let datagram, let datagramView):
            linkAndIP(p, &sink)
            upper(datagram, datagramView, options: options, quoteDepth: 0, &sink)
        }
    }

    /// `quoteDepth` > 0 while writing the datagram an ICMP error quotes; a quote inside a quote is not followed.
    static func write<S: FieldSink>(
        _ p: DecodedPacket, _ view: ByteView, options: FieldOptions, quoteDepth: Int,
        to sink: inout S
    ) {
        linkAndIP(p, &sink)
        upper(p, view, options: options, quoteDepth: quoteDepth, &sink)
    }

    static func linkAndIP<S: FieldSink>(_ p: DecodedPacket, _ sink: inout S) {
        if let e = p.ethernet {
            sink.field("eth.dst", mac: e.destination)
            sink.field("eth.src", mac: e.source)
            for i in 0..<e.vlan.count {
                sink.field(e.vlan.isProviderTag(i) ? "ieee8021ad.id" : "vlan.id", decimal: Int(e.vlan[i] & 0x0FFF))
            }
        }
        if let o = p.outerIP { ip(o, &sink) }
        if let i = p.ip { ip(i, &sink) }
    }

    /// Everything above the (outermost) IP header.
    static func upper<S: FieldSink>(
        _ p: DecodedPacket, _ view: ByteView, options: FieldOptions, quoteDepth: Int,
        _ sink: inout S
    ) {
        if let t = p.tcp {
            sink.field("tcp.srcport", decimal: Int(t.sourcePort))
            sink.field("tcp.dstport", decimal: Int(t.destinationPort))
            sink.field("tcp.flags", hex: UInt64(t.flags.rawValue), digits: 4)
            if let m = t.mss { sink.field("tcp.options.mss_val", decimal: Int(m)) }
        }
        if let u = p.udp {
            sink.field("udp.srcport", decimal: Int(u.sourcePort))
            sink.field("udp.dstport", decimal: Int(u.destinationPort))
        }
        if let g = p.gre { gre(g, &sink) }
        if p.pptp != nil, let range = p.pptpRange { pptpMessages(in: range, view, &sink) }
        if let icmp = p.icmp, !p.icmpIsInner { self.icmp(icmp, view, options: options, quoteDepth: quoteDepth, &sink) }
        if let ppp = p.ppp {
            if let d = ppp.direction { sink.field("ppp.direction", decimal: Int(d)) }
            if ppp.hasAddressControl {
                sink.field("ppp.address", "0xff")
                sink.field("ppp.control", "0x03")
            }
            sink.field("ppp.protocol", hex: UInt64(ppp.proto.rawValue), digits: 4)
        }
        if let c = p.control { control(c, view, &sink) }
        if let pap = p.pap { self.pap(pap, view, options, &sink) }
        if let chap = p.chap { self.chap(chap, view, options, &sink) }
        if let i = p.innerIP {
            ip(i, &sink)
            if let ports = p.innerPorts {
                let tcp = i.proto == .tcp
                sink.field(tcp ? "tcp.srcport" : "udp.srcport", decimal: Int(ports.source))
                sink.field(tcp ? "tcp.dstport" : "udp.dstport", decimal: Int(ports.destination))
            }
        }
        if let icmp = p.icmp, p.icmpIsInner { self.icmp(icmp, view, options: options, quoteDepth: quoteDepth, &sink) }
        if let m = p.malformed, quoteDepth == 0 { sink.field("_ws.malformed", m.description) }
    }

    static func ip<S: FieldSink>(_ h: IPHeader, _ sink: inout S) {
        if h.version == 4 {
            sink.field("ip.src", ip: h.source)
            sink.field("ip.dst", ip: h.destination)
            sink.field("ip.proto", decimal: Int(h.proto.rawValue))
            sink.field("ip.ttl", decimal: Int(h.ttl))
        } else {
            sink.field("ipv6.src", ip: h.source)
            sink.field("ipv6.dst", ip: h.destination)
            sink.field("ipv6.nxt", decimal: Int(h.proto.rawValue))
            sink.field("ipv6.hlim", decimal: Int(h.ttl))
        }
    }

    static func gre<S: FieldSink>(_ g: GREHeader, _ sink: inout S) {
        sink.field("gre.flags_and_version", hex: UInt64(g.flagsAndVersion), digits: 4)
        sink.field("gre.proto", hex: UInt64(g.protocolType.rawValue), digits: 4)
        if g.isEnhanced {
            if let l = g.payloadLength { sink.field("gre.key.payload_length", decimal: Int(l)) }
            if let c = g.callID { sink.field("gre.key.call_id", decimal: Int(c)) }
        } else if let k = g.key {
            sink.field("gre.key", hex: UInt64(k), digits: 8)
        }
        if let s = g.sequence { sink.field("gre.sequence_number", decimal: Int(s)) }
        if let a = g.acknowledgment { sink.field("gre.ack_number", decimal: Int(a)) }
    }

    static func pptpMessages<S: FieldSink>(in range: Range<Int>, _ view: ByteView, _ sink: inout S) {
        PPTPControlMessage.forEach(in: view, from: range.lowerBound, end: range.upperBound) { pptp($0, view, &sink) }
    }

    static func pptp<S: FieldSink>(_ m: PPTPControlMessage, _ view: ByteView, _ sink: inout S) {
        sink.field("pptp.length", decimal: Int(m.length))
        sink.field("pptp.type", decimal: Int(m.pptpType))
        sink.field("pptp.magic_cookie", hex: UInt64(m.cookie), digits: 8)
        sink.field("pptp.control_message_type", decimal: Int(m.type.rawValue))
        let b = m.offset + PPTPControlMessage.headerLength
        func u8(_ name: StaticString, _ at: Int) { if let v = view.u8(b + at) { sink.field(name, decimal: Int(v)) } }
        func u16(_ name: StaticString, _ at: Int) { if let v = view.u16(b + at) { sink.field(name, decimal: Int(v)) } }
        func u32(_ name: StaticString, _ at: Int) { if let v = view.u32(b + at) { sink.field(name, decimal: Int(v)) } }
        // Wireshark leaves out a string field the capture cut short; so do we.
        func str(_ name: StaticString, _ at: Int, _ len: Int) {
            guard view.contains(b + at, length: len) else { return }
            sink.field(name, SafeText.cString(view, (b + at)..<(b + at + len)))
        }
        switch m.type.rawValue {
        case 1, 2:
            u16("pptp.protocol_version", 0)
            if m.type.rawValue == 2 {
                u8("pptp.control_result", 2)
                u8("pptp.error", 3)
            }
            u32("pptp.framing_capabilities", 4)
            u32("pptp.bearer_capabilities", 8)
            u16("pptp.maximum_channels", 12)
            u16("pptp.firmware_revision", 14)
            str("pptp.host_name", 16, 64)
            str("pptp.vendor_name", 80, 64)
        case 3:
            u8("pptp.reason", 0)
        case 4:
            u8("pptp.stop_result", 0)
            u8("pptp.error", 1)
        case 5:
            u32("pptp.identifier", 0)
        case 6:
            u32("pptp.identifier", 0)
            u8("pptp.echo_result", 4)
            u8("pptp.error", 5)
        case 7:
            u16("pptp.call_id", 0)
            u16("pptp.call_serial_number", 2)
            u32("pptp.minimum_bps", 4)
            u32("pptp.maximum_bps", 8)
            u32("pptp.bearer_type", 12)
            u32("pptp.framing_type", 16)
            u16("pptp.packet_receive_window_size", 20)
            u16("pptp.packet_processing_delay", 22)
            u16("pptp.phone_number_length", 24)
            str("pptp.phone_number", 28, 64)
            str("pptp.subaddress", 92, 64)
        case 8:
            u16("pptp.call_id", 0)
            u16("pptp.peer_call_id", 2)
            u8("pptp.out_result", 4)
            u8("pptp.error", 5)
            u16("pptp.cause", 6)
            u32("pptp.connect_speed", 8)
            u16("pptp.packet_receive_window_size", 12)
            u16("pptp.packet_processing_delay", 14)
            u32("pptp.physical_channel_id", 16)
        case 9:
            u16("pptp.call_id", 0)
            u16("pptp.call_serial_number", 2)
            u32("pptp.bearer_type", 4)
            u32("pptp.physical_channel_id", 8)
            u16("pptp.dialed_number_length", 12)
            u16("pptp.dialing_number_length", 14)
            str("pptp.dialed_number", 16, 64)
            str("pptp.dialing_number", 80, 64)
            str("pptp.subaddress", 144, 64)
        case 10:
            u16("pptp.call_id", 0)
            u16("pptp.peer_call_id", 2)
            u8("pptp.in_result", 4)
            u8("pptp.error", 5)
            u16("pptp.packet_receive_window_size", 6)
            u16("pptp.packet_processing_delay", 8)
        case 11:
            u16("pptp.peer_call_id", 0)
            u32("pptp.connect_speed", 4)
            u16("pptp.packet_receive_window_size", 8)
            u16("pptp.packet_processing_delay", 10)
            u32("pptp.framing_type", 12)
        case 12:
            u16("pptp.call_id", 0)
        case 13:
            u16("pptp.call_id", 0)
            u8("pptp.disc_result", 2)
            u8("pptp.error", 3)
            u16("pptp.cause", 4)
            str("pptp.call_Statistics", 8, 128)
        case 14:
            u16("pptp.peer_call_id", 0)
            u32("pptp.crc_errors", 4)
            u32("pptp.framing_errors", 8)
            u32("pptp.hardware_overruns", 12)
            u32("pptp.buffer_overruns", 16)
            u32("pptp.timeout_errors", 20)
            u32("pptp.alignment_errors", 24)
        case 15:
            u16("pptp.peer_call_id", 0)
            if let v = view.u32(b + 4) { sink.field("pptp.send_accm", hex: UInt64(v), digits: 8) }
            if let v = view.u32(b + 8) { sink.field("pptp.receive_accm", hex: UInt64(v), digits: 8) }
        default:
            break
        }
    }

    static func icmp<S: FieldSink>(
        _ m: ICMPMessage, _ view: ByteView, options: FieldOptions, quoteDepth: Int,
        _ sink: inout S
    ) {
        if m.version == 4 {
            sink.field("icmp.type", decimal: Int(m.type))
            sink.field("icmp.code", decimal: Int(m.code))
            if let mtu = m.mtu { sink.field("icmp.mtu", decimal: Int(mtu)) }
        } else {
            sink.field("icmpv6.type", decimal: Int(m.type))
            sink.field("icmpv6.code", decimal: Int(m.code))
            if let mtu = m.mtu { sink.field("icmpv6.mtu", decimal: Int(mtu)) }
        }
        guard let q = m.quoted, quoteDepth == 0 else { return }
        // The quoted datagram is decoded like a packet of its own, as Wireshark does; the 8 transport bytes a
        // router must quote are often less than a TCP or GRE header, so ports and the GRE key are read directly then.
        let sub = view.subview(q.ip.offset..<view.count)
        let inner = PacketDissector.dissect(sub, linkType: .raw)
        write(inner, sub, options: options, quoteDepth: quoteDepth + 1, to: &sink)
        if inner.tcp == nil, inner.udp == nil, let s = q.sourcePort, let d = q.destinationPort {
            let tcp = q.ip.proto == .tcp
            sink.field(tcp ? "tcp.srcport" : "udp.srcport", decimal: Int(s))
            sink.field(tcp ? "tcp.dstport" : "udp.dstport", decimal: Int(d))
        }
        if inner.gre == nil, let flags = q.greFlags {
            sink.field("gre.flags_and_version", hex: UInt64(flags), digits: 4)
            if let proto = q.greProtocol { sink.field("gre.proto", hex: UInt64(proto), digits: 4) }
            if let l = q.grePayloadLength { sink.field("gre.key.payload_length", decimal: Int(l)) }
            if let c = q.greCallID { sink.field("gre.key.call_id", decimal: Int(c)) }
        }
    }

    static func control<S: FieldSink>(_ c: ControlPacket, _ view: ByteView, _ sink: inout S, nested: Bool = false) {
        sink.field("ppp.code", decimal: Int(c.code))
        sink.field("ppp.identifier", decimal: Int(c.identifier))
        sink.field("ppp.length", decimal: Int(c.length))
        c.forEachOption(view) { o in option(o, proto: c.proto, view, &sink) }
        guard c.proto == .lcp else { return }
        let d = c.data.lowerBound
        switch c.code {
        case 8:
            guard let rejected = view.u16(d) else { return }
            sink.field("lcp.rej_proto", hex: UInt64(rejected), digits: 4)
            // Wireshark decodes the rejected packet that follows as a packet of the rejected protocol.
            let proto = PPPProtocol(rawValue: rejected)
            if !nested, proto.isControlProtocol,
                case .success(let inner) = ControlPacket.decode(
                    view, at: d + 2, end: c.data.upperBound, proto: proto,
                    layer: .ncp)
            {
                control(inner, view, &sink, nested: true)
            }
        case 9, 10, 11, 12, 13:
            if let m = view.u32(d) { sink.field("lcp.magic_number", hex: UInt64(m), digits: 8) }
        default:
            break
        }
    }

    static func option<S: FieldSink>(_ o: ConfigOption, proto: PPPProtocol, _ view: ByteView, _ sink: inout S) {
        let d = o.data.lowerBound
        switch proto {
        case .lcp:
            sink.field("lcp.opt.type", decimal: Int(o.type))
            switch o.type {
            case 1: if let v = view.u16(d) { sink.field("lcp.opt.mru", decimal: Int(v)) }
            case 2: if let v = view.u32(d) { sink.field("lcp.opt.asyncmap", hex: UInt64(v), digits: 8) }
            case 3:
                if let v = view.u16(d) { sink.field("lcp.opt.auth_protocol", hex: UInt64(v), digits: 4) }
                if o.length >= 5, let a = view.u8(d + 2) { sink.field("lcp.opt.algorithm", decimal: Int(a)) }
            case 5: if let v = view.u32(d) { sink.field("lcp.opt.magic_number", hex: UInt64(v), digits: 8) }
            case 17: if let v = view.u16(d) { sink.field("lcp.opt.mrru", decimal: Int(v)) }
            default: break
            }
        case .ccp:
            sink.field("ccp.opt.type", decimal: Int(o.type))
            if o.type == 18, let v = view.u32(d) { sink.field("ccp.opt.supported_bits", hex: UInt64(v), digits: 8) }
        case .ipcp:
            sink.field("ipcp.opt.type", decimal: Int(o.type))
            guard let v = view.u32(d), o.length == 6 else { return }
            switch o.type {
            case 3: sink.field("ipcp.opt.ip_address", OptionText.ipv4(v))
            case 129: sink.field("ipcp.opt.pri_dns_address", OptionText.ipv4(v))
            case 130: sink.field("ipcp.opt.pri_nbns_address", OptionText.ipv4(v))
            case 131: sink.field("ipcp.opt.sec_dns_address", OptionText.ipv4(v))
            case 132: sink.field("ipcp.opt.sec_nbns_address", OptionText.ipv4(v))
            default: break
            }
        default:
            break
        }
    }

    static func pap<S: FieldSink>(_ p: PAPPacket, _ view: ByteView, _ options: FieldOptions, _ sink: inout S) {
        sink.field("pap.code", decimal: Int(p.code))
        sink.field("pap.identifier", decimal: Int(p.identifier))
        sink.field("pap.length", decimal: Int(p.length))
        if let id = p.peerID { sink.field("pap.peer_id", SafeText.escape(view, id)) }
        if options.showCredentials, let pw = p.password { sink.field("pap.password", SafeText.escape(view, pw)) }
        if let m = p.message { sink.field("pap.message", SafeText.escape(view, m)) }
    }

    static func chap<S: FieldSink>(_ c: CHAPPacket, _ view: ByteView, _ options: FieldOptions, _ sink: inout S) {
        sink.field("chap.code", decimal: Int(c.code))
        sink.field("chap.identifier", decimal: Int(c.identifier))
        sink.field("chap.length", decimal: Int(c.length))
        if let v = c.value {
            sink.field("chap.value_size", decimal: Int(v.count))
            if options.showCredentials {
                sink.field("chap.value", view.bytes(v).map { hex($0, width: 2) }.joined())
            }
        }
        if let n = c.name, !n.isEmpty { sink.field("chap.name", SafeText.escape(view, n)) }
        if let m = c.message, !m.isEmpty, !c.isTruncated {
            sink.field(
                "chap.message",
                options.showCredentials
                    ? SafeText.escape(view, m)
                    : MSCHAPText.redacted(view, m))
        }
    }
}
