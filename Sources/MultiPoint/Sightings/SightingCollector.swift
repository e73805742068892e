public import PPTPDissect
public import PPTPSessions

/// Picks one file's session packets out again, after its sessions are built, and keeps a `Sighting` of each:
/// the second pass of a multi-point analysis. Lookups are by flow identity (the flows `SessionFlows` recorded),
/// so the pass costs a few hash lookups per packet and memory grows with the session packets only, up to
/// `limit` (beyond it the comparison covers the first `limit` packets and says so).
public struct SightingCollector {
    public static let defaultLimit = 1_000_000

    private struct ConnectionKey: Hashable {
        var source: Endpoint
        var destination: Endpoint
    }
    private struct GREKey: Hashable {
        var source: IPAddress
        var destination: IPAddress
        var callID: UInt16
    }
    private struct Owner {
        var session: Int
        var from: Side
    }
    private struct SideKey: Hashable {
        var session: Int
        var from: Side
    }

    private var connections: [ConnectionKey: Owner] = [:]
    private var gre: [GREKey: Owner] = [:]
    private var icmp: [Int: Int] = [:]
    private var clientAddress: [Int: IPAddress] = [:]
    private var initialSequence: [SideKey: UInt32] = [:]
    public private(set) var sightings: [Sighting] = []
    /// Session index → the client's initial TCP sequence number (its SYN's), which most NATs leave alone.
    public var clientInitialSequences: [Int: UInt32] {
        var out: [Int: UInt32] = [:]
        for (key, value) in initialSequence where key.from == .client { out[key.session] = value }
        return out
    }
    public private(set) var limitReached = false
    /// Senders of ICMP errors, by `Sighting.reporter` (few: the routers of the path).
    public private(set) var reporters: [String] = []
    private var reporterIndex: [String: Int] = [:]
    let limit: Int

    public init(sessions: [Session], limit: Int = SightingCollector.defaultLimit) {
        self.limit = limit
        for (index, s) in sessions.enumerated() {
            clientAddress[index] = s.client.address
            for pair in s.flows.connections where pair.count == 2 {
                connections[ConnectionKey(source: pair[0], destination: pair[1])] = Owner(session: index, from: .client)
                connections[ConnectionKey(source: pair[1], destination: pair[0])] = Owner(session: index, from: .server)
            }
            for flow in s.flows.gre {
                gre[GREKey(source: flow.source, destination: flow.destination, callID: flow.callID)] =
                    Owner(session: index, from: flow.source == s.client.address ? .client : .server)
            }
            for number in s.flows.icmpPackets { icmp[number] = index }
        }
    }

    /// Looks at one dissected packet of the file.
    public mutating func add(_ p: DecodedPacket, number: Int, timestamp: Int64) {
        guard let ip = p.ip, sightings.count < limit || markLimit() else { return }
        if let session = icmp[number], let message = p.icmp, let quoted = message.quoted {
            let from: Side = ip.destination == clientAddress[session] ? .server : .client
            let high =
                3 << 56 | UInt64(from == .client ? 1 : 0) << 55 | UInt64(message.type) << 40
                | UInt64(message.code) << 32 | UInt64(UInt16(truncatingIfNeeded: quoted.ip.totalLength)) << 8
                | UInt64(quoted.ip.proto.rawValue)
            let key = PacketKey(high: high, low: UInt64(message.mtu ?? 0) << 32 | UInt64(quoted.tcpSequence ?? 0))
            let name = ip.source.description
            var index = reporterIndex[name]
            if index == nil, reporters.count < 1024 {
                index = reporters.count
                reporterIndex[name] = index
                reporters.append(name)
            }
            append(
                key, p: p, ip: ip, number: number, timestamp: timestamp, session: session, from: from, flow: .icmp,
                reporter: index)
            return
        }
        if let tcp = p.tcp {
            let source = Endpoint(address: ip.source, port: tcp.sourcePort)
            let destination = Endpoint(address: ip.destination, port: tcp.destinationPort)
            guard let owner = connections[ConnectionKey(source: source, destination: destination)] else { return }
            let mine = SideKey(session: owner.session, from: owner.from)
            let theirs = SideKey(session: owner.session, from: owner.from == .client ? .server : .client)
            if tcp.flags.contains(.syn), initialSequence[mine] == nil { initialSequence[mine] = tcp.sequence }
            // A SYN is named by its own sequence number: relative, every SYN would look alike.
            let sequence = tcp.flags.contains(.syn) ? tcp.sequence : tcp.sequence &- (initialSequence[mine] ?? 0)
            let ack = tcp.flags.contains(.ack) ? tcp.acknowledgment &- (initialSequence[theirs] ?? 0) : 0
            let flags =
                tcp.flags.rawValue
                & (TCPFlags.syn.rawValue | TCPFlags.fin.rawValue | TCPFlags.rst.rawValue
                    | TCPFlags.ack.rawValue | TCPFlags.psh.rawValue)
            let payload = max(0, ip.totalLength - ip.headerLength - tcp.headerLength)
            let high =
                1 << 56 | UInt64(owner.from == .client ? 1 : 0) << 55 | UInt64(flags) << 40
                | UInt64(UInt16(truncatingIfNeeded: payload)) << 24
            var callRequest: UInt16?
            if let m = p.pptp, m.type == .outgoingCallRequest { callRequest = m.callID }
            append(
                PacketKey(high: high, low: UInt64(sequence) << 32 | UInt64(ack)), p: p, ip: ip, number: number,
                timestamp: timestamp, session: owner.session, from: owner.from, flow: .control, mss: tcp.mss,
                callID: callRequest, isCallRequest: callRequest != nil)
            return
        }
        if let g = p.gre, let callID = g.callID,
            let owner = gre[GREKey(source: ip.source, destination: ip.destination, callID: callID)]
        {
            let high =
                2 << 56 | UInt64(owner.from == .client ? 1 : 0) << 55 | UInt64(g.sequence == nil ? 0 : 1) << 54
                | UInt64(g.acknowledgment == nil ? 0 : 1) << 53 | UInt64(g.payloadLength ?? 0) << 24
            let low = UInt64(g.sequence ?? 0) << 32 | UInt64(g.acknowledgment ?? 0)
            append(
                PacketKey(high: high, low: low), p: p, ip: ip, number: number, timestamp: timestamp,
                session: owner.session, from: owner.from, flow: .gre, callID: callID)
        }
    }

    private mutating func markLimit() -> Bool {
        limitReached = true
        return false
    }

    private mutating func append(
        _ key: PacketKey, p: DecodedPacket, ip: IPHeader, number: Int, timestamp: Int64,
        session: Int, from: Side, flow: FlowClass, mss: UInt16? = nil, callID: UInt16? = nil,
        isCallRequest: Bool = false, reporter: Int? = nil
    ) {
        sightings.append(
            Sighting(
                key: key, number: number, time: timestamp, session: session, from: from, flow: flow,
                ttl: ip.ttl, ipLength: ip.totalLength, fragmented: ip.isFragment, mss: mss,
                callID: callID, isCallRequest: isCallRequest, reporterIndex: reporter))
    }
}
