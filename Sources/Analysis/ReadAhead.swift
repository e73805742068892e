import Dispatch
import PPTPDissect
import PPTPPcapIO
import PPTPSessions

/// Reading, the duplicate filter and the sorting out of unrelated packets on a second core, while the caller's
/// core builds sessions: the reading thread counts the packets the session builder has no use for
/// (`PacketRelevance.needs`, after dissecting them; on a busy link, many) and hands over only the others, as
/// bytes, which the caller dissects. IPv4 GRE and TCP 1723 are recognised from a few header bytes and not
/// dissected on the reading thread at all.
/// Only small things cross between the cores (the bytes of the packets that matter, a few counters), never the
/// dissected packet itself: a 700-byte structure written on one core and read on the other, packet after
/// packet, made an earlier attempt slower than one core (Benchmarks/README.md).
///
/// The caller sees the same packets, in the same order, with the same counts between them as on one core, so
/// the sessions and the report are the same; `ReadAheadTests` holds the two ways to that.
enum ReadAhead {
    /// A batch is handed over when it holds this many packets or bytes, or when this many unrelated packets have
    /// been counted (so that capture time, and retirement, move on in a stretch of unrelated traffic).
    static let batchPackets = 1_024
    static let batchBytes = 1 << 20
    static let unrelatedPerBatch = 8_192
    static let batchCount = 4

    enum Item {
        case packet(CaptureRecord, Range<Int>)
        case unrelated(SessionBuilder.UnrelatedPackets)
    }

    /// Reads `reader` to its end on another thread; on this one, calls `packet` for each packet the builder
    /// needs (its record and bytes, in file order) and `unrelated` for the counts of the others between them.
    static func run(
        _ reader: CaptureReader, linkType: LinkType, duplicates: inout DuplicateFrameFilter,
        packet: (CaptureRecord, ByteView) -> Void,
        unrelated: (SessionBuilder.UnrelatedPackets) -> Void
    ) -> CaptureReader.ReadEnd {
        let shared = Shared(reader: reader, linkType: linkType, duplicates: duplicates)
        DispatchQueue.global(qos: .userInitiated).async { shared.produce() }
        var index = 0
        while true {
            shared.full.wait()
            let batch = shared.batches[index]
            batch.arena.withUnsafeBytes { arena in
                for item in batch.items {
                    switch item {
                    case .packet(let record, let span): packet(record, ByteView(UnsafeRawBufferPointer(rebasing: arena[span])))
                    case .unrelated(let counts): unrelated(counts)
                    }
                }
            }
            let end = batch.end
            shared.free.signal()
            if let end {
                duplicates = shared.duplicates
                return end
            }
            index = (index + 1) % batchCount
        }
    }

    private final class Batch: @unchecked Sendable {
        @exclusivity(unchecked) var arena: [UInt8] = []
        @exclusivity(unchecked) var items: [Item] = []
        @exclusivity(unchecked) var packets = 0
        @exclusivity(unchecked) var unrelatedCounted = 0
        @exclusivity(unchecked) var end: CaptureReader.ReadEnd?

        init() {
            arena.reserveCapacity(ReadAhead.batchBytes + 65_536)
            items.reserveCapacity(2 * ReadAhead.batchPackets + 1)
        }

        func reset() {
            arena.removeAll(keepingCapacity: true)
            items.removeAll(keepingCapacity: true)
            packets = 0
            unrelatedCounted = 0
            end = nil
        }

        var isFull: Bool {
            packets >= ReadAhead.batchPackets || arena.count >= ReadAhead.batchBytes
                || unrelatedCounted >= ReadAhead.unrelatedPerBatch
        }
    }

    /// The reader and each batch belong to one thread at a time: the reading thread's until it signals `full`,
    /// the caller's until it signals `free`. The semaphores order the memory between them.
    private final class Shared: @unchecked Sendable {
        let reader: CaptureReader
        let linkType: LinkType
        let batches = (0..<ReadAhead.batchCount).map { _ in Batch() }
        let free = DispatchSemaphore(value: ReadAhead.batchCount)
        let full = DispatchSemaphore(value: 0)
        /// The reading thread's until the last batch is handed over, the caller's after.
        @exclusivity(unchecked) var duplicates: DuplicateFrameFilter

        init(reader: CaptureReader, linkType: LinkType, duplicates: DuplicateFrameFilter) {
            self.reader = reader
            self.linkType = linkType
            self.duplicates = duplicates
        }

        func produce() {
            var producer = Producer(shared: self)
            let end = reader.forEach { record, bytes in producer.take(record, bytes) }
            producer.finish(end)
        }
    }

    /// The reading thread's state, kept in one value so the per-packet closure captures nothing else (captured
    /// variables shared with a nested function are boxed and checked for exclusive access at every use).
    private struct Producer {
        let shared: Shared
        var duplicates: DuplicateFrameFilter
        var packet: DecodedPacket
        var counts = SessionBuilder.UnrelatedPackets()
        var index = 0
        var batch: Batch
        let ethernet: Bool

        init(shared: Shared) {
            self.shared = shared
            duplicates = shared.duplicates
            packet = DecodedPacket(linkType: shared.linkType, capturedLength: 0, wireLength: 0)
            ethernet = shared.linkType == .ethernet
            shared.free.wait()
            batch = shared.batches[0]
            batch.reset()
        }

        mutating func take(_ record: CaptureRecord, _ bytes: UnsafeRawBufferPointer) {
            let view = ByteView(bytes)
            let snapTruncated = record.wireLength > bytes.count
            if duplicates.isDuplicate(view, timestamp: record.timestamp) {
                counts.duplicates += 1
            } else {
                let glance =
                    ethernet && record.linkType == nil
                    ? PacketRelevance.glance(ethernetFrame: view, snapTruncated: snapTruncated) : .undecided
                switch glance {
                case .tunnel:
                    // Certainly wanted: the caller's dissection is the one that counts, so none here.
                    keep(record, bytes)
                case .unrelated:
                    counts.add(timestamp: record.timestamp, snapTruncated: snapTruncated)
                    batch.unrelatedCounted += 1
                case .undecided:
                    PacketDissector.dissect(
                        view, linkType: record.linkType.map(LinkType.init(rawValue:)) ?? shared.linkType,
                        wireLength: record.wireLength, into: &packet)
                    if PacketRelevance.needs(packet) {
                        keep(record, bytes)
                    } else {
                        counts.add(timestamp: record.timestamp, snapTruncated: packet.isSnapTruncated)
                        batch.unrelatedCounted += 1
                    }
                }
            }
            if batch.isFull { handOver() }
        }

        mutating func keep(_ record: CaptureRecord, _ bytes: UnsafeRawBufferPointer) {
            flushCounts()
            let start = batch.arena.count
            batch.arena.append(contentsOf: bytes)
            batch.items.append(.packet(record, start..<batch.arena.count))
            batch.packets += 1
        }

        mutating func flushCounts() {
            guard !counts.isEmpty else { return }
            batch.items.append(.unrelated(counts))
            counts = SessionBuilder.UnrelatedPackets()
        }

        mutating func handOver() {
            flushCounts()
            shared.full.signal()
            index = (index + 1) % ReadAhead.batchCount
            shared.free.wait()
            batch = shared.batches[index]
            batch.reset()
        }

        mutating func finish(_ end: CaptureReader.ReadEnd) {
            flushCounts()
            shared.duplicates = duplicates
            batch.end = end
            shared.full.signal()
        }
    }
}
