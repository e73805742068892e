import PPTPDissect
public import PPTPPcapIO
public import PPTPReporting
public import PPTPSessions

/// `--evidence out.pcap`: a second pass over the capture that keeps only the given packets (the failed
/// sessions' control stream, GRE and the ICMP errors about them), written through libpcap with their original
/// timestamps and link type, optionally redacted with the report's pseudonyms.
public enum EvidenceWriter {
    /// Returns the number of packets written. Several inputs are one capture split in pieces (`--merge`):
    /// packet numbers run on across them, as the analysis numbered them.
    public static func write(
        from inputs: [String], filter: String?, flows: [SessionFlows], to output: String,
        pseudonyms: Pseudonyms?
    ) throws(CaptureError) -> Int {
        var readers: [CaptureReader] = []
        for input in inputs { readers.append(try CaptureReader.open(path: input, filter: filter)) }
        guard let first = readers.first else { return 0 }
        let writer = try CaptureWriter(
            path: output, linkType: first.info.linkType,
            snapLength: max(readers.map(\.info.snapshotLength).max() ?? 0, 65_535))
        let fileLinkType = first.info.linkType
        var written = 0
        var base = 0
        var copy: [UInt8] = []
        for reader in readers {
            let end = reader.forEach { record, bytes in
                // Packets of another link type stay out: pcap has one link type per file.
                guard (record.linkType ?? reader.info.linkType) == fileLinkType else { return }
                let view = ByteView(bytes)
                let packet = PacketDissector.dissect(
                    view, linkType: LinkType(rawValue: fileLinkType),
                    wireLength: record.wireLength)
                guard flows.contains(where: { $0.contains(packet, number: base + record.number) }) else { return }
                if let pseudonyms {
                    copy.removeAll(keepingCapacity: true)
                    copy.append(contentsOf: bytes)
                    PacketRedactor.redact(
                        &copy, linkType: LinkType(rawValue: fileLinkType), wireLength: record.wireLength,
                        pseudonyms: pseudonyms)
                    copy.withUnsafeBytes { writer.write(timestamp: record.timestamp, wireLength: record.wireLength, bytes: $0) }
                } else {
                    writer.write(timestamp: record.timestamp, wireLength: record.wireLength, bytes: bytes)
                }
                written += 1
            }
            base += end.packetsRead
        }
        return written
    }

    public static func write(
        from input: String, filter: String?, flows: [SessionFlows], to output: String,
        pseudonyms: Pseudonyms?
    ) throws(CaptureError) -> Int {
        try write(from: [input], filter: filter, flows: flows, to: output, pseudonyms: pseudonyms)
    }
}
