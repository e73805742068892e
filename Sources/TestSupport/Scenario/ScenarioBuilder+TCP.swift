/// TCP on the control connection: handshake, data segments (split, merged, retransmitted, out of order), close.
extension ScenarioBuilder {
    /// Builds (without recording) the IP packet of a TCP segment from `side`.
    func tcpPacket(
        _ payload: [UInt8], from side: Side, flags: TCPFlags, sequence: UInt32, acknowledgment: UInt32,
        mss: UInt16? = nil
    ) -> [UInt8] {
        let sender = endpoint(side)
        let receiver = endpoint(side.peer)
        let segment = TCPSegment.build(
            sourcePort: sender.port, destinationPort: receiver.port, sequence: sequence,
            acknowledgment: acknowledgment, flags: flags, window: sender.window, mss: mss,
            payload: payload, context: .v4(source: sender.ip, destination: receiver.ip))
        return IPPacket.v4(
            source: sender.ip, destination: receiver.ip, protocolNumber: IPProtocol.tcp,
            ttl: sender.ttl, identification: nextIPID(side), dontFragment: true, payload: segment)
    }

    /// Current acknowledgment number `side` would send (the peer's next sequence once its SYN was seen).
    func currentAck(_ side: Side) -> UInt32 {
        synSeen[side.peer, default: false] ? tcpNext[side.peer, default: 0] : 0
    }

    /// Sends one TCP segment from `side` with the builder's sequence state and records it; returns it.
    @discardableResult
    public func tcpSegment(_ payload: [UInt8] = [], from side: Side, flags: TCPFlags = [.psh, .ack]) -> SentSegment {
        let sequence = tcpNext[side, default: 0]
        var flags = flags
        if synSeen[side.peer, default: false] { flags.insert(.ack) }
        let packet = tcpPacket(payload, from: side, flags: flags, sequence: sequence, acknowledgment: currentAck(side))
        record(frame: linkFrame(packet, from: side))
        var length = UInt32(payload.count)
        if flags.contains(.syn) { length += 1 }
        if flags.contains(.fin) { length += 1 }
        tcpNext[side] = sequence &+ length
        let sent = SentSegment(side: side, sequence: sequence, flags: flags, payload: payload)
        if !payload.isEmpty { lastSegment[side] = sent }
        return sent
    }

    /// Client SYN with an MSS option. Calling it again retransmits the same SYN (same initial sequence).
    public func synOnly() {
        let packet = tcpPacket(
            [], from: .client, flags: .syn, sequence: client.initialSequence, acknowledgment: 0,
            mss: client.mss)
        record(frame: linkFrame(packet, from: .client))
        tcpNext[.client] = client.initialSequence &+ 1
        synSeen[.client] = true
    }

    /// Server SYN-ACK answering the client's SYN.
    public func synAck() {
        let packet = tcpPacket(
            [], from: .server, flags: [.syn, .ack], sequence: server.initialSequence,
            acknowledgment: tcpNext[.client, default: 0], mss: server.mss)
        record(frame: linkFrame(packet, from: .server))
        tcpNext[.server] = server.initialSequence &+ 1
        synSeen[.server] = true
    }

    /// SYN, SYN-ACK one RTT later, then the client's ACK.
    public func tcpHandshake() {
        synOnly()
        respond(.server, processingMs: 0.1)
        synAck()
        respond(.client, processingMs: 0.1)
        ack(from: .client)
    }

    /// Pure ACK from `side`.
    public func ack(from side: Side) {
        tcpSegment([], from: side, flags: .ack)
    }

    /// RST from `side`. Before the handshake completed (connection refused) it is RST/ACK with sequence 0
    /// acknowledging the SYN.
    public func rst(from side: Side) {
        if synSeen[side, default: false] {
            tcpSegment([], from: side, flags: [.rst, .ack])
        } else {
            let packet = tcpPacket(
                [], from: side, flags: [.rst, .ack], sequence: 0,
                acknowledgment: tcpNext[side.peer, default: 0])
            record(frame: linkFrame(packet, from: side))
        }
    }

