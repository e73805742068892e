import PPTPDissect
import PPTPTestSupport
import Testing

/// The analysis loop dissects every packet into one reused `DecodedPacket`, which `reset` clears field by field.
/// A field added to DecodedPacket and forgotten there would carry one packet's layer into the next: this compares
/// every stored property (through its printed form, so new fields are covered without changing the test) with
/// a fresh dissection, packet after packet of every fixture, all through the same reused value.
@Suite("Dissecting into a reused packet")
struct ReusedPacketTests {
    @Test("gives exactly what a fresh packet gets, for every fixture packet in turn")
    func reuseMatchesFresh() throws {
        var reused = DecodedPacket(linkType: .ethernet, capturedLength: 0, wireLength: 0)
        var count = 0
        for scenario in FixtureCatalog.all {
            for captured in CaptureRecords.packets(in: scenario.bytes()) {
                let link = LinkType(rawValue: captured.linkType)
                ByteView.with(captured.bytes) { view in
                    let fresh = PacketDissector.dissect(view, linkType: link, wireLength: captured.wireLength)
                    PacketDissector.dissect(view, linkType: link, wireLength: captured.wireLength, into: &reused)
                    #expect(String(describing: reused) == String(describing: fresh), "\(scenario.name)")
                }
                count += 1
            }
        }
        #expect(count > 100)
    }
}
