/// Builds a pcapng file in memory: one Section Header Block, one or more Interface Description Blocks
/// (each with its own link type, name and time resolution) and Enhanced Packet Blocks.
public struct PcapNGWriter: Sendable {
    /// Description of one capture interface (one IDB).
    public struct Interface: Sendable {
        public var linkType: UInt32
        public var snaplen: UInt32
        public var name: String?
        /// if_tsresol exponent of ten: 6 = microseconds (the pcapng default), 9 = nanoseconds.
        public var timestampResolution: UInt8

        public init(
            linkType: UInt32, snaplen: UInt32 = 262_144, name: String? = nil,
            timestampResolution: UInt8 = 6
        ) {
            self.linkType = linkType
            self.snaplen = snaplen
            self.name = name
            self.timestampResolution = timestampResolution
        }
    }

    public let byteOrder: CaptureByteOrder
    public private(set) var interfaces: [Interface] = []
    public private(set) var bytes: [UInt8] = []
    public private(set) var lastBlockOffset: Int?

    public init(byteOrder: CaptureByteOrder = .little, application: String = "pptp-pcap make-fixtures") {
        self.byteOrder = byteOrder
        var body = ByteWriter()
        let big = byteOrder.isBig
        body.u32(0x1A2B_3C4D, bigEndian: big)  // byte-order magic
        body.u16(1, bigEndian: big)  // major
        body.u16(0, bigEndian: big)  // minor
        body.u64(UInt64.max, bigEndian: big)  // section length unknown
        body.append(Self.option(code: 4, value: Array(application.utf8), big: big))  // shb_userappl
        body.append(Self.endOfOptions(big: big))
        appendBlock(type: 0x0A0D_0D0A, body: body.bytes)
    }

    /// Adds an Interface Description Block; returns the interface index to use in `add`.
    @discardableResult
    public mutating func addInterface(_ interface: Interface) -> Int {
        var body = ByteWriter()
        let big = byteOrder.isBig
        body.u16(UInt16(truncatingIfNeeded: interface.linkType), bigEndian: big)
        body.u16(0, bigEndian: big)
        body.u32(interface.snaplen, bigEndian: big)
        if let name = interface.name {
            body.append(Self.option(code: 2, value: Array(name.utf8), big: big))  // if_name
        }
        if interface.timestampResolution != 6 {
            body.append(Self.option(code: 9, value: [interface.timestampResolution], big: big))  // if_tsresol
        }
        body.append(Self.endOfOptions(big: big))
        appendBlock(type: 1, body: body.bytes)
        interfaces.append(interface)
        return interfaces.count - 1
    }

    /// Adds an Enhanced Packet Block on `interface`, truncated to that interface's snaplen, with an opt_comment if
    /// given (pktmon's etl2pcap names each copy of a packet this way).
    public mutating func add(_ packet: [UInt8], interface: Int, timestampNanos: UInt64, comment: String? = nil) {
        guard interfaces.indices.contains(interface) else {
            preconditionFailure("pcapng: interface \(interface) has no IDB")
        }
        let description = interfaces[interface]
        var units = timestampNanos
        if description.timestampResolution < 9 {
            var divisor: UInt64 = 1
            for _ in 0..<(9 - Int(description.timestampResolution)) { divisor *= 10 }
            units = timestampNanos / divisor
        }
        let caplen = min(packet.count, Int(description.snaplen))
        var body = ByteWriter(capacity: 20 + caplen + 3)
        let big = byteOrder.isBig
        body.u32(UInt32(interface), bigEndian: big)
        body.u32(UInt32(truncatingIfNeeded: units >> 32), bigEndian: big)
        body.u32(UInt32(truncatingIfNeeded: units), bigEndian: big)
        body.u32(UInt32(caplen), bigEndian: big)
        body.u32(UInt32(packet.count), bigEndian: big)
        body.append(Array(packet.prefix(caplen)))
        body.align(to: 4)
        if let comment {
            body.append(Self.option(code: 1, value: Array(comment.utf8), big: big))
            body.append(Self.endOfOptions(big: big))
        }
        appendBlock(type: 6, body: body.bytes)
    }

    /// Builds a whole file: one IDB per entry of `interfaces`, frames placed by their `interface` index.
    public static func file(
        _ frames: [CapturedFrame], interfaces: [Interface],
        byteOrder: CaptureByteOrder = .little
    ) -> [UInt8] {
        var writer = PcapNGWriter(byteOrder: byteOrder)
        for interface in interfaces { writer.addInterface(interface) }
        for frame in frames { writer.add(frame.bytes, interface: frame.interface, timestampNanos: frame.timestampNanos) }
        return writer.bytes
    }

    private mutating func appendBlock(type: UInt32, body: [UInt8]) {
        let total = UInt32(12 + body.count)
        var block = ByteWriter(capacity: Int(total))
        let big = byteOrder.isBig
        block.u32(type, bigEndian: big)
        block.u32(total, bigEndian: big)
        block.append(body)
        block.u32(total, bigEndian: big)
        lastBlockOffset = bytes.count
        bytes.append(contentsOf: block.bytes)
    }

    private static func option(code: UInt16, value: [UInt8], big: Bool) -> [UInt8] {
        var writer = ByteWriter()
        writer.u16(code, bigEndian: big)
        writer.u16(UInt16(value.count), bigEndian: big)
        writer.append(value)
        writer.align(to: 4)
        return writer.bytes
    }

    private static func endOfOptions(big: Bool) -> [UInt8] {
        var writer = ByteWriter()
        writer.u16(0, bigEndian: big)
        writer.u16(0, bigEndian: big)
        return writer.bytes
    }
}
