import Foundation
import PPTPAnalysis
import PPTPPcapIO
import PPTPReporting
import PPTPTestSupport
import Testing

/// Hand-made hostile inputs, each with the error or warning it must produce, and the regression files the
/// fuzzer found: nothing may crash, hang or lose what was already read.
@Suite("Hostile input")
struct HostileInputTests {
    /// Small raw builders: hostile packets break the rules the real builders keep.
    enum Raw {
        static let mac: [UInt8] = [0x02, 0, 0, 0, 0, 1]
        static func eth(_ payload: [UInt8], type: UInt16 = 0x0800, vlanTags: Int = 0) -> [UInt8] {
            var out = mac + mac
            for _ in 0..<vlanTags { out += [0x81, 0x00, 0x00, 0x0A] }
            return out + [UInt8(type >> 8), UInt8(type & 0xFF)] + payload
        }
        static func ipv4(proto: UInt8, _ payload: [UInt8], ihl: UInt8 = 5, src: UInt8 = 1, dst: UInt8 = 2) -> [UInt8] {
            let total = 20 + payload.count
            return [
                0x40 | ihl, 0, UInt8(total >> 8), UInt8(total & 0xFF), 0, 1, 0x40, 0, 64, proto, 0, 0,
                10, 0, 0, src, 10, 0, 0, dst,
            ] + payload
        }
        static func tcp(
            sport: UInt16, dport: UInt16, seq: UInt32 = 1, flags: UInt8 = 0x18, offset: UInt8 = 5,
            _ payload: [UInt8] = []
        ) -> [UInt8] {
            [
                UInt8(sport >> 8), UInt8(sport & 0xFF), UInt8(dport >> 8), UInt8(dport & 0xFF),
                UInt8(seq >> 24), UInt8(seq >> 16 & 0xFF), UInt8(seq >> 8 & 0xFF), UInt8(seq & 0xFF),
                0, 0, 0, 0, offset << 4, flags, 0xFF, 0xFF, 0, 0, 0, 0,
            ] + payload
        }
        static func greLCP(_ lcp: [UInt8], callID: UInt16 = 7) -> [UInt8] {
            let ppp: [UInt8] = [0xFF, 0x03, 0xC0, 0x21] + lcp
            return [
                0x30, 0x01, 0x88, 0x0B, UInt8(ppp.count >> 8), UInt8(ppp.count & 0xFF),
                UInt8(callID >> 8), UInt8(callID & 0xFF), 0, 0, 0, 1,
            ] + ppp
        }
        static func pcap(_ frames: [[UInt8]], linkType: UInt32 = 1) -> [UInt8] {
            var w = PcapWriter(linkType: linkType)
            for (i, f) in frames.enumerated() { w.add(f, timestampNanos: 1_700_000_000_000_000_000 + UInt64(i) * 1_000_000) }
            return w.bytes
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        /// A word the report's warnings (or the read error) must contain.
        var expect: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a record claiming 4 GB of captured bytes",
            bytes: Array(
                Raw.pcap([]) + [0, 0, 0, 0, 0, 0, 0, 0, 0xF0, 0xFF, 0xFF, 0xFF, 0xF0, 0xFF, 0xFF, 0xFF]
                    + [UInt8](repeating: 0, count: 64)),
            expect: "packet 1"),
        Case(
            name: "an LCP option of length 0",
            bytes: Raw.pcap([Raw.eth(Raw.ipv4(proto: 47, Raw.greLCP([1, 1, 0, 10, 1, 0, 0, 0, 0, 0])))]),
            expect: "lcp"),
        Case(
            name: "an LCP option of length 1",
            bytes: Raw.pcap([Raw.eth(Raw.ipv4(proto: 47, Raw.greLCP([1, 1, 0, 8, 5, 1, 0, 0])))]),
            expect: "lcp"),
        Case(
            name: "an IPv4 header length under 5 words",
            bytes: Raw.pcap([Raw.eth(Raw.ipv4(proto: 6, Raw.tcp(sport: 1, dport: 1723), ihl: 3))]),
            expect: "ipv4"),
        Case(
            name: "a TCP data offset under 5",
            bytes: Raw.pcap([Raw.eth(Raw.ipv4(proto: 6, Raw.tcp(sport: 1000, dport: 1723, offset: 2)))]),
            expect: "tcp"),
        Case(
            name: "20 stacked VLAN tags",
            bytes: Raw.pcap([Raw.eth(Raw.ipv4(proto: 6, Raw.tcp(sport: 1000, dport: 1723)), vlanTags: 20)]),
            expect: "VLAN"),
        Case(
            name: "a PPTP length under the 12-byte header",
            bytes: Raw.pcap([
                Raw.eth(
                    Raw.ipv4(
                        proto: 6,
                        Raw.tcp(
                            sport: 1000, dport: 1723,
                            [0, 8, 0, 1, 0x1A, 0x2B, 0x3C, 0x4D, 0, 1, 0, 0, 0, 0, 0, 0])))
            ]),
            expect: "pptp"),
        Case(
            name: "ICMP quoting ICMP quoting ICMP",
            bytes: Raw.pcap([
                Raw.eth(
                    Raw.ipv4(
                        proto: 1,
                        [3, 4, 0, 0, 0, 0, 5, 0x78]
                            + Raw.ipv4(proto: 1, [3, 2, 0, 0, 0, 0, 0, 0] + Raw.ipv4(proto: 1, [3, 3, 0, 0, 0, 0, 0, 0]))))
            ]),
            expect: "ICMP"),
    ]

