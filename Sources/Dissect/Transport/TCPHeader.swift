public struct TCPFlags: OptionSet, Sendable, Hashable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let fin = TCPFlags(rawValue: 0x01)
    public static let syn = TCPFlags(rawValue: 0x02)
    public static let rst = TCPFlags(rawValue: 0x04)
    public static let psh = TCPFlags(rawValue: 0x08)
    public static let ack = TCPFlags(rawValue: 0x10)
    public static let urg = TCPFlags(rawValue: 0x20)

    public var text: String {
        var parts: [String] = []
        if contains(.syn) { parts.append("SYN") }
        if contains(.fin) { parts.append("FIN") }
        if contains(.rst) { parts.append("RST") }
        if contains(.psh) { parts.append("PSH") }
        if contains(.ack) { parts.append("ACK") }
        if contains(.urg) { parts.append("URG") }
        return parts.joined(separator: ",")
    }
}

public struct TCPHeader: Sendable {
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var sequence: UInt32
    public var acknowledgment: UInt32
    public var flags: TCPFlags
    public var window: UInt16
    public var headerLength: Int
    /// MSS option (kind 2), normally only on SYNs.
    public var mss: UInt16?
    public var offset: Int
    public var payload: Range<Int>

    /// Options walked at most this many times so a hostile option list terminates quickly.
    static let maxOptions = 40

    static func decode(_ view: ByteView, at offset: Int, end: Int) -> Result<TCPHeader, Malformation> {
        guard let sport = view.u16(offset), let dport = view.u16(offset + 2), let seq = view.u32(offset + 4),
            let ack = view.u32(offset + 8), let offFlags = view.u16(offset + 12), let win = view.u16(offset + 14)
        else { return .failure(Malformation(.tcp, .truncated, at: offset, "shorter than 20 bytes")) }
        let hlen = Int(offFlags >> 12) * 4
        guard hlen >= 20 else { return .failure(Malformation(.tcp, .badValue, at: offset, "data offset under 5")) }
        var header = TCPHeader(
            sourcePort: sport, destinationPort: dport, sequence: seq, acknowledgment: ack,
            flags: TCPFlags(rawValue: offFlags & 0x01FF), window: win, headerLength: hlen,
            offset: offset, payload: min(offset + hlen, end)..<max(end, offset + hlen))
        guard offset + hlen <= end else {
            header.payload = end..<end
            return .failure(
                Malformation(
                    .tcp, view.count < offset + hlen ? .truncated : .badLength, at: offset,
                    "header longer than the segment"))
        }
        var cursor = offset + 20
        var walked = 0
        while cursor < offset + hlen, walked < maxOptions, let kind = view.u8(cursor) {
            walked += 1
            if kind == 0 { break }
            if kind == 1 {
                cursor += 1
                continue
            }
            guard let len = view.u8(cursor + 1), len >= 2 else { break }
            if kind == 2, len == 4 { header.mss = view.u16(cursor + 2) }
            cursor += Int(len)
        }
        return .success(header)
    }
}

public struct UDPHeader: Sendable {
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var length: UInt16
    public var offset: Int

    static func decode(_ view: ByteView, at offset: Int) -> Result<UDPHeader, Malformation> {
        guard view.contains(offset, length: 8), let s = view.u16(offset), let d = view.u16(offset + 2),
            let l = view.u16(offset + 4)
        else {
            return .failure(Malformation(.udp, .truncated, at: offset, "shorter than 8 bytes"))
        }
        return .success(UDPHeader(sourcePort: s, destinationPort: d, length: l, offset: offset))
    }
}
