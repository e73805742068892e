/// Where pptp-pcap and tshark 4.0 differ on purpose, each with the reason. The differential test accepts a
/// difference only if it is listed here; everything else fails it.
enum KnownDifferences {
    struct Entry {
        var file: String
        /// nil: every frame of the file.
        var frames: Set<String>?
        /// nil: every compared field.
        var fields: Set<String>?
        var reason: String
    }

    static let entries: [Entry] = [
        Entry(
            file: "various_gre.pcap", frames: nil,
            fields: [
                "ip.src", "ip.dst", "icmp.type", "icmp.code", "gre.proto", "gre.flags_and_version", "udp.srcport",
                "tcp.srcport", "tcp.dstport",
            ],
            reason: "GRE version 0 payloads other than one IP datagram (Cisco MetaData 0x8909, keepalives that nest "
                + "GRE in IP in GRE) are not followed: they are not PPTP, and pptp-pcap stops at the first inner IP."),
        Entry(
            file: "GrePackets.pcap", frames: ["3", "5", "7"],
            fields: ["ip.src", "ip.dst", "gre.proto", "gre.flags_and_version", "udp.srcport", "tcp.srcport", "tcp.dstport"],
            reason: "Same: nested GRE v0 keepalives and Transparent Ethernet Bridging (0x6558) are not PPTP and not followed."),
        Entry(
            file: "control-split-merged/capture.pcap", frames: nil,
            fields: [
                "pptp.control_message_type", "pptp.control_result", "pptp.error", "pptp.call_id",
                "pptp.peer_call_id", "pptp.out_result", "pptp.host_name", "pptp.vendor_name",
            ],
            reason: "Compared with TCP desegmentation off (per-packet view): tshark decodes the header of a message "
                + "whose body continues in the next segment and reads the continuation as a new message; pptp-pcap's "
                + "packet view lists only whole messages and leaves split ones to the session reassembly, which "
                + "frames them by their Length field (checked in the Sessions tests)."),
        Entry(
            file: "lossy-wifi-and-mirror-drops/B-mirror-port.pcap", frames: ["76"], fields: ["pptp.control_message_type"],
            reason: retransmissionReason),
        Entry(
            file: "lossy-wifi-and-mirror-drops/C-server.pcap", frames: ["76"], fields: ["pptp.control_message_type"],
            reason: retransmissionReason),
        Entry(
            file: "hostile-strings/capture.pcap", frames: ["4", "19", "20"],
            fields: ["pptp.host_name", "chap.name", "chap.message"],
            reason: "Control characters and bytes that are not UTF-8 are shown as \\xNN escapes (SafeText), so a host "
                + "or CHAP name cannot drive a terminal; tshark prints ESC raw and invalid bytes as U+FFFD."),
    ]

    static let retransmissionReason =
        "The server's PPTP Echo-Request sent again after its first copy was lost: tshark does not dissect the "
        + "payload of a segment it flags as a TCP retransmission (tcp.no_subdissector_on_error, on by default); "
        + "pptp-pcap's packet view decodes the message of every segment."

    static func reason(file: String, frame: String, field: String) -> String? {
        entries.first { e in
            e.file == file && (e.frames?.contains(frame) ?? true) && (e.fields?.contains(field) ?? true)
        }?.reason
    }
}
