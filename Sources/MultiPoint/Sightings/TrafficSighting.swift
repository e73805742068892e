public import PPTPDissect

/// One packet of a point's *other* traffic (no session's packet: web, DNS, other tunnels), kept to align the
/// clock of a point that saw none of a session's packets on the traffic it shares with the others. 32 bytes.
public struct TrafficSighting: Sendable {
    /// What a NAT leaves alone: protocol, IP identification and length, and a hash of the bytes past the ports
    /// and checksums (TCP sequence numbers and payload, UDP and ICMP payload).
    public var key: PacketKey
    /// Nanoseconds since the epoch, on the point's clock.
    public var time: Int64
    /// The source address sorts before the destination, as this point saw them: the two directions of a
    /// conversation, to separate the clock offset from the one-way delay.
    public var forward: Bool
}

/// Keeps a `TrafficSighting` of the packets of one file that belong to no session, up to `limit`.
public struct TrafficCollector {
    /// Enough shared packets to take a median many times over; a busy link fills it in seconds, so the limit
    /// keeps memory flat (200 000 × 32 bytes = 6.4 MB) and the earliest traffic wins.
    public static let defaultLimit = 200_000
    /// Bytes of payload hashed per packet: enough to tell packets apart, cheap on a busy link.
    static let hashedBytes = 96

    public private(set) var sightings: [TrafficSighting] = []
    let limit: Int

    public init(limit: Int = TrafficCollector.defaultLimit) { self.limit = limit }

    /// Looks at one dissected packet that no session claimed.
    public mutating func add(_ p: DecodedPacket, bytes: ByteView, timestamp: Int64) {
        guard sightings.count < limit, let ip = p.ip, !ip.isFragment else { return }
        var hash = FNV1a()
        let start = ip.payload.lowerBound
        if let tcp = p.tcp {
            // Ports and checksum change under NAT; sequence, acknowledgment and payload do not.
            hash.add(bytes, from: start + 4, to: start + 12)
            hash.add(bytes, from: start + tcp.headerLength, to: ip.payload.upperBound)
        } else if p.udp != nil || ip.proto == .icmp {
            // UDP ports and ICMP echo identifiers are rewritten by NAT: only the bytes past the first 8 count.
            hash.add(bytes, from: start + 8, to: ip.payload.upperBound)
        } else {
            hash.add(bytes, from: start, to: ip.payload.upperBound)
        }
        guard hash.count > 0 else { return }
        let high =
            UInt64(ip.proto.rawValue) << 56 | UInt64(ip.identification & 0xFFFF_FFFF) << 16
            | UInt64(UInt16(truncatingIfNeeded: ip.totalLength))
        sightings.append(
            TrafficSighting(
                key: PacketKey(high: high, low: hash.value), time: timestamp,
                forward: ip.source.description < ip.destination.description))
    }
}

/// FNV-1a over at most `TrafficCollector.hashedBytes` bytes, reading only bytes the view holds.
struct FNV1a {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    var count = 0

    /// Bytes `from ..< to`; bounds from a hostile header may be reversed or past the end: then fewer or none.
    mutating func add(_ view: ByteView, from: Int, to: Int) {
        guard from >= 0, from < to else { return }
        let clamped = view.clamp(from..<to)
        var i = clamped.lowerBound
        while i < clamped.upperBound, count < TrafficCollector.hashedBytes, let byte = view.u8(i) {
            value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
            count += 1
            i += 1
        }
    }
}
