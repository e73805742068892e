import ArgumentParser
import PPTPAnalysis
import PPTPDissect
import PPTPPcapIO
import PPTPReporting

struct PacketsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "packets",
        abstract: "List every packet: number, time, addresses, protocol stack and the innermost message.",
        discussion: """
            --format ndjson prints one JSON object per packet whose keys are the display-filter field names of \
            Wireshark 4.0 (frame.number, pptp.call_id, gre.key.call_id, lcp.opt.mru, chap.message, …) with the \
            values tshark -T fields prints, so the two compare directly. A field seen more than once in a packet \
            is an array.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, ndjson }

    @Argument(help: "A pcap or pcapng capture file.", completion: .file())
    var file: String

    @Option(help: "A libpcap (BPF) filter, e.g. 'tcp port 1723 or proto 47'.")
    var filter: String?

    @Option(help: "Output format: text or ndjson.")
    var format: Format = .text

    @Flag(help: "Show PAP passwords and MS-CHAP challenge/response values (hidden by default).")
    var showCredentials = false

    func run() throws {
        let options = FieldOptions(showCredentials: showCredentials)
        var malformed = 0
        var writer = NDJSONWriter()
        // The listing's lines gather here and go to standard output 64 KiB at a time.
        let lines = ByteBuffer(capacity: 1 << 17)
        let result: (info: PPTPPcapIO.CaptureInfo, end: PPTPPcapIO.CaptureReader.ReadEnd)
        do {
            result = try PacketStream.read(path: file, filter: filter) { packet, view in
                if packet.decoded.malformed != nil { malformed += 1 }
                switch format {
                case .text:
                    Output.line(
                        PacketRenderer.textLine(
                            number: packet.record.number, relativeTime: packet.relativeTime,
                            packet: packet.decoded, view: view, fragment: packet.fragment))
                case .ndjson:
                    writer.write(
                        number: packet.record.number, relativeTime: packet.relativeTime,
                        packet: packet.decoded, view: view, options: options, fragment: packet.fragment,
                        to: lines)
                    lines.append(0x0A)
                    if lines.count >= 1 << 16 {
                        Output.writeThrough(bytes: lines.bytes)
                        lines.removeAll()
                    }
                }
            }
        } catch let error as PPTPPcapIO.CaptureError {
            Output.write(bytes: lines.bytes)
            Output.flush()
            Output.error("pptp-pcap: \(error)")
            throw ExitCode(ExitStatus.unreadable)
        }
        Output.write(bytes: lines.bytes)
        Output.flush()
        for note in result.end.notes { Output.error("pptp-pcap: note: \(result.info.path): \(note.message)") }
        var status = ExitStatus.ok
        if let error = result.end.error {
            Output.error("pptp-pcap: warning: \(error)")
            status = ExitStatus.warnings
        }
        if malformed > 0 {
            Output.error("pptp-pcap: warning: \(result.info.path): \(malformed) malformed packet(s)")
            status = ExitStatus.warnings
        }
        if status != ExitStatus.ok { throw ExitCode(status) }
    }
}
