/// Enhanced GRE carrying PPP, with per-direction sequence and acknowledgment numbers.
extension ScenarioBuilder {
    /// Call ID written in the key of `side`'s GRE packets: the peer's Call ID.
    func greCallID(from side: Side) -> UInt16 {
        (side == .client ? serverCallID : clientCallID) ?? 0
    }

    /// Sends a PPP frame (full form, `FF 03` + protocol) in GRE from `side`. ACFC/PFC are applied when
    /// `pppCompression[side]` is set. The packet acknowledges the peer's latest GRE sequence number when there
    /// is something new to acknowledge. `delivered: false` models a packet lost after the capture point (the
    /// peer never acknowledges it). Returns the IP packet (to quote it in ICMP).
    @discardableResult
    public func gre(ppp frame: [UInt8], from side: Side, delivered: Bool = true, dontFragment: Bool = true) -> [UInt8] {
        let payload = pppCompression[side, default: false] ? PPPFrame.compressed(frame) : frame
        let sequence = greNextSequence[side, default: 0]
        greNextSequence[side] = sequence &+ 1
        var acknowledgment: UInt32?
        if let received = greReceived[side], greAcked[side] != received {
            acknowledgment = received
            greAcked[side] = received
        }
        let gre = EnhancedGRE.build(
            callID: greCallID(from: side), sequence: sequence, acknowledgment: acknowledgment,
            payload: payload)
        if delivered { greReceived[side.peer] = sequence }
        return sendIPv4(protocolNumber: IPProtocol.gre, payload: gre, from: side, dontFragment: dontFragment)
    }

    /// Ack-only GRE packet (S=0, A=1, payload length 0); nothing is sent when there is nothing to acknowledge.
    public func greAck(from side: Side) {
        guard let received = greReceived[side] else { return }
        greAcked[side] = received
        let gre = EnhancedGRE.build(callID: greCallID(from: side), sequence: nil, acknowledgment: received, payload: [])
        sendIPv4(protocolNumber: IPProtocol.gre, payload: gre, from: side)
    }

    /// Convenience: frames `information` with `protocolNumber` and sends it in GRE.
    @discardableResult
    public func ppp(_ protocolNumber: UInt16, _ information: [UInt8], from side: Side) -> [UInt8] {
        gre(ppp: PPPFrame.build(protocolNumber: protocolNumber, information), from: side)
    }

    /// What `greData` puts in the PPP frames.
    public enum DataKind: Sendable {
        /// Protocol 0x00FD with a stateless MPPE header (flushed + encrypted, coherency count) and opaque bytes.
        case mppe
        /// Protocol 0x0021 with an inner IPv4 ICMP echo between the tunnel addresses (unencrypted session).
        case ipv4(clientAddress: IPv4Address, serverAddress: IPv4Address)
    }

    /// One data frame of `size` bytes of PPP information (after the protocol field) from `side`.
    @discardableResult
    public func greDataPacket(
        size: Int, from side: Side, kind: DataKind = .mppe, delivered: Bool = true,
        dontFragment: Bool = true
    ) -> [UInt8] {
        payloadSeed &+= 1
        switch kind {
        case .mppe:
            let count = mppeCount[side, default: 0]
            mppeCount[side] = (count &+ 1) & 0x0FFF
            let header: UInt16 = 0x9000 | (count & 0x0FFF)  // A (flushed) + D (encrypted)
            let body = DeterministicBytes.make(max(0, size - 2), seed: payloadSeed)
            let information = PPPOption.be16(header) + body
            return gre(
                ppp: PPPFrame.build(protocolNumber: PPPProtocol.compressed, information), from: side,
                delivered: delivered, dontFragment: dontFragment)
        case .ipv4(let clientAddress, let serverAddress):
            let source = side == .client ? clientAddress : serverAddress
            let destination = side == .client ? serverAddress : clientAddress
            if side == .client { pingSequence &+= 1 }
            let sequence = pingSequence
            let icmpPayload = DeterministicBytes.make(max(0, size - 28), seed: 0xEC40 &+ UInt64(sequence))
            let icmp = ICMPv4.echo(reply: side == .server, identifier: 0x0001, sequence: sequence, payload: icmpPayload)
            let inner = IPPacket.v4(
                source: source, destination: destination, protocolNumber: IPProtocol.icmp,
                ttl: side == .client ? 128 : 64,
                identification: UInt16(truncatingIfNeeded: payloadSeed), dontFragment: false,
                payload: icmp)
            return gre(
                ppp: PPPFrame.build(protocolNumber: PPPProtocol.ipv4, inner), from: side,
                delivered: delivered, dontFragment: dontFragment)
        }
    }

    /// `count` data frames from `side`, `intervalMs` apart (the clock advances between them, not after the last).
    public func greData(count: Int, size: Int, from side: Side, kind: DataKind = .mppe, intervalMs: Double = 20) {
        for index in 0..<count {
            if index > 0 { wait(intervalMs) }
            greDataPacket(size: size, from: side, kind: kind)
        }
    }

    /// Interleaved data both ways: client frames of `clientSize`, server frames of `serverSize` (two per client
    /// frame for MPPE, as a download looks; one echo reply per echo request for `.ipv4`), with GRE ack-only
    /// packets now and then.
    public func greConversation(
        rounds: Int, clientSize: Int = 120, serverSize: Int = 900, kind: DataKind = .mppe,
        intervalMs: Double = 35
    ) {
        for round in 0..<rounds {
            greDataPacket(size: clientSize, from: .client, kind: kind)
            wait(intervalMs)
            greDataPacket(size: serverSize, from: .server, kind: kind)
            if case .mppe = kind {
                wait(1.2)
                greDataPacket(size: serverSize, from: .server, kind: kind)
            }
            wait(intervalMs / 3)
            if round % 3 == 2 { greAck(from: .client) }
            wait(intervalMs)
        }
    }
}
