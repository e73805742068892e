import PPTPTestSupport

/// Packet builders for the dissector tests: thin wrappers over TestSupport that fix the addresses and ports of
/// one PPTP session (Windows client 192.168.1.23:49723, pptpd 203.0.113.10:1723) and frame everything in
/// Ethernet II, so each test states only the layer it is about.
///
/// Offsets in an Ethernet frame built here: IPv4 at 14, TCP/GRE/ICMP at 34, PPTP at 54,
/// PPP at 46 (GRE with sequence only), 50 (sequence and acknowledgment) or 42 (ack-only).
enum Wire {
    static let clientMAC = PPTPTestSupport.MACAddress(0x00, 0x15, 0x5D, 0x01, 0x02, 0x03)
    static let serverMAC = PPTPTestSupport.MACAddress(0x00, 0x1A, 0x2B, 0x3C, 0x4D, 0x5E)
    static let client = IPv4Address(192, 168, 1, 23)
    static let server = IPv4Address(203, 0, 113, 10)
    static let router = IPv4Address(198, 51, 100, 1)
    static let clientPort: UInt16 = 49_723
    static let pptpPort: UInt16 = 1723

    static let ipv4Type: UInt16 = 0x0800
    static let ipv6Type: UInt16 = 0x86DD

    // PPP protocol numbers (TestSupport's, as plain UInt16).
    static let lcp = PPTPTestSupport.PPPProtocol.lcp
    static let ipcp = PPTPTestSupport.PPPProtocol.ipcp
    static let ccp = PPTPTestSupport.PPPProtocol.ccp
    static let ipv6cp = PPTPTestSupport.PPPProtocol.ipv6cp
    static let pap = PPTPTestSupport.PPPProtocol.pap
    static let chap = PPTPTestSupport.PPPProtocol.chap
    static let eap = PPTPTestSupport.PPPProtocol.eap

    static func ethernet(
        _ payload: [UInt8], etherType: UInt16 = 0x0800, tags: [VLANTag] = [],
        fromClient: Bool = true
    ) -> [UInt8] {
        LinkLayer.ethernet(
            destination: fromClient ? serverMAC : clientMAC, source: fromClient ? clientMAC : serverMAC,
            etherType: etherType, tags: tags, payload: payload)
    }

    static func ipv4(
        _ protocolNumber: UInt8, _ payload: [UInt8], from source: IPv4Address = client,
        to destination: IPv4Address = server, ttl: UInt8 = 128, identification: UInt16 = 0x2A10,
        dontFragment: Bool = true
    ) -> [UInt8] {
        IPPacket.v4(
            source: source, destination: destination, protocolNumber: protocolNumber, ttl: ttl,
            identification: identification, dontFragment: dontFragment, payload: payload)
    }

    static func tcp(
        from sourcePort: UInt16 = clientPort, to destinationPort: UInt16 = pptpPort,
        sequence: UInt32 = 0x3A1C_0001, acknowledgment: UInt32 = 0x7F32_1001,
        flags: PPTPTestSupport.TCPFlags = [.psh, .ack], mss: UInt16? = nil, payload: [UInt8] = []
    ) -> [UInt8] {
        TCPSegment.build(
            sourcePort: sourcePort, destinationPort: destinationPort, sequence: sequence,
            acknowledgment: acknowledgment, flags: flags, mss: mss, payload: payload,
            context: .v4(source: client, destination: server))
    }

    static func udp(from sourcePort: UInt16 = 5353, to destinationPort: UInt16 = 53, payload: [UInt8] = []) -> [UInt8] {
        UDPDatagram.build(
            sourcePort: sourcePort, destinationPort: destinationPort, payload: payload,
            context: .v4(source: client, destination: server))
    }

    /// Ethernet / IPv4 / TCP from the client to port 1723 carrying `pptp` (one or more control messages).
    static func pptpFrame(_ pptp: [UInt8], sourcePort: UInt16 = clientPort, destinationPort: UInt16 = pptpPort) -> [UInt8] {
        ethernet(ipv4(6, tcp(from: sourcePort, to: destinationPort, payload: pptp)))
    }

    /// Ethernet / IPv4 / enhanced GRE carrying `ppp`.
    static func greFrame(
        callID: UInt16 = 7, sequence: UInt32? = 42, acknowledgment: UInt32? = 41,
        ppp: [UInt8]
    ) -> [UInt8] {
        ethernet(
            ipv4(
                47,
                EnhancedGRE.build(
                    callID: callID, sequence: sequence, acknowledgment: acknowledgment,
                    payload: ppp)))
    }

    /// A PPP frame (`FF 03` unless told otherwise).
    static func ppp(
        _ protocolNumber: UInt16, _ information: [UInt8], addressControl: Bool = true,
        compressProtocol: Bool = false
    ) -> [UInt8] {
        PPTPTestSupport.PPPFrame.build(
            protocolNumber: protocolNumber, information, addressControl: addressControl,
            compressProtocol: compressProtocol)
    }

    /// A bare control packet: Code, Identifier, Length (= 4 + data unless `length` is given), Data.
    static func controlPacket(code: UInt8, identifier: UInt8 = 1, length: UInt16? = nil, data: [UInt8] = []) -> [UInt8] {
        let len = length ?? UInt16(4 + data.count)
        return [code, identifier, UInt8(len >> 8), UInt8(len & 0xFF)] + data
    }

    /// A control protocol packet in PPP in enhanced GRE in IPv4 in Ethernet.
    static func controlFrame(
        _ protocolNumber: UInt16, code: UInt8, identifier: UInt8 = 1, length: UInt16? = nil,
        data: [UInt8]
    ) -> [UInt8] {
        greFrame(ppp: ppp(protocolNumber, controlPacket(code: code, identifier: identifier, length: length, data: data)))
    }

    /// Configure-* packet with options, framed all the way down to Ethernet.
    static func configureFrame(
        _ protocolNumber: UInt16, _ code: PPPControl.Code, identifier: UInt8 = 1,
        options: [PPPOption]
    ) -> [UInt8] {
        greFrame(
            ppp: PPPControl.configure(
                protocolNumber: protocolNumber, code: code, identifier: identifier,
                options: options))
    }

    static func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
    static func be32(_ v: UInt32) -> [UInt8] { be16(UInt16(v >> 16)) + be16(UInt16(v & 0xFFFF)) }

    /// Returns `bytes` with the big-endian 16-bit value at `offset` replaced.
    static func patch16(_ bytes: [UInt8], at offset: Int, _ value: UInt16) -> [UInt8] {
        var b = bytes
        b[offset] = UInt8(value >> 8)
        b[offset + 1] = UInt8(value & 0xFF)
        return b
    }

    static func patch8(_ bytes: [UInt8], at offset: Int, _ value: UInt8) -> [UInt8] {
        var b = bytes
        b[offset] = value
        return b
    }
}
