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
        let out = ByteBuffer()
        writer.write(number: number, relativeTime: relativeTime, packet: packet, view: view, options: options, to: out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    static func formatSeconds(_ t: Double) -> String {
        let scaled = (t * 1e6).rounded()
        // Past what the microseconds' integer holds (no capture's time stamps reach it): the number as it is.
        guard scaled.magnitude < 9e18 else { return String(t) }
        let micros = Int64(scaled)
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
/// packet listing of a multi-GB capture must not build a dictionary or a String per packet. Each value is written
/// as a JSON literal into one scratch buffer as it arrives (numbers and addresses formatted in place); fields keep
/// their first-seen order, and a name seen more than once becomes an array.
public struct NDJSONWriter {
    /// The writer's state, in a class so that the sink's methods reach it without copying or retaining anything
    /// per field (a struct's class-typed properties are retained around each use through `inout self`).
    private final class Table {
        struct Field {
            var name: StaticString
            /// Where the value's JSON literal lies in `scratch`.
            var start: Int32
            var end: Int32
            var done = false
        }
        @exclusivity(unchecked) var fields: [Field] = []
        let scratch = ByteBuffer(capacity: 4096)
        /// One bit per name seen in this packet, at its `filterIndex` (1024 bits): a name whose bit was already set
        /// may be a repeat. Most packets repeat no name, and then the search for repeats, the costly part, is
        /// skipped; a packet that only seems to (two names on one bit) takes the search and loses nothing.
        let namesSeen = UnsafeMutablePointer<UInt64>.allocate(capacity: 16)
        @exclusivity(unchecked) var mayRepeat = false

        init() {
            fields.reserveCapacity(64)
            namesSeen.initialize(repeating: 0, count: 16)
        }

        deinit { namesSeen.deallocate() }
    }
    private let state = Table()

    public init() {}

    public mutating func write(
        number: Int, relativeTime: Double, packet: DecodedPacket, view: ByteView,
        options: FieldOptions, fragment: FragmentView = .whole, to out: ByteBuffer
    ) {
        state.fields.removeAll(keepingCapacity: true)
        state.scratch.removeAll()
        state.namesSeen.update(repeating: 0, count: 16)
        state.mayRepeat = false
        field("frame.number", decimal: number)
        var start = state.scratch.count
        state.scratch.append(0x22)
        Self.appendSeconds(relativeTime, to: state.scratch)
        state.scratch.append(0x22)
        record("frame.time_relative", from: start)
        field("frame.len", decimal: packet.wireLength)
        field("frame.cap_len", decimal: packet.capturedLength)
        start = state.scratch.count
        state.scratch.append(0x22)
        Self.appendStack(packet, fragment: fragment, to: state.scratch)
        state.scratch.append(0x22)
        record("frame.protocols", from: start)
        FieldWriter.write(packet, view, options: options, fragment: fragment, to: &self)
        out.append(UInt8(ascii: "{"))
        guard state.mayRepeat else {
            for (i, f) in state.fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(0x22)
                out.append(f.name)
                out.append(0x22)
                out.append(UInt8(ascii: ":"))
                state.scratch.copy(Int(f.start)..<Int(f.end), to: out)
            }
            out.append(UInt8(ascii: "}"))
            return
        }
        var first = true
        state.fields.withUnsafeMutableBufferPointer { fields in
            for i in fields.indices where !fields[i].done {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(0x22)
                out.append(fields[i].name)
                out.append(0x22)
                out.append(UInt8(ascii: ":"))
                var repeats = 0
                for j in (i + 1)..<fields.count where !fields[j].done && Self.same(fields[i].name, fields[j].name) {
                    repeats += 1
                }
                if repeats == 0 {
                    state.scratch.copy(Int(fields[i].start)..<Int(fields[i].end), to: out)
                    continue
                }
                out.append(UInt8(ascii: "["))
                state.scratch.copy(Int(fields[i].start)..<Int(fields[i].end), to: out)
                for j in (i + 1)..<fields.count where !fields[j].done && Self.same(fields[i].name, fields[j].name) {
                    fields[j].done = true
                    out.append(UInt8(ascii: ","))
                    state.scratch.copy(Int(fields[j].start)..<Int(fields[j].end), to: out)
                }
                out.append(UInt8(ascii: "]"))
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    static func same(_ a: StaticString, _ b: StaticString) -> Bool {
        guard a.utf8CodeUnitCount == b.utf8CodeUnitCount else { return false }
        if a.utf8Start == b.utf8Start { return true }
        return a.withUTF8Buffer { x in b.withUTF8Buffer { y in x.elementsEqual(y) } }
    }

    private func record(_ name: StaticString, from start: Int) {
        let index = Self.filterIndex(name)
        let bit: UInt64 = 1 << UInt64(index & 63)
        if state.namesSeen[index >> 6] & bit != 0 { state.mayRepeat = true }
        state.namesSeen[index >> 6] |= bit
        state.fields.append(
            Table.Field(name: name, start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: state.scratch.count)))
    }

    /// A name's bit in the repeat filter (10 bits): its length, first and last eight bytes mixed; a byte loop
    /// only for names shorter than eight bytes (hashing every byte of every name was 15 % of the listing).
    static func filterIndex(_ name: StaticString) -> Int {
        let length = name.utf8CodeUnitCount
        let bytes = UnsafeRawPointer(name.utf8Start)
        var mixed = UInt64(length) &* 0x9E37_79B9_7F4A_7C15
        if length >= 8 {
            let head = bytes.loadUnaligned(as: UInt64.self)
            let tail = bytes.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            mixed ^= head &* 0xC2B2_AE3D_27D4_EB4F
            mixed ^= (tail << 31 | tail >> 33) &* 0x1656_67B1_9E37_79F9
        } else {
            for i in 0..<length { mixed = (mixed ^ UInt64(bytes.load(fromByteOffset: i, as: UInt8.self))) &* 0x100_0000_01B3 }
        }
        mixed ^= mixed >> 29
        mixed &*= 0x94D0_49BB_1331_11EB
        return Int(mixed >> 54)
    }

    /// `PacketRenderer.formatSeconds`, written as bytes: seconds with six decimals, rounded to the microsecond.
    static func appendSeconds(_ t: Double, to out: ByteBuffer) {
        let scaled = (t * 1e6).rounded()
        guard scaled.magnitude < 9e18 else {
            var text = PacketRenderer.formatSeconds(t)
            text.withUTF8 { out.append(UnsafeRawBufferPointer($0)) }
            return
        }
        let micros = Int64(scaled)
        if micros < 0 { out.append(UInt8(ascii: "-")) }
        let m = micros.magnitude
        appendDecimal(m / 1_000_000, to: out)
        out.append(UInt8(ascii: "."))
        var fraction = m % 1_000_000
        var divisor: UInt64 = 100_000
        for _ in 0..<6 {
            out.append(0x30 + UInt8(fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }

    static func appendDecimal(_ value: UInt64, to out: ByteBuffer) {
        if value < 10 { return out.append(0x30 + UInt8(value)) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits
        withUnsafeMutableBytes(of: &digits) { d in
            var v = value
            var i = d.count
            repeat {
                i -= 1
                d[i] = 0x30 + UInt8(v % 10)
                v /= 10
            } while v != 0
            out.append(UnsafeRawBufferPointer(rebasing: d[i...]))
        }
    }

    /// The lowercase hex digit of `nibble` (0–15).
    @inline(__always) static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }

    static func appendHex(_ value: UInt64, digits minimum: Int, to out: ByteBuffer) {
        var count = 1
        while count < 16, value >> (4 * UInt64(count)) != 0 { count += 1 }
        count = max(count, min(minimum, 16))
        for i in stride(from: count - 1, through: 0, by: -1) {
            out.append(hexDigit(UInt8(truncatingIfNeeded: value >> (4 * UInt64(i)) & 0xF)))
        }
    }

    /// `Layer.rawValue` without making a String (the listing names about five layers a packet).
    static func name(of layer: Layer) -> StaticString {
        switch layer {
        case .frame: "frame"
        case .ethernet: "ethernet"
        case .vlan: "vlan"
        case .sll: "sll"
        case .sll2: "sll2"
        case .loopback: "loopback"
        case .pppoe: "pppoe"
        case .ipv4: "ipv4"
        case .ipv6: "ipv6"
        case .tcp: "tcp"
        case .udp: "udp"
        case .gre: "gre"
        case .pptp: "pptp"
        case .ppp: "ppp"
        case .lcp: "lcp"
        case .pap: "pap"
        case .chap: "chap"
        case .eap: "eap"
        case .ccp: "ccp"
        case .ipcp: "ipcp"
        case .ipv6cp: "ipv6cp"
        case .ncp: "ncp"
        case .icmp: "icmp"
        case .icmpv6: "icmpv6"
        }
    }

    /// `PacketSummary.stackText`, written as bytes.
    static func appendStack(_ p: DecodedPacket, fragment: FragmentView, to out: ByteBuffer) {
        switch fragment {
        case .whole:
            var first = true
            p.forEachLayer { layer in
                if !first { out.append(UInt8(ascii: ":")) }
                first = false
                out.append(Self.name(of: layer))
            }
        case .pending, .completes:
            // The listing's view of a fragment: up to IP, then the reassembled datagram's layers above IP.
            var text = PacketSummary.stackText(p, fragment: fragment)
            text.withUTF8 { out.append(UnsafeRawBufferPointer($0)) }
        }
    }
}

extension NDJSONWriter: FieldSink {
    public func field(_ name: StaticString, _ value: String) {
        let start = state.scratch.count
        JSONText.appendQuoted(value, to: state.scratch)
        record(name, from: start)
    }

    public func field(_ name: StaticString, decimal value: Int) {
        let start = state.scratch.count
        state.scratch.append(0x22)
        if value < 0 { state.scratch.append(UInt8(ascii: "-")) }
        Self.appendDecimal(UInt64(value.magnitude), to: state.scratch)
        state.scratch.append(0x22)
        record(name, from: start)
    }

    public func field(_ name: StaticString, hex value: UInt64, digits: Int) {
        let start = state.scratch.count
        state.scratch.append(0x22)
        state.scratch.append(UInt8(ascii: "0"))
        state.scratch.append(UInt8(ascii: "x"))
        Self.appendHex(value, digits: digits, to: state.scratch)
        state.scratch.append(0x22)
        record(name, from: start)
    }

    public func field(_ name: StaticString, mac: MACAddress) {
        let start = state.scratch.count
        state.scratch.append(0x22)
        for i in 0..<6 {
            if i > 0 { state.scratch.append(UInt8(ascii: ":")) }
            let byte = UInt8(truncatingIfNeeded: mac.raw >> (8 * UInt64(5 - i)))
            state.scratch.append(Self.hexDigit(byte >> 4))
            state.scratch.append(Self.hexDigit(byte & 0xF))
        }
        state.scratch.append(0x22)
        record(name, from: start)
    }

    public func field(_ name: StaticString, ip: IPAddress) {
        guard case .v4(let a) = ip else { return field(name, ip.description) }
        let start = state.scratch.count
        state.scratch.append(0x22)
        appendOctet(a >> 24)
        state.scratch.append(UInt8(ascii: "."))
        appendOctet(a >> 16 & 0xFF)
        state.scratch.append(UInt8(ascii: "."))
        appendOctet(a >> 8 & 0xFF)
        state.scratch.append(UInt8(ascii: "."))
        appendOctet(a & 0xFF)
        state.scratch.append(0x22)
        record(name, from: start)
    }

    private func appendOctet(_ v: UInt32) {
        if v >= 100 { state.scratch.append(0x30 + UInt8(v / 100)) }
        if v >= 10 { state.scratch.append(0x30 + UInt8(v / 10 % 10)) }
        state.scratch.append(0x30 + UInt8(v % 10))
    }
}
