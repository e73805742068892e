import PPTPDissect

// The per-type layouts of SessionCodec: each type's stored properties in declaration order, written and read by a
// pair of functions kept side by side so that a field added to one is seen missing from the other.
// SessionCodecTests checks, by reflection, that every stored property of these types is one this file knows.

/// Lower bounds of each type's encoded size (every optional absent, every array empty, every varint one byte),
/// used only to bound what a reader reserves for a count; SessionCodecTests checks they are exact minimums.
enum SpoolSize {
    static let packetRef = 1 + 8
    static let address = 1 + 4
    static let endpoint = address + 1
    static let tcpEvent = packetRef + 1 + 1 + 1
    static let controlEvent = packetRef + 1 + 1 + 9 + 1
    static let pppEvent = packetRef + 1 + 1 + 1 + 1 + 1 + 4 + 1 + 8
    static let greStats = 5 + 3 + 5 + 1 + 1
    static let call = 2 + 3 + 1 + 2 + 1 + 2 * greStats + 1 + 1
    static let icmpEvent = packetRef + address + 3 + 1 + 2 * address + 1 + 3 + 1 + 1
    static let greFlow = 2 * address + 1
}

// MARK: - Dissect values and small enums

extension SpoolWriter {
    mutating func packetRef(_ p: PacketRef) {
        signed(p.number)
        double(p.time)
    }

    mutating func address(_ a: IPAddress) {
        switch a {
        case .v4(let v):
            byte(4)
            bigEndian(UInt64(v), bytes: 4)
        case .v6(let hi, let lo):
            byte(6)
            bigEndian(hi, bytes: 8)
            bigEndian(lo, bytes: 8)
        }
    }

    mutating func endpoint(_ e: Endpoint) {
        address(e.address)
        optional(e.port) { $0.varint($1) }
    }

    mutating func side(_ s: Side) {
        switch s {
        case .client: byte(0)
        case .server: byte(1)
        }
    }

    mutating func tcpKind(_ k: TCPEvent.Kind) {
        switch k {
        case .syn: byte(0)
        case .synRetransmission: byte(1)
        case .synAck: byte(2)
        case .fin: byte(3)
        case .rst: byte(4)
        case .retransmission: byte(5)
        case .outOfOrder: byte(6)
        case .gap: byte(7)
        }
    }

    /// The option types present, ascending.
    mutating func optionTypes(_ o: OptionTypes) {
        count(o.count)
        o.forEach { byte($0) }
    }
}

extension SpoolReader {
    mutating func packetRef() throws(SpoolError) -> PacketRef {
        PacketRef(number: try signed(), time: try double())
    }

    mutating func address() throws(SpoolError) -> IPAddress {
        switch try byte() {
        case 4: return .v4(UInt32(truncatingIfNeeded: try bigEndian(bytes: 4)))
        case 6: return .v6(try bigEndian(bytes: 8), try bigEndian(bytes: 8))
        default: throw SpoolError()
        }
    }

    mutating func endpoint() throws(SpoolError) -> Endpoint {
        Endpoint(address: try address(), port: try optional { r throws(SpoolError) in try r.u16() })
    }

    mutating func side() throws(SpoolError) -> Side {
        switch try byte() {
        case 0: return .client
        case 1: return .server
        default: throw SpoolError()
        }
    }

    mutating func tcpKind() throws(SpoolError) -> TCPEvent.Kind {
        switch try byte() {
        case 0: return .syn
        case 1: return .synRetransmission
        case 2: return .synAck
        case 3: return .fin
        case 4: return .rst
        case 5: return .retransmission
        case 6: return .outOfOrder
        case 7: return .gap
        default: throw SpoolError()
        }
    }

    /// Strictly ascending option types: a repeat or a disorder is not something the writer produces.
    mutating func optionTypes() throws(SpoolError) -> OptionTypes {
        let n = try count()
        var o = OptionTypes()
        var previous = -1
        for _ in 0..<n {
            let t = try byte()
            guard Int(t) > previous else { throw SpoolError() }
            previous = Int(t)
            o.insert(t)
        }
        return o
    }
}

// MARK: - Events

extension SpoolWriter {
    mutating func tcpEvent(_ e: TCPEvent) {
        packetRef(e.packet)
        side(e.from)
        tcpKind(e.kind)
        optional(e.detail) { $0.string($1) }
    }

