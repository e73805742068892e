import Foundation
import PPTPPcapIO
import PPTPTestSupport
import Testing

/// Network Monitor files whose tables and lengths lie: every one ends in an error that names the file and the
/// offset (and the frame, once reading has started), never in a trap or an allocation sized by the lie, and the
/// frames before the damage are delivered.
@Suite("Damaged Network Monitor files")
struct HostileNetmonTests {
    static func threeFrames() -> NetmonWriter {
        var writer = NetmonWriter()
        writer.frames = SampleFrames.frames.prefix(3).enumerated().map { i, frame in
            NetmonWriter.Frame(frame.bytes, offsetMicros: UInt64(i) * 1000)
        }
        return writer
    }

    @Test("an intact three-frame file reads whole (the baseline for the cases below)")
    func baseline() throws {
        let result = try withTempFile(Self.threeFrames().bytes, suffix: ".cap") { try readAll($0) }
        #expect(result.end.error == nil)
        #expect(result.packets.map(\.bytes) == SampleFrames.frames.prefix(3).map(\.bytes))
    }

    @Test(
        "a frame table beyond the end of the file, or longer than it: the frames are read in file order, then a truncation error",
        arguments: [(UInt32?.some(0xFFFF_FFF0), UInt32?.none), (nil, 0xFFFF_FFFC), (200, 0x7FFF_FFFC)] as [(UInt32?, UInt32?)])
    func tableOutsideFile(offset: UInt32?, length: UInt32?) throws {
        var writer = Self.threeFrames()
        writer.tableOffsetField = offset
        writer.tableLengthField = length
        let bytes = writer.bytes
        let result = try withTempFile(bytes, suffix: ".cap") { try readAll($0) }
        #expect(result.packets.map(\.bytes) == SampleFrames.frames.prefix(3).map(\.bytes))
        let error = try #require(result.end.error)
        #expect(error.kind == .truncated)
        #expect(error.packetNumber == 4)
        #expect(error.message.contains("frame table"))
        #expect(error.message.contains("the 3 frames before byte"))
    }

    @Test("a capture cut off before its frame table (a copy that stopped) still gives every whole frame it holds")
    func cutBeforeTable() throws {
        let whole = Self.threeFrames().bytes
        // Cut inside the third frame: its table and the end of the frame are gone.
        let cut = Array(whole.prefix(whole.count - 12 - 10))
        let result = try withTempFile(cut, suffix: ".cap") { path in (try readAll(path), path) }
        #expect(result.0.packets.map(\.bytes) == SampleFrames.frames.prefix(2).map(\.bytes))
        let error = try #require(result.0.end.error)
        #expect(error.kind == .truncated)
        #expect(error.path == result.1)
        #expect(error.packetNumber == 3)
        #expect(error.message.contains("frame 3"))
    }

    @Test("a frame table length that is not whole entries is refused")
    func tableLengthNotWholeEntries() throws {
        var writer = Self.threeFrames()
        writer.tableLengthField = 10
        try withTempFile(writer.bytes, suffix: ".cap") { path in
            #expect(openError(path)?.kind == .readFailed)
        }
    }

    @Test("a frame table entry pointing outside the file stops there: earlier frames delivered, the error names frame and offset")
    func entryOutsideFile() throws {
        var writer = Self.threeFrames()
        writer.tableEntries = [2: 0xFFFF_FF00]
        let result = try withTempFile(writer.bytes, suffix: ".cap") { try readAll($0) }
        #expect(result.packets.count == 2)
        let error = try #require(result.end.error)
        #expect(error.packetNumber == 3)
        #expect(error.byteOffset == 0xFFFF_FF00)
        #expect(error.message.contains("frame 3"))
    }

    @Test(
        "a captured length beyond any frame, or beyond the file, ends the read with the frame's offset",
        arguments: [(UInt32.max, CaptureError.Kind.readFailed), (5000, .truncated)])
    func lyingCapturedLength(field: UInt32, kind: CaptureError.Kind) throws {
        var writer = Self.threeFrames()
        writer.frames[1].capturedLengthField = field
        let result = try withTempFile(writer.bytes, suffix: ".cap") { try readAll($0) }
        #expect(result.packets.count == 1)
        let error = try #require(result.end.error)
        #expect(error.kind == kind)
        #expect(error.packetNumber == 2)
        #expect(error.byteOffset == 128 + 16 + SampleFrames.frames[0].bytes.count)
    }

    @Test("a file cut inside its header is a truncated-file error, not a crash")
    func cutHeader() throws {
        try withTempFile(Array(Self.threeFrames().bytes.prefix(40)), suffix: ".cap") { path in
            #expect(openError(path)?.kind == .truncated)
        }
    }

    @Test("zero-length frames are delivered as empty records; an empty frame table is an empty capture")
    func zeroLengths() throws {
        var writer = NetmonWriter()
        writer.frames = [.init([], offsetMicros: 0), .init(SampleFrames.pptpSyn, offsetMicros: 5)]
        let result = try withTempFile(writer.bytes, suffix: ".cap") { try readAll($0) }
        #expect(result.packets.map(\.record.capturedLength) == [0, SampleFrames.pptpSyn.count])
        #expect(result.end.error == nil)

        let empty = try withTempFile(NetmonWriter().bytes, suffix: ".cap") { try readAll($0) }
        #expect(empty.packets.isEmpty)
        #expect(empty.end.error == nil)
    }

    @Test("a major version other than 1 or 2 is an unsupported format, with the conversion")
    func unknownVersion() throws {
        var bytes = Self.threeFrames().bytes
        bytes[5] = 3
        try withTempFile(bytes, suffix: ".cap") { path in
            let error = try #require(openError(path))
            #expect(error.kind == .unsupportedFormat)
            #expect(error.message.contains("editcap -F pcap"))
        }
    }

    @Test("a thousand byte-mutated copies of a real file never trap, and every error names the file")
    func mutations() throws {
        let original = Array(
            try Data(contentsOf: ProjectPaths.fixtures.appendingPathComponent("formats/pcapng-two-interfaces-1-28.netmon2.cap")))
        var random = SplitMix(seed: 0x6E65_746D_6F6E)
        for _ in 0..<1000 {
            var bytes = original
            for _ in 0..<(1 + Int(random.next() % 8)) {
                // Mostly the header and table, where one byte moves everything.
                let inTable = random.next() % 2 == 0
                let index =
                    inTable
                    ? (random.next() % 2 == 0 ? Int(random.next() % 64) : bytes.count - 1 - Int(random.next() % 112))
                    : Int(random.next() % UInt64(bytes.count))
                bytes[index] = UInt8(truncatingIfNeeded: random.next())
            }
            try withTempFile(bytes, suffix: ".cap") { path in
                do throws(CaptureError) {
                    let result = try readAll(path)
                    if let error = result.end.error { #expect(error.path == path) }
                } catch {
                    #expect(error.path == path)
                }
            }
        }
    }
}
