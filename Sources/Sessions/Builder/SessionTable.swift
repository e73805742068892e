import PPTPDissect

/// The open sessions, by slot. A retired session's slot is emptied and reused; `Session.index` is the
/// session's number, which never is. Each open session has an entry in the retirement queue: when it comes up,
/// the builder checks whether the session is really over.
struct SessionTable {
    private var sessions: [Session] = []
    private var freeSlots: [Int] = []
    private(set) var liveCount = 0
    /// The number the next session (or PPP link) gets.
    var nextNumber = 1
    var retirements = RetirementQueue()

    subscript(slot: Int) -> Session {
        get { sessions[slot] }
        _modify { yield &sessions[slot] }
    }

    /// Places a new session in a free slot (numbering it, and queueing its idle deadline); nil when
    /// `maxSessions` are open at once.
    mutating func insert(_ session: Session, limits: SessionBuilder.Limits, stats: inout CaptureStats) -> Int? {
        guard liveCount < limits.maxSessions else {
            stats.noteCap("sessions")
            return nil
        }
        nextNumber += 1
        liveCount += 1
        stats.peakOpenSessions = max(stats.peakOpenSessions, liveCount)
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            sessions[slot] = session
        } else {
            slot = sessions.count
            sessions.append(session)
        }
        retirements.push(.init(deadline: session.first.time + limits.retireWhenIdle, number: session.index, slot: slot))
        return slot
    }

    func isLive(_ slot: Int) -> Bool { sessions[slot].index > 0 }

    /// The open sessions' slots, by session number.
    var liveSlots: [Int] {
        sessions.indices.filter(isLive).sorted { sessions[$0].index < sessions[$1].index }
    }

    /// Takes the session out of its slot and frees the slot.
    mutating func remove(_ slot: Int) -> Session {
        let session = sessions[slot]
        sessions[slot] = Self.emptySlot
        freeSlots.append(slot)
        liveCount -= 1
        return session
    }

    /// A packet of the session: the latest one it has, how many, and each side's first TTL (the capture point).
    mutating func touch(_ slot: Int, ref: PacketRef, side: Side, ttl: UInt8) {
        if ref.number > sessions[slot].last.number { sessions[slot].last = ref }
        sessions[slot].packetCount += 1
        if side == .client, sessions[slot].clientTTL == nil { sessions[slot].clientTTL = ttl }
        if side == .server, sessions[slot].serverTTL == nil { sessions[slot].serverTTL = ttl }
    }

    /// What a free slot holds: no events, no strings, number 0.
    private static let emptySlot = Session(
        index: 0, client: Endpoint(address: .v4(0)), server: Endpoint(address: .v4(0)),
        controlChannelSeen: false, first: PacketRef(number: 0, time: 0))
}
