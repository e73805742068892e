import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("TCP and UDP headers (RFC 793 / RFC 768)")
struct TCPTests {
    @Test("a SYN gives ports, sequence, flags, window and the MSS option, and a one-line summary")
    func syn() throws {
        let frame = Wire.ethernet(Wire.ipv4(6, Wire.tcp(sequence: 1000, flags: [.syn], mss: 1460)))
        let packet = dissect(frame)
        let tcp = try #require(packet.tcp)
        #expect(tcp.sourcePort == 49_723)
        #expect(tcp.destinationPort == 1723)
        #expect(tcp.sequence == 1000)
        #expect(tcp.acknowledgment == 0)
        #expect(tcp.flags == [.syn])
        #expect(tcp.window == 64_240)
        #expect(tcp.headerLength == 24)
        #expect(tcp.mss == 1460)
        #expect(tcp.offset == 34)
        #expect(tcp.payload.isEmpty)
        #expect(packet.pptp == nil)
        #expect(summaryLine(frame) == "TCP 49723 → 1723 [SYN] seq=1000 MSS=1460")
        let f = fields(frame)
        #expect(f.first("tcp.srcport") == "49723")
        #expect(f.first("tcp.flags") == "0x0002")
        #expect(f.first("tcp.options.mss_val") == "1460")
    }

    @Test("flags print in a fixed order and an ACK prints its acknowledgment number and payload length")
    func flagsAndAck() throws {
        #expect(TCPFlags([.syn, .ack]).text == "SYN,ACK")
        #expect(TCPFlags([.fin, .psh, .ack, .rst, .urg]).text == "FIN,RST,PSH,ACK,URG")
        let frame = Wire.ethernet(
            Wire.ipv4(
                6,
                Wire.tcp(
                    from: 80, to: 50_000, sequence: 5, acknowledgment: 9,
                    flags: [.psh, .ack], payload: [1, 2, 3])))
        #expect(summaryLine(frame) == "TCP 80 → 50000 [PSH,ACK] seq=5 ack=9 len=3")
    }

    @Test("a data offset under 5 is a bad value on the TCP layer; IPv4 stays")
    func dataOffsetUnderFive() throws {
        let frame = Wire.ethernet(Wire.ipv4(6, Wire.tcp(payload: [1, 2, 3, 4])))
        for byte: UInt8 in [0x00, 0x10, 0x40] {
            let packet = dissect(Wire.patch8(frame, at: 34 + 12, byte))
            #expect(packet.malformed == Malformation(.tcp, .badValue, at: 34, ""), "offset byte \(byte)")
            #expect(packet.ip != nil)
            #expect(packet.tcp == nil)
        }
    }

    @Test("a data offset longer than the captured bytes is truncated; longer than the datagram, a bad length")
    func headerLongerThanSegment() throws {
        // 60-byte header claimed in a 20-byte segment that ends the frame: the capture ran out.
        let frame = Wire.patch8(Wire.ethernet(Wire.ipv4(6, Wire.tcp())), at: 34 + 12, 0xF0)
        #expect(dissect(frame).malformed == Malformation(.tcp, .truncated, at: 34, ""))
        // Same header, but 60 bytes of padding follow the datagram: the IP total length is what ends it.
        #expect(dissect(frame + Array(repeating: 0, count: 60)).malformed == Malformation(.tcp, .badLength, at: 34, ""))
    }

    @Test("a TCP header cut by the capture is truncated at its start, IPv4 kept")
    func truncated() throws {
        let frame = Wire.ethernet(Wire.ipv4(6, Wire.tcp(mss: 1400)))
        for cut in [35, 44, 53] {
            let packet = dissectCut(frame, at: cut)
            #expect(packet.ip != nil)
            #expect(packet.malformed == Malformation(.tcp, .truncated, at: 34, ""), "cut \(cut)")
        }
    }

    @Test("the option walk stops at a zero-length option or end-of-list without marking the packet")
    func hostileOptions() throws {
        var segment = Wire.tcp()
        segment[12] = 0x80  // 32-byte header: 12 bytes of options
        let options: [UInt8] = [1, 1, 3, 0, 2, 4, 5, 180, 0, 0, 0, 0]  // NOP NOP, window scale of length 0, …
        let frame = Wire.ethernet(Wire.ipv4(6, segment + options))
        let packet = dissect(frame)
        #expect(packet.tcp?.headerLength == 32)
        #expect(packet.tcp?.mss == nil)
        #expect(packet.malformed == nil)

        let nops = Array(repeating: UInt8(1), count: 40)
        segment[12] = 0xF0
        #expect(dissect(Wire.ethernet(Wire.ipv4(6, segment + nops))).malformed == nil)
    }

    @Test("a UDP header cut before its length field is truncated")
    func udpTruncated() throws {
        let frame = Wire.ethernet(Wire.ipv4(17, Wire.udp()))
        for cut in [35, 38, 39] {
            #expect(dissectCut(frame, at: cut).malformed == Malformation(.udp, .truncated, at: 34, ""), "cut \(cut)")
        }
    }

    // UDPHeader.decode says "shorter than 8 bytes" but only reads the first six (ports and length), so a header
    // whose checksum was cut off decodes as whole and the packet carries no mark.
    @Test("a UDP header cut inside its checksum (6 or 7 of 8 bytes) is truncated")
    func udpChecksumCut() throws {
        let frame = Wire.ethernet(Wire.ipv4(17, Wire.udp()))
        for cut in [40, 41] {
            #expect(dissectCut(frame, at: cut).malformed == Malformation(.udp, .truncated, at: 34, ""), "cut \(cut)")
        }
    }
}
