import Foundation
import PPTPAnalysis
import PPTPDissect
import PPTPTestSupport
import Testing

@testable import PPTPReporting

/// The NDJSON listing formats numbers, addresses and times in place; what it writes must be what the text forms
/// (`String(n)`, `hex`, `description`, `formatSeconds`) say, which the tshark comparison holds to Wireshark.
@Suite("The packet listing's in-place formatting")
struct PacketListingTests {
    /// A sink that keeps the text forms the protocol's default methods make.
    struct TextSink: FieldSink {
        var fields: [(String, String)] = []
        mutating func field(_ name: StaticString, _ value: String) { fields.append(("\(name)", value)) }
    }

    @Test("times: rounding to the microsecond, negative times, whole seconds, very large values")
    func seconds() {
        let values: [Double] = [
            0, 0.0000004, 0.0000005, 0.0000015, 1, 1.5, 59.999_999_5, -0.25, -3.000_000_4, 86_400.123_456,
            1e12 + 0.5, -1e12, 9.3e12, 1e300, -1e300,
        ]
        for t in values {
            let bytes = ByteBuffer()
            NDJSONWriter.appendSeconds(t, to: bytes)
            #expect(String(decoding: bytes.bytes, as: UTF8.self) == PacketRenderer.formatSeconds(t), "\(t)")
        }
    }

    @Test("every field of every fixture packet is written as its text form, repeated names as arrays")
    func fieldsMatchTextForms() throws {
        let captures = try FileManager.default.subpathsOfDirectory(atPath: ProjectPaths.fixtures.path)
            .filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted()
        var checked = 0
        var writer = NDJSONWriter()
        for name in captures {
            let path = ProjectPaths.fixtures.appendingPathComponent(name).path
            guard
                let (_, _) = try? PacketStream.read(
                    path: path,
                    { packet, view in
                        let options = FieldOptions(showCredentials: true)
                        let line = ByteBuffer()
                        writer.write(
                            number: packet.record.number, relativeTime: packet.relativeTime, packet: packet.decoded,
                            view: view, options: options, fragment: packet.fragment, to: line)
                        var text = TextSink()
                        text.fields = [
                            ("frame.number", String(packet.record.number)),
                            ("frame.time_relative", PacketRenderer.formatSeconds(packet.relativeTime)),
                            ("frame.len", String(packet.decoded.wireLength)),
                            ("frame.cap_len", String(packet.decoded.capturedLength)),
                            ("frame.protocols", PacketSummary.stackText(packet.decoded, fragment: packet.fragment)),
                        ]
                        FieldWriter.write(packet.decoded, view, options: options, fragment: packet.fragment, to: &text)
                        #expect(
                            String(decoding: line.bytes, as: UTF8.self) == Self.reference(text.fields),
                            "\(name) #\(packet.record.number)")
                        checked += 1
                    })
            else { continue }
        }
        #expect(checked > 1000)
    }

    /// The listing's JSON object written the plain way: names in first-seen order, a repeated name's values in an array.
    static func reference(_ fields: [(String, String)]) -> String {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for (name, value) in fields {
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(JSONText.quoted(value))
        }
        let members = order.map { name in
            let v = values[name] ?? []
            return JSONText.quoted(name) + ":" + (v.count == 1 ? v[0] : "[" + v.joined(separator: ",") + "]")
        }
        return "{" + members.joined(separator: ",") + "}"
    }
}

extension PacketListingTests {
    @Test("every layer's name is its raw value")
    func layerNames() {
        for layer in Layer.allCases { #expect("\(NDJSONWriter.name(of: layer))" == layer.rawValue) }
    }
}
