public import Dissect
public import PcapIO

/// Reads a capture through libpcap and dissects each packet in place: the glue between PcapIO and Dissect.
/// The closure gets a view over libpcap's buffer, valid only during the call.
public enum PacketStream {
    public struct Packet {
        public var record: CaptureRecord
        public var decoded: DecodedPacket
        /// Seconds since the first packet of the capture.
        public var relativeTime: Double
    }

    /// Reads the whole file; returns the end-of-read status (a cut-off file still delivered every whole packet).
    public static func read(path: String, filter: String? = nil,
                            _ body: (Packet, ByteView) throws -> Void) throws -> (CaptureInfo, CaptureReader.ReadEnd) {
        let reader = try CaptureReader(path: path, filter: filter)
        let linkType = LinkType(rawValue: reader.info.linkType)
        var first: Int64?
        let end = try reader.forEach { record, bytes in
            let view = ByteView(bytes)
            let decoded = PacketDissector.dissect(view, linkType: record.linkType.map(LinkType.init(rawValue:)) ?? linkType,
                                                  wireLength: record.wireLength)
            let start = first ?? record.timestamp
            if first == nil { first = record.timestamp }
            try body(Packet(record: record, decoded: decoded,
                            relativeTime: (Double(record.timestamp) - Double(start)) / 1e9), view)
        }
        return (reader.info, end)
    }
}