    mutating func controlEvent(_ e: ControlEvent) {
        packetRef(e.packet)
        side(e.from)
        varint(e.type.rawValue)
        optional(e.callID) { $0.varint($1) }
        optional(e.peerCallID) { $0.varint($1) }
        optional(e.resultCode) { $0.byte($1) }
        optional(e.errorCode) { $0.byte($1) }
        optional(e.causeCode) { $0.varint($1) }
        optional(e.reason) { $0.byte($1) }
        optional(e.hostName) { $0.string($1) }
        optional(e.vendorName) { $0.string($1) }
        optional(e.callSerial) { $0.varint($1) }
        string(e.summary)
    }

    mutating func pppEvent(_ e: PPPEvent) {
        packetRef(e.packet)
        side(e.from)
        varint(e.proto.rawValue)
        byte(e.code)
        byte(e.identifier)
        string(e.detail)
        optional(e.authProtocol) { $0.varint($1) }
        optional(e.authAlgorithm) { $0.byte($1) }
        optional(e.mru) { $0.varint($1) }
        optional(e.magic) { $0.varint($1) }
        optionTypes(e.optionTypes)
        optional(e.rejectedProtocol) { $0.varint($1.rawValue) }
        optional(e.mppeBits) { $0.varint($1) }
        optional(e.ipAddress) { $0.address($1) }
        optional(e.msError) { $0.signed($1) }
        optional(e.msRetry) { $0.bool($1) }
        optional(e.message) { $0.string($1) }
        optional(e.userName) { $0.string($1) }
        optional(e.authenticatorName) { $0.string($1) }
    }

    mutating func icmpEvent(_ e: ICMPEvent) {
        packetRef(e.packet)
        address(e.reporter)
        byte(e.version)
        byte(e.type)
        byte(e.code)
        optional(e.mtu) { $0.varint($1) }
        address(e.quotedSource)
        address(e.quotedDestination)
        byte(e.quotedProtocol.rawValue)
        optional(e.quotedDestinationPort) { $0.varint($1) }
        optional(e.quotedSourcePort) { $0.varint($1) }
        optional(e.quotedCallID) { $0.varint($1) }
        signed(e.quotedLength)
        bool(e.quotedDontFragment)
    }
}

extension SpoolReader {
    mutating func tcpEvent() throws(SpoolError) -> TCPEvent {
        TCPEvent(
            packet: try packetRef(), from: try side(), kind: try tcpKind(),
            detail: try optional { r throws(SpoolError) in try r.string() })
    }

    mutating func controlEvent() throws(SpoolError) -> ControlEvent {
        ControlEvent(
            packet: try packetRef(),
            from: try side(),
            type: PPTPMessageType(rawValue: try u16()),
            callID: try optional { r throws(SpoolError) in try r.u16() },
            peerCallID: try optional { r throws(SpoolError) in try r.u16() },
            resultCode: try optional { r throws(SpoolError) in try r.byte() },
            errorCode: try optional { r throws(SpoolError) in try r.byte() },
            causeCode: try optional { r throws(SpoolError) in try r.u16() },
            reason: try optional { r throws(SpoolError) in try r.byte() },
            hostName: try optional { r throws(SpoolError) in try r.string() },
            vendorName: try optional { r throws(SpoolError) in try r.string() },
            callSerial: try optional { r throws(SpoolError) in try r.u16() },
            summary: try string())
    }

    mutating func pppEvent() throws(SpoolError) -> PPPEvent {
        PPPEvent(
            packet: try packetRef(),
            from: try side(),
            proto: PPPProtocol(rawValue: try u16()),
            code: try byte(),
            identifier: try byte(),
            detail: try string(),
            authProtocol: try optional { r throws(SpoolError) in try r.u16() },
            authAlgorithm: try optional { r throws(SpoolError) in try r.byte() },
            mru: try optional { r throws(SpoolError) in try r.u16() },
            magic: try optional { r throws(SpoolError) in try r.u32() },
            optionTypes: try optionTypes(),
            rejectedProtocol: try optional { r throws(SpoolError) in PPPProtocol(rawValue: try r.u16()) },
            mppeBits: try optional { r throws(SpoolError) in try r.u32() },
            ipAddress: try optional { r throws(SpoolError) in try r.address() },
            msError: try optional { r throws(SpoolError) in try r.signed() },
            msRetry: try optional { r throws(SpoolError) in try r.bool() },
            message: try optional { r throws(SpoolError) in try r.string() },
            userName: try optional { r throws(SpoolError) in try r.string() },
            authenticatorName: try optional { r throws(SpoolError) in try r.string() })
    }

