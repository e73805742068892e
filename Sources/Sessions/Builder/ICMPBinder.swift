import PPTPDissect

/// Binds ICMP errors to the sessions whose packets they quote: to the session of that host pair open when the
/// error arrives; one that comes before any waits for the first session of the pair to finish. Errors about
/// other traffic are kept apart (the first hundred) for the report.
struct ICMPBinder {
    private var pending: [ICMPEvent] = []
    private var unrelated: [ICMPEvent] = []
    private var admitted = 0

    /// Whether one more ICMP error may be kept (`maxICMPEvents` in all).
    mutating func admit(limit: Int) -> Bool {
        guard admitted < limit else { return false }
        admitted += 1
        return true
    }

    /// The slot to attach the error to now (`openSlot`, the session open between the quoted hosts), or nil when
    /// it waits for one or quotes no tunnel.
    mutating func route(_ event: ICMPEvent, openSlot: Int?) -> Int? {
        guard Self.quotesTunnel(event) else {
            if unrelated.count < 100 { unrelated.append(event) }
            return nil
        }
        if let openSlot { return openSlot }
        pending.append(event)
        return nil
    }

    /// The waiting errors about this host pair, taken out.
    mutating func takePending(for pair: AddressPair) -> [ICMPEvent] {
        guard !pending.isEmpty else { return [] }
        var taken: [ICMPEvent] = []
        pending.removeAll { event in
            guard AddressPair(event.quotedSource, event.quotedDestination) == pair else { return false }
            taken.append(event)
            return true
        }
        return taken
    }

    /// The errors no session took, in packet order, the first hundred.
    mutating func finish() -> [ICMPEvent] {
        defer { pending = [] }
        return Array((unrelated + pending).sorted { $0.packet.number < $1.packet.number }.prefix(100))
    }

    /// ICMP about a PPTP control connection or its GRE.
    private static func quotesTunnel(_ event: ICMPEvent) -> Bool {
        event.quotedProtocol == .gre
            || (event.quotedProtocol == .tcp && (event.quotedDestinationPort == 1723 || event.quotedSourcePort == 1723))
    }
}

extension Session {
    mutating func attach(_ event: ICMPEvent) {
        icmp.append(event)
        packetCount += 1
        flows.icmpPackets.insert(event.packet.number)
    }
}
