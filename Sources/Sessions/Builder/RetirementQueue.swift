/// When each open session may be over, earliest first: a binary min-heap of deadlines in capture time.
///
/// Entries are not updated when a session gets a packet (that would cost a heap operation per packet); the
/// builder recomputes a session's deadline when its entry comes up and pushes it again if it moved. Ties are
/// broken by session number, so sessions retire in the same order however the packets were fed.
struct RetirementQueue {
    struct Entry {
        var deadline: Double
        var number: Int
        var slot: Int

        func precedes(_ other: Entry) -> Bool {
            deadline < other.deadline || (deadline == other.deadline && number < other.number)
        }
    }

    private var heap: [Entry] = []

    /// The earliest entry due at `now`, removed; nil when none is.
    mutating func popDue(at now: Double) -> Entry? {
        guard let top = heap.first, top.deadline <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        return top
    }

    mutating func push(_ entry: Entry) {
        // A deadline that is not a number (a hostile timestamp) would never come up: due at once instead.
        var entry = entry
        if entry.deadline.isNaN { entry.deadline = -.infinity }
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var smallest = left
            if left + 1 < heap.count, heap[left + 1].precedes(heap[left]) { smallest = left + 1 }
            guard heap[smallest].precedes(heap[parent]) else { return }
            heap.swapAt(smallest, parent)
            parent = smallest
        }
    }
}
