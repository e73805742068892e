import PPTPDissect

/// Puts one direction of a TCP connection back in order: retransmitted and overlapping bytes are dropped,
/// out-of-order segments wait (bounded) until the hole before them fills, and a hole that never fills is
/// skipped and reported as a gap. Work per byte is constant, so a stream of tiny or overlapping segments
/// stays linear.
struct StreamReassembler: Sendable {
    /// Bytes held out of order before the hole is declared a gap.
    static let maxPendingBytes = 64 * 1024
    static let maxPendingSegments = 256

    enum Delivery {
        case inOrder
        case retransmission
        case outOfOrder
    }

    private(set) var nextSequence: UInt32?
    private var pending: [(sequence: UInt32, bytes: [UInt8], ref: PacketRef)] = []
    private var pendingBytes = 0
    /// The stream was joined after its SYN: the first bytes may be the middle of a message.
    private(set) var joinedMidStream = false

    mutating func syn(sequence: UInt32) {
        if nextSequence == nil { nextSequence = sequence &+ 1 }
    }

    /// Feeds one segment's payload; calls `deliver` with every run of newly in-order bytes (and the packet that
    /// brought them), and `gap` when bytes were skipped.
    mutating func segment(
        sequence: UInt32, payload: ByteView, range: Range<Int>, ref: PacketRef,
        deliver: (UnsafeRawBufferPointer, PacketRef) -> Void, gap: (Int, PacketRef) -> Void
    ) -> Delivery {
        guard !range.isEmpty else { return .inOrder }
        guard let expected = nextSequence else {
            joinedMidStream = true
            nextSequence = sequence &+ UInt32(truncatingIfNeeded: range.count)
            payload.withBytes(range) { deliver($0, ref) }
            return .inOrder
        }
        let delta = Int(Int32(bitPattern: sequence &- expected))
        if delta > 0 {
            if pendingBytes + range.count > Self.maxPendingBytes || pending.count >= Self.maxPendingSegments {
                skipToPending(gap: gap, deliver: deliver)
            }
            if !pending.contains(where: { $0.sequence == sequence }) {
                pending.append((sequence, payload.bytes(range), ref))
                pendingBytes += range.count
            }
            return .outOfOrder
        }
        let skip = -delta
        if skip >= range.count { return .retransmission }
        let fresh = (range.lowerBound + skip)..<range.upperBound
        payload.withBytes(fresh) { deliver($0, ref) }
        nextSequence = expected &+ UInt32(truncatingIfNeeded: fresh.count)
        drainPending(deliver: deliver)
        return skip > 0 ? .retransmission : .inOrder
    }

    /// Steps over a segment whose bytes were not captured (snapshot length), without calling it a gap.
    mutating func skip(sequence: UInt32, length: Int) {
        let end = sequence &+ UInt32(truncatingIfNeeded: length)
        guard let expected = nextSequence else {
            nextSequence = end
            return
        }
        if Int32(bitPattern: end &- expected) > 0, Int32(bitPattern: sequence &- expected) <= 0 { nextSequence = end }
    }

    /// At the end of the capture: whatever still waits behind a hole is delivered after a gap.
    mutating func finish(gap: (Int, PacketRef) -> Void, deliver: (UnsafeRawBufferPointer, PacketRef) -> Void) {
        while !pending.isEmpty { skipToPending(gap: gap, deliver: deliver) }
    }

    private mutating func skipToPending(
        gap: (Int, PacketRef) -> Void,
        deliver: (UnsafeRawBufferPointer, PacketRef) -> Void
    ) {
        guard let expected = nextSequence,
            let lowest = pending.min(by: { Int32(bitPattern: $0.sequence &- $1.sequence) < 0 })
        else { return }
        gap(Int(Int32(bitPattern: lowest.sequence &- expected)), lowest.ref)
        nextSequence = lowest.sequence
        drainPending(deliver: deliver)
    }

    private mutating func drainPending(deliver: (UnsafeRawBufferPointer, PacketRef) -> Void) {
        var progressed = true
        while progressed, !pending.isEmpty, let expected = nextSequence {
            progressed = false
            var i = 0
            while i < pending.count {
                let seg = pending[i]
                let delta = Int(Int32(bitPattern: seg.sequence &- expected))
                if delta <= 0 {
                    pending.remove(at: i)
                    pendingBytes -= seg.bytes.count
                    let skip = -delta
                    if skip < seg.bytes.count {
                        seg.bytes.withUnsafeBytes { raw in
                            deliver(UnsafeRawBufferPointer(rebasing: raw[skip...]), seg.ref)
                        }
                        nextSequence = expected &+ UInt32(truncatingIfNeeded: seg.bytes.count - skip)
                    }
                    progressed = true
                    break
                }
                i += 1
            }
        }
    }
}
