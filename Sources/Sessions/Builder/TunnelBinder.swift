import PPTPDissect

/// Binds GRE to calls. A call's two GRE directions are known from its Call IDs (the key of the GRE a client
/// sends carries the server's Call ID, and the reverse) as soon as the control channel names them; GRE whose
/// call the capture did not show goes to the control connection open between the same hosts, or else becomes a
/// tunnel of its own, seen only through GRE (an orphan), until a control connection between the hosts claims it.
struct TunnelBinder {
    private var bindings: [GREKey: GREBinding] = [:]
    /// Recent keys and their bindings; emptied whenever a binding changes.
    private var cache = GRECache()
    /// Tunnels seen only through GRE, by host pair.
    private var orphans: [AddressPair: Int] = [:]
    /// What each slot has bound here, to unbind it at retirement.
    private var keysOf: [Int: [GREKey]] = [:]

    /// The binding of a key, from the cache when it is there.
    mutating func binding(of key: GREKey) -> GREBinding? {
        if let cached = cache[key] { return cached }
        guard let bound = bindings[key] else { return nil }
        cache[key] = bound
        return bound
    }

    /// Binds both GRE directions of a call whose Call IDs are known.
    mutating func bindCall(_ call: Int, of slot: Int, session: inout Session, retired: inout RetiredFlows) {
        let c = session.calls[call]
        if let serverID = c.serverCallID {
            bind(
                GREKey(source: session.client.address, destination: session.server.address, callID: serverID),
                GREBinding(session: slot, call: call, side: .client), session: &session, retired: &retired)
        }
        if let clientID = c.clientCallID {
            bind(
                GREKey(source: session.server.address, destination: session.client.address, callID: clientID),
                GREBinding(session: slot, call: call, side: .server), session: &session, retired: &retired)
        }
    }

    private mutating func bind(_ key: GREKey, _ binding: GREBinding, session: inout Session, retired: inout RetiredFlows) {
        bindings[key] = binding
        keysOf[binding.session, default: []].append(key)
        retired.remove(.gre(key))
        cache.clear()
        if session.flows.gre.count < 256 {
            session.flows.gre.insert(.init(source: key.source, destination: key.destination, callID: key.callID))
        }
    }

    /// GRE whose key no call has named. It joins the control connection open between the same hosts (`control`)
    /// when the Call IDs that session knows do not contradict the key (the capture joined after the call was set
    /// up); otherwise it is an orphan tunnel's, the side that sent first taken as the client until the PPP roles
    /// say otherwise (`settleRoles`). Nil when the packet is only evidence (a contradicting key) or no slot is free.
    mutating func bindUnknown(
        _ key: GREKey, ttl: UInt8, ref: PacketRef, control: Int?, table: inout SessionTable,
        limits: SessionBuilder.Limits, stats: inout CaptureStats,
        retired: inout RetiredFlows
    ) -> GREBinding? {
        if let control {
            if table[control].calls.isEmpty { table[control].calls.append(Call()) }
            let c = table[control].calls.count - 1
            let side: Side = key.source == table[control].client.address ? .client : .server
            let known = side == .client ? table[control].calls[c].serverCallID : table[control].calls[c].clientCallID
            if known == nil || known == key.callID {
                if side == .client {
                    table[control].calls[c].serverCallID = key.callID
                } else {
                    table[control].calls[c].clientCallID = key.callID
                }
                let binding = GREBinding(session: control, call: c, side: side)
                bind(key, binding, session: &table[control], retired: &retired)
                return binding
            }
            // The call is known and this key contradicts it: keep it as evidence on that session, not as a tunnel.
            if table[control].calls[c].isConnected {
                table.touch(control, ref: ref, side: side, ttl: ttl)
                Self.noteUnmatched(key, from: side, expected: known, ref: ref, in: &table[control])
                return nil
            }
        }
        let pair = AddressPair(key.source, key.destination)
        let slot: Int
        if let existing = orphans[pair] {
            slot = existing
        } else {
            var session = Session(
                index: table.nextNumber, client: Endpoint(address: key.source),
                server: Endpoint(address: key.destination), controlChannelSeen: false, first: ref)
            var call = Call()
            call.serverCallID = key.callID
            session.calls.append(call)
            guard let free = table.insert(session, limits: limits, stats: &stats) else { return nil }
            slot = free
            orphans[pair] = slot
        }
        let side: Side = key.source == table[slot].client.address ? .client : .server
        if side == .client, table[slot].calls[0].serverCallID == nil { table[slot].calls[0].serverCallID = key.callID }
        if side == .server, table[slot].calls[0].clientCallID == nil { table[slot].calls[0].clientCallID = key.callID }
        let binding = GREBinding(session: slot, call: 0, side: side)
        // A flood of made-up call IDs between two hosts must not grow the binding table without bound.
        if bindings.count < limits.maxGREBindings {
            bind(key, binding, session: &table[slot], retired: &retired)
        } else {
            stats.noteCap("GRE flows")
        }
        return binding
    }

