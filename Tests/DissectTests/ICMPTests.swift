import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("ICMP and ICMPv6 errors quoting the tunnel (RFC 792, RFC 1191, RFC 4443)")
struct ICMPTests {
    /// A GRE data packet from the client: what a router on the path quotes back.
    static let greDatagram = Wire.ipv4(
        47,
        EnhancedGRE.build(
            callID: 7, sequence: 42, acknowledgment: nil,
            payload: [0xFD, 0x90, 0x00, 1, 2, 3, 4, 5]))
    static let synDatagram = Wire.ipv4(6, Wire.tcp(sequence: 0x3A1C_0000, flags: [.syn], mss: 1460))

    static func fromRouter(_ icmp: [UInt8], source: IPv4Address = Wire.router) -> [UInt8] {
        Wire.ethernet(Wire.ipv4(1, icmp, from: source, to: Wire.client, ttl: 253, dontFragment: false), fromClient: false)
    }

    @Test("fragmentation needed (3/4) gives the next-hop MTU and the Call ID of the quoted GRE packet")
    func fragmentationNeeded() throws {
        let frame = Self.fromRouter(
            ICMPv4.destinationUnreachable(
                code: .fragmentationNeeded, nextHopMTU: 1400,
                quoting: Self.greDatagram))
        let packet = dissect(frame)
        let icmp = try #require(packet.icmp)
        #expect(icmp.version == 4)
        #expect(icmp.type == 3)
        #expect(icmp.code == 4)
        #expect(icmp.mtu == 1400)
        #expect(icmp.isError && icmp.isUnreachable && icmp.isFragmentationNeeded)
        #expect(!icmp.isProtocolUnreachable)
        #expect(!packet.icmpIsInner)
        let quote = try #require(icmp.quoted)
        #expect(quote.ip.source.description == "192.168.1.23")
        #expect(quote.ip.destination.description == "203.0.113.10")
        #expect(quote.ip.proto == .gre)
        #expect(quote.greVersion == 1)
        #expect(quote.greCallID == 7)
        #expect(quote.grePayloadLength == 8)
        #expect(quote.sourcePort == nil)
        #expect(packet.stack == [.ethernet, .ipv4, .icmp])
        #expect(packet.malformed == nil)
        #expect(summaryLine(frame) == "ICMP fragmentation needed mtu=1400 quoting 192.168.1.23 → 203.0.113.10 proto=47 call=7")
        let f = fields(frame)
        #expect(f.first("icmp.type") == "3")
        #expect(f.first("icmp.code") == "4")
        #expect(f.first("icmp.mtu") == "1400")
        #expect(f.values("ip.src") == ["198.51.100.1", "192.168.1.23"])
        #expect(f.first("gre.key.call_id") == "7")
    }

    @Test("protocol unreachable (3/2) from the server quoting GRE names the call")
    func protocolUnreachable() throws {
        let frame = Self.fromRouter(
            ICMPv4.destinationUnreachable(code: .protocolUnreachable, quoting: Self.greDatagram),
            source: Wire.server)
        let icmp = try #require(dissect(frame).icmp)
        #expect(icmp.isProtocolUnreachable)
        #expect(icmp.mtu == nil)
        #expect(summaryLine(frame) == "ICMP protocol unreachable quoting 192.168.1.23 → 203.0.113.10 proto=47 call=7")
    }

