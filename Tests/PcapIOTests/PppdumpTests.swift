import Foundation
import PPTPPcapIO
import PPTPTestSupport
import Testing

/// pppd `record` files: each direction's async-HDLC stream is deframed, checked and handed out as
/// LINKTYPE_PPP_WITH_DIR records, whatever the data records' boundaries, and the way tshark reads the same file.
@Suite("Reading pppd record files")
struct PppdumpTests {
    static let start: UInt32 = 1_767_607_200

    /// LCP Configure-Request / -Ack, an IPCP request and an IP packet: with bytes that must be escaped (0x7E,
    /// 0x7D, control characters) and one without address and control fields.
    static let frames: [(PppdumpWriter.Direction, [UInt8])] = [
        (.sent, [0xFF, 0x03, 0xC0, 0x21, 0x01, 0x01, 0x00, 0x0E, 0x01, 0x04, 0x05, 0xDC, 0x05, 0x06, 0x7E, 0x7D, 0x11, 0x13]),
        (
            .received,
            [0xFF, 0x03, 0xC0, 0x21, 0x02, 0x01, 0x00, 0x0E, 0x01, 0x04, 0x05, 0xDC, 0x05, 0x06, 0x7E, 0x7D, 0x11, 0x13]
        ),
        (.received, [0xFF, 0x03, 0x80, 0x21, 0x01, 0x07, 0x00, 0x0A, 0x03, 0x06, 0xC0, 0xA8, 0x32, 0x0A]),
        (.sent, [0x00, 0x21] + (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 7) }),
    ]

    static func file(recordSize: Int = 1024, badFCS: Int? = nil) -> [UInt8] {
        var writer = PppdumpWriter(startSeconds: start)
        for (i, (direction, frame)) in frames.enumerated() {
            writer.advance(tenths: i == 2 ? 300 : 3)
            writer.add(frame, direction, recordSize: recordSize, badFCS: badFCS == i)
        }
        return writer.bytes
    }

    static func expectedRecords() -> [[UInt8]] {
        frames.map { direction, frame in [direction == .sent ? 0x01 : 0x00] + frame }
    }

    static let expectedTimes: [Int64] = [3, 6, 306, 309].map { Int64(start) * 1_000_000_000 + $0 * 100_000_000 }

    @Test(
        "frames come back whole, direction byte first, with the time of the record that ended them, whatever the record size",
        arguments: [1, 2, 3, 5, 7, 64, 1024])
    func roundTrip(recordSize: Int) throws {
        let result = try withTempFile(Self.file(recordSize: recordSize), suffix: ".record") { try readAll($0) }
        #expect(result.info.format == .pppdump)
        #expect(result.info.linkType == 204)
        #expect(result.end.error == nil)
        #expect(result.end.notes.isEmpty)
        #expect(result.packets.map(\.bytes) == Self.expectedRecords())
        #expect(result.packets.map(\.record.timestamp) == Self.expectedTimes)
        #expect(result.packets.map(\.record.number) == [1, 2, 3, 4])
        #expect(
            result.packets.allSatisfy { $0.record.capturedLength == $0.bytes.count && $0.record.wireLength == $0.bytes.count })
    }

    @Test("the end-of-frame records (3, 4) end a frame as a flag does, and frames of the two directions interleave")
    func endRecordsAndInterleaving() throws {
        var writer = PppdumpWriter(startSeconds: Self.start)
        let (sentFrame, receivedFrame) = (Self.frames[0].1, Self.frames[2].1)
        let sentBytes = PppdumpWriter.hdlc(sentFrame)
        let receivedBytes = PppdumpWriter.hdlc(receivedFrame)
        // Half of each, the other direction's half in between; the sent frame's closing flag is left out and
        // its end-of-frame record stands for it.
        writer.addData(Array(sentBytes.prefix(6)), .sent)
        writer.addData(Array(receivedBytes.prefix(5)), .received)
        writer.addData(Array(sentBytes.dropFirst(6).dropLast()), .sent)
        writer.appendRaw([3])
        writer.addData(Array(receivedBytes.dropFirst(5)), .received)
        let result = try withTempFile(writer.bytes, suffix: ".record") { try readAll($0) }
        #expect(result.packets.map(\.bytes) == [[0x01] + sentFrame, [0x00] + receivedFrame])
        #expect(result.end.error == nil)
    }

    @Test(
        "tshark reads the same frames: same count, times, and lengths (tshark keeps the 2-byte FCS, ours carry the direction byte instead)"
    )
    func agreesWithTshark() throws {
        _ = try #require(Tshark.path, "tshark is required: apt-get install -y tshark")
        try withTempFile(Self.file(recordSize: 5), suffix: ".record") { path in
            let ours = try readAll(path)
            let theirs = try Tshark.fields(path, ["frame.time_epoch", "frame.len", "ppp.protocol"])
            try #require(theirs.count == ours.packets.count)
            for (packet, row) in zip(ours.packets, theirs) {
                #expect(Tshark.nanos(row[0]) == packet.record.timestamp, "frame \(packet.record.number): tshark \(row[0])")
                #expect(Int(row[1]).map { $0 - 2 + 1 } == packet.record.capturedLength, "frame \(packet.record.number)")
            }
        }
    }

    @Test("a frame whose FCS fails is kept as it is and counted")
    func badFCS() throws {
        let result = try withTempFile(Self.file(badFCS: 1), suffix: ".record") { try readAll($0) }
        #expect(result.packets.map(\.bytes) == Self.expectedRecords())
        #expect(result.end.notes.map(\.code) == ["capture.bad-fcs"])
        #expect(result.end.notes.first?.message.hasPrefix("1 PPP frames") == true)
    }

    @Test(
        "a data record cut by the end of the file: the frames before it, then a truncated error with its offset",
        arguments: [1, 2, 10])
    func truncatedRecord(cut: Int) throws {
        let whole = Self.file()
        var writer = PppdumpWriter(startSeconds: Self.start)
        writer.advance(tenths: 3)
        writer.add(Self.frames[0].1, .sent)
        let firstFrameEnd = writer.bytes.count
        let bytes = Array(whole.prefix(firstFrameEnd + 2 + cut))  // the time step, then part of the next record
        let result = try withTempFile(bytes, suffix: ".record") { try readAll($0) }
        #expect(result.packets.count == 1)
        let error = try #require(result.end.error)
        #expect(error.kind == .truncated)
        #expect(error.packetNumber == 2)
        #expect(error.byteOffset == firstFrameEnd + 2)
    }

    @Test("a frame still open when the recording ends is dropped and counted, not delivered")
    func unterminatedFrame() throws {
        var writer = PppdumpWriter(startSeconds: Self.start)
        writer.add(Self.frames[0].1, .sent)
        writer.addData(Array(PppdumpWriter.hdlc(Self.frames[1].1).dropLast()), .received)
        let result = try withTempFile(writer.bytes, suffix: ".record") { try readAll($0) }
        #expect(result.packets.count == 1)
        #expect(result.end.error == nil)
        #expect(result.end.notes.contains { $0.message.contains("unfinished") })
    }

    @Test("a runaway frame over 65,535 bytes is dropped and counted; the next frame is read")
    func hugeFrame() throws {
        var writer = PppdumpWriter(startSeconds: Self.start)
        writer.addData([0x7E] + [UInt8](repeating: 0x41, count: 70_000), .sent, recordSize: 0xFFFF)
        writer.add(Self.frames[0].1, .sent)
        let result = try withTempFile(writer.bytes, suffix: ".record") { try readAll($0) }
        #expect(result.packets.map(\.bytes) == [[0x01] + Self.frames[0].1])
        #expect(result.end.notes.contains { $0.message.contains("runaway") })
    }

    @Test("a record with a length reaching past the file, or an unknown tag, ends the read there; earlier frames stay")
    func lyingRecords() throws {
        var writer = PppdumpWriter(startSeconds: Self.start)
        writer.add(Self.frames[0].1, .sent)
        let good = writer.bytes.count
        writer.appendRaw([0x01, 0xFF, 0xFF, 0x7E, 0xFF])
        let long = try withTempFile(writer.bytes, suffix: ".record") { try readAll($0) }
        #expect(long.packets.count == 1)
        #expect(long.end.error?.kind == .truncated)
        #expect(long.end.error?.byteOffset == good)

        var unknown = PppdumpWriter(startSeconds: Self.start)
        unknown.add(Self.frames[0].1, .sent)
        unknown.appendRaw([0x09, 0x00])
        let bad = try withTempFile(unknown.bytes, suffix: ".record") { try readAll($0) }
        #expect(bad.packets.count == 1)
        #expect(bad.end.error?.kind == .readFailed)
        #expect(bad.end.error?.message.contains("tag 9") == true)
    }

    @Test("a BPF filter works on the PPP frames (libpcap filters PPP, not PPP with direction), also without address and control")
    func filter() throws {
        let ip = try withTempFile(Self.file(), suffix: ".record") { try readAll($0, filter: "ip") }
        #expect(ip.packets.map(\.bytes) == [Self.expectedRecords()[3]])
        #expect(ip.packets.map(\.record.number) == [1])
        let lcp = try withTempFile(Self.file(), suffix: ".record") { try readAll($0, filter: "not ip") }
        #expect(lcp.packets.count == 3)
    }

    @Test("a thousand byte-mutated recordings never trap; frames stay within bounds and every error names the file")
    func mutations() throws {
        let original = Self.file(recordSize: 9)
        var random = SplitMix(seed: 0x7070_7064_756D_70)
        for _ in 0..<1000 {
            var bytes = original
            for _ in 0..<(1 + Int(random.next() % 6)) {
                // Keep the first record, so the file is still taken for pppdump and the reader sees the damage.
                let index = 5 + Int(random.next() % UInt64(bytes.count - 5))
                bytes[index] = UInt8(truncatingIfNeeded: random.next())
            }
            if random.next() % 4 == 0 { bytes.removeLast(Int(random.next() % 20)) }
            try withTempFile(bytes, suffix: ".record") { path in
                do throws(CaptureError) {
                    let result = try readAll(path)
                    #expect(result.packets.allSatisfy { $0.bytes.count <= 65_536 + 1 && $0.bytes.count >= 2 })
                    if let error = result.end.error { #expect(error.path == path) }
                } catch {
                    #expect(error.path == path)
                }
            }
        }
    }

    @Test(
        "files that merely start like one are not taken for pppdump",
        arguments: [
            Array("\u{7}hello world, this is text".utf8),
            [7, 0, 0, 0, 1, 1],  // time 1 s after the epoch: no pppd wrote that
            [7, 0x69, 0x5B, 0x8D, 0xA0, 0x42],  // a plausible time, then no known tag
            Array("1\n2\n3\n".utf8),
            [1, 0x00, 0x04, 0x41, 0x42, 0x43, 0x44, 0x01],  // a data record that is not HDLC
            [2, 0x00, 0x01, 0x7E],  // too short to tell
        ])
    func conservativeDetection(bytes: [UInt8]) {
        #expect(CaptureFormatSniffer.identify(head: bytes) != .readable(.pppdump))
    }

    @Test("recordings that start with the time record, or mid-way with an HDLC data record, are recognised")
    func detection() {
        #expect(CaptureFormatSniffer.identify(head: Array(Self.file().prefix(96))) == .readable(.pppdump))
        var midway = PppdumpWriter(startSeconds: Self.start)
        midway.add(Self.frames[2].1, .received)
        midway.add(Self.frames[0].1, .sent)
        #expect(CaptureFormatSniffer.identify(head: Array(midway.bytes.dropFirst(5).prefix(96))) == .readable(.pppdump))
    }
}
