public import PPTPDissect
public import PPTPPcapIO

/// Reads a capture through libpcap and dissects each packet in place: the glue between PcapIO and Dissect.
/// The closure gets a view over libpcap's buffer, valid only during the call. IPv4 fragments of GRE and TCP
/// datagrams are reassembled as the analysis does, so the listing can show them as tshark does.
public enum PacketStream {
    public struct Packet {
        public var record: CaptureRecord
        public var decoded: DecodedPacket
        /// Seconds since the first packet of the capture.
        public var relativeTime: Double
        /// For a fragment of a GRE or TCP datagram: still pending, or completing it (with the datagram, whose view
        /// is valid only during the call).
        public var fragment: FragmentView = .whole
    }

    /// Reads the whole file; returns the end-of-read status (a cut-off file still delivered every whole packet).
    /// The packet is lent `inout`, the one way the compiler passed it without copying its 700 bytes for every
    /// packet (taken by value or `borrowing`, the copy was a tenth of `packets --format ndjson`); the closure has no
    /// reason to change it.
    public static func read(
        path: String, filter: String? = nil,
        _ body: (inout Packet, ByteView) throws -> Void
    ) throws -> (CaptureInfo, CaptureReader.ReadEnd) {
        let reader = try CaptureReader.open(path: path, filter: filter)
        let linkType = LinkType(rawValue: reader.info.linkType)
        var first: Int64?
        var fragments = IPv4Reassembler()
        // One packet value for the whole file, dissected in place (no allocation per packet).
        var packet = Packet(
            record: CaptureRecord(number: 0, timestamp: 0, capturedLength: 0, wireLength: 0),
            decoded: DecodedPacket(linkType: linkType, capturedLength: 0, wireLength: 0), relativeTime: 0)
        let end = try reader.forEach { record, bytes in
            let view = ByteView(bytes)
            PacketDissector.dissect(
                view, linkType: record.linkType.map(LinkType.init(rawValue:)) ?? linkType,
                wireLength: record.wireLength, into: &packet.decoded)
            let start = first ?? record.timestamp
            if first == nil { first = record.timestamp }
            packet.record = record
            packet.relativeTime = (Double(record.timestamp) - Double(start)) / 1e9
            packet.fragment = .whole
            guard let ip = packet.decoded.ip, ip.isFragment, ip.proto == .gre || ip.proto == .tcp else {
                return try body(&packet, view)
            }
            guard let whole = fragments.add(ip, view: view, timestamp: record.timestamp) else {
                packet.fragment = .pending
                return try body(&packet, view)
            }
            try ByteView.with(whole) { datagram in
                packet.fragment = .completes(PacketDissector.dissect(datagram, linkType: .ipv4), datagram)
                try body(&packet, view)
            }
        }
        return (reader.info, end)
    }
}
