import PPTPDissect
import PPTPTestSupport
import Testing

@testable import PPTPSessions

/// TCP reassembly and PPTP framing of the control channel.
@Suite("Control stream reassembly")
struct ControlStreamTests {
    /// Feeds byte runs through a reassembler and framer and returns the framed message types in order.
    struct Harness {
        var reassembler = StreamReassembler()
        var framer = ControlStreamFramer()
        var types: [UInt16] = []
        var gaps: [Int] = []

        mutating func send(_ bytes: [UInt8], seq: UInt32, packet: Int) {
            var framer = self.framer
            var types = self.types
            var gaps = self.gaps
            ByteView.with(bytes) { view in
                _ = reassembler.segment(
                    sequence: seq, payload: view, range: 0..<bytes.count, ref: PacketRef(number: packet, time: 0),
                    deliver: { chunk, _ in
                        framer.append(chunk) { buf, range in
                            if let t = buf.u16(range.lowerBound + 8) { types.append(t) }
                        }
                    },
                    gap: { size, _ in
                        gaps.append(size)
                        framer.resetAfterGap()
                    })
            }
            self.framer = framer
            self.types = types
            self.gaps = gaps
        }
    }

    static let sccrq = PPTPControl.startControlConnectionRequest()
    static let echo = PPTPControl.echoRequest(identifier: 7)
    static let ocrq = PPTPControl.outgoingCallRequest(callID: 0x4a21, serial: 1)

    @Test("messages split across segments and merged in one are framed by their Length field")
    func splitAndMergedMessagesAreFramed() {
        var h = Harness()
        h.reassembler.syn(sequence: 999)
        let stream = Self.sccrq + Self.echo + Self.ocrq
        h.send(Array(stream[0..<100]), seq: 1000, packet: 1)
        h.send(Array(stream[100..<180]), seq: 1100, packet: 2)
        h.send(Array(stream[180...]), seq: 1180, packet: 3)
        #expect(h.types == [1, 5, 7])
        #expect(h.gaps.isEmpty)
    }

    @Test("a retransmitted segment is delivered once and an out-of-order one waits for the hole to fill")
    func retransmissionAndReordering() {
        var h = Harness()
        h.reassembler.syn(sequence: 0)
        let stream = Self.sccrq + Self.echo
        h.send(Array(stream[0..<60]), seq: 1, packet: 1)
        h.send(Array(stream[120...]), seq: 121, packet: 2)  // ahead of the hole
        h.send(Array(stream[0..<60]), seq: 1, packet: 3)  // retransmission
        #expect(h.types.isEmpty)
        h.send(Array(stream[60..<120]), seq: 61, packet: 4)  // fills the hole
        #expect(h.types == [1, 5])
    }

    @Test("joining a stream mid-message resynchronises on the magic cookie")
    func midStreamJoinResynchronises() {
        var h = Harness()
        let stream = Self.sccrq + Self.echo
        h.send(Array(stream[50...]), seq: 5000, packet: 1)
        #expect(h.types == [5])
        #expect(h.framer.skippedBytes == Self.sccrq.count - 50)
    }

    @Test("a hole that never fills is reported as a gap and framing resumes after it")
    func unfilledHoleBecomesGap() {
        var h = Harness()
        h.reassembler.syn(sequence: 0)
        h.send(Self.sccrq, seq: 1, packet: 1)
        h.send(Self.echo, seq: 1 + UInt32(Self.sccrq.count) + 10, packet: 2)
        h.reassembler.finish(gap: { size, _ in h.gaps.append(size) }, deliver: { _, _ in })
        #expect(h.types == [1])
        #expect(h.gaps == [10])
    }

    @Test("sequence numbers that wrap past 2^32 are still in order")
    func sequenceWrap() {
        var h = Harness()
        h.reassembler.syn(sequence: UInt32.max - 20)
        h.send(Self.sccrq, seq: UInt32.max - 19, packet: 1)
        h.send(Self.echo, seq: (UInt32.max - 19) &+ UInt32(Self.sccrq.count), packet: 2)
        #expect(h.types == [1, 5])
    }

    @Test("thousands of one-byte overlapping segments stay linear and frame correctly")
    func tinyOverlappingSegments() {
        var h = Harness()
        h.reassembler.syn(sequence: 0)
        let stream = Array(repeating: Self.echo, count: 200).flatMap { $0 }
        for i in 0..<stream.count {
            // Every byte arrives twice: once alone, once overlapping with its successor.
            h.send([stream[i]], seq: UInt32(1 + i), packet: i)
            if i + 1 < stream.count { h.send([stream[i], stream[i + 1]], seq: UInt32(1 + i), packet: i) }
        }
        #expect(h.types.count == 200)
    }
}
