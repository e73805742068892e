public import PcapIO
public import Reporting
public import Sessions
import Dissect

/// `--evidence out.pcap`: a second pass over the capture that keeps only the given packets (the failed
/// sessions' control stream, GRE and the ICMP errors about them), written through libpcap with their original
/// timestamps and link type, optionally redacted with the report's pseudonyms.
public enum EvidenceWriter {
    /// Returns the number of packets written.
    public static func write(from input: String, filter: String?, flows: [SessionFlows], to output: String,
                             pseudonyms: Pseudonyms?) throws(CaptureError) -> Int {
        let reader = try CaptureReader(path: input, filter: filter)
        let writer = try CaptureWriter(path: output, linkType: reader.info.linkType,
                                       snapLength: max(reader.info.snapshotLength, 65_535))
        let fileLinkType = reader.info.linkType
        var written = 0
        var copy: [UInt8] = []
        _ = reader.forEach { record, bytes in
            // A file mixing link types keeps only the packets of its main one: pcap has one link type per file.
            guard (record.linkType ?? fileLinkType) == fileLinkType else { return }
            let view = ByteView(bytes)
            let packet = PacketDissector.dissect(view, linkType: LinkType(rawValue: fileLinkType), wireLength: record.wireLength)
            guard flows.contains(where: { $0.contains(packet, number: record.number) }) else { return }
            if let pseudonyms {
                copy.removeAll(keepingCapacity: true)
                copy.append(contentsOf: bytes)
                PacketRedactor.redact(&copy, linkType: LinkType(rawValue: fileLinkType), wireLength: record.wireLength,
                                      pseudonyms: pseudonyms)
                copy.withUnsafeBytes { writer.write(timestamp: record.timestamp, wireLength: record.wireLength, bytes: $0) }
            } else {
                writer.write(timestamp: record.timestamp, wireLength: record.wireLength, bytes: bytes)
            }
            written += 1
        }
        return written
    }
}
