import Dispatch
import PPTPDiagnosis
import PPTPSessions
import Synchronization

/// Diagnosis on a second core while the caller's core writes the report: after the packet pass, each session is
/// read back from the store and given to the rules (`SessionDiagnoser.verdict`) there; the caller builds its
/// section of the report and renders it, which takes about as long. Sessions are independent of one another, so
/// the only thing to keep is their order: one thread judges them in number order into a ring of batches, the
/// caller takes the batches in the same order. On a capture of many short sessions the work after the pass is
/// most of the run (Benchmarks/README.md).
///
/// The caller sees the same sessions in the same order as from `SessionDiagnoser` on its own thread;
/// `DiagnosisAheadTests` holds the two ways to that.
final class DiagnosisAhead {
    /// Sessions per hand-over: enough that the two threads rarely wake each other, few enough that a capture of
    /// long sessions holds little more than the store's own handful in memory.
    static let batchSessions = 8
    static let batchCount = 4

    private let shared: Shared
    private var current: Batch?
    private var position = 0
    private var index = 0
    private var ended = false
    /// Sessions the store could not give back (`SessionStore.Cursor.unreadable`), known once the last batch came.
    private(set) var unreadable = 0

    /// `finished` is called on the diagnosing thread as it ends, after the last session or when let go.
    init(
        cursor: SessionStore.Cursor, diagnoser: SessionDiagnoser, finished: (@Sendable () -> Void)? = nil
    ) {
        shared = Shared(cursor: cursor, diagnoser: diagnoser)
        let shared = self.shared
        DispatchQueue.global(qos: .userInitiated).async {
            shared.produce()
            finished?()
        }
    }

    /// A caller that stops before the last session (an error while writing) lets the diagnosing thread go.
    deinit {
        shared.cancelled.store(true, ordering: .relaxed)
        for _ in 0..<Self.batchCount { shared.free.signal() }
    }

    var diagnoser: SessionDiagnoser { shared.diagnoser }

    /// The next session with its verdict, in number order; nil after the last.
    func next() -> Judged? {
        while true {
            if let batch = current, position < batch.items.count {
                position += 1
                return batch.items[position - 1]
            }
            guard !ended else { return nil }
            if current != nil { shared.free.signal() }
            shared.full.wait()
            let batch = shared.batches[index]
            index = (index + 1) % Self.batchCount
            current = batch
            position = 0
            if let lost = batch.endUnreadable {
                unreadable = lost
                ended = true
            }
        }
    }

    struct Judged {
        var session: Session
        var verdict: Verdict
    }

    private final class Batch: @unchecked Sendable {
        @exclusivity(unchecked) var items: [Judged] = []
        /// Set on the last batch: the cursor's unreadable count.
        @exclusivity(unchecked) var endUnreadable: Int?
    }

    /// The cursor and each batch belong to one thread at a time: the diagnosing thread's until it signals `full`,
    /// the caller's until it signals `free`. The semaphores order the memory between them.
    private final class Shared: @unchecked Sendable {
        let batches = (0..<DiagnosisAhead.batchCount).map { _ in Batch() }
        let free = DispatchSemaphore(value: DiagnosisAhead.batchCount)
        let full = DispatchSemaphore(value: 0)
        let cancelled = Atomic(false)
        @exclusivity(unchecked) var cursor: SessionStore.Cursor
        let diagnoser: SessionDiagnoser

        init(cursor: SessionStore.Cursor, diagnoser: SessionDiagnoser) {
            self.cursor = cursor
            self.diagnoser = diagnoser
        }

        func produce() {
            var index = 0
            while true {
                free.wait()
                if cancelled.load(ordering: .relaxed) { return }
                let batch = batches[index]
                batch.items.removeAll(keepingCapacity: true)
                batch.endUnreadable = nil
                while batch.items.count < DiagnosisAhead.batchSessions {
                    guard let session = cursor.next() else {
                        batch.endUnreadable = cursor.unreadable
                        break
                    }
                    batch.items.append(Judged(session: session, verdict: diagnoser.verdict(session)))
                }
                let last = batch.endUnreadable != nil
                full.signal()
                if last { return }
                index = (index + 1) % DiagnosisAhead.batchCount
            }
        }
    }
}
