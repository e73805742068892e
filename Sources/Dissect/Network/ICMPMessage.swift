/// ICMPv4 / ICMPv6 messages, with the errors that matter for a tunnel decoded down to the quoted flow:
/// destination unreachable (incl. fragmentation needed with the next-hop MTU), packet too big, time exceeded.
public struct ICMPMessage: Sendable {
    public var version: UInt8
    public var type: UInt8
    public var code: UInt8
    public var checksum: UInt16
    /// Next-hop MTU (ICMPv4 3/4) or packet-too-big MTU (ICMPv6 2).
    public var mtu: UInt32?
    /// The echo identifier/sequence for echo messages.
    public var echoID: UInt16?
    public var echoSequence: UInt16?
    public var offset: Int
    /// The quoted datagram that caused the error, when the message is an error.
    public var quoted: QuotedDatagram?

    public var isError: Bool {
        version == 4 ? (type == 3 || type == 11 || type == 12 || type == 4 || type == 5) : type < 128
    }
    public var isFragmentationNeeded: Bool { (version == 4 && type == 3 && code == 4) || (version == 6 && type == 2) }
    public var isProtocolUnreachable: Bool { version == 4 && type == 3 && code == 2 }
    public var isUnreachable: Bool { (version == 4 && type == 3) || (version == 6 && type == 1) }
}

/// The start of the datagram an ICMP error quotes: its IP header and the first bytes of TCP or GRE,
/// enough to bind the error to a control connection or a call.
public struct QuotedDatagram: Sendable {
    public var ip: IPHeader
    public var sourcePort: UInt16?
    public var destinationPort: UInt16?
    public var tcpSequence: UInt32?
    public var greVersion: UInt8?
    public var greFlags: UInt16?
    public var greProtocol: UInt16?
    public var greCallID: UInt16?
    public var grePayloadLength: UInt16?
}

extension ICMPMessage {
    static func decode(_ view: ByteView, at offset: Int, end: Int, version: UInt8) -> Result<ICMPMessage, Malformation> {
        let layer: Layer = version == 4 ? .icmp : .icmpv6
        guard let type = view.u8(offset), let code = view.u8(offset + 1), let sum = view.u16(offset + 2) else {
            return .failure(Malformation(layer, .truncated, at: offset, "shorter than 4 bytes"))
        }
        var msg = ICMPMessage(version: version, type: type, code: code, checksum: sum, offset: offset)
        if version == 4 {
            switch type {
            case 0, 8:
                msg.echoID = view.u16(offset + 4)
                msg.echoSequence = view.u16(offset + 6)
            case 3 where code == 4:
                msg.mtu = view.u16(offset + 6).map(UInt32.init)
            default: break
            }
        } else {
            switch type {
            case 128, 129:
                msg.echoID = view.u16(offset + 4)
                msg.echoSequence = view.u16(offset + 6)
            case 2:
                msg.mtu = view.u32(offset + 4)
            default: break
            }
        }
        if msg.isError {
            msg.quoted = QuotedDatagram.decode(view, at: offset + 8, version: version)
        }
        return .success(msg)
    }
}

extension QuotedDatagram {
    /// Decodes the quote without following anything past the first 8 transport bytes. ICMP inside the
    /// quote is not followed: nested ICMP quoting ICMP ends here.
    static func decode(_ view: ByteView, at offset: Int, version: UInt8) -> QuotedDatagram? {
        let decoded =
            version == 4
            ? IPHeader.decodeIPv4(view, at: offset, quoted: true)
            : IPHeader.decodeIPv6(view, at: offset, quoted: true)
        guard case .success(let ip) = decoded else { return nil }
        var quote = QuotedDatagram(ip: ip)
        let t = ip.offset + ip.headerLength
        guard !ip.isFragment || ip.fragmentOffset == 0 else { return quote }
        switch ip.proto {
        case .tcp, .udp:
            quote.sourcePort = view.u16(t)
            quote.destinationPort = view.u16(t + 2)
            if ip.proto == .tcp { quote.tcpSequence = view.u32(t + 4) }
        case .gre:
            if let flags = view.u16(t) {
                quote.greFlags = flags
                quote.greProtocol = view.u16(t + 2)
                quote.greVersion = UInt8(flags & 0x7)
                if flags & 0x7 == 1, flags & 0x2000 != 0 {
                    quote.grePayloadLength = view.u16(t + 4)
                    quote.greCallID = view.u16(t + 6)
                }
            }
        default: break
        }
        return quote
    }
}