    mutating func icmpEvent() throws(SpoolError) -> ICMPEvent {
        ICMPEvent(
            packet: try packetRef(),
            reporter: try address(),
            version: try byte(),
            type: try byte(),
            code: try byte(),
            mtu: try optional { r throws(SpoolError) in try r.u32() },
            quotedSource: try address(),
            quotedDestination: try address(),
            quotedProtocol: IPProtocol(rawValue: try byte()),
            quotedDestinationPort: try optional { r throws(SpoolError) in try r.u16() },
            quotedSourcePort: try optional { r throws(SpoolError) in try r.u16() },
            quotedCallID: try optional { r throws(SpoolError) in try r.u16() },
            quotedLength: try signed(),
            quotedDontFragment: try bool())
    }
}

// MARK: - Calls

extension SpoolWriter {
    mutating func greStats(_ g: GREDirectionStats) {
        signed(g.packets)
        signed(g.payloadPackets)
        signed(g.ackOnly)
        signed(g.dataPackets)
        signed(g.bytes)
        optional(g.first) { $0.packetRef($1) }
        optional(g.last) { $0.packetRef($1) }
        optional(g.lastData) { $0.packetRef($1) }
        signed(g.lost)
        signed(g.reordered)
        signed(g.duplicates)
        signed(g.largestDatagram)
        signed(g.largeWithDF)
        optional(g.lastLargeWithDF) { $0.packetRef($1) }
        optional(g.highestSequence) { $0.varint($1) }
    }

    mutating func call(_ c: Call) {
        optional(c.clientCallID) { $0.varint($1) }
        optional(c.serverCallID) { $0.varint($1) }
        optional(c.request) { $0.controlEvent($1) }
        optional(c.reply) { $0.controlEvent($1) }
        optional(c.incomingConnected) { $0.controlEvent($1) }
        array(c.setLinkInfo) { $0.controlEvent($1) }
        optional(c.clearRequest) { $0.controlEvent($1) }
        optional(c.disconnect) { $0.controlEvent($1) }
        array(c.wanErrors) { $0.controlEvent($1) }
        greStats(c.greFromClient)
        greStats(c.greFromServer)
        array(c.ppp) { $0.pppEvent($1) }
        signed(c.pppDropped)
    }
}

extension SpoolReader {
    mutating func greStats() throws(SpoolError) -> GREDirectionStats {
        var g = GREDirectionStats()
        g.packets = try signed()
        g.payloadPackets = try signed()
        g.ackOnly = try signed()
        g.dataPackets = try signed()
        g.bytes = try signed()
        g.first = try optional { r throws(SpoolError) in try r.packetRef() }
        g.last = try optional { r throws(SpoolError) in try r.packetRef() }
        g.lastData = try optional { r throws(SpoolError) in try r.packetRef() }
        g.lost = try signed()
        g.reordered = try signed()
        g.duplicates = try signed()
        g.largestDatagram = try signed()
        g.largeWithDF = try signed()
        g.lastLargeWithDF = try optional { r throws(SpoolError) in try r.packetRef() }
        g.highestSequence = try optional { r throws(SpoolError) in try r.u32() }
        return g
    }

    mutating func call() throws(SpoolError) -> Call {
        var c = Call()
        c.clientCallID = try optional { r throws(SpoolError) in try r.u16() }
        c.serverCallID = try optional { r throws(SpoolError) in try r.u16() }
        c.request = try optional { r throws(SpoolError) in try r.controlEvent() }
        c.reply = try optional { r throws(SpoolError) in try r.controlEvent() }
        c.incomingConnected = try optional { r throws(SpoolError) in try r.controlEvent() }
        c.setLinkInfo = try array(minimumSize: SpoolSize.controlEvent) { r throws(SpoolError) in try r.controlEvent() }
        c.clearRequest = try optional { r throws(SpoolError) in try r.controlEvent() }
        c.disconnect = try optional { r throws(SpoolError) in try r.controlEvent() }
        c.wanErrors = try array(minimumSize: SpoolSize.controlEvent) { r throws(SpoolError) in try r.controlEvent() }
        c.greFromClient = try greStats()
        c.greFromServer = try greStats()
        c.ppp = try array(minimumSize: SpoolSize.pppEvent) { r throws(SpoolError) in try r.pppEvent() }
        c.pppDropped = try signed()
        return c
    }
}

// MARK: - Session

