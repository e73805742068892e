import PPTPDissect
import PPTPSessions
import Testing

@Suite("Duplicate frames")
struct DuplicateFrameFilterTests {
    /// A 74-byte SYN-ACK as the lab's server sent it: Ethernet, IPv4, TCP with MSS, SACK-permitted, timestamps and
    /// window scale; `tsval` goes to bytes 62–65.
    static func synAck(tsval: UInt32) -> [UInt8] {
        var frame = [UInt8](repeating: 0, count: 74)
        frame[12] = 0x08
        frame[14] = 0x45
        frame[46] = 0xA0
        frame[47] = 0x12
        frame[54] = 8
        frame[55] = 10
        for i in 0..<4 { frame[62 + i] = UInt8(truncatingIfNeeded: tsval >> (24 - 8 * UInt32(i))) }
        return frame
    }

    static func isDuplicate(_ filter: inout DuplicateFrameFilter, _ frame: [UInt8], at time: Int64) -> Bool {
        ByteView.with(frame) { filter.isDuplicate($0, timestamp: time) }
    }

    @Test("the same bytes again within a millisecond are one frame seen twice; after it, a packet of its own")
    func sameBytesWithinTheWindow() {
        var filter = DuplicateFrameFilter()
        let frame = Self.synAck(tsval: 3_062_002_334)
        #expect(!Self.isDuplicate(&filter, frame, at: 7_143_431_000))
        #expect(Self.isDuplicate(&filter, frame, at: 7_143_500_000))
        #expect(!Self.isDuplicate(&filter, frame, at: 7_145_000_000))
        #expect(filter.duplicates == 1)
    }

    @Test("two SYN-ACKs 0.66 ms apart that differ only in the TCP timestamp behind the options are two packets")
    func retransmittedSynAckIsNotADuplicate() {
        // The lab's tcp-1723-return-dropped server capture, packets 15 and 17: a timer retransmission and the
        // answer to the client's repeated SYN.
        var filter = DuplicateFrameFilter()
        #expect(!Self.isDuplicate(&filter, Self.synAck(tsval: 3_062_002_334), at: 7_143_431_000))
        #expect(!Self.isDuplicate(&filter, Self.synAck(tsval: 3_062_002_335), at: 7_144_090_000))
        #expect(filter.duplicates == 0)
    }
}
