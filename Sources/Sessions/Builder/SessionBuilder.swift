public import Dissect

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

    struct ConnectionKey: Hashable {
        var client: Endpoint
        var server: Endpoint
    }

    struct GREKey: Hashable {
        var source: IPAddress
        var destination: IPAddress
        var callID: UInt16
    }

    struct GREBinding {
        var session: Int
        var call: Int
        var side: Side
    }

    struct ConnectionState {
        var reassembler: [Side: StreamReassembler] = [.client: StreamReassembler(), .server: StreamReassembler()]
        var framer: [Side: ControlStreamFramer] = [.client: ControlStreamFramer(), .server: ControlStreamFramer()]
        var closed = false
    }

    /// Live sessions by slot. A retired session's slot is emptied and reused; `Session.index` is the session's
    /// number, which never is.
    private var sessions: [Session] = []
    /// What each slot has bound in the lookup tables, to unbind it at retirement.
    private var slotFlows: [SlotFlows] = []
    private var freeSlots: [Int] = []
    private var liveSessions = 0
    private var nextNumber = 1
    private var retired: [Session] = []
    private var retiredFlows: RetiredFlows
    /// Capture time of the latest packet, and when each open session may be over.
    private var now = 0.0
    private var retirements = RetirementQueue()
    public private(set) var stats = CaptureStats()
    let limits: Limits
    private var connections: [ConnectionKey: Int] = [:]
    private var connectionState: [Int: ConnectionState] = [:]
    private var greBindings: [GREKey: GREBinding] = [:]
    /// Tunnels seen only through GRE, keyed by the unordered address pair.
    private var orphanTunnels: [[IPAddress]: Int] = [:]
    private var pendingICMP: [ICMPEvent] = []
    private var icmpKept = 0
    /// ICMP errors about other traffic, the first hundred, for the report.
    private var unboundICMP: [ICMPEvent] = []
    /// Recent GRE keys and their bindings, direct-mapped by Call ID and address: a tunnel's two directions and
    /// the other sessions interleaved with it all stay here, so most GRE packets are bound without hashing.
    /// Emptied whenever a binding changes.
    private var greCache = GRECache()
    /// Indexes that keep every per-packet lookup O(1), so time stays linear in the capture size.
    private struct AttemptKey: Hashable { var client: IPAddress; var server: Endpoint }
    private var lastAttempt: [AttemptKey: Int] = [:]
    private var controlSessionByPair: [[IPAddress]: Int] = [:]
    private var serverAddresses: Set<IPAddress> = []
    /// PPP seen on the link itself, without PPTP around it.
    private var pppLinks = PPPLinkTracker()

    struct SlotFlows {
        var connections: [ConnectionKey] = []
        var gre: [GREKey] = []
    }

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

    /// Whether `add` does more with this packet than count it: anything PPTP, PPP, GRE, ICMP, a fragment, a
    /// possible VPN fallback (TCP SYN to 443, UDP to 500/4500/1701, whoever the server), anything malformed.
    /// The others (most of a busy link's traffic) can be counted in bulk with `countUnrelated`, with the same
    /// result. Keep in step with `add`: a packet wrongly kept out would be lost to its session.
    public static func needs(_ p: borrowing DecodedPacket) -> Bool {
        if p.malformed != nil || p.pppoe != nil || p.ppp != nil || p.control != nil || p.pap != nil || p.chap != nil
            || p.eap != nil || p.gre != nil || p.icmp != nil || p.outerIP != nil || p.innerIP != nil {
            return true
        }
        guard let ip = p.ip else { return false }
        if ip.isFragment { return true }
        if let tcp = p.tcp {
            return tcp.sourcePort == 1723 || tcp.destinationPort == 1723
                || (tcp.destinationPort == 443 && tcp.flags.contains(.syn) && !tcp.flags.contains(.ack))
        }
        if let udp = p.udp {
            return udp.destinationPort == 500 || udp.destinationPort == 4500 || udp.destinationPort == 1701
        }
        return false
    }

    /// Packets `needs` turned down, and duplicate frames, between two that it did not: counted as `add` and
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
    public mutating func add(_ p: inout DecodedPacket, view: ByteView, number: Int, timestamp: Int64, countAsPacket: Bool = true) {
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
            if pppLinks.add(p, view: view, ref: ref, maxEvents: limits.maxPPPEventsPerCall, nextNumber: nextNumber) {
                nextNumber += 1
            }
        } else if p.pppoe != nil {
            // PPPoE discovery names the host.
            _ = pppLinks.add(p, view: view, ref: ref, maxEvents: limits.maxPPPEventsPerCall, nextNumber: nextNumber)
        }

        guard let ip = p.ip else { return }
        if let icmp = p.icmp, !p.icmpIsInner, icmp.isError, let q = icmp.quoted {
            stats.icmpErrors += 1
            guard icmpKept < limits.maxICMPEvents else { noteCap("ICMP errors"); return }
            icmpKept += 1
            let event = ICMPEvent(
                packet: ref, reporter: ip.source, version: icmp.version, type: icmp.type, code: icmp.code,
                mtu: icmp.mtu, quotedSource: q.ip.source, quotedDestination: q.ip.destination,
                quotedProtocol: q.ip.proto, quotedDestinationPort: q.destinationPort,
                quotedSourcePort: q.sourcePort, quotedCallID: q.greCallID, quotedLength: q.ip.totalLength,
                quotedDontFragment: q.ip.dontFragment)
            // To the session of that address pair open now; one that comes before any waits for the first.
            if !Self.quotesTunnel(event) {
                if unboundICMP.count < 100 { unboundICMP.append(event) }
            } else if let slot = openSession(between: event.quotedSource, and: event.quotedDestination) {
                attach(event, to: slot)
            } else {
                pendingICMP.append(event)
            }
            return
        }
        if let tcp = p.tcp {
            if tcp.sourcePort == 1723 || tcp.destinationPort == 1723 {
                stats.pptpControlPackets += 1
                controlSegment(tcp, ip: ip, view: view, ref: ref)
            } else if tcp.destinationPort == 443, tcp.flags.contains(.syn), !tcp.flags.contains(.ack),
                      serverAddresses.contains(ip.destination) {
                noteFallback(ref, server: ip.destination, what: "SSTP/TLS (TCP 443)")
            }
            return
        }
        // The port test first: it is free, the address lookup hashes (and most UDP is not to a PPTP server).
        if let udp = p.udp, udp.destinationPort == 500 || udp.destinationPort == 4500 || udp.destinationPort == 1701,
           serverAddresses.contains(ip.destination) {
            noteFallback(ref, server: ip.destination,
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

    private mutating func noteCap(_ what: String) {
        if !stats.capsHit.contains(what) { stats.capsHit.append(what) }
    }

    // MARK: - Control channel

    private mutating func controlSegment(_ tcp: TCPHeader, ip: IPHeader, view: ByteView, ref: PacketRef) {
        let fromServer = tcp.sourcePort == 1723
        let clientEnd = fromServer ? Endpoint(address: ip.destination, port: tcp.destinationPort)
                                   : Endpoint(address: ip.source, port: tcp.sourcePort)
        let serverEnd = fromServer ? Endpoint(address: ip.source, port: tcp.sourcePort)
                                   : Endpoint(address: ip.destination, port: tcp.destinationPort)
        let key = ConnectionKey(client: clientEnd, server: serverEnd)
        let side: Side = fromServer ? .server : .client
        let isSYN = tcp.flags.contains(.syn) && !tcp.flags.contains(.ack)

        var index: Int
        if connections[key] == nil, retiredFlows.contains(.connection(key)) {
            // A connection of a retired session: a stray segment is late, a SYN opens a new session.
            guard isSYN else { stats.lateSessionPackets += 1; return }
            retiredFlows.remove(.connection(key))
        }
        if let existing = connections[key], !(isSYN && (connectionState[existing]?.closed ?? false)) {
            index = existing
        } else if isSYN, let retry = lastAttempt[AttemptKey(client: clientEnd.address, server: serverEnd)],
                  !sessions[retry].sawSYNAck, sessions[retry].control.isEmpty, ref.time - sessions[retry].last.time < 30 {
            // Clients retry a refused or unanswered connection from a new port: same attempt, same session.
            index = retry
            connections[key] = index
            slotFlows[index].connections.append(key)
            connectionState[index] = ConnectionState()
        } else {
            let pair = [clientEnd.address, serverEnd.address].sorted()
            if let orphan = orphanTunnels[pair] {
                // GRE of this tunnel was seen before its control connection (the capture joined mid-session):
                // the GRE-only tunnel becomes this connection's session.
                orphanTunnels[pair] = nil
                if sessions[orphan].client.address != clientEnd.address { swapRoles(orphan) }
                index = orphan
                sessions[index].client = clientEnd
                sessions[index].server = serverEnd
                sessions[index].controlChannelSeen = true
                if ref < sessions[index].first { sessions[index].first = ref }
            } else {
                guard let slot = newSlot(Session(index: nextNumber, client: clientEnd, server: serverEnd,
                                                 controlChannelSeen: true, first: ref)) else { return noteCap("sessions") }
                index = slot
            }
            connections[key] = index
            slotFlows[index].connections.append(key)
            connectionState[index] = ConnectionState()
            serverAddresses.insert(serverEnd.address)
            lastAttempt[AttemptKey(client: clientEnd.address, server: serverEnd)] = index
            controlSessionByPair[[clientEnd.address, serverEnd.address].sorted()] = index
        }
        touch(index, ref: ref, side: side, ttl: ip.ttl)
        if sessions[index].flows.connections.count < 64 {
            sessions[index].flows.connections.insert([key.client, key.server])
        }

        if tcp.flags.contains(.syn) {
            if !tcp.flags.contains(.ack) {
                tcpEvent(index, TCPEvent(packet: ref, from: side, kind: sessions[index].sawSYN ? .synRetransmission : .syn,
                                         detail: tcp.mss.map { "MSS \($0)" }))
                sessions[index].sawSYN = true
            } else {
                if !sessions[index].sawSYNAck {
                    tcpEvent(index, TCPEvent(packet: ref, from: side, kind: .synAck, detail: tcp.mss.map { "MSS \($0)" }))
                }
                sessions[index].sawSYNAck = true
            }
            connectionState[index]?.reassembler[side]?.syn(sequence: tcp.sequence)
            return
        }
        if sessions[index].sawSYNAck, side == .client, tcp.flags.contains(.ack) {
            sessions[index].sawClientAckOfSYN = true
        }
        if tcp.flags.contains(.rst) {
            tcpEvent(index, TCPEvent(packet: ref, from: side, kind: .rst, detail: nil))
            markClosed(index)
        }
        let wirePayload = ip.totalLength - ip.headerLength - tcp.headerLength
        if tcp.payload.count < wirePayload, ip.isTruncated {
            // Cut by the snapshot length: the bytes that matter (header, call IDs, result codes) are usually within
            // the first few dozen bytes, so decode what was captured and step the stream over the rest.
            snappedControlSegment(tcp, wirePayload: wirePayload, view: view, session: index, from: side, ref: ref)
        } else if !tcp.payload.isEmpty, var reassembler = connectionState[index]?.reassembler[side] {
            var framer = connectionState[index]?.framer[side] ?? ControlStreamFramer()
            var framed = FramedOutput()
            let delivery = reassembler.segment(
                sequence: tcp.sequence, payload: view, range: tcp.payload, ref: ref,
                deliver: { bytes, at in framed.deliver(bytes, at: at, into: &framer) },
                gap: { size, at in framed.gap(size, at: at, framer: &framer) })
            connectionState[index]?.reassembler[side] = reassembler
            connectionState[index]?.framer[side] = framer
            switch delivery {
            case .retransmission: tcpEvent(index, TCPEvent(packet: ref, from: side, kind: .retransmission, detail: nil))
            case .outOfOrder: tcpEvent(index, TCPEvent(packet: ref, from: side, kind: .outOfOrder, detail: nil))
            case .inOrder: break
            }
            apply(framed, session: index, from: side)
        }
        if tcp.flags.contains(.fin) {
            tcpEvent(index, TCPEvent(packet: ref, from: side, kind: .fin, detail: nil))
            if sessions[index].tcpEvents.contains(where: { $0.kind == .fin && $0.from == side.other }) {
                markClosed(index)
            }
        }
    }

    private mutating func snappedControlSegment(_ tcp: TCPHeader, wirePayload: Int, view: ByteView, session index: Int,
                                                from side: Side, ref: PacketRef) {
        let start = tcp.payload.lowerBound
        PPTPControlMessage.forEach(in: view, from: start, end: start + wirePayload) { msg in
            controlMessage(msg, view: view, session: index, from: side, ref: ref)
        }
        connectionState[index]?.reassembler[side]?.skip(sequence: tcp.sequence, length: wirePayload)
        connectionState[index]?.framer[side]?.resetAfterGap()
    }

    /// What one delivery of reassembled bytes produced: whole messages (copied, with the packet that completed
    /// each) and skipped gaps. Collected inside the reassembler's callbacks, applied to the session after them.
    private struct FramedOutput {
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

    private mutating func apply(_ framed: FramedOutput, session index: Int, from side: Side) {
        for (size, at) in framed.gaps {
            tcpEvent(index, TCPEvent(packet: at, from: side, kind: .gap, detail: "\(size) bytes missing"))
        }
        for (bytes, at) in framed.messages {
            ByteView.with(bytes) { copy in
                if case .success(let m) = PPTPControlMessage.decode(copy, at: 0, end: bytes.count) {
                    controlMessage(m, view: copy, session: index, from: side, ref: at)
                }
            }
        }
    }

    private mutating func tcpEvent(_ index: Int, _ event: TCPEvent) {
        if sessions[index].tcpEvents.count < limits.maxTCPEventsPerSession {
            sessions[index].tcpEvents.append(event)
        } else { noteCap("TCP events per session") }
    }

    private mutating func touch(_ index: Int, ref: PacketRef, side: Side, ttl: UInt8) {
        if ref.number > sessions[index].last.number { sessions[index].last = ref }
        sessions[index].packetCount += 1
        if side == .client, sessions[index].clientTTL == nil { sessions[index].clientTTL = ttl }
        if side == .server, sessions[index].serverTTL == nil { sessions[index].serverTTL = ttl }
    }

    private mutating func controlMessage(_ msg: PPTPControlMessage, view: ByteView, session index: Int, from side: Side,
                                         ref: PacketRef) {
        guard sessions[index].control.count < limits.maxControlMessagesPerSession else {
            return noteCap("control messages per session")
        }
        let event = EventExtraction.control(msg, view: view, from: side, ref: ref)
        sessions[index].control.append(event)
        let s = sessions[index]
        switch msg.type {
        case .outgoingCallRequest, .incomingCallRequest:
            guard s.calls.count < limits.maxCallsPerSession else { return noteCap("calls per session") }
            var call = Call()
            if msg.type == .outgoingCallRequest { call.clientCallID = msg.callID } else { call.serverCallID = msg.callID }
            call.request = event
            sessions[index].calls.append(call)
            bindCall(session: index, call: sessions[index].calls.count - 1)
        case .outgoingCallReply, .incomingCallReply:
            // OCRP's Peer Call ID echoes the OCRQ's Call ID; ICRP's echoes the ICRQ's.
            let callIndex = s.calls.lastIndex(where: {
                msg.type == .outgoingCallReply ? $0.clientCallID == msg.peerCallID : $0.serverCallID == msg.peerCallID
            }) ?? s.calls.indices.last
            guard let c = callIndex else { return }
            sessions[index].calls[c].reply = event
            if msg.type == .outgoingCallReply { sessions[index].calls[c].serverCallID = msg.callID }
            else { sessions[index].calls[c].clientCallID = msg.callID }
            bindCall(session: index, call: c)
        case .incomingCallConnected:
            if let c = s.calls.lastIndex(where: { $0.clientCallID == msg.peerCallID }) ?? s.calls.indices.last {
                sessions[index].calls[c].incomingConnected = event
            }
        case .setLinkInfo:
            if let c = s.calls.indices.last { sessions[index].calls[c].setLinkInfo.append(event) }
        case .callClearRequest:
            if let c = s.calls.lastIndex(where: { $0.clientCallID == msg.callID }) ?? s.calls.indices.last {
                sessions[index].calls[c].clearRequest = event
            }
        case .callDisconnectNotify:
            if let c = s.calls.lastIndex(where: { $0.serverCallID == msg.callID || $0.clientCallID == msg.callID })
                ?? s.calls.indices.last {
                sessions[index].calls[c].disconnect = event
            }
        case .wanErrorNotify:
            if let c = s.calls.indices.last { sessions[index].calls[c].wanErrors.append(event) }
        default:
            break
        }
    }

    private mutating func bindCall(session index: Int, call c: Int) {
        let s = sessions[index]
        let call = s.calls[c]
        if let serverID = call.serverCallID {
            bind(GREKey(source: s.client.address, destination: s.server.address, callID: serverID),
                 GREBinding(session: index, call: c, side: .client))
        }
        if let clientID = call.clientCallID {
            bind(GREKey(source: s.server.address, destination: s.client.address, callID: clientID),
                 GREBinding(session: index, call: c, side: .server))
        }
    }

    private mutating func bind(_ key: GREKey, _ binding: GREBinding) {
        greBindings[key] = binding
        slotFlows[binding.session].gre.append(key)
        retiredFlows.remove(.gre(key))
        greCache.clear()
        if sessions[binding.session].flows.gre.count < 256 {
            sessions[binding.session].flows.gre.insert(.init(source: key.source, destination: key.destination, callID: key.callID))
        }
    }

    // MARK: - GRE

    private mutating func enhancedGRE(_ gre: GREHeader, p: DecodedPacket, ip: IPHeader, view: ByteView, ref: PacketRef) {
        guard let callID = gre.callID else { return }
        let key = GREKey(source: ip.source, destination: ip.destination, callID: callID)
        let binding: GREBinding
        if let cached = greCache[key] {
            binding = cached
        } else if let b = greBindings[key] {
            binding = b
            greCache[key] = b
        } else if retiredFlows.contains(.gre(key)), controlSessionByPair[[ip.source, ip.destination].sorted()] == nil {
            // A retired call's GRE, unless an open control connection between the same hosts may claim it.
            stats.lateSessionPackets += 1
            return
        } else {
            guard let b = orphanBinding(ip: ip, callID: callID, ref: ref) else { return }
            binding = b
        }
        let index = binding.session
        touch(index, ref: ref, side: binding.side, ttl: ip.ttl)
        let isData = p.ppp.map { EventExtraction.isData($0.proto) } ?? false
        let length = ip.totalLength
        if binding.side == .client {
            sessions[index].calls[binding.call].greFromClient.record(
                ref, sequence: gre.sequence, isData: isData, datagramLength: length, dontFragment: ip.dontFragment,
                payloadBytes: gre.payload.count)
        } else {
            sessions[index].calls[binding.call].greFromServer.record(
                ref, sequence: gre.sequence, isData: isData, datagramLength: length, dontFragment: ip.dontFragment,
                payloadBytes: gre.payload.count)
        }
        guard !isData, let event = EventExtraction.ppp(p, view: view, from: binding.side, ref: ref) else { return }
        if sessions[index].calls[binding.call].ppp.count < limits.maxPPPEventsPerCall {
            sessions[index].calls[binding.call].ppp.append(event)
        } else {
            sessions[index].calls[binding.call].pppDropped += 1
            noteCap("PPP negotiation packets per call")
        }
    }

    /// GRE with no control connection in the capture: group it by address pair into a tunnel of its own.
    /// The side that sent it first is taken as the client until the PPP roles say otherwise (`finish`).
    private mutating func orphanBinding(ip: IPHeader, callID: UInt16, ref: PacketRef) -> GREBinding? {
        let pair = [ip.source, ip.destination].sorted()
        // A control connection between the same hosts whose call setup the capture missed (it joined mid-way):
        // the GRE belongs to it, as long as the Call IDs it already knows do not contradict the key.
        if let control = controlSessionByPair[pair] {
            if sessions[control].calls.isEmpty { sessions[control].calls.append(Call()) }
            let c = sessions[control].calls.count - 1
            let side: Side = ip.source == sessions[control].client.address ? .client : .server
            let known = side == .client ? sessions[control].calls[c].serverCallID : sessions[control].calls[c].clientCallID
            if known == nil || known == callID {
                if side == .client { sessions[control].calls[c].serverCallID = callID }
                else { sessions[control].calls[c].clientCallID = callID }
                let binding = GREBinding(session: control, call: c, side: side)
                bind(GREKey(source: ip.source, destination: ip.destination, callID: callID), binding)
                return binding
            }
            // The call is known and this key contradicts it: keep it as evidence on that session, not as a tunnel.
            if sessions[control].calls[c].isConnected {
                touch(control, ref: ref, side: side, ttl: ip.ttl)
                if var seen = sessions[control].unmatchedGRE, seen.from == side, seen.callID == callID {
                    seen.packets += 1
                    seen.last = ref
                    sessions[control].unmatchedGRE = seen
                } else if sessions[control].unmatchedGRE == nil {
                    sessions[control].unmatchedGRE = UnmatchedGRE(from: side, callID: callID, expected: known, packets: 1,
                                                                  first: ref, last: ref)
                    if sessions[control].flows.gre.count < 256 {
                        sessions[control].flows.gre.insert(.init(source: ip.source, destination: ip.destination, callID: callID))
                    }
                }
                return nil
            }
        }
        let index: Int
        if let existing = orphanTunnels[pair] {
            index = existing
        } else {
            var session = Session(index: nextNumber, client: Endpoint(address: ip.source),
                                  server: Endpoint(address: ip.destination), controlChannelSeen: false, first: ref)
            var call = Call()
            call.serverCallID = callID
            session.calls.append(call)
            guard let slot = newSlot(session) else { noteCap("sessions"); return nil }
            index = slot
            orphanTunnels[pair] = index
        }
        let s = sessions[index]
        let side: Side = ip.source == s.client.address ? .client : .server
        if side == .client, s.calls[0].serverCallID == nil { sessions[index].calls[0].serverCallID = callID }
        if side == .server, s.calls[0].clientCallID == nil { sessions[index].calls[0].clientCallID = callID }
        let binding = GREBinding(session: index, call: 0, side: side)
        // A flood of made-up call IDs between two hosts must not grow the binding table without bound.
        if greBindings.count < limits.maxGREBindings {
            bind(GREKey(source: ip.source, destination: ip.destination, callID: callID), binding)
        } else {
            noteCap("GRE flows")
        }
        return binding
    }

    // MARK: - Slots and retirement

    /// Places a new session in a free slot (numbering it); nil when `maxSessions` are open at once.
    private mutating func newSlot(_ session: Session) -> Int? {
        guard liveSessions < limits.maxSessions else { return nil }
        nextNumber += 1
        liveSessions += 1
        stats.peakOpenSessions = max(stats.peakOpenSessions, liveSessions)
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            sessions[slot] = session
            slotFlows[slot] = SlotFlows()
        } else {
            slot = sessions.count
            sessions.append(session)
            slotFlows.append(SlotFlows())
        }
        retirements.push(.init(deadline: session.first.time + limits.retireWhenIdle, number: session.index, slot: slot))
        return slot
    }

    /// Capture time moves on (never back: a packet stamped earlier than one before it does not rewind it), and
    /// every session over by then retires, before the packet that moved it is looked at. Only the packets' times
    /// decide, so feeding the builder fewer packets between two of a session's (`countUnrelated`) retires the same
    /// sessions at the same points.
    private mutating func advanceClock(to time: Double) {
        guard time > now else { return }
        now = time
        while let due = retirements.popDue(at: now) {
            guard isLive(due.slot), sessions[due.slot].index == due.number else { continue }
            let deadline = self.deadline(due.slot)
            if deadline <= now {
                retire(due.slot)
            } else {
                retirements.push(.init(deadline: deadline, number: due.number, slot: due.slot))
            }
        }
    }

    /// Quiet long enough after its last packet: `retireAfterClose` once the control connection closed,
    /// `retireWhenIdle` otherwise.
    private func deadline(_ slot: Int) -> Double {
        let closed = connectionState[slot]?.closed ?? false
        return sessions[slot].last.time + (closed ? limits.retireAfterClose : limits.retireWhenIdle)
    }

    private mutating func markClosed(_ slot: Int) {
        guard connectionState[slot]?.closed == false else { return }
        connectionState[slot]?.closed = true
        retirements.push(.init(deadline: deadline(slot), number: sessions[slot].index, slot: slot))
    }

    private func isLive(_ slot: Int) -> Bool { sessions[slot].index > 0 }

    /// Finishes the session in `slot` as `finish()` would, hands it out and frees the slot.
    private mutating func retire(_ slot: Int) {
        flushStream(slot)
        if orphanTunnels.values.contains(slot) { settleRoles(slot) }
        bindPendingICMP(to: slot)
        let s = sessions[slot]
        for key in slotFlows[slot].connections where connections[key] == slot {
            connections[key] = nil
            retiredFlows.insert(.connection(key))
        }
        for key in slotFlows[slot].gre where greBindings[key]?.session == slot {
            greBindings[key] = nil
            retiredFlows.insert(.gre(key))
        }
        greCache.clear()
        let pair = [s.client.address, s.server.address].sorted()
        if controlSessionByPair[pair] == slot { controlSessionByPair[pair] = nil }
        if orphanTunnels[pair] == slot { orphanTunnels[pair] = nil }
        let attempt = AttemptKey(client: s.client.address, server: s.server)
        if lastAttempt[attempt] == slot { lastAttempt[attempt] = nil }
        connectionState[slot] = nil
        retired.append(s)
        stats.sessionsRetiredEarly += 1
        sessions[slot] = Self.emptySlot
        slotFlows[slot] = SlotFlows()
        freeSlots.append(slot)
        liveSessions -= 1
    }

    /// What a free slot holds: no events, no strings, number 0.
    private static let emptySlot = Session(index: 0, client: Endpoint(address: .v4(0)), server: Endpoint(address: .v4(0)),
                                           controlChannelSeen: false, first: PacketRef(number: 0, time: 0))

    // MARK: - End of capture

    /// Flushes reassembly, binds ICMP errors to the flows they quote, and settles the roles of GRE-only tunnels.
    /// Returns the sessions still open (retired ones went out through `takeRetired()`), by number.
    public mutating func finish() -> (sessions: [Session], stats: CaptureStats) {
        for slot in connectionState.keys.sorted() { flushStream(slot) }
        for slot in orphanTunnels.values { settleRoles(slot) }
        let live = sessions.indices.filter(isLive).sorted { sessions[$0].index < sessions[$1].index }
        for slot in live { bindPendingICMP(to: slot) }
        stats.unboundICMP = Array((unboundICMP + pendingICMP).sorted { $0.packet.number < $1.packet.number }.prefix(100))
        pendingICMP = []
        let links = pppLinks.finish()
        stats.pppLinkSessions = links.count
        stats.pppDuplicateRecords = pppLinks.duplicates
        if pppLinks.linksDropped > 0 { noteCap("PPP links (\(PPPLinkTracker.maxLinks))") }
        return ((live.map { sessions[$0] } + links).sorted { $0.index < $1.index }, stats)
    }

    /// Delivers what the control stream's reassembly still holds, and puts the session's events in packet order.
    private mutating func flushStream(_ index: Int) {
        guard let state = connectionState[index] else { return }
        for side in [Side.client, .server] {
            guard var r = state.reassembler[side] else { continue }
            var framer = state.framer[side] ?? ControlStreamFramer()
            var framed = FramedOutput()
            r.finish(gap: { size, at in framed.gap(size, at: at, framer: &framer) },
                     deliver: { bytes, at in framed.deliver(bytes, at: at, into: &framer) })
            apply(framed, session: index, from: side)
            if framer.skippedBytes > 0 {
                sessions[index].streamProblems.append(
                    "\(framer.skippedBytes) bytes from the \(side.rawValue) could not be framed as PPTP messages")
            }
            if r.joinedMidStream {
                sessions[index].streamProblems.append("the capture joins the \(side.rawValue)'s stream mid-way")
            }
        }
        sessions[index].control.sort { $0.packet.number < $1.packet.number }
        sessions[index].tcpEvents.sort { $0.packet.number < $1.packet.number }
    }

    /// A GRE-only tunnel's first guess of who is the client, checked against the PPP roles.
    private mutating func settleRoles(_ index: Int) {
        let events = sessions[index].calls[0].ppp
        // The authenticator sends CHAP Challenge, PAP Ack/Nak and CHAP Success/Failure: that is the server.
        let serverSigns = events.filter {
            ($0.proto == .chap && ($0.code == 1 || $0.code == 3 || $0.code == 4)) || ($0.proto == .pap && $0.code != 1)
        }
        guard let sign = serverSigns.first, sign.from == .client else { return }
        swapRoles(index)
    }

    /// Turns a GRE-only tunnel around when its first guess of who is the client was wrong.
    private mutating func swapRoles(_ index: Int) {
        var s = sessions[index]
        swap(&s.client, &s.server)
        swap(&s.clientTTL, &s.serverTTL)
        s.calls = s.calls.map { original in
            var call = original
            swap(&call.clientCallID, &call.serverCallID)
            swap(&call.greFromClient, &call.greFromServer)
            call.ppp = call.ppp.map { var e = $0; e.from = e.from.other; return e }
            return call
        }
        sessions[index] = s
        for key in slotFlows[index].gre {
            guard var binding = greBindings[key], binding.session == index else { continue }
            binding.side = binding.side.other
            greBindings[key] = binding
        }
        greCache.clear()
    }

    /// Gives the session the ICMP errors waiting for its address pair: those that came before any session of
    /// the pair was open. Sessions take them in the order they finish (at the end of the capture, by number).
    private mutating func bindPendingICMP(to index: Int) {
        guard !pendingICMP.isEmpty else { return }
        let pair = [sessions[index].client.address, sessions[index].server.address].sorted()
        var kept: [ICMPEvent] = []
        for event in pendingICMP {
            if [event.quotedSource, event.quotedDestination].sorted() == pair {
                attach(event, to: index)
            } else {
                kept.append(event)
            }
        }
        pendingICMP = kept
    }

    /// ICMP about a PPTP control connection or its GRE.
    private static func quotesTunnel(_ event: ICMPEvent) -> Bool {
        event.quotedProtocol == .gre
            || (event.quotedProtocol == .tcp && (event.quotedDestinationPort == 1723 || event.quotedSourcePort == 1723))
    }

    /// The open session between two addresses: the latest control connection's, else a GRE-only tunnel.
    private func openSession(between a: IPAddress, and b: IPAddress) -> Int? {
        let pair = [a, b].sorted()
        return controlSessionByPair[pair] ?? orphanTunnels[pair]
    }

    private mutating func attach(_ event: ICMPEvent, to index: Int) {
        sessions[index].icmp.append(event)
        sessions[index].packetCount += 1
        sessions[index].flows.icmpPackets.insert(event.packet.number)
    }
}

/// Flows of retired sessions, the most recent `capacity` of them: a packet of one is late, not a new session.
struct RetiredFlows {
    enum Key: Hashable {
        case connection(SessionBuilder.ConnectionKey)
        case gre(SessionBuilder.GREKey)
    }

    private var members: Set<Key> = []
    /// Insertion order, as a ring: the oldest is forgotten first.
    private var order: [Key] = []
    private var oldest = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = max(0, capacity) }

    func contains(_ key: Key) -> Bool { !members.isEmpty && members.contains(key) }

    mutating func insert(_ key: Key) {
        guard capacity > 0, !members.contains(key) else { return }
        if order.count < capacity {
            order.append(key)
        } else {
            members.remove(order[oldest])
            order[oldest] = key
            oldest = (oldest + 1) % capacity
        }
        members.insert(key)
    }

    /// The flow is in use again (a new connection on the same ports, a new call with the same Call ID).
    mutating func remove(_ key: Key) {
        if !members.isEmpty { members.remove(key) }
    }
}

