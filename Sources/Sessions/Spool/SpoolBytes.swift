/// The primitives of the session spool's binary encoding (SessionCodec): LEB128 varints for unsigned integers,
/// zigzag varints for signed ones, a Double as its 8-byte bit pattern (little-endian), a String as a varint byte
/// count and its UTF-8, an Optional as a presence byte (0 or 1), an array or set as a varint count and its
/// elements. Two exceptions for compactness: a UInt8 is one raw byte (a varint would take two above 127), and an
/// IPv4/IPv6 address is its 4/16 network-order bytes (addresses use their high bits: a varint would be longer).

/// Why a decode stopped. Carries nothing: the codec only answers "not one valid encoding" (nil).
package struct SpoolError: Error {}

/// Appends encoded values to a byte array.
package struct SpoolWriter {
    package var bytes: [UInt8]

    package init(bytes: [UInt8] = []) { self.bytes = bytes }

    package mutating func byte(_ v: UInt8) { bytes.append(v) }

    package mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    package mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    package mutating func varint(_ v: UInt32) { varint(UInt64(v)) }
    package mutating func varint(_ v: UInt16) { varint(UInt64(v)) }

    /// Zigzag: 0, -1, 1, -2 … → 0, 1, 2, 3 …, so small negative numbers stay short.
    package mutating func signed(_ v: Int) {
        let x = Int64(v)
        varint(UInt64(bitPattern: (x << 1) ^ (x >> 63)))
    }

    /// The count of an array or set (never negative).
    package mutating func count(_ n: Int) { varint(UInt64(n)) }

    package mutating func double(_ v: Double) { fixed(v.bitPattern, bytes: 8) }

    /// The low `bytes` bytes of `v`, least significant first.
    package mutating func fixed(_ v: UInt64, bytes n: Int) {
        for i in 0..<n { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * i))) }
    }

    /// The low `bytes` bytes of `v`, most significant first (network order, for addresses).
    package mutating func bigEndian(_ v: UInt64, bytes n: Int) {
        for i in (0..<n).reversed() { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * i))) }
    }

    package mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    package mutating func optional<T>(_ v: T?, _ put: (inout SpoolWriter, T) -> Void) {
        guard let v else { return bytes.append(0) }
        bytes.append(1)
        put(&self, v)
    }

    package mutating func array<T>(_ items: [T], _ put: (inout SpoolWriter, T) -> Void) {
        count(items.count)
        for item in items { put(&self, item) }
    }

    package mutating func set<T: Hashable>(_ items: Set<T>, _ put: (inout SpoolWriter, T) -> Void) {
        count(items.count)
        for item in items { put(&self, item) }
    }
}

/// Reads encoded values from untrusted bytes: every read is bounds-checked, every conversion exact, and every
/// failure a thrown SpoolError, never a trap.
package struct SpoolReader {
    let base: UnsafeRawBufferPointer
    package private(set) var offset = 0

    package init(_ base: UnsafeRawBufferPointer) { self.base = base }

    package var remaining: Int { base.count - offset }
    package var isAtEnd: Bool { offset == base.count }

    package mutating func byte() throws(SpoolError) -> UInt8 {
        guard offset < base.count else { throw SpoolError() }
        defer { offset += 1 }
        return base[offset]
    }

    package mutating func bool() throws(SpoolError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw SpoolError()
        }
    }

    /// A LEB128 varint of at most 64 bits, in its shortest form (an overlong or overflowing one is invalid, so
    /// every value has exactly one encoding).
    package mutating func varint() throws(SpoolError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            let bits = UInt64(b & 0x7F)
            if shift == 63 && bits > 1 { throw SpoolError() }
            value |= bits << shift
            if b & 0x80 == 0 {
                if b == 0 && shift > 0 { throw SpoolError() }
                return value
            }
            shift += 7
            if shift > 63 { throw SpoolError() }
        }
    }

    package mutating func u16() throws(SpoolError) -> UInt16 {
        guard let v = UInt16(exactly: try varint()) else { throw SpoolError() }
        return v
    }

    package mutating func u32() throws(SpoolError) -> UInt32 {
        guard let v = UInt32(exactly: try varint()) else { throw SpoolError() }
        return v
    }

    package mutating func signed() throws(SpoolError) -> Int {
        let z = try varint()
        let x = Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1)))
        guard let v = Int(exactly: x) else { throw SpoolError() }
        return v
    }

    /// The count of an array, set or string: at most the bytes left, since each element takes at least one.
    package mutating func count() throws(SpoolError) -> Int {
        let n = try varint()
        guard n <= UInt64(remaining) else { throw SpoolError() }
        return Int(truncatingIfNeeded: n)
    }

    package mutating func fixed(bytes n: Int) throws(SpoolError) -> UInt64 {
        guard remaining >= n else { throw SpoolError() }
        var v: UInt64 = 0
        for i in 0..<n { v |= UInt64(base[offset + i]) << UInt64(8 * i) }
        offset += n
        return v
    }

    package mutating func bigEndian(bytes n: Int) throws(SpoolError) -> UInt64 {
        guard remaining >= n else { throw SpoolError() }
        var v: UInt64 = 0
        for i in 0..<n { v = v << 8 | UInt64(base[offset + i]) }
        offset += n
        return v
    }

    package mutating func double() throws(SpoolError) -> Double { Double(bitPattern: try fixed(bytes: 8)) }

    /// A string whose bytes must be valid UTF-8 (no repair: altered bytes are an invalid encoding).
    package mutating func string() throws(SpoolError) -> String {
        let n = try count()
        let utf8 = UnsafeRawBufferPointer(rebasing: base[offset..<offset + n])
        guard let s = String(validating: utf8, as: UTF8.self) else { throw SpoolError() }
        offset += n
        return s
    }

    package mutating func optional<T>(_ get: (inout SpoolReader) throws(SpoolError) -> T) throws(SpoolError) -> T? {
        try bool() ? try get(&self) : nil
    }

    /// `minimumSize` is a lower bound on one element's encoded size: it only limits what is reserved up front,
    /// so a count that lies cannot make the reader allocate more than the bytes left could fill.
    package mutating func array<T>(minimumSize: Int, _ get: (inout SpoolReader) throws(SpoolError) -> T) throws(SpoolError) -> [T]
    {
        let n = try count()
        var items: [T] = []
        items.reserveCapacity(min(n, remaining / max(1, minimumSize)))
        for _ in 0..<n { items.append(try get(&self)) }
        return items
    }

    /// A set whose elements must all differ (a repeated element is not something the writer produces).
    package mutating func set<T: Hashable>(minimumSize: Int, _ get: (inout SpoolReader) throws(SpoolError) -> T)
        throws(SpoolError)
        -> Set<T>
    {
        let n = try count()
        var items = Set<T>()
        items.reserveCapacity(min(n, remaining / max(1, minimumSize)))
        for _ in 0..<n {
            guard items.insert(try get(&self)).inserted else { throw SpoolError() }
        }
        return items
    }
}
