import PPTPPcapIO
import PPTPTestSupport
import Testing

/// Formats pptp-pcap can name but does not read: opening one fails with `unsupported-format`, an error that
/// names the file and the format and says which command converts it.
@Suite("Unsupported capture formats are named, with the way out")
struct UnsupportedFormatTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        var name: String
        var head: [UInt8]
        var suffix: String
        var formatWords: String
        var command: String
        var testDescription: String { name }
    }

    /// A Windows ETW buffer: 64 KiB buffer size, then at 0x48 the logfile header's SYSTEM_TRACE_HEADER marker
    /// (version 2, 64-bit header type, flags 0xC0).
    static let etwBuffer: [UInt8] = {
        var b = [UInt8](repeating: 0, count: 0x60)
        b[0...3] = [0x00, 0x00, 0x01, 0x00]
        b[0x48...0x4B] = [0x02, 0x00, 0x02, 0xC0]
        return b
    }()

    static func padded(_ magic: [UInt8]) -> [UInt8] { magic + [UInt8](repeating: 0x5A, count: 100) }

    static let samples: [Sample] = [
        Sample(
            name: "ETW trace by content", head: etwBuffer, suffix: ".bin", formatWords: "Windows ETW trace",
            command: "pktmon etl2pcap"),
        Sample(
            name: "ETW trace by extension", head: padded([0x13, 0x37]), suffix: ".etl", formatWords: "Windows ETW trace",
            command: "etl2pcapng"),
        Sample(
            name: "netsh trace .cab", head: padded(Array("MSCF".utf8) + [0, 0, 0, 0]), suffix: ".cab",
            formatWords: "Windows cabinet (.cab)", command: "etl2pcapng"),
        Sample(
            name: "snoop", head: padded(Array("snoop".utf8) + [0, 0, 0]), suffix: ".snoop", formatWords: "Sun snoop",
            command: "editcap -F pcap"),
        Sample(
            name: "NetXRay", head: padded(Array("XCP".utf8) + [0]), suffix: ".cap", formatWords: "NetXRay",
            command: "editcap -F pcap"),
        Sample(
            name: "Sniffer DOS", head: padded(Array("TRSNIFF data    ".utf8) + [0x1A]), suffix: ".enc",
            formatWords: "Sniffer (DOS)", command: "editcap -F pcap"),
        Sample(
            name: "iptrace", head: padded(Array("iptrace 2.0".utf8)), suffix: ".iptrace", formatWords: "AIX iptrace",
            command: "editcap -F pcap"),
        Sample(
            name: "Observer", head: padded(Array("ObserverPktBufferVersion=15.00".utf8)), suffix: ".bfr",
            formatWords: "Observer", command: "editcap -F pcap"),
        Sample(
            name: "Peek tagged", head: padded([0x7F] + Array("ver".utf8)), suffix: ".pkt", formatWords: "Peek",
            command: "editcap -F pcap"),
    ]

    @Test("opening the file fails with unsupported-format, naming the file, the format and the conversion", arguments: samples)
    func namedWithConversion(sample: Sample) throws {
        try withTempFile(sample.head, suffix: sample.suffix) { path in
            let error = try #require(openError(path))
            #expect(error.kind == .unsupportedFormat)
            #expect(error.kind.rawValue == "unsupported-format")
            #expect(error.path == path)
            #expect(error.message.contains(sample.formatWords), "\(error.message)")
            #expect(error.message.contains(sample.command), "\(error.message)")
            #expect(error.description.hasPrefix(path))
            if sample.suffix == ".etl" {
                let out = String(path.dropLast(4)) + ".pcapng"
                #expect(error.message.contains("`pktmon etl2pcap \(path) --out \(out)`"))
            }
            if sample.command == "editcap -F pcap" {
                #expect(error.message.contains("`editcap -F pcap \(path) out.pcap`"))
            }
        }
    }

    @Test("a real pcap named .etl is still read: content wins over the name")
    func contentWinsOverName() throws {
        let file = PcapWriter.file(SampleFrames.frames, linkType: LinkType.ethernet)
        let result = try withTempFile(file, suffix: ".etl") { try readAll($0) }
        #expect(result.packets.count == SampleFrames.frames.count)
    }

    @Test("an in-memory capture in a named format is refused the same way")
    func inMemory() {
        do throws(CaptureError) {
            _ = try CaptureReader(bytes: Self.padded(Array("snoop".utf8) + [0, 0, 0]), name: "mem.snoop")
            Issue.record("a snoop file was accepted")
        } catch {
            #expect(error.kind == .unsupportedFormat)
            #expect(error.message.contains("Sun snoop"))
        }
    }
}
