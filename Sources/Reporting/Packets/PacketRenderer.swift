public import PPTPDissect

/// Renders `pptp-pcap packets`: one line per packet as text, or one JSON object per packet whose keys are
/// tshark's display-filter field names. A field that occurs more than once in a packet becomes an array.
public enum PacketRenderer {
    public static func textLine(
        number: Int, relativeTime: Double, packet: DecodedPacket, view: ByteView,
        fragment: FragmentView = .whole
    ) -> String {
        let (src, dst) = PacketSummary.addresses(packet)
        let time = formatSeconds(relativeTime)
        return "\(pad(String(number), 6)) \(pad(time, 11)) \(src) → \(dst) "
            + "\(PacketSummary.stackText(packet, fragment: fragment)) " + PacketSummary.line(packet, view, fragment: fragment)
    }

    public static func ndjsonLine(
        number: Int, relativeTime: Double, epochNanos: Int64, packet: DecodedPacket,
        view: ByteView, options: FieldOptions = .init()
    ) -> String {
        var writer = NDJSONWriter()
        var out: [UInt8] = []
        writer.write(number: number, relativeTime: relativeTime, packet: packet, view: view, options: options, to: &out)
        return String(decoding: out, as: UTF8.self)
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

/// Writes one packet as one JSON object into a byte buffer, reusing its storage from packet to packet: the
/// packet listing of a multi-GB capture must not build a dictionary and a String per packet. Fields keep their
/// first-seen order; a name seen more than once becomes an array.
public struct NDJSONWriter {
    private var names: [StaticString] = []
    private var values: [String] = []
    private var done: [Bool] = []

    public init() {}

    public mutating func write(
        number: Int, relativeTime: Double, packet: DecodedPacket, view: ByteView,
        options: FieldOptions, fragment: FragmentView = .whole, to out: inout [UInt8]
    ) {
        names.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        field("frame.number", String(number))
        field("frame.time_relative", PacketRenderer.formatSeconds(relativeTime))
        field("frame.len", String(packet.wireLength))
        field("frame.cap_len", String(packet.capturedLength))
        field("frame.protocols", PacketSummary.stackText(packet, fragment: fragment))
        FieldWriter.write(packet, view, options: options, fragment: fragment, to: &self)
        done.removeAll(keepingCapacity: true)
        done.append(contentsOf: repeatElement(false, count: names.count))
        out.append(UInt8(ascii: "{"))
        var first = true
        for i in names.indices where !done[i] {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONText.appendQuoted(names[i], to: &out)
            out.append(UInt8(ascii: ":"))
            var repeats = 0
            for j in (i + 1)..<names.count where !done[j] && Self.same(names[i], names[j]) { repeats += 1 }
            if repeats == 0 {
                JSONText.appendQuoted(values[i], to: &out)
                continue
            }
            out.append(UInt8(ascii: "["))
            JSONText.appendQuoted(values[i], to: &out)
            for j in (i + 1)..<names.count where !done[j] && Self.same(names[i], names[j]) {
                done[j] = true
                out.append(UInt8(ascii: ","))
                JSONText.appendQuoted(values[j], to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
    }

    static func same(_ a: StaticString, _ b: StaticString) -> Bool {
        guard a.utf8CodeUnitCount == b.utf8CodeUnitCount else { return false }
        if a.utf8Start == b.utf8Start { return true }
        return a.withUTF8Buffer { x in b.withUTF8Buffer { y in x.elementsEqual(y) } }
    }
}

extension NDJSONWriter: FieldSink {
    public mutating func field(_ name: StaticString, _ value: String) {
        names.append(name)
        values.append(value)
    }
}
