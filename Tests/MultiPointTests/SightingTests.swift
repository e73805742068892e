import PPTPAnalysis
import PPTPDissect
import PPTPMultiPoint
import PPTPPcapIO
import PPTPTestSupport
import Testing

/// Sightings: what identifies a packet at every point, and what it costs to keep one.
@Suite("Packet sightings")
struct SightingTests {
    @Test("a sighting stays 48 bytes, so a million of them fit in 48 MB")
    func sightingIsSmall() {
        #expect(MemoryLayout<Sighting>.stride <= 48)
    }

    @Test("a packet keeps its key through a NAT that rewrites its addresses, ports and Call ID")
    func keysSurviveNAT() throws {
        let s = try #require(MultiPointCatalog.named("nat-three-points"))
        let files = s.files()
        func sightings(_ bytes: [UInt8]) throws -> [Sighting] {
            let single = Analyzer.analyze(reader: try CaptureReader(bytes: bytes, name: "x.pcap"))
            var collector = SightingCollector(sessions: single.sessions)
            let reader = try CaptureReader(bytes: bytes, name: "x.pcap")
            _ = reader.forEach { record, raw in
                let view = ByteView(raw)
                collector.add(
                    PacketDissector.dissect(view, linkType: .ethernet, wireLength: record.wireLength),
                    number: record.number, timestamp: record.timestamp)
            }
            return collector.sightings
        }
        let inside = try sightings(files[0])
        let outside = try sightings(files[1])
        // Both sides of the NAT: every control and GRE packet of the session, the same keys in the same order.
        #expect(inside.count == outside.count)
        #expect(inside.map(\.key) == outside.map(\.key))
        #expect(Set(inside.compactMap(\.callID)) != Set(outside.compactMap(\.callID)), "the NAT did rewrite a Call ID")
        #expect(inside.first?.mss == 1460 && outside.first?.mss == 1400)
    }
}
