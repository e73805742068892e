public import PPTPDissect

/// Builds sessions from a stream of dissected packets, one packet at a time, keeping only small per-flow
/// state. This is where a GRE flow is bound to its call: the GRE key's Call ID is matched against the Call IDs
/// of OCRQ/OCRP (or ICRQ/ICRP) on the control connection between the same two addresses.
///
/// Memory follows the sessions open at the same time, not the capture's length: a session that is over (its
/// control connection closed, then quiet for `Limits.retireAfterClose` seconds of capture time, or quiet for
/// `Limits.retireWhenIdle` whatever its state) is finished exactly as at the end of the capture and handed
/// out through `takeRetired()`; its slot is reused and its flows are remembered only as tombstones, so a stray
/// late packet of it is counted instead of opening a phantom session.
public struct SessionBuilder {
    /// Limits that keep memory flat whatever the input (a million SYNs, a flood of call IDs).
    public struct Limits: Sendable {
        public var maxSessions = 20_000
        public var maxPPPEventsPerCall = 4_000
        public var maxTCPEventsPerSession = 2_000
        public var maxICMPEvents = 10_000
        public var maxGREBindings = 100_000
        public var maxCallsPerSession = 64
        public var maxControlMessagesPerSession = 2_000
        /// Capture seconds of silence after a closed control connection (FIN both ways, or RST) before its session
        /// is final: longer than any silence a rule waits for, so the diagnosis cannot change after it.
        public var retireAfterClose = 120.0
        /// Capture seconds of silence after which any session is taken as over. A live tunnel is never this quiet:
        /// LCP and PPTP echoes keep it talking every minute or so.
        public var retireWhenIdle = 900.0
        /// How many flows of retired sessions are remembered (the most recent), to tell their stray packets from
        /// new sessions.
        public var maxRetiredFlows = 16_384
        public init() {}
    }