/// A small direct-mapped cache in front of `SessionBuilder.greBindings`. Emptying it is a new generation (a
/// flood of made-up Call IDs binds at every packet; rewriting every slot each time would be quadratic).
private struct GRECache {
    private static let size = 256
    private var keys = [SessionBuilder.GREKey?](repeating: nil, count: GRECache.size)
    private var bindings = [SessionBuilder.GREBinding?](repeating: nil, count: GRECache.size)
    private var generations = [UInt32](repeating: 0, count: GRECache.size)
    private var generation: UInt32 = 1

    private static func slot(_ key: SessionBuilder.GREKey) -> Int {
        var mix = UInt32(key.callID)
        if case .v4(let a) = key.source { mix &+= a &* 0x9E37_79B1 }
        if case .v4(let a) = key.destination { mix ^= a &* 0x85EB_CA6B }
        return Int(truncatingIfNeeded: (mix ^ mix >> 16) & UInt32(GRECache.size - 1))
    }

    subscript(key: SessionBuilder.GREKey) -> SessionBuilder.GREBinding? {
        get {
            let i = Self.slot(key)
            return generations[i] == generation && keys[i] == key ? bindings[i] : nil
        }
        set {
            let i = Self.slot(key)
            keys[i] = key
            bindings[i] = newValue
            generations[i] = generation
        }
    }

    mutating func clear() {
        generation &+= 1
        if generation == 0 {
            // Wrapped: no slot may still carry a generation that looks current.
            generations = [UInt32](repeating: 0, count: Self.size)
            generation = 1
        }
    }
}
