import PPTPTestSupport

/// A handful of distinct Ethernet frames of a PPTP session and the traffic around it.
enum SampleFrames {
    static let clientMAC = MACAddress(0x00, 0x15, 0x5D, 0x01, 0x02, 0x03)
    static let serverMAC = MACAddress(0x00, 0x1A, 0x2B, 0x3C, 0x4D, 0x5E)
    static let client = IPv4Address(192, 168, 1, 23)
    static let server = IPv4Address(203, 0, 113, 10)
    static let context = ChecksumContext.v4(source: client, destination: server)

    /// 2026-01-05 10:00:00 UTC plus a fraction with all nine digits significant.
    static let startNanos: UInt64 = 1_767_607_200 * 1_000_000_000 + 123_456_789

    static func ethernet(_ ipPacket: [UInt8]) -> [UInt8] {
        LinkLayer.ethernet(destination: serverMAC, source: clientMAC, payload: ipPacket)
    }

    static func tcp(to port: UInt16, flags: TCPFlags, payload: [UInt8] = []) -> [UInt8] {
        ethernet(
            IPPacket.v4(
                source: client, destination: server, protocolNumber: IPProtocol.tcp,
                payload:
                    TCPSegment.build(
                        sourcePort: 49_723, destinationPort: port, sequence: 1, acknowledgment: 1, flags: flags,
                        payload: payload, context: context)))
    }

    static let pptpSyn = tcp(to: 1723, flags: [.syn])
    static let httpGet = tcp(to: 80, flags: [.psh, .ack], payload: ApplicationPayload.httpGet(host: "example.com"))
    static let dnsQuery = ethernet(
        IPPacket.v4(
            source: client, destination: server, protocolNumber: IPProtocol.udp,
            payload: UDPDatagram.build(
                sourcePort: 5353, destinationPort: 53,
                payload: ApplicationPayload.dnsQuery(id: 1, name: "vpn.example.com"),
                context: context)))
    static let sccrq = tcp(
        to: 1723, flags: [.psh, .ack],
        payload: PPTPControl.startControlConnectionRequest(hostName: "LAPTOP"))
    static let gre = ethernet(
        IPPacket.v4(
            source: client, destination: server, protocolNumber: IPProtocol.gre,
            payload: EnhancedGRE.build(
                callID: 7, sequence: 0, acknowledgment: nil,
                payload: [0xFF, 0x03, 0xC0, 0x21, 9, 1, 0, 8, 0, 0, 0, 1])))

    /// pptpSyn, httpGet, dnsQuery, sccrq, gre at `startNanos` + i × 1.000001001 s.
    static var frames: [CapturedFrame] {
        [pptpSyn, httpGet, dnsQuery, sccrq, gre].enumerated().map { i, bytes in
            CapturedFrame(timestampNanos: startNanos + UInt64(i) * 1_000_001_001, bytes: bytes)
        }
    }
}
