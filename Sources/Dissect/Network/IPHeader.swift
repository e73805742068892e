/// IPv4 or IPv6 header, reduced to what the analysis needs plus the fields tshark shows.
/// `payload` is clamped to both the captured bytes and the datagram's own length field, so link-layer
/// padding (short Ethernet frames) is never taken for transport payload.
public struct IPHeader: Sendable {
    public var version: UInt8
    public var source: IPAddress
    public var destination: IPAddress
    /// The upper-layer protocol after any IPv6 extension headers.
    public var proto: IPProtocol
    /// TTL or hop limit.
    public var ttl: UInt8
    public var identification: UInt32
    public var dontFragment: Bool
    public var moreFragments: Bool
    /// Fragment offset in bytes.
    public var fragmentOffset: Int
    /// Total datagram length from the header (IPv4 total length, IPv6 40 + payload length).
    public var totalLength: Int
    public var headerLength: Int
    public var offset: Int
    public var payload: Range<Int>
    /// The datagram is longer than what was captured.
    public var isTruncated: Bool

    public var isFragment: Bool { moreFragments || fragmentOffset > 0 }

    static func decodeIPv4(_ view: ByteView, at offset: Int, quoted: Bool = false) -> Result<IPHeader, Malformation> {
        guard let vihl = view.u8(offset), let total0 = view.u16(offset + 2), let ident = view.u16(offset + 4),
            let flagsFrag = view.u16(offset + 6), let ttl = view.u8(offset + 8), let proto = view.u8(offset + 9),
            let src = view.u32(offset + 12), let dst = view.u32(offset + 16)
        else { return .failure(Malformation(.ipv4, .truncated, at: offset, "shorter than 20 bytes")) }
        guard vihl >> 4 == 4 else { return .failure(Malformation(.ipv4, .badValue, at: offset, "version is not 4")) }
        let ihl = Int(vihl & 0x0F) * 4
        guard ihl >= 20 else { return .failure(Malformation(.ipv4, .badValue, at: offset, "header length under 20 bytes")) }
        guard view.contains(offset, length: ihl) else {
            return .failure(Malformation(.ipv4, .truncated, at: offset, "options cut short"))
        }
        // Total length 0 is what TCP segmentation offload leaves in outgoing packets captured on the sender:
        // take the captured length, as Wireshark does.
        let total = total0 == 0 && !quoted ? UInt16(clamping: view.count - offset) : total0
        // A quoted header inside ICMP may claim more than the quote carries; that is normal there.
        guard Int(total) >= ihl || quoted else {
            return .failure(Malformation(.ipv4, .badLength, at: offset, "total length shorter than the header"))
        }
        let datagramEnd = offset + max(Int(total), ihl)
        let end = min(datagramEnd, view.count)
        return .success(
            IPHeader(
                version: 4, source: .v4(src), destination: .v4(dst), proto: IPProtocol(rawValue: proto), ttl: ttl,
                identification: UInt32(ident), dontFragment: flagsFrag & 0x4000 != 0, moreFragments: flagsFrag & 0x2000 != 0,
                fragmentOffset: Int(flagsFrag & 0x1FFF) * 8, totalLength: Int(total), headerLength: ihl, offset: offset,
                payload: (offset + ihl)..<max(offset + ihl, end), isTruncated: datagramEnd > view.count))
    }

    /// Extension headers followed at most this many times: a chain of hostile headers cannot loop.
    static let maxExtensionHeaders = 8

    static func decodeIPv6(_ view: ByteView, at offset: Int, quoted: Bool = false) -> Result<IPHeader, Malformation> {
        guard let first = view.u8(offset), let plen = view.u16(offset + 4), var next = view.u8(offset + 6),
            let hop = view.u8(offset + 7),
            let s0 = view.u32(offset + 8), let s1 = view.u32(offset + 12), let s2 = view.u32(offset + 16),
            let s3 = view.u32(offset + 20), let d0 = view.u32(offset + 24), let d1 = view.u32(offset + 28),
            let d2 = view.u32(offset + 32), let d3 = view.u32(offset + 36)
        else { return .failure(Malformation(.ipv6, .truncated, at: offset, "shorter than 40 bytes")) }
        guard first >> 4 == 6 else { return .failure(Malformation(.ipv6, .badValue, at: offset, "version is not 6")) }
        let datagramEnd = offset + 40 + Int(plen)
        var cursor = offset + 40
        var ident: UInt32 = 0
        var mf = false
        var fragOffset = 0
        var hops = 0
        while hops < maxExtensionHeaders {
            let proto = IPProtocol(rawValue: next)
            guard proto == .hopByHop || proto == .routing || proto == .destinationOptions || proto == .fragment else { break }
            guard let nh = view.u8(cursor), let hlen = view.u8(cursor + 1) else {
                return .failure(Malformation(.ipv6, .truncated, at: cursor, "extension header cut short"))
            }
            if proto == .fragment {
                guard let off = view.u16(cursor + 2), let id = view.u32(cursor + 4) else {
                    return .failure(Malformation(.ipv6, .truncated, at: cursor, "fragment header cut short"))
                }
                ident = id
                mf = off & 1 != 0
                fragOffset = Int(off >> 3) * 8
                cursor += 8
            } else {
                cursor += (Int(hlen) + 1) * 8
            }
            next = nh
            hops += 1
        }
        if hops == maxExtensionHeaders {
            return .failure(Malformation(.ipv6, .badValue, at: cursor, "too many extension headers"))
        }
        let end = min(datagramEnd, view.count)
        return .success(
            IPHeader(
                version: 6, source: .v6(UInt64(s0) << 32 | UInt64(s1), UInt64(s2) << 32 | UInt64(s3)),
                destination: .v6(UInt64(d0) << 32 | UInt64(d1), UInt64(d2) << 32 | UInt64(d3)),
                proto: IPProtocol(rawValue: next), ttl: hop, identification: ident, dontFragment: true,
                moreFragments: mf, fragmentOffset: fragOffset, totalLength: 40 + Int(plen), headerLength: cursor - offset,
                offset: offset, payload: min(cursor, max(end, cursor))..<max(end, cursor),
                isTruncated: datagramEnd > view.count))
    }
}
