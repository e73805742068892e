import Sessions

/// Finished sessions between the packet pass and the diagnosis, handed back one at a time in number order
/// (sessions retire in the order they end, not the order they began).
struct SessionStore {
    private var held: [Session] = []

    var count: Int { held.count }

    mutating func add(_ session: Session) {
        held.append(session)
    }

    /// Sessions in number order, each read back only when asked for.
    func sessionsByNumber() -> Cursor {
        Cursor(store: self, order: held.indices.sorted { held[$0].index < held[$1].index })
    }

    struct Cursor {
        fileprivate let store: SessionStore
        fileprivate let order: [Int]
        private var position = 0

        fileprivate init(store: SessionStore, order: [Int]) {
            self.store = store
            self.order = order
        }

        var isEmpty: Bool { order.isEmpty }

        mutating func next() -> Session? {
            guard position < order.count else { return nil }
            defer { position += 1 }
            return store.held[order[position]]
        }
    }
}
