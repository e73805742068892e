import PPTPDissect

/// Runs the dissector over a byte array. `DecodedPacket` holds only offsets, so it may outlive the view.
func dissect(_ bytes: [UInt8], _ link: LinkType = .ethernet, wireLength: Int? = nil) -> DecodedPacket {
    ByteView.with(bytes) { PacketDissector.dissect($0, linkType: link, wireLength: wireLength) }
}

/// Dissects `bytes` cut to their first `length` bytes, as a capture with that snapshot length would hold them.
func dissectCut(_ bytes: [UInt8], at length: Int, _ link: LinkType = .ethernet) -> DecodedPacket {
    dissect(Array(bytes.prefix(length)), link, wireLength: bytes.count)
}

/// The one-line summary of a packet (`PacketSummary.line`).
func summaryLine(_ bytes: [UInt8], _ link: LinkType = .ethernet) -> String {
    ByteView.with(bytes) { PacketSummary.line(PacketDissector.dissect($0, linkType: link), $0) }
}

/// Collects what `FieldWriter` emits, in order.
struct FieldCollector: FieldSink {
    var pairs: [(name: String, value: String)] = []

    mutating func field(_ name: StaticString, _ value: String) {
        pairs.append((name.description, value))
    }

    func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }
    func first(_ name: String) -> String? { values(name).first }
    func has(_ name: String) -> Bool { pairs.contains { $0.name == name } }
}

/// The fields `FieldWriter` writes for a packet.
func fields(_ bytes: [UInt8], _ link: LinkType = .ethernet, options: FieldOptions = .init()) -> FieldCollector {
    ByteView.with(bytes) { view in
        var sink = FieldCollector()
        FieldWriter.write(PacketDissector.dissect(view, linkType: link), view, options: options, to: &sink)
        return sink
    }
}

/// One configuration option as `forEachOption` reports it, with its data copied out.
struct SeenOption: Equatable, CustomStringConvertible {
    var type: UInt8
    var length: Int
    var data: [UInt8]
    var description: String { "opt\(type)/\(length)\(data)" }
}

/// Walks the options of the packet's control layer. `complete` is what `forEachOption` returned.
func controlOptions(_ bytes: [UInt8], _ link: LinkType = .ethernet) -> (options: [SeenOption], complete: Bool)? {
    ByteView.with(bytes) { view in
        guard let control = PacketDissector.dissect(view, linkType: link).control else { return nil }
        var seen: [SeenOption] = []
        let complete = control.forEachOption(view) { o in
            seen.append(SeenOption(type: o.type, length: o.length, data: view.bytes(o.data)))
        }
        return (seen, complete)
    }
}

/// The bytes of a range of the packet, as text (for ranges such as a PAP peer ID or a CHAP name).
func text(_ bytes: [UInt8], _ range: Range<Int>?) -> String? {
    guard let range, range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
    return String(decoding: bytes[range], as: UTF8.self)
}