    @Test("each hostile input yields its warning and the rest of the work goes on", arguments: cases)
    func hostileInputIsReported(_ c: Case) throws {
        let result = Analyzer.analyze(reader: try CaptureReader(bytes: c.bytes, name: "hostile.pcap"))
        let text = result.report.warnings.map(\.message).joined(separator: "\n") + (result.readError?.description ?? "")
        #expect(text.localizedCaseInsensitiveContains(c.expect), "\(text)")
        // Every renderer copes.
        _ = TextRenderer().render(result.report)
        _ = MarkdownRenderer.render(result.report)
        _ = HTMLRenderer.render(result.report)
        let json = JSONRenderer.render(result.report)
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
    }

    @Test("a file cut in the middle of a record keeps every packet before the cut")
    func cutFileKeepsWhatWasRead() throws {
        let scenario = try #require(FixtureCatalog.named("success-mschapv2"))
        let bytes = scenario.bytes()
        let result = Analyzer.analyze(reader: try CaptureReader(bytes: Array(bytes.dropLast(30)), name: "cut.pcap"))
        #expect(result.readError?.kind == .truncated)
        #expect(result.readError?.description.contains("cut.pcap, packet ") == true)
        #expect(result.report.sessions.count == 1)
        #expect(result.report.capture.packets > 50)
    }

    @Test("timestamps that go backwards or jump centuries are handled")
    func wildTimestamps() throws {
        var w = PcapWriter(linkType: 1)
        let frame = Raw.eth(Raw.ipv4(proto: 47, Raw.greLCP([1, 1, 0, 8, 1, 4, 5, 0xDC])))
        for t: UInt64 in [1_700_000_000_000_000_000, 5, UInt64.max / 2, 1_700_000_000_000_000_000, 0] {
            w.add(frame, timestampNanos: t)
        }
        let result = Analyzer.analyze(reader: try CaptureReader(bytes: w.bytes, name: "time.pcap"))
        #expect(result.report.capture.packets == 5)
        _ = TextRenderer().render(result.report)
    }

    @Test("duplicate frames (a SPAN port) are analysed once and reported")
    func duplicateFramesAreNotRetransmissions() throws {
        let scenario = try #require(FixtureCatalog.named("success-mschapv2"))
        let original = Analyzer.analyze(reader: try CaptureReader(bytes: scenario.bytes(), name: "once.pcap"))
        // Every frame twice, 10 µs apart.
        var w = PcapWriter(linkType: 1)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dup-\(UUID().uuidString).pcap")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(scenario.bytes()).write(to: url)
        let reader = try CaptureReader(path: url.path)
        _ = reader.forEach { record, bytes in
            w.add(Array(bytes), timestampNanos: UInt64(record.timestamp))
            w.add(Array(bytes), timestampNanos: UInt64(record.timestamp) + 10_000)
        }
        let doubled = Analyzer.analyze(reader: try CaptureReader(bytes: w.bytes, name: "twice.pcap"))
        #expect(doubled.report.sessions.map(\.outcome) == original.report.sessions.map(\.outcome))
        #expect(doubled.report.sessions.first?.findings.map(\.rule) == original.report.sessions.first?.findings.map(\.rule))
        #expect(doubled.report.warnings.contains { $0.code == "capture.duplicate-frames" })
    }

    static var regressionFiles: [String] {
        let dir = ProjectPaths.fixtures.appendingPathComponent("hostile")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { !$0.hasSuffix(".md") }.sorted()
    }

    @Test("every input the fuzzer found still analyses and renders", arguments: regressionFiles)
    func fuzzerFindings(file: String) throws {
        let url = ProjectPaths.fixtures.appendingPathComponent("hostile").appendingPathComponent(file)
        for result in [
            try Analyzer.analyze(path: url.path),
            Analyzer.analyze(reader: try CaptureReader(bytes: Array(try Data(contentsOf: url)), name: file)),
        ] {
            _ = TextRenderer(color: true).render(result.report)
            _ = MarkdownRenderer.render(result.report)
            _ = HTMLRenderer.render(result.report)
            #expect((try? JSONSerialization.jsonObject(with: Data(JSONRenderer.render(result.report).utf8))) != nil)
        }
    }
}
