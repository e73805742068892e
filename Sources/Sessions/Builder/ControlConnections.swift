import PPTPDissect

/// The PPTP control connections (TCP 1723): which session each belongs to, and each side's byte stream,
/// reassembled and framed into whole control messages. A session may hold several connections (a client
/// retrying from new ports); the streams are per session, the latest connection's.
struct ControlConnections {
    /// A client's attempt to reach one server, whatever source port it used.
    private struct AttemptKey: Hashable {
        var client: IPAddress
        var server: Endpoint
    }

    private struct Stream {
        var reassembler = StreamReassembler()
        var framer = ControlStreamFramer()
    }

    private struct Streams {
        var client = Stream()
        var server = Stream()
        var closed = false

        subscript(side: Side) -> Stream {
            get { side == .client ? client : server }
            set { if side == .client { client = newValue } else { server = newValue } }
        }
    }

    private var sessionOf: [ConnectionKey: Int] = [:]
    private var streams: [Int: Streams] = [:]
    /// What each slot has bound here, to unbind it at retirement.
    private var keysOf: [Int: [ConnectionKey]] = [:]
    private var lastAttempt: [AttemptKey: Int] = [:]
    /// The session of the latest control connection between two hosts: GRE and ICMP errors between them whose
    /// call the capture did not show belong to it.
    private(set) var sessionByPair: [AddressPair: Int] = [:]
    /// Hosts that were the server end of a control connection (to notice a client falling back to another VPN).
    private(set) var serverAddresses: Set<IPAddress> = []

    func session(of key: ConnectionKey) -> Int? { sessionOf[key] }

    func isClosed(_ slot: Int) -> Bool { streams[slot]?.closed ?? false }

    /// Slots with a control stream, in slot order.
    var slotsWithStreams: [Int] { streams.keys.sorted() }

    /// The session of the client's latest attempt to reach the same server, which a new SYN may be a retry of.
    func latestAttempt(_ key: ConnectionKey) -> Int? {
        lastAttempt[AttemptKey(client: key.client.address, server: key.server)]
    }

    /// A further connection of the session in `slot` (a retry from a new port): its streams start afresh.
    mutating func add(_ key: ConnectionKey, to slot: Int) {
        sessionOf[key] = slot
        keysOf[slot, default: []].append(key)
        streams[slot] = Streams()
    }

    /// The connection that opens the session in `slot`.
    mutating func open(_ key: ConnectionKey, session slot: Int) {
        add(key, to: slot)
        serverAddresses.insert(key.server.address)
        lastAttempt[AttemptKey(client: key.client.address, server: key.server)] = slot
        sessionByPair[AddressPair(key.client.address, key.server.address)] = slot
    }

    /// Returns true when the connection was open until now.
    mutating func markClosed(_ slot: Int) -> Bool {
        guard streams[slot]?.closed == false else { return false }
        streams[slot]?.closed = true
        return true
    }

    mutating func syn(_ slot: Int, from side: Side, sequence: UInt32) {
        streams[slot]?[side].reassembler.syn(sequence: sequence)
    }

    /// A segment's payload into the side's stream: what it completed, and whether it was in order.
    mutating func segment(
        _ slot: Int, from side: Side, sequence: UInt32, view: ByteView, range: Range<Int>,
        ref: PacketRef
    ) -> (StreamReassembler.Delivery, FramedOutput)? {
        guard let stream = streams[slot]?[side] else { return nil }
        // Two locals, not one: the reassembler calls back into the framer while it runs.
        var reassembler = stream.reassembler
        var framer = stream.framer
        var framed = FramedOutput()
        let delivery = reassembler.segment(
            sequence: sequence, payload: view, range: range, ref: ref,
            deliver: { bytes, at in framed.deliver(bytes, at: at, into: &framer) },
            gap: { size, at in framed.gap(size, at: at, framer: &framer) })
        streams[slot]?[side] = Stream(reassembler: reassembler, framer: framer)
        return (delivery, framed)
    }

    /// A segment cut by the snapshot length, decoded on its own: the stream steps over it.
    mutating func skip(_ slot: Int, from side: Side, sequence: UInt32, length: Int) {
        streams[slot]?[side].reassembler.skip(sequence: sequence, length: length)
        streams[slot]?[side].framer.resetAfterGap()
    }

    /// What one side's stream still held at the end, and what could not be read in it.
    struct Remainder {
        var side: Side
        var framed: FramedOutput
        var skippedBytes: Int
        var joinedMidStream: Bool
    }

    /// Delivers what reassembly still holds, both sides.
    mutating func flush(_ slot: Int) -> [Remainder] {
        guard var state = streams[slot] else { return [] }
        var remainders: [Remainder] = []
        for side in [Side.client, .server] {
            var reassembler = state[side].reassembler
            var framer = state[side].framer
            var framed = FramedOutput()
            reassembler.finish(
                gap: { size, at in framed.gap(size, at: at, framer: &framer) },
                deliver: { bytes, at in framed.deliver(bytes, at: at, into: &framer) })
            remainders.append(
                Remainder(
                    side: side, framed: framed, skippedBytes: framer.skippedBytes,
                    joinedMidStream: reassembler.joinedMidStream))
            state[side] = Stream(reassembler: reassembler, framer: framer)
        }
        streams[slot] = state
        return remainders
    }

    /// Unbinds the retired session in `slot`; returns its connections, to be remembered as retired.
    mutating func forget(_ slot: Int, client: Endpoint, server: Endpoint) -> [ConnectionKey] {
        let keys = (keysOf.removeValue(forKey: slot) ?? []).filter { sessionOf[$0] == slot }
        for key in keys { sessionOf[key] = nil }
        let pair = AddressPair(client.address, server.address)
        if sessionByPair[pair] == slot { sessionByPair[pair] = nil }
        let attempt = AttemptKey(client: client.address, server: server)
        if lastAttempt[attempt] == slot { lastAttempt[attempt] = nil }
        streams[slot] = nil
        return keys
    }
}

/// What one delivery of reassembled bytes produced: whole messages (copied, with the packet that completed each)
/// and skipped gaps. Collected inside the reassembler's callbacks, applied to the session after them.
struct FramedOutput {
    var messages: [([UInt8], PacketRef)] = []
    var gaps: [(Int, PacketRef)] = []

    mutating func deliver(_ bytes: UnsafeRawBufferPointer, at: PacketRef, into framer: inout ControlStreamFramer) {
        framer.append(bytes) { buf, range in messages.append((buf.bytes(range), at)) }
    }

    mutating func gap(_ size: Int, at: PacketRef, framer: inout ControlStreamFramer) {
        gaps.append((size, at))
        framer.resetAfterGap()
    }
}
