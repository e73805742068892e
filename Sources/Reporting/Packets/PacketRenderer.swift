public import Dissect

/// Renders `pptp-pcap packets`: one line per packet as text, or one JSON object per packet whose keys are
/// tshark's display-filter field names. A field that occurs more than once in a packet becomes an array.
public enum PacketRenderer {
    public static func textLine(number: Int, relativeTime: Double, packet: DecodedPacket, view: ByteView) -> String {
        let (src, dst) = PacketSummary.addresses(packet)
        let time = formatSeconds(relativeTime)
        return "\(pad(String(number), 6)) \(pad(time, 11)) \(src) → \(dst) \(PacketSummary.stackText(packet)) "
            + PacketSummary.line(packet, view)
    }

    public static func ndjsonLine(number: Int, relativeTime: Double, epochNanos: Int64, packet: DecodedPacket,
                                  view: ByteView, options: FieldOptions = .init()) -> String {
        var sink = OrderedFieldSink()
        sink.field("frame.number", String(number))
        sink.field("frame.time_relative", formatSeconds(relativeTime))
        sink.field("frame.len", String(packet.wireLength))
        sink.field("frame.cap_len", String(packet.capturedLength))
        sink.field("frame.protocols", PacketSummary.stackText(packet))
        FieldWriter.write(packet, view, options: options, to: &sink)
        return sink.json()
    }

    static func formatSeconds(_ t: Double) -> String {
        let micros = Int64((t * 1e6).rounded())
        let sign = micros < 0 ? "-" : ""
        let m = abs(micros)
        let frac = String(m % 1_000_000)
        return "\(sign)\(m / 1_000_000).\(String(repeating: "0", count: 6 - frac.count))\(frac)"
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}

/// Collects fields in first-seen order, grouping repeats.
struct OrderedFieldSink: FieldSink {
    var names: [String] = []
    var values: [String: [String]] = [:]

    mutating func field(_ name: StaticString, _ value: String) {
        let key = name.description
        if values[key] == nil { names.append(key); values[key] = [value] } else { values[key]?.append(value) }
    }

    func json() -> String {
        var out = "{"
        for (i, name) in names.enumerated() {
            if i > 0 { out += "," }
            out += JSONText.quoted(name) + ":"
            let v = values[name] ?? []
            if v.count == 1 { out += JSONText.quoted(v[0]) } else {
                out += "[" + v.map(JSONText.quoted).joined(separator: ",") + "]"
            }
        }
        return out + "}"
    }
}