extension SpoolWriter {
    mutating func flows(_ f: SessionFlows) {
        set(f.connections) { w, endpoints in w.array(endpoints) { $0.endpoint($1) } }
        set(f.gre) { w, flow in
            w.address(flow.source)
            w.address(flow.destination)
            w.varint(flow.callID)
        }
        set(f.icmpPackets) { $0.signed($1) }
    }

    mutating func unmatchedGRE(_ u: UnmatchedGRE) {
        side(u.from)
        varint(u.callID)
        optional(u.expected) { $0.varint($1) }
        signed(u.packets)
        packetRef(u.first)
        packetRef(u.last)
    }

    mutating func session(_ s: Session) {
        signed(s.index)
        endpoint(s.client)
        endpoint(s.server)
        bool(s.controlChannelSeen)
        bool(s.sawSYN)
        bool(s.sawSYNAck)
        bool(s.sawClientAckOfSYN)
        array(s.tcpEvents) { $0.tcpEvent($1) }
        array(s.control) { $0.controlEvent($1) }
        array(s.calls) { $0.call($1) }
        array(s.icmp) { $0.icmpEvent($1) }
        packetRef(s.first)
        packetRef(s.last)
        signed(s.packetCount)
        flows(s.flows)
        optional(s.clientTTL) { $0.byte($1) }
        optional(s.serverTTL) { $0.byte($1) }
        array(s.streamProblems) { $0.string($1) }
        optional(s.unmatchedGRE) { $0.unmatchedGRE($1) }
        optional(s.pppLink) { w, link in
            w.byte(link.kind.rawValue)
            w.varint(link.id)
        }
    }
}

extension SpoolReader {
    mutating func flows() throws(SpoolError) -> SessionFlows {
        var f = SessionFlows()
        f.connections = try set(minimumSize: 1) { r throws(SpoolError) in
            try r.array(minimumSize: SpoolSize.endpoint) { r throws(SpoolError) in try r.endpoint() }
        }
        f.gre = try set(minimumSize: SpoolSize.greFlow) { r throws(SpoolError) in
            SessionFlows.GREFlow(source: try r.address(), destination: try r.address(), callID: try r.u16())
        }
        f.icmpPackets = try set(minimumSize: 1) { r throws(SpoolError) in try r.signed() }
        return f
    }

    mutating func unmatchedGRE() throws(SpoolError) -> UnmatchedGRE {
        UnmatchedGRE(
            from: try side(), callID: try u16(),
            expected: try optional { r throws(SpoolError) in try r.u16() },
            packets: try signed(), first: try packetRef(), last: try packetRef())
    }

    mutating func session() throws(SpoolError) -> Session {
        let index = try signed()
        let client = try endpoint()
        let server = try endpoint()
        let controlChannelSeen = try bool()
        let sawSYN = try bool()
        let sawSYNAck = try bool()
        let sawClientAckOfSYN = try bool()
        let tcpEvents = try array(minimumSize: SpoolSize.tcpEvent) { r throws(SpoolError) in try r.tcpEvent() }
        let control = try array(minimumSize: SpoolSize.controlEvent) { r throws(SpoolError) in try r.controlEvent() }
        let calls = try array(minimumSize: SpoolSize.call) { r throws(SpoolError) in try r.call() }
        let icmp = try array(minimumSize: SpoolSize.icmpEvent) { r throws(SpoolError) in try r.icmpEvent() }
        let first = try packetRef()
        var s = Session(
            index: index, client: client, server: server, controlChannelSeen: controlChannelSeen,
            first: first)
        s.sawSYN = sawSYN
        s.sawSYNAck = sawSYNAck
        s.sawClientAckOfSYN = sawClientAckOfSYN
        s.tcpEvents = tcpEvents
        s.control = control
        s.calls = calls
        s.icmp = icmp
        s.last = try packetRef()
        s.packetCount = try signed()
        s.flows = try flows()
        s.clientTTL = try optional { r throws(SpoolError) in try r.byte() }
        s.serverTTL = try optional { r throws(SpoolError) in try r.byte() }
        s.streamProblems = try array(minimumSize: 1) { r throws(SpoolError) in try r.string() }
        s.unmatchedGRE = try optional { r throws(SpoolError) in try r.unmatchedGRE() }
        s.pppLink = try optional { r throws(SpoolError) in
            guard let kind = PPPLink.Kind(rawValue: try r.byte()) else { throw SpoolError() }
            return PPPLink(kind: kind, id: try r.u16())
        }
        return s
    }
}