    private var table = SessionTable()
    private var control = ControlConnections()
    private var tunnels = TunnelBinder()
    private var icmpBinder = ICMPBinder()
    /// PPP seen on the link itself, without PPTP around it.
    private var pppLinks = PPPLinkTracker()
    private var retired: [Session] = []
    private var retiredFlows: RetiredFlows
    /// Capture time of the latest packet: sessions over by then have retired.
    private var now = 0.0
    public private(set) var stats = CaptureStats()
    let limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
        retiredFlows = RetiredFlows(capacity: limits.maxRetiredFlows)
    }

    /// Sessions retired since the last call, in the order they were retired (not by number).
    public var hasRetired: Bool { !retired.isEmpty }

    public mutating func takeRetired() -> [Session] {
        defer { retired.removeAll(keepingCapacity: true) }
        return retired
    }

    // MARK: - Per packet

    /// A frame that repeats the one before it (same bytes within a millisecond) is counted, not analysed.
    public mutating func countDuplicate() {
        stats.packets += 1
        stats.duplicateFrames += 1
    }

    /// Packets `PacketRelevance.needs` turned down, and duplicate frames, between two that it did not: counted as `add` and
    /// `countDuplicate` count them one by one.
    public struct UnrelatedPackets: Sendable {
        public var packets = 0
        public var duplicates = 0
        public var snapTruncated = 0
        /// Of the packets (not the duplicates): the first one's timestamp and the latest.
        public var firstTimestamp: Int64?
        public var latestTimestamp: Int64?

        public init() {}

        public var isEmpty: Bool { packets == 0 && duplicates == 0 }

        public mutating func add(timestamp: Int64, snapTruncated: Bool) {
            packets += 1
            if firstTimestamp == nil { firstTimestamp = timestamp }
            latestTimestamp = max(latestTimestamp ?? timestamp, timestamp)
            if snapTruncated { self.snapTruncated += 1 }
        }
    }

    public mutating func countUnrelated(_ run: UnrelatedPackets) {
        stats.packets += run.packets + run.duplicates
        stats.duplicateFrames += run.duplicates
        stats.snapTruncatedPackets += run.snapTruncated
        guard let first = run.firstTimestamp, let latest = run.latestTimestamp else { return }
        if stats.firstTimestamp == nil { stats.firstTimestamp = first }
        stats.lastTimestamp = max(stats.lastTimestamp ?? latest, latest)
        advanceClock(to: (Double(latest) - Double(stats.firstTimestamp ?? latest)) / 1e9)
    }

    /// Adds one packet. `countAsPacket` is false for a datagram reassembled from fragments, which were counted
    /// as they came. The packet is passed by reference and not changed: a ~700-byte value copied for each call
    /// was 4 % of the whole analysis.
    public mutating func add(_ p: inout DecodedPacket, view: ByteView, number: Int, timestamp: Int64, countAsPacket: Bool = true)
    {
        if stats.firstTimestamp == nil { stats.firstTimestamp = timestamp }
        stats.lastTimestamp = max(stats.lastTimestamp ?? timestamp, timestamp)
        let ref = PacketRef(number: number, time: (Double(timestamp) - Double(stats.firstTimestamp ?? timestamp)) / 1e9)
        if countAsPacket { stats.packets += 1 } else { stats.reassembledDatagrams += 1 }
        advanceClock(to: ref.time)
        // A packet cut by the snapshot length is a property of the capture, counted apart; only damage is malformed.
        if let m = p.malformed, !(m.problem == .truncated && p.isSnapTruncated) {
            stats.malformedPackets += 1
            if stats.malformedSamples.count < 20 { stats.malformedSamples.append((number, m.description)) }
        }
        if p.isSnapTruncated { stats.snapTruncatedPackets += 1 }
        if p.pppoe != nil { stats.pppoePackets += 1 }
        if p.ppp != nil || p.control != nil || p.pap != nil || p.chap != nil, p.gre == nil {
            stats.pppOnLinkPackets += 1
            if pppLinks.add(p, view: view, ref: ref, maxEvents: limits.maxPPPEventsPerCall, nextNumber: table.nextNumber) {
                table.nextNumber += 1
            }
        } else if p.pppoe != nil {
            // PPPoE discovery names the host.
            _ = pppLinks.add(p, view: view, ref: ref, maxEvents: limits.maxPPPEventsPerCall, nextNumber: table.nextNumber)
        }

        guard let ip = p.ip else { return }
        if let icmp = p.icmp, !p.icmpIsInner, icmp.isError, let q = icmp.quoted {
            stats.icmpErrors += 1
            guard icmpBinder.admit(limit: limits.maxICMPEvents) else { return stats.noteCap("ICMP errors") }
            let event = ICMPEvent(
                packet: ref, reporter: ip.source, version: icmp.version, type: icmp.type, code: icmp.code,
                mtu: icmp.mtu, quotedSource: q.ip.source, quotedDestination: q.ip.destination,
                quotedProtocol: q.ip.proto, quotedDestinationPort: q.destinationPort,
                quotedSourcePort: q.sourcePort, quotedCallID: q.greCallID, quotedLength: q.ip.totalLength,
                quotedDontFragment: q.ip.dontFragment)
            let open = openSession(between: AddressPair(event.quotedSource, event.quotedDestination))
            if let slot = icmpBinder.route(event, openSlot: open) { table[slot].attach(event) }
            return
        }
        if let tcp = p.tcp {
            if tcp.sourcePort == PacketRelevance.controlPort || tcp.destinationPort == PacketRelevance.controlPort {
                stats.pptpControlPackets += 1
                controlSegment(tcp, ip: ip, view: view, ref: ref)
            } else if tcp.destinationPort == PacketRelevance.sstpPort, tcp.flags.contains(.syn), !tcp.flags.contains(.ack),
                control.serverAddresses.contains(ip.destination)
            {
                noteFallback(ref, server: ip.destination, what: "SSTP/TLS (TCP 443)")
            }
            return
        }
        // The port test first: it is free, the address lookup hashes (and most UDP is not to a PPTP server).
        if let udp = p.udp, PacketRelevance.isFallbackUDPPort(udp.destinationPort),
            control.serverAddresses.contains(ip.destination)
        {
            noteFallback(
                ref, server: ip.destination,
                what: udp.destinationPort == 1701 ? "L2TP (UDP 1701)" : "IKE/IPsec (UDP \(udp.destinationPort))")
            return
        }
        if let gre = p.gre {
            if gre.isEnhanced {
                stats.enhancedGREPackets += 1
                enhancedGRE(gre, p: p, ip: ip, view: view, ref: ref)
            } else {
                stats.greV0Packets += 1
            }
        }
    }

    private mutating func noteFallback(_ ref: PacketRef, server: IPAddress, what: String) {
        guard stats.fallbackAttempts.count < 20,
            !stats.fallbackAttempts.contains(where: { $0.what == what && $0.server == server.description })
        else { return }
        stats.fallbackAttempts.append((ref, server.description, what))
    }

    // MARK: - Control channel

    private mutating func controlSegment(_ tcp: TCPHeader, ip: IPHeader, view: ByteView, ref: PacketRef) {
        let fromServer = tcp.sourcePort == PacketRelevance.controlPort
        let clientEnd =
            fromServer
            ? Endpoint(address: ip.destination, port: tcp.destinationPort)
            : Endpoint(address: ip.source, port: tcp.sourcePort)
        let serverEnd =
            fromServer
            ? Endpoint(address: ip.source, port: tcp.sourcePort)
            : Endpoint(address: ip.destination, port: tcp.destinationPort)
        let key = ConnectionKey(client: clientEnd, server: serverEnd)
        let side: Side = fromServer ? .server : .client
        let isSYN = tcp.flags.contains(.syn) && !tcp.flags.contains(.ack)
        guard let slot = connectionSession(key, isSYN: isSYN, ref: ref) else { return }

        table.touch(slot, ref: ref, side: side, ttl: ip.ttl)
        if table[slot].flows.connections.count < 64 {
            table[slot].flows.connections.insert([key.client, key.server])
        }
        if tcp.flags.contains(.syn) {
            if !tcp.flags.contains(.ack) {
                tcpEvent(
                    slot,
                    TCPEvent(
                        packet: ref, from: side, kind: table[slot].sawSYN ? .synRetransmission : .syn,
                        detail: tcp.mss.map { "MSS \($0)" }))
                table[slot].sawSYN = true
            } else {
                if !table[slot].sawSYNAck {
                    tcpEvent(slot, TCPEvent(packet: ref, from: side, kind: .synAck, detail: tcp.mss.map { "MSS \($0)" }))
                }
                table[slot].sawSYNAck = true
            }
            control.syn(slot, from: side, sequence: tcp.sequence)
            return
        }
        if table[slot].sawSYNAck, side == .client, tcp.flags.contains(.ack) {
            table[slot].sawClientAckOfSYN = true
        }
        if tcp.flags.contains(.rst) {
            tcpEvent(slot, TCPEvent(packet: ref, from: side, kind: .rst, detail: nil))
            markClosed(slot)
        }
        let wirePayload = ip.totalLength - ip.headerLength - tcp.headerLength
        if tcp.payload.count < wirePayload, ip.isTruncated {
            // Cut by the snapshot length: the bytes that matter (header, call IDs, result codes) are usually within
            // the first few dozen bytes, so decode what was captured and step the stream over the rest.
            let start = tcp.payload.lowerBound
            PPTPControlMessage.forEach(in: view, from: start, end: start + wirePayload) { msg in
                controlMessage(msg, view: view, session: slot, from: side, ref: ref)
            }
            control.skip(slot, from: side, sequence: tcp.sequence, length: wirePayload)
        } else if !tcp.payload.isEmpty,
            let (delivery, framed) = control.segment(
                slot, from: side, sequence: tcp.sequence, view: view,
                range: tcp.payload, ref: ref)
        {
            switch delivery {
            case .retransmission: tcpEvent(slot, TCPEvent(packet: ref, from: side, kind: .retransmission, detail: nil))
            case .outOfOrder: tcpEvent(slot, TCPEvent(packet: ref, from: side, kind: .outOfOrder, detail: nil))
            case .inOrder: break
            }
            apply(framed, session: slot, from: side)
        }
        if tcp.flags.contains(.fin) {
            tcpEvent(slot, TCPEvent(packet: ref, from: side, kind: .fin, detail: nil))
            if table[slot].tcpEvents.contains(where: { $0.kind == .fin && $0.from == side.other }) {
                markClosed(slot)
            }
        }
    }

    /// The session a control segment belongs to: its connection's; for a SYN, a client's retry of an attempt
    /// nobody answered, or a new session (which takes over a GRE-only tunnel between the same hosts, whose
    /// start the capture missed). Nil for a late segment of a retired session, or when no slot is free.
    private mutating func connectionSession(_ key: ConnectionKey, isSYN: Bool, ref: PacketRef) -> Int? {
        if control.session(of: key) == nil, retiredFlows.contains(.connection(key)) {
            // A connection of a retired session: a stray segment is late, a SYN opens a new session.
            guard isSYN else {
                stats.lateSessionPackets += 1
                return nil
            }
            retiredFlows.remove(.connection(key))
        }
        if let existing = control.session(of: key), !(isSYN && control.isClosed(existing)) {
            return existing
        }
        if isSYN, let retry = control.latestAttempt(key), !table[retry].sawSYNAck, table[retry].control.isEmpty,
            ref.time - table[retry].last.time < 30
        {
            // Clients retry a refused or unanswered connection from a new port: same attempt, same session.
            control.add(key, to: retry)
            return retry
        }
        let slot: Int
        if let orphan = tunnels.claimOrphan(between: AddressPair(key.client.address, key.server.address)) {
            if table[orphan].client.address != key.client.address { tunnels.swapRoles(orphan, table: &table) }
            slot = orphan
            table[slot].client = key.client
            table[slot].server = key.server
            table[slot].controlChannelSeen = true
            if ref < table[slot].first { table[slot].first = ref }
        } else {
            let session = Session(
                index: table.nextNumber, client: key.client, server: key.server,
                controlChannelSeen: true, first: ref)
            guard let free = table.insert(session, limits: limits, stats: &stats) else { return nil }
            slot = free
        }
        control.open(key, session: slot)
        return slot
    }

    private mutating func apply(_ framed: FramedOutput, session slot: Int, from side: Side) {
        for (size, at) in framed.gaps {
            tcpEvent(slot, TCPEvent(packet: at, from: side, kind: .gap, detail: "\(size) bytes missing"))
        }
        for (bytes, at) in framed.messages {
            ByteView.with(bytes) { copy in
                if case .success(let m) = PPTPControlMessage.decode(copy, at: 0, end: bytes.count) {
                    controlMessage(m, view: copy, session: slot, from: side, ref: at)
                }
            }
        }
    }

    private mutating func controlMessage(
        _ msg: PPTPControlMessage, view: ByteView, session slot: Int, from side: Side,
        ref: PacketRef
    ) {
        guard
            let call = CallTable.record(
                msg, view: view, from: side, ref: ref, in: &table[slot], limits: limits,
                stats: &stats)
        else { return }
        tunnels.bindCall(call, of: slot, session: &table[slot], retired: &retiredFlows)
    }

    private mutating func tcpEvent(_ slot: Int, _ event: TCPEvent) {
        if table[slot].tcpEvents.count < limits.maxTCPEventsPerSession {
            table[slot].tcpEvents.append(event)
        } else {
            stats.noteCap("TCP events per session")
        }
    }

    // MARK: - GRE

    private mutating func enhancedGRE(_ gre: GREHeader, p: DecodedPacket, ip: IPHeader, view: ByteView, ref: PacketRef) {
        guard let callID = gre.callID else { return }
        let key = GREKey(source: ip.source, destination: ip.destination, callID: callID)
        let binding: GREBinding
        if let bound = tunnels.binding(of: key) {
            binding = bound
        } else {
            let pair = AddressPair(ip.source, ip.destination)
            let controlSession = control.sessionByPair[pair]
            if retiredFlows.contains(.gre(key)), controlSession == nil {
                // A retired call's GRE, unless an open control connection between the same hosts may claim it.
                stats.lateSessionPackets += 1
                return
            }
            guard
                let bound = tunnels.bindUnknown(
                    key, ttl: ip.ttl, ref: ref, control: controlSession, table: &table,
                    limits: limits, stats: &stats, retired: &retiredFlows)
            else { return }
            binding = bound
        }
        let slot = binding.session
        table.touch(slot, ref: ref, side: binding.side, ttl: ip.ttl)
        let isData = p.ppp.map { EventExtraction.isData($0.proto) } ?? false
        let length = ip.totalLength
        if binding.side == .client {
            table[slot].calls[binding.call].greFromClient.record(
                ref, sequence: gre.sequence, isData: isData, datagramLength: length, dontFragment: ip.dontFragment,
                payloadBytes: gre.payload.count)
        } else {
            table[slot].calls[binding.call].greFromServer.record(
                ref, sequence: gre.sequence, isData: isData, datagramLength: length, dontFragment: ip.dontFragment,
                payloadBytes: gre.payload.count)
        }
        guard !isData, let event = EventExtraction.ppp(p, view: view, from: binding.side, ref: ref) else { return }
        if table[slot].calls[binding.call].ppp.count < limits.maxPPPEventsPerCall {
            table[slot].calls[binding.call].ppp.append(event)
        } else {
            table[slot].calls[binding.call].pppDropped += 1
            stats.noteCap("PPP negotiation packets per call")
        }
    }

    // MARK: - Retirement

    /// Capture time moves on (never back: a packet stamped earlier than one before it does not rewind it), and
    /// every session over by then retires, before the packet that moved it is looked at. Only the packets' times
    /// decide, so feeding the builder fewer packets between two of a session's (`countUnrelated`) retires the same
    /// sessions at the same points.
    private mutating func advanceClock(to time: Double) {
        guard time > now else { return }
        now = time
        while let due = table.retirements.popDue(at: now) {
            guard table.isLive(due.slot), table[due.slot].index == due.number else { continue }
            let deadline = self.deadline(due.slot)
            if deadline <= now {
                retire(due.slot)
            } else {
                table.retirements.push(.init(deadline: deadline, number: due.number, slot: due.slot))
            }
        }
    }

    /// Quiet long enough after its last packet: `retireAfterClose` once the control connection closed,
    /// `retireWhenIdle` otherwise.
    private func deadline(_ slot: Int) -> Double {
        table[slot].last.time + (control.isClosed(slot) ? limits.retireAfterClose : limits.retireWhenIdle)
    }

    private mutating func markClosed(_ slot: Int) {
        guard control.markClosed(slot) else { return }
        table.retirements.push(.init(deadline: deadline(slot), number: table[slot].index, slot: slot))
    }

    /// Finishes the session in `slot` as `finish()` would, hands it out and frees the slot.
    private mutating func retire(_ slot: Int) {
        flushStream(slot)
        if tunnels.isOrphan(slot) { tunnels.settleRoles(slot, table: &table) }
        bindPendingICMP(to: slot)
        let s = table[slot]
        for key in control.forget(slot, client: s.client, server: s.server) { retiredFlows.insert(.connection(key)) }
        for key in tunnels.forget(slot, pair: AddressPair(s.client.address, s.server.address)) {
            retiredFlows.insert(.gre(key))
        }
        retired.append(table.remove(slot))
        stats.sessionsRetiredEarly += 1
    }

    // MARK: - End of capture

    /// Flushes reassembly, binds ICMP errors to the flows they quote, and settles the roles of GRE-only tunnels.
    /// Returns the sessions still open (retired ones went out through `takeRetired()`), by number.
    public mutating func finish() -> (sessions: [Session], stats: CaptureStats) {
        for slot in control.slotsWithStreams { flushStream(slot) }
        for slot in tunnels.orphanSlots { tunnels.settleRoles(slot, table: &table) }
        let live = table.liveSlots
        for slot in live { bindPendingICMP(to: slot) }
        stats.unboundICMP = icmpBinder.finish()
        let links = pppLinks.finish()
        stats.pppLinkSessions = links.count
        stats.pppDuplicateRecords = pppLinks.duplicates
        if pppLinks.linksDropped > 0 { stats.noteCap("PPP links (\(PPPLinkTracker.maxLinks))") }
        return ((live.map { table[$0] } + links).sorted { $0.index < $1.index }, stats)
    }

    /// Delivers what the control stream's reassembly still holds, and puts the session's events in packet order.
    private mutating func flushStream(_ slot: Int) {
        let remainders = control.flush(slot)
        guard !remainders.isEmpty else { return }
        for rest in remainders {
            apply(rest.framed, session: slot, from: rest.side)
            if rest.skippedBytes > 0 {
                table[slot].streamProblems.append(
                    "\(rest.skippedBytes) bytes from the \(rest.side.rawValue) could not be framed as PPTP messages")
            }
            if rest.joinedMidStream {
                table[slot].streamProblems.append("the capture joins the \(rest.side.rawValue)'s stream mid-way")
            }
        }
        table[slot].control.sort { $0.packet.number < $1.packet.number }
        table[slot].tcpEvents.sort { $0.packet.number < $1.packet.number }
    }

    /// Gives the session the ICMP errors waiting for its host pair: those that came before any session of the
    /// pair was open. Sessions take them in the order they finish (at the end of the capture, by number).
    private mutating func bindPendingICMP(to slot: Int) {
        let pair = AddressPair(table[slot].client.address, table[slot].server.address)
        for event in icmpBinder.takePending(for: pair) { table[slot].attach(event) }
    }

    /// The open session between two hosts: the latest control connection's, else a GRE-only tunnel.
    private func openSession(between pair: AddressPair) -> Int? {
        control.sessionByPair[pair] ?? tunnels.orphan(between: pair)
    }
}
