import PPTPDissect
import PPTPReporting

/// Rewrites one packet for a redacted evidence capture: addresses and MACs replaced by the report's pseudonyms,
/// user and host names overwritten in place (same length), PAP passwords, CHAP values and MS-CHAP `S=`/`C=`
/// values zeroed, then the IPv4, TCP, UDP and ICMP checksums made valid again. Lengths never change, so
/// every other layer stays where it was.
enum PacketRedactor {
    static func redact(_ bytes: inout [UInt8], linkType: LinkType, wireLength: Int, pseudonyms: Pseudonyms) {
        var edits: [(Int, [UInt8])] = []
        var checksumIPv4: [Int] = []
        var decoded: DecodedPacket?
        bytes.withUnsafeBytes { raw in
            let view = ByteView(raw)
            let p = PacketDissector.dissect(view, linkType: linkType, wireLength: wireLength)
            decoded = p
            if let e = p.ethernet {
                edits.append((0, macBytes(pseudonyms.mac(e.destination.raw))))
                edits.append((6, macBytes(pseudonyms.mac(e.source.raw))))
            }
            for ip in [p.outerIP, p.ip, p.innerIP, p.icmp?.quoted?.ip].compactMap({ $0 }) {
                addressEdits(ip, pseudonyms, &edits)
                if ip.version == 4 { checksumIPv4.append(ip.offset) }
            }
            if let pap = p.pap {
                if let pw = pap.password { edits.append((pw.lowerBound, [UInt8](repeating: 0, count: pw.count))) }
                if let id = pap.peerID { nameEdit(view, id, .user, pseudonyms, &edits) }
            }
            if let chap = p.chap {
                if let v = chap.value { edits.append((v.lowerBound, [UInt8](repeating: 0, count: view.clamp(v).count))) }
                if let n = chap.name, !n.isEmpty { nameEdit(view, n, chap.code == 1 ? .host : .user, pseudonyms, &edits) }
                if let m = chap.message, let parsed = MSCHAPMessage.parse(view, m) {
                    for r in [parsed.authenticatorResponse, parsed.challenge].compactMap({ $0 }) {
                        edits.append((r.lowerBound, [UInt8](repeating: UInt8(ascii: "0"), count: view.clamp(r).count)))
                    }
                }
            }
            if let c = p.control, c.proto == .lcp, c.code == ControlCode.identification, c.data.count > 4 {
                // Windows puts the machine name in LCP Identification ("MSRAS-0-LAPTOP-BOB").
                nameEdit(view, (c.data.lowerBound + 4)..<c.data.upperBound, .host, pseudonyms, &edits)
            }
            if let c = p.control, c.proto == .ipcp {
                c.forEachOption(view) { o in
                    guard [3, 129, 130, 131, 132].contains(o.type), o.length == 6, let v = view.u32(o.data.lowerBound),
                        v != 0, case .v4(let stand) = pseudonyms.ip(.v4(v))
                    else { return }
                    edits.append((o.data.lowerBound, be32(stand)))
                }
            }
            if let range = p.pptpRange {
                PPTPControlMessage.forEach(in: view, from: range.lowerBound, end: range.upperBound) { m in
                    if let r = m.hostName { nameEdit(view, r, .host, pseudonyms, &edits, cString: true) }
                }
            }
        }
        for (offset, new) in edits where offset >= 0 {
            for (i, b) in new.enumerated() where offset + i < bytes.count { bytes[offset + i] = b }
        }
        guard let p = decoded else { return }
        Checksums.fix(&bytes, packet: p, ipv4Headers: checksumIPv4)
    }

    static func addressEdits(_ ip: IPHeader, _ pseudonyms: Pseudonyms, _ edits: inout [(Int, [UInt8])]) {
        switch (ip.source, ip.destination) {
        case (.v4, .v4):
            if case .v4(let s) = pseudonyms.ip(ip.source) { edits.append((ip.offset + 12, be32(s))) }
            if case .v4(let d) = pseudonyms.ip(ip.destination) { edits.append((ip.offset + 16, be32(d))) }
        default:
            if case .v6(let hi, let lo) = pseudonyms.ip(ip.source) { edits.append((ip.offset + 8, be64(hi) + be64(lo))) }
            if case .v6(let hi, let lo) = pseudonyms.ip(ip.destination) { edits.append((ip.offset + 24, be64(hi) + be64(lo))) }
        }
    }

    static func nameEdit(
        _ view: ByteView, _ range: Range<Int>, _ kind: Pseudonyms.NameKind, _ pseudonyms: Pseudonyms,
        _ edits: inout [(Int, [UInt8])], cString: Bool = false
    ) {
        let r = view.clamp(range)
        let original = cString ? SafeText.cString(view, r) : SafeText.escape(view, r)
        guard !original.isEmpty else { return }
        let stand = Array(pseudonyms.name(original, kind: kind).utf8)
        let filler: UInt8 = cString ? 0 : UInt8(ascii: "_")
        edits.append((r.lowerBound, (0..<r.count).map { $0 < stand.count ? stand[$0] : filler }))
    }

    static func macBytes(_ v: UInt64) -> [UInt8] { (0..<6).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64(5 - $0))) } }
    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    static func be64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64(7 - $0))) } }
}

/// Internet checksums (RFC 1071) recomputed after rewriting.
enum Checksums {
    static func sum(_ bytes: [UInt8], _ range: Range<Int>, initial: UInt32 = 0) -> UInt32 {
        var s = initial
        var i = range.lowerBound
        while i + 1 < range.upperBound {
            s += UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1])
            i += 2
        }
        if i < range.upperBound { s += UInt32(bytes[i]) << 8 }
        return s
    }

    static func fold(_ s: UInt32) -> UInt16 {
        var s = s
        while s >> 16 != 0 { s = (s & 0xFFFF) + (s >> 16) }
        return ~UInt16(s)
    }

    static func put(_ bytes: inout [UInt8], _ at: Int, _ v: UInt16) {
        guard at >= 0, at + 1 < bytes.count else { return }
        bytes[at] = UInt8(v >> 8)
        bytes[at + 1] = UInt8(v & 0xFF)
    }

    static func fix(_ bytes: inout [UInt8], packet p: DecodedPacket, ipv4Headers: [Int]) {
        for offset in ipv4Headers where offset + 20 <= bytes.count {
            let ihl = Int(bytes[offset] & 0x0F) * 4
            guard ihl >= 20, offset + ihl <= bytes.count else { continue }
            put(&bytes, offset + 10, 0)
            put(&bytes, offset + 10, fold(sum(bytes, offset..<(offset + ihl))))
        }
        guard let ip = p.ip, ip.version == 4, !ip.isTruncated, !ip.isFragment else { return }
        let start = ip.payload.lowerBound
        let end = ip.payload.upperBound
        guard end <= bytes.count else { return }
        let pseudo = sum(bytes, (ip.offset + 12)..<(ip.offset + 20)) + UInt32(ip.proto.rawValue) + UInt32(end - start)
        if p.tcp != nil {
            put(&bytes, start + 16, 0)
            put(&bytes, start + 16, fold(sum(bytes, start..<end, initial: pseudo)))
        } else if p.udp != nil {
            put(&bytes, start + 6, 0)  // "no checksum" is legal for UDP over IPv4
        } else if let icmp = p.icmp, !p.icmpIsInner, icmp.version == 4 {
            put(&bytes, start + 2, 0)
            put(&bytes, start + 2, fold(sum(bytes, start..<end)))
        }
    }
}
