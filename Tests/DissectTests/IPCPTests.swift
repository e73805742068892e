import PPTPDissect
import PPTPTestSupport
import Testing

@Suite("IPCP and its address / DNS / NBNS options (RFC 1332, RFC 1877)")
struct IPCPTests {
    static let zero = IPv4Address.any

    @Test("a client's Configure-Request asks for address 0.0.0.0 and name servers")
    func clientRequest() throws {
        let frame = Wire.configureFrame(
            Wire.ipcp, .configureRequest, identifier: 6,
            options: [
                .ipAddress(Self.zero), .primaryDNS(Self.zero), .primaryNBNS(Self.zero), .secondaryDNS(Self.zero),
                .secondaryNBNS(Self.zero),
            ])
        let packet = dissect(frame)
        #expect(packet.control?.proto == .ipcp)
        #expect(packet.stack == [.ethernet, .ipv4, .gre, .ppp, .ipcp])
        #expect(controlOptions(frame)?.options.map(\.type) == [3, 129, 130, 131, 132])
        #expect(
            summaryLine(frame)
                == "IPCP Configure-Request id=6 address=0.0.0.0 DNS1=0.0.0.0 NBNS1=0.0.0.0 DNS2=0.0.0.0 NBNS2=0.0.0.0")
    }

    @Test("the server's Configure-Nak proposes the addresses, written under tshark's field names")
    func serverNak() throws {
        let frame = Wire.configureFrame(
            Wire.ipcp, .configureNak, identifier: 6,
            options: [
                .ipAddress(IPv4Address(192, 168, 42, 10)), .primaryDNS(IPv4Address(10, 0, 0, 53)),
                .primaryNBNS(IPv4Address(10, 0, 0, 54)), .secondaryDNS(IPv4Address(10, 0, 1, 53)),
                .secondaryNBNS(IPv4Address(10, 0, 1, 54)),
            ])
        #expect(
            summaryLine(frame) == "IPCP Configure-Nak id=6 address=192.168.42.10 DNS1=10.0.0.53 NBNS1=10.0.0.54 "
                + "DNS2=10.0.1.53 NBNS2=10.0.1.54")
        let f = fields(frame)
        #expect(f.values("ipcp.opt.type") == ["3", "129", "130", "131", "132"])
        #expect(f.first("ipcp.opt.ip_address") == "192.168.42.10")
        #expect(f.first("ipcp.opt.pri_dns_address") == "10.0.0.53")
        #expect(f.first("ipcp.opt.pri_nbns_address") == "10.0.0.54")
        #expect(f.first("ipcp.opt.sec_dns_address") == "10.0.1.53")
        #expect(f.first("ipcp.opt.sec_nbns_address") == "10.0.1.54")
    }

    @Test("the IP-Compression-Protocol option (type 2) is named")
    func compressionOption() throws {
        let frame = Wire.configureFrame(
            Wire.ipcp, .configureReject, options: [PPPOption(type: 2, data: [0x00, 0x2D, 0x0F, 0x01])])
        #expect(summaryLine(frame) == "IPCP Configure-Reject id=1 IP-compression")
    }

    @Test("an address option of the wrong length gives no address field")
    func wrongLengthField() throws {
        let frame = Wire.configureFrame(
            Wire.ipcp, .configureNak,
            options: [
                PPPOption(type: 3, data: [10, 0]),
                .primaryDNS(IPv4Address(8, 8, 8, 8)),
            ])
        let f = fields(frame)
        #expect(!f.has("ipcp.opt.ip_address"))
        #expect(f.first("ipcp.opt.pri_dns_address") == "8.8.8.8")
    }

    // OptionText.render reads `view.u32(option.data.lowerBound)` without looking at the option's Length, so a
    // 4-byte address option borrows the next option's type and length bytes: "address=10.0.129.6". FieldWriter
    // checks `o.length == 6` for the same option; the summary should fall back to "address=?" as it does at the
    // end of the packet. The same reading past the option affects LCP MRU/ACCM/magic and CCP's option 18.
    @Test("an address option shorter than 6 bytes renders address=? rather than bytes of the next option")
    func wrongLengthSummary() throws {
        let frame = Wire.configureFrame(
            Wire.ipcp, .configureNak,
            options: [
                PPPOption(type: 3, data: [10, 0]),
                .primaryDNS(IPv4Address(8, 8, 8, 8)),
            ])
        #expect(summaryLine(frame) == "IPCP Configure-Nak id=1 address=? DNS1=8.8.8.8")
    }

    @Test("an IPCP packet cut by the capture inside an option is truncated, the packet and PPP kept")
    func truncated() throws {
        let frame = Wire.configureFrame(Wire.ipcp, .configureRequest, options: [.ipAddress(Self.zero), .primaryDNS(Self.zero)])
        let packet = dissectCut(frame, at: frame.count - 3)
        #expect(packet.control?.proto == .ipcp)
        #expect(packet.malformed == Malformation(.ipcp, .truncated, at: 54, ""))
    }

    @Test("an IPCP option running past the packet is a bad length on the IPCP layer")
    func optionPastPacket() throws {
        let frame = Wire.controlFrame(Wire.ipcp, code: 3, data: [3, 6, 10, 0])
        #expect(dissect(frame).malformed == Malformation(.ipcp, .badLength, at: 54, ""))
    }
}