    /// FIN/ACK from `side`.
    public func fin(from side: Side) {
        tcpSegment([], from: side, flags: [.fin, .ack])
    }

    /// Orderly close: FIN from `initiator`, the peer's FIN/ACK after `rttMs`, the last ACK.
    public func closeTCP(initiator: Side = .client) {
        fin(from: initiator)
        respond(initiator.peer, processingMs: 0.2)
        fin(from: initiator.peer)
        respond(initiator, processingMs: 0.1)
        ack(from: initiator)
    }

    // MARK: PPTP control messages over TCP

    /// Sends a PPTP control message as a PSH/ACK segment, or split in two segments at byte `splitAt`
    /// (the halves `gapMs` apart). Learns Call IDs from OCRQ/OCRP/ICRQ/ICRP.
    public func control(_ message: [UInt8], from side: Side, splitAt: Int? = nil, gapMs: Double = 0.3) {
        learnCallIDs(from: message, side: side)
        if let splitAt, splitAt > 0, splitAt < message.count {
            tcpSegment(Array(message[..<splitAt]), from: side, flags: .ack)
            wait(gapMs)
            tcpSegment(Array(message[splitAt...]), from: side, flags: [.psh, .ack])
        } else {
            tcpSegment(message, from: side, flags: [.psh, .ack])
        }
    }

    /// Several control messages in a single TCP segment.
    public func controlMerged(_ messages: [[UInt8]], from side: Side) {
        for message in messages { learnCallIDs(from: message, side: side) }
        tcpSegment(messages.flatMap { $0 }, from: side, flags: [.psh, .ack])
    }

    /// Sends each message in its own segment but records them in reverse order (the later segment is
    /// captured first, as after a reordering on the path), `gapMs` apart.
    public func controlOutOfOrder(_ messages: [[UInt8]], from side: Side, gapMs: Double = 0.5) {
        var packets: [[UInt8]] = []
        for message in messages {
            learnCallIDs(from: message, side: side)
            let sequence = tcpNext[side, default: 0]
            packets.append(
                tcpPacket(
                    message, from: side, flags: [.psh, .ack], sequence: sequence,
                    acknowledgment: currentAck(side)))
            tcpNext[side] = sequence &+ UInt32(message.count)
            lastSegment[side] = SentSegment(side: side, sequence: sequence, flags: [.psh, .ack], payload: message)
        }
        for (index, packet) in packets.reversed().enumerated() {
            if index > 0 { wait(gapMs) }
            record(frame: linkFrame(packet, from: side))
        }
    }

    /// Retransmits the last data segment `side` sent (same sequence number and payload, new IP ID).
    public func retransmitLastSegment(from side: Side) {
        guard let segment = lastSegment[side] else { return }
        let packet = tcpPacket(
            segment.payload, from: side, flags: segment.flags, sequence: segment.sequence,
            acknowledgment: currentAck(side))
        record(frame: linkFrame(packet, from: side))
    }

    /// Reads Call IDs out of OCRQ (client's), OCRP (server's), ICRQ (server's) and ICRP (client's) messages.
    func learnCallIDs(from stream: [UInt8], side: Side) {
        var offset = 0
        while offset + 14 <= stream.count {
            let length = Int(stream[offset]) << 8 | Int(stream[offset + 1])
            guard length >= 12 else { return }
            let type = UInt16(stream[offset + 8]) << 8 | UInt16(stream[offset + 9])
            let callID = UInt16(stream[offset + 12]) << 8 | UInt16(stream[offset + 13])
            switch (type, side) {
            case (7, .client), (10, .client): clientCallID = callID
            case (8, .server), (9, .server): serverCallID = callID
            default: break
            }
            offset += length
        }
    }
}
