/// Puts fragmented IPv4 datagrams back together (RFC 791 §3.2), so a GRE or PPTP packet split by a router with
/// a small MTU is still seen whole. Bounded: at most `maxPending` datagrams in progress, `maxDatagram` bytes each,
/// and fragments older than `timeout` are dropped, so a flood of fragments cannot grow memory.
public struct IPv4Reassembler: Sendable {
    public static let maxPending = 256
    public static let maxDatagram = 65_535
    /// Seconds a datagram may wait for its missing fragments (Linux uses 30 s).
    public static let timeout: Int64 = 30_000_000_000

    struct Key: Hashable {
        var source: IPAddress
        var destination: IPAddress
        var identification: UInt32
        var proto: UInt8
    }

    struct Pending {
        var header: [UInt8]
        var pieces: [(offset: Int, bytes: [UInt8])] = []
        var totalPayload: Int?
        var received = 0
        var firstSeen: Int64
    }

    private var pending: [Key: Pending] = [:]
    /// Datagrams given up on (timeout, cap, overlap beyond the maximum size).
    public private(set) var abandoned = 0

    public init() {}

    /// Feeds one fragment; returns the whole datagram (IPv4 header + payload, flags cleared) when this fragment
    /// completes it.
    public mutating func add(_ ip: IPHeader, view: ByteView, timestamp: Int64) -> [UInt8]? {
        guard ip.version == 4, ip.isFragment, !ip.isTruncated else { return nil }
        expire(before: timestamp.subtractingReportingOverflow(Self.timeout).overflow ? Int64.min : timestamp - Self.timeout)
        let key = Key(
            source: ip.source, destination: ip.destination, identification: ip.identification,
            proto: ip.proto.rawValue)
        if pending[key] == nil {
            guard pending.count < Self.maxPending else {
                abandoned += 1
                return nil
            }
            pending[key] = Pending(header: view.bytes(ip.offset..<(ip.offset + ip.headerLength)), firstSeen: timestamp)
        }
        guard var entry = pending[key] else { return nil }
        let payload = view.bytes(ip.payload)
        guard ip.fragmentOffset + payload.count <= Self.maxDatagram else {
            pending[key] = nil
            abandoned += 1
            return nil
        }
        if ip.fragmentOffset == 0 { entry.header = view.bytes(ip.offset..<(ip.offset + ip.headerLength)) }
        if !ip.moreFragments { entry.totalPayload = ip.fragmentOffset + payload.count }
        if !entry.pieces.contains(where: { $0.offset == ip.fragmentOffset }) {
            entry.pieces.append((ip.fragmentOffset, payload))
            entry.received += payload.count
        }
        guard let total = entry.totalPayload, entry.received >= total, let datagram = assemble(entry, total: total) else {
            pending[key] = entry
            return nil
        }
        pending[key] = nil
        return datagram
    }

    private func assemble(_ entry: Pending, total: Int) -> [UInt8]? {
        var payload = [UInt8](repeating: 0, count: total)
        var covered = [Bool](repeating: false, count: total)
        for piece in entry.pieces {
            for (i, b) in piece.bytes.enumerated() where piece.offset + i < total {
                payload[piece.offset + i] = b
                covered[piece.offset + i] = true
            }
        }
        guard covered.allSatisfy({ $0 }) else { return nil }
        var header = entry.header
        let length = header.count + total
        guard header.count >= 20, length <= Self.maxDatagram else { return nil }
        header[2] = UInt8(length >> 8)
        header[3] = UInt8(length & 0xFF)
        header[6] = 0
        header[7] = 0
        return header + payload
    }

    private mutating func expire(before limit: Int64) {
        guard pending.count > 0 else { return }
        for (key, entry) in pending where entry.firstSeen < limit {
            pending[key] = nil
            abandoned += 1
        }
    }
}
