/// Names and one-line renderings of the options of LCP (RFC 1661/1570/1990), CCP (RFC 1962, MPPE/MPPC of
/// RFC 2118/3078) and IPCP (RFC 1332/1877).
public enum OptionText {
    public static func authProtocolName(_ proto: UInt16, algorithm: UInt8?) -> String {
        switch proto {
        case 0xC023: return "PAP"
        case 0xC227: return "EAP"
        case 0xC223:
            switch algorithm {
            case 5: return "CHAP-MD5"
            case 0x80: return "MS-CHAPv1"
            case 0x81: return "MS-CHAPv2"
            case let a?: return "CHAP-alg\(a)"
            case nil: return "CHAP"
            }
        default: return "0x\(hex(proto, width: 4))"
        }
    }

    /// MPPE/MPPC supported bits (RFC 3078 §2.1): "MPPE-128,stateless".
    public static func mppeBits(_ bits: UInt32) -> String {
        var parts: [String] = []
        if bits & 0x40 != 0 { parts.append("MPPE-128") }
        if bits & 0x80 != 0 { parts.append("MPPE-56") }
        if bits & 0x20 != 0 { parts.append("MPPE-40") }
        if bits & 0x01 != 0 { parts.append("MPPC") }
        if bits & 0x10 != 0 { parts.append("D") }
        if bits & 0x0100_0000 != 0 { parts.append("stateless") }
        return parts.isEmpty ? "none" : parts.joined(separator: ",")
    }

    public static func ipv4(_ value: UInt32) -> String { IPAddress.v4(value).description }

    public static func render(_ option: ConfigOption, proto: PPPProtocol, in view: ByteView) -> String {
        // Values are read only when the option's own Length holds them, never from the next option.
        let o = option
        let d = option.data.lowerBound
        let u16 = { (at: Int) -> UInt16? in o.length == 4 ? view.u16(at) : nil }
        let u32 = { (at: Int) -> UInt32? in o.length == 6 ? view.u32(at) : nil }
        switch (proto, option.type) {
        case (.lcp, 1): return u16(d).map { "MRU=\($0)" } ?? "MRU=?"
        case (.lcp, 2): return u32(d).map { "ACCM=0x\(hex($0, width: 8))" } ?? "ACCM=?"
        case (.lcp, 3):
            guard option.length >= 4, let p = view.u16(d) else { return "auth=?" }
            let alg = option.length >= 5 ? view.u8(d + 2) : nil
            return "auth=\(authProtocolName(p, algorithm: alg))"
        case (.lcp, 4): return "quality"
        case (.lcp, 5): return u32(d).map { "magic=0x\(hex($0, width: 8))" } ?? "magic=?"
        case (.lcp, 7): return "PFC"
        case (.lcp, 8): return "ACFC"
        case (.lcp, 13): return "callback"
        case (.lcp, 17): return u16(d).map { "MRRU=\($0)" } ?? "MRRU=?"
        case (.lcp, 18): return "SSNHF"
        case (.lcp, 19): return "endpoint-discriminator"
        case (.ccp, 18): return u32(d).map { "MPPE/MPPC=\(mppeBits($0))" } ?? "MPPE/MPPC=?"
        case (.ccp, 17): return "Stac-LZS"
        // RFC 1977 (BSD-Compress is 21), RFC 1979 (Deflate is 26; 24 is the draft number pppd still offers as
        // "deflate(old#)").
        case (.ccp, 21): return "BSD-Compress"
        case (.ccp, 24): return "Deflate-draft"
        case (.ccp, 26): return "Deflate"
        case (.ipcp, 2): return "IP-compression"
        case (.ipcp, 3): return u32(d).map { "address=\(ipv4($0))" } ?? "address=?"
        case (.ipcp, 129): return u32(d).map { "DNS1=\(ipv4($0))" } ?? "DNS1=?"
        case (.ipcp, 130): return u32(d).map { "NBNS1=\(ipv4($0))" } ?? "NBNS1=?"
        case (.ipcp, 131): return u32(d).map { "DNS2=\(ipv4($0))" } ?? "DNS2=?"
        case (.ipcp, 132): return u32(d).map { "NBNS2=\(ipv4($0))" } ?? "NBNS2=?"
        case (.ipv6cp, 1): return "interface-id"
        default: return "opt\(option.type)"
        }
    }
}