    @Test("port unreachable quoting a TCP SYN gives the quoted ports and sequence number")
    func portUnreachable() throws {
        let frame = Self.fromRouter(ICMPv4.destinationUnreachable(code: .port, quoting: Self.synDatagram))
        let quote = try #require(dissect(frame).icmp?.quoted)
        #expect(quote.sourcePort == 49_723)
        #expect(quote.destinationPort == 1723)
        #expect(quote.tcpSequence == 0x3A1C_0000)
        #expect(quote.greCallID == nil)
        #expect(
            summaryLine(frame)
                == "ICMP destination unreachable code=3 quoting 192.168.1.23 → 203.0.113.10 proto=6 port=1723")
        let f = fields(frame)
        #expect(f.first("tcp.dstport") == "1723")
    }

    @Test("echo request and reply give identifier and sequence, and quote nothing")
    func echo() throws {
        let request = Self.fromRouter(ICMPv4.echo(reply: false, identifier: 0x77, sequence: 3, payload: [1, 2, 3]))
        let icmp = try #require(dissect(request).icmp)
        #expect(icmp.echoID == 0x77)
        #expect(icmp.echoSequence == 3)
        #expect(!icmp.isError)
        #expect(icmp.quoted == nil)
        #expect(summaryLine(request) == "echo request")
        let reply = Self.fromRouter(ICMPv4.echo(reply: true, identifier: 0x77, sequence: 3, payload: []))
        #expect(summaryLine(reply) == "echo reply")
    }

    @Test("ICMP quoting ICMP: the nested error is read as a quoted header and followed no further")
    func nestedICMP() throws {
        let firstError = Wire.ipv4(
            1, ICMPv4.destinationUnreachable(code: .host, quoting: Self.synDatagram),
            from: Wire.router, to: Wire.client)
        let frame = Self.fromRouter(
            ICMPv4.destinationUnreachable(code: .host, quoting: firstError),
            source: IPv4Address(198, 51, 100, 2))
        let packet = dissect(frame)
        let quote = try #require(packet.icmp?.quoted)
        #expect(quote.ip.proto == .icmp)
        #expect(quote.sourcePort == nil)
        #expect(quote.greCallID == nil)
        #expect(packet.malformed == nil)
        #expect(
            summaryLine(frame)
                == "ICMP destination unreachable code=1 quoting 198.51.100.1 → 192.168.1.23 proto=1")
    }

    @Test("time exceeded (11) is an error and carries its quote")
    func timeExceeded() throws {
        let body: [UInt8] = [11, 0, 0, 0, 0, 0, 0, 0] + Array(Self.greDatagram.prefix(28))
        let icmp = try #require(dissect(Self.fromRouter(body)).icmp)
        #expect(icmp.isError)
        #expect(!icmp.isUnreachable)
        #expect(icmp.quoted?.greCallID == 7)
    }

    @Test("an error whose quote is too short for an IP header keeps the message without a quote")
    func quoteTooShort() throws {
        let body: [UInt8] = [3, 1, 0, 0, 0, 0, 0, 0] + Array(Self.greDatagram.prefix(10))
        let packet = dissect(Self.fromRouter(body))
        #expect(packet.icmp?.type == 3)
        #expect(packet.icmp?.quoted == nil)
        #expect(packet.malformed == nil)
    }

    @Test("a quoted header that claims more than the quote carries is accepted: that is how quotes are")
    func quoteClaimsMore() throws {
        let frame = Self.fromRouter(
            ICMPv4.destinationUnreachable(
                code: .fragmentationNeeded, nextHopMTU: 1400,
                quoting: Wire.ipv4(47, Array(repeating: 0, count: 1400))))
        let quote = try #require(dissect(frame).icmp?.quoted)
        #expect(quote.ip.totalLength == 1420)
        #expect(quote.ip.isTruncated)
    }

    @Test("an ICMP message shorter than 4 bytes is truncated, IPv4 kept")
    func truncated() throws {
        let frame = Self.fromRouter(ICMPv4.echo(reply: false, identifier: 1, sequence: 1, payload: []))
        let packet = dissectCut(frame, at: 37)
        #expect(packet.ip != nil)
        #expect(packet.malformed == Malformation(.icmp, .truncated, at: 34, ""))
    }

    @Test("ICMPv6 packet too big (type 2) gives the 32-bit MTU and the quoted IPv6 flow")
    func packetTooBig() throws {
        let source = IPv6Address(0x2001, 0xDB8, 0, 0, 0, 0, 0, 1)
        let destination = IPv6Address(0x2001, 0xDB8, 0, 0, 0, 0, 0, 2)
        let original = IPPacket.v6(
            source: source, destination: destination, nextHeader: 17,
            payload: Wire.udp(from: 5353, to: 53, payload: Array(repeating: 0, count: 1400)))
        let body: [UInt8] = [2, 0, 0, 0] + Wire.be32(1280) + Array(original.prefix(48))
        let frame = Wire.ethernet(
            IPPacket.v6(
                source: IPv6Address(0x2001, 0xDB8, 0, 0, 0, 0, 0, 0xFE),
                destination: source, nextHeader: 58, payload: body),
            etherType: Wire.ipv6Type)
        let packet = dissect(frame)
        let icmp = try #require(packet.icmp)
        #expect(icmp.version == 6)
        #expect(icmp.mtu == 1280)
        #expect(icmp.isFragmentationNeeded)
        #expect(icmp.isError)
        #expect(icmp.quoted?.ip.version == 6)
        #expect(icmp.quoted?.destinationPort == 53)
        #expect(packet.stack == [.ethernet, .ipv6, .icmpv6])
        #expect(summaryLine(frame) == "ICMPv6 packet too big mtu=1280 quoting 2001:db8::1 → 2001:db8::2 proto=17 port=53")
        let f = fields(frame)
        #expect(f.first("icmpv6.type") == "2")
        #expect(f.first("icmpv6.mtu") == "1280")
    }

    @Test("ICMPv6 echo (128/129) and destination unreachable (1) are told apart by type")
    func icmpv6Types() throws {
        func frame(_ body: [UInt8]) -> [UInt8] {
            Wire.ethernet(
                IPPacket.v6(
                    source: IPv6Address(0xFE80, 0, 0, 0, 0, 0, 0, 1),
                    destination: IPv6Address(0xFE80, 0, 0, 0, 0, 0, 0, 2), nextHeader: 58, payload: body),
                etherType: Wire.ipv6Type)
        }
        let echo = dissect(frame([128, 0, 0, 0, 0, 9, 0, 1]))
        #expect(echo.icmp?.echoID == 9)
        #expect(echo.icmp?.isError == false)
        #expect(summaryLine(frame([129, 0, 0, 0, 0, 9, 0, 1])) == "echo reply")
        let unreachable = dissect(frame([1, 4, 0, 0, 0, 0, 0, 0]))
        #expect(unreachable.icmp?.isUnreachable == true)
        #expect(unreachable.icmp?.isError == true)
    }

    @Test("ICMP inside the tunnel is marked inner and comes after the tunnelled IP in the stack")
    func innerICMP() throws {
        let inner = IPPacket.v4(
            source: IPv4Address(192, 168, 42, 10), destination: IPv4Address(10, 0, 0, 1),
            protocolNumber: 1, payload: ICMPv4.echo(reply: false, identifier: 1, sequence: 1, payload: []))
        let frame = Wire.greFrame(ppp: Wire.ppp(0x0021, inner, addressControl: false, compressProtocol: true))
        let packet = dissect(frame)
        #expect(packet.icmpIsInner)
        #expect(packet.icmp?.type == 8)
        #expect(packet.stack == [.ethernet, .ipv4, .gre, .ppp, .ipv4, .icmp])
        #expect(summaryLine(frame) == "tunnelled echo request")
    }
}
