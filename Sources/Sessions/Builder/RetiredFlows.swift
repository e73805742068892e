import PPTPDissect

/// Flows of retired sessions, the most recent `capacity` of them: a packet of one is late, not a new session.
struct RetiredFlows {
    enum Key: Hashable {
        case connection(ConnectionKey)
        case gre(GREKey)
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