    private static func noteUnmatched(
        _ key: GREKey, from side: Side, expected: UInt16?, ref: PacketRef,
        in session: inout Session
    ) {
        if var seen = session.unmatchedGRE, seen.from == side, seen.callID == key.callID {
            seen.packets += 1
            seen.last = ref
            session.unmatchedGRE = seen
        } else if session.unmatchedGRE == nil {
            session.unmatchedGRE = UnmatchedGRE(
                from: side, callID: key.callID, expected: expected, packets: 1,
                first: ref, last: ref)
            if session.flows.gre.count < 256 {
                session.flows.gre.insert(.init(source: key.source, destination: key.destination, callID: key.callID))
            }
        }
    }

    // MARK: - Orphan tunnels

    func orphan(between pair: AddressPair) -> Int? { orphans[pair] }

    func isOrphan(_ slot: Int) -> Bool { orphans.values.contains(slot) }

    var orphanSlots: [Int] { Array(orphans.values) }

    /// A control connection between the hosts of an orphan tunnel: the tunnel becomes its session.
    mutating func claimOrphan(between pair: AddressPair) -> Int? {
        orphans.removeValue(forKey: pair)
    }

    /// A GRE-only tunnel's first guess of who is the client, checked against the PPP roles: the authenticator is
    /// the server.
    mutating func settleRoles(_ slot: Int, table: inout SessionTable) {
        guard let sign = table[slot].calls[0].ppp.first(where: \.isFromAuthenticator), sign.from == .client else { return }
        swapRoles(slot, table: &table)
    }

    /// Turns a GRE-only tunnel around when its first guess of who is the client was wrong.
    mutating func swapRoles(_ slot: Int, table: inout SessionTable) {
        var s = table[slot]
        swap(&s.client, &s.server)
        swap(&s.clientTTL, &s.serverTTL)
        s.calls = s.calls.map { original in
            var call = original
            swap(&call.clientCallID, &call.serverCallID)
            swap(&call.greFromClient, &call.greFromServer)
            call.ppp = call.ppp.map {
                var e = $0
                e.from = e.from.other
                return e
            }
            return call
        }
        table[slot] = s
        for key in keysOf[slot] ?? [] {
            guard var binding = bindings[key], binding.session == slot else { continue }
            binding.side = binding.side.other
            bindings[key] = binding
        }
        cache.clear()
    }

    /// Unbinds the retired session in `slot`; returns its GRE keys, to be remembered as retired.
    mutating func forget(_ slot: Int, pair: AddressPair) -> [GREKey] {
        let keys = (keysOf.removeValue(forKey: slot) ?? []).filter { bindings[$0]?.session == slot }
        for key in keys { bindings[key] = nil }
        cache.clear()
        if orphans[pair] == slot { orphans[pair] = nil }
        return keys
    }
}
