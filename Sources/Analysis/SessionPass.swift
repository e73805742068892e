import PPTPDissect
import PPTPPcapIO
import PPTPSessions

/// The per-packet part of `Analyzer`: duplicate filter → dissect → session builder → IPv4 reassembly, and the
/// sessions the builder retires on the way into the store.
///
/// The packet is dissected into one value reused for the whole pass, and every step gets it by reference
/// (`inout`): a ~700-byte struct copied several times per packet was the largest single cost of the pass.
struct SessionPass {
    var builder: SessionBuilder
    var store: SessionStore
    var fragments = IPv4Reassembler()
    var duplicates = DuplicateFrameFilter()
    var linkType: LinkType
    /// Packets read from earlier files (`--merge`): numbers run on across the files of one capture.
    var numberBase = 0
    var progress: (@Sendable (AnalysisProgress) -> Void)?
    var totalBytes: Int64 = 0
    /// Bytes of the files `--merge` read before this one.
    private var bytesBefore: Int64 = 0
    private var calls = 0

    /// Now and then reports how far the pass has got: the record's number counts every packet of the file (also
    /// those the read-ahead thread set aside), the reader's position the bytes.
    private mutating func advance(_ record: CaptureRecord, _ reader: CaptureReader) {
        calls &+= 1
        guard let progress, calls & 0x3FFF == 0 else { return }
        progress(
            AnalysisProgress(
                packets: numberBase + record.number, bytes: bytesBefore + (reader.position ?? 0),
                totalBytes: totalBytes > 0 && reader.position != nil ? totalBytes : nil, sessions: store.count))
    }

    init(limits: SessionBuilder.Limits, linkType: LinkType, store: SessionStore = SessionStore()) {
        builder = SessionBuilder(limits: limits)
        self.store = store
        self.linkType = linkType
    }

    /// Reads every record of `reader` into the builder: on this core alone, or with reading, the duplicate filter
    /// and the counting of unrelated packets on a second one (`ReadAhead`); the sessions are the same either way.
    mutating func run(_ reader: CaptureReader, readAhead: Bool = false) -> CaptureReader.ReadEnd {
        linkType = LinkType(rawValue: reader.info.linkType)
        var packet = DecodedPacket(linkType: linkType, capturedLength: 0, wireLength: 0)
        let end: CaptureReader.ReadEnd
        if readAhead {
            var duplicates = self.duplicates
            end = ReadAhead.run(
                reader, linkType: linkType, duplicates: &duplicates,
                packet: { record, view in
                    Self.dissect(record, view, into: &packet, linkType: self.linkType)
                    Self.take(record, view, dissected: &packet, duplicate: false, pass: &self)
                    self.advance(record, reader)
                },
                unrelated: { counts in
                    self.builder.countUnrelated(counts)
                })
            self.duplicates = duplicates
        } else {
            // Packets the header bytes show to be unrelated are counted in runs, as the read-ahead thread does.
            let ethernet = linkType == .ethernet
            var unrelated = SessionBuilder.UnrelatedPackets()
            end = reader.forEach { record, bytes in
                let view = ByteView(bytes)
                let duplicate = duplicates.isDuplicate(view, timestamp: record.timestamp)
                let snapTruncated = record.wireLength > bytes.count
                if !duplicate, ethernet, record.linkType == nil,
                    case .unrelated = PacketRelevance.glance(ethernetFrame: view, snapTruncated: snapTruncated)
                {
                    unrelated.add(timestamp: record.timestamp, snapTruncated: snapTruncated)
                } else {
                    if !unrelated.isEmpty {
                        builder.countUnrelated(unrelated)
                        unrelated = SessionBuilder.UnrelatedPackets()
                    }
                    if !duplicate { Self.dissect(record, view, into: &packet, linkType: linkType) }
                    Self.take(record, view, dissected: &packet, duplicate: duplicate, pass: &self)
                }
                advance(record, reader)
            }
            if !unrelated.isEmpty { builder.countUnrelated(unrelated) }
        }
        numberBase += end.packetsRead
        bytesBefore += Int64(reader.info.fileSize ?? 0)
        return end
    }

    private static func dissect(
        _ record: CaptureRecord, _ view: ByteView, into packet: inout DecodedPacket,
        linkType: LinkType
    ) {
        PacketDissector.dissect(
            view, linkType: record.linkType.map(LinkType.init(rawValue:)) ?? linkType,
            wireLength: record.wireLength, into: &packet)
    }

    /// The end of the capture: every session, the ones still open included, is in the store.
    mutating func finish() -> (store: SessionStore, stats: CaptureStats) {
        let (open, stats) = builder.finish()
        for session in builder.takeRetired() + open { store.add(session) }
        return (store, stats)
    }

    /// One packet, already dissected (unless it is a duplicate frame), into the builder.
    private static func take(
        _ record: CaptureRecord, _ view: ByteView, dissected packet: inout DecodedPacket,
        duplicate: Bool, pass: inout SessionPass
    ) {
        var record = record
        record.number += pass.numberBase
        if duplicate {
            pass.builder.countDuplicate()
            return
        }
        pass.builder.add(&packet, view: view, number: record.number, timestamp: record.timestamp)
        // A fragment of GRE or TCP: when it completes its datagram, the whole datagram joins the session
        // under this packet's number.
        // Tested through the optional before binding it: binding copies the 224-byte header, for every packet.
        if packet.ip?.isFragment == true, let ip = packet.ip, ip.proto == .gre || ip.proto == .tcp,
            let whole = pass.fragments.add(ip, view: view, timestamp: record.timestamp)
        {
            ByteView.with(whole) { datagram in
                var reassembled = PacketDissector.dissect(datagram, linkType: .ipv4)
                pass.builder.add(
                    &reassembled, view: datagram, number: record.number, timestamp: record.timestamp,
                    countAsPacket: false)
            }
        }
        if pass.builder.hasRetired {
            for session in pass.builder.takeRetired() { pass.store.add(session) }
        }
    }
}
