/// Turns one script, written as the client host sees it, into the captures of every point of a `NetworkPath`.
///
/// A packet from the client leaves the client host at its script time and walks the path towards the server;
/// a packet from the server reached the client host at its script time (if nothing dropped it), so it left the
/// server the path's whole delay earlier, with the TTL the path's hops higher, in the NAT's public form. Each
/// element adds delay, decrements TTL, rewrites, fragments or drops; each point records what reaches it, at its
/// own clock. The result is deterministic.
public struct PathSimulator {
    public let path: NetworkPath
    /// The client's address in the script (its private address when the path has a NAT).
    public let clientAddress: IPv4Address

    public init(path: NetworkPath, clientAddress: IPv4Address) {
        self.path = path
        self.clientAddress = clientAddress
    }

    /// The frames each capture point records, in time order, by point name.
    public func captures(of frames: [CapturedFrame], link: LinkKind = .ethernet) -> [String: [CapturedFrame]] {
        var seen: [String: [(PathPacket, Int)]] = [:]
        for name in path.pointNames { seen[name] = [] }
        for (order, frame) in frames.enumerated() {
            guard let packet = split(frame, link: link, order: order) else { continue }
            if packet.from == .client {
                walk(packet, from: 0, towards: .server, into: &seen)
            } else {
                var start = packet
                start.timeNanos -= path.totalDelayMs * 1e6
                start.ip[8] = UInt8(min(255, Int(start.ip[8]) + path.totalHops))
                for element in path.elements {
                    if case .nat(let nat) = element { PacketRewrite.translate(&start.ip, nat, toPublic: true, from: .server) }
                }
                PacketRewrite.fixChecksums(&start.ip)
                walk(start, from: path.elements.count - 1, towards: .client, into: &seen)
            }
        }
        var result: [String: [CapturedFrame]] = [:]
        for (name, packets) in seen {
            let offset = clockOffset(of: name)
            result[name] =
                packets
                .sorted { ($0.0.timeNanos, $0.0.order, $0.1) < ($1.0.timeNanos, $1.0.order, $1.1) }
                .map {
                    CapturedFrame(
                        timestampNanos: UInt64(max(0, ($0.0.timeNanos + offset * 1e6).rounded())),
                        bytes: $0.0.link + $0.0.ip)
                }
        }
        return result
    }

    private func clockOffset(of name: String) -> Double {
        for case .point(let n, let offset) in path.elements where n == name { return offset }
        return 0
    }

    private func split(_ frame: CapturedFrame, link: LinkKind, order: Int) -> PathPacket? {
        let headerLength: Int
        switch link {
        case .ethernet: headerLength = 14
        case .rawIPv4: headerLength = 0
        default: preconditionFailure("PathSimulator handles Ethernet and raw IPv4 scripts")
        }
        guard frame.bytes.count >= headerLength + 20, frame.bytes[headerLength] >> 4 == 4 else { return nil }
        let ip = Array(frame.bytes[headerLength...])
        let from: Side = PacketRewrite.address(ip, 12) == clientAddress ? .client : .server
        return PathPacket(
            from: from, ip: ip, link: Array(frame.bytes[..<headerLength]),
            timeNanos: Double(frame.timestampNanos), order: order)
    }

    /// Walks `packet` from element `index` in the given direction, recording it at every point it reaches.
    private func walk(
        _ packet: PathPacket, from index: Int, towards end: Side,
        into seen: inout [String: [(PathPacket, Int)]]
    ) {
        var p = packet
        var i = index
        let step = end == .server ? 1 : -1
        var sub = 0
        while i >= 0, i < path.elements.count {
            switch path.elements[i] {
            case .point(let name, _):
                seen[name, default: []].append((p, sub))
                sub += 1
            case .routers(let hops, let delay):
                p.timeNanos += delay * 1e6
                PacketRewrite.decrementTTL(&p.ip, by: hops)
                PacketRewrite.fixChecksums(&p.ip)
            case .nat(let nat):
                PacketRewrite.translate(&p.ip, nat, toPublic: end == .server, from: p.from)
                PacketRewrite.fixChecksums(&p.ip)
            case .filter(let filter):
                if filter.drops(p) { return }
            case .clampMSS(let mss):
                PacketRewrite.clampMSS(&p.ip, to: mss)
                PacketRewrite.fixChecksums(&p.ip)
            case .mtu(let mtu, let router):
                guard p.ip.count > mtu else { break }
                if p.dontFragment {
                    walk(
                        fragmentationNeeded(p, mtu: mtu, router: router), from: i - step,
                        towards: end == .server ? .client : .server, into: &seen)
                    return
                }
                for piece in PacketRewrite.fragment(p.ip, mtu: mtu) {
                    var fragment = p
                    fragment.ip = piece
                    walk(fragment, from: i + step, towards: end, into: &seen)
                }
                return
            }
            i += step
        }
    }

    /// The ICMP error a router sends back to the source of a packet too big for its next link.
    private func fragmentationNeeded(_ p: PathPacket, mtu: Int, router: IPv4Address) -> PathPacket {
        let message = ICMPv4.destinationUnreachable(code: .fragmentationNeeded, nextHopMTU: UInt16(mtu), quoting: p.ip)
        let source = PacketRewrite.address(p.ip, 12)
        let ip = IPPacket.v4(
            source: router, destination: source, protocolNumber: IPProtocol.icmp, ttl: 255,
            identification: UInt16(truncatingIfNeeded: p.order &* 31), dontFragment: false,
            payload: message)
        return PathPacket(from: p.from.peer, ip: ip, link: p.link, timeNanos: p.timeNanos + 100_000, order: p.order)
    }
}
