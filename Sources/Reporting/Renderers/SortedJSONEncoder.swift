import Foundation

/// A Codable encoder that writes exactly what Foundation's `JSONEncoder` writes with `.sortedKeys` and
/// `.withoutEscapingSlashes` (and `.prettyPrinted` when asked), at a fraction of the cost: no coding paths, no
/// existential boxes per value, one small tree of the value and one pass over it.
///
/// It stays Codable: whatever a model's `encode(to:)` says (synthesized or hand-written) is what is written, so a
/// field added to `Report` appears with no change here. Values Foundation treats specially (`Date`, `Data`, `URL`,
/// `Decimal`) and the rarely used `superEncoder` make it throw `Unsupported`; callers then use `JSONEncoder`.
///
/// Foundation's rules, kept byte for byte (swift-foundation's JSONWriter on Linux): keys sorted by their UTF-8
/// bytes; a Double as its `description` without a trailing ".0", a non-finite one is an error; in strings `"` and
/// `\` escaped, \b \f \n \r \t by name, other bytes under 0x20 as \u00xx, everything else as it is; pretty: two
/// spaces per level, `" : "` between key and value, an empty array or object as `[`, two newlines, `]`.
struct SortedJSONEncoder {
    var pretty = true

    struct Unsupported: Error {}

    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        var out: [UInt8] = []
        try write(value, depth: 0, into: &out)
        return out
    }

    /// Writes `value` as if it stood `depth` levels deep in a larger document (the indentation of its inner lines).
    func write<T: Encodable>(_ value: T, depth: Int, into out: inout [UInt8]) throws {
        let node = try JSONTree.node(of: value)
        var writer = JSONTreeWriter(pretty: pretty)
        writer.out = out
        out = []
        writer.write(node, depth: depth)
        out = writer.out
    }

    /// Encodes a value into its tree, for callers that splice documents together.
    static func tree<T: Encodable>(of value: T) throws -> JSONNode { try JSONTree.node(of: value) }
}

/// One encoded value. Containers are classes: Codable hands out a container first and fills it afterwards.
enum JSONNode {
    case string(String)
    /// A number already in its JSON text.
    case number(String)
    case bool(Bool)
    case null
    case array(JSONArrayBox)
    case object(JSONObjectBox)
}

final class JSONArrayBox {
    var items: [JSONNode] = []
}

final class JSONObjectBox {
    var members: [(key: String, value: JSONNode)] = []

    /// Encoding a key twice keeps the last value, as Foundation's dictionary does.
    func set(_ key: String, _ value: JSONNode) {
        if let i = members.firstIndex(where: { $0.key == key }) {
            members[i].value = value
        } else {
            members.append((key, value))
        }
    }
}

// MARK: - Encoding into the tree

enum JSONTree {
    static func node<T: Encodable>(of value: T) throws -> JSONNode {
        switch value {
        case let v as String: return .string(v)
        case let v as Int: return .number(v.description)
        case let v as Double: return try number(v)
        case let v as Bool: return .bool(v)
        default: break
        }
        try rejectSpecial(T.self)
        let encoder = TreeEncoder()
        try value.encode(to: encoder)
        guard let node = encoder.node else { throw SortedJSONEncoder.Unsupported() }
        return node
    }

    /// The types Foundation's encoder writes in its own way (dates, base64 data, URLs, decimals).
    static func rejectSpecial(_ type: Any.Type) throws {
        if type == Date.self || type == Data.self || type == URL.self || type == Decimal.self {
            throw SortedJSONEncoder.Unsupported()
        }
    }

    static func number(_ v: Double) throws -> JSONNode {
        guard v.isFinite else { throw SortedJSONEncoder.Unsupported() }
        var text = v.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }

    static func number(_ v: Float) throws -> JSONNode {
        guard v.isFinite else { throw SortedJSONEncoder.Unsupported() }
        var text = v.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }
}

private final class TreeEncoder: Encoder, SingleValueEncodingContainer {
    var node: JSONNode?
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // Asking twice gives the same object, as Foundation does.
        if case .object(let box)? = node { return KeyedEncodingContainer(KeyedTreeContainer<Key>(box: box)) }
        let box = JSONObjectBox()
        node = .object(box)
        return KeyedEncodingContainer(KeyedTreeContainer<Key>(box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let box)? = node { return UnkeyedTreeContainer(box: box) }
        let box = JSONArrayBox()
        node = .array(box)
        return UnkeyedTreeContainer(box: box)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws { node = .null }
    func encode(_ value: Bool) throws { node = .bool(value) }
    func encode(_ value: String) throws { node = .string(value) }
    func encode(_ value: Double) throws { node = try JSONTree.number(value) }
    func encode(_ value: Float) throws { node = try JSONTree.number(value) }
    func encode(_ value: Int) throws { node = .number(value.description) }
    func encode(_ value: Int8) throws { node = .number(value.description) }
    func encode(_ value: Int16) throws { node = .number(value.description) }
    func encode(_ value: Int32) throws { node = .number(value.description) }
    func encode(_ value: Int64) throws { node = .number(value.description) }
    func encode(_ value: UInt) throws { node = .number(value.description) }
    func encode(_ value: UInt8) throws { node = .number(value.description) }
    func encode(_ value: UInt16) throws { node = .number(value.description) }
    func encode(_ value: UInt32) throws { node = .number(value.description) }
    func encode(_ value: UInt64) throws { node = .number(value.description) }
    func encode<T: Encodable>(_ value: T) throws { node = try JSONTree.node(of: value) }
}

private struct KeyedTreeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: JSONObjectBox
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { box.set(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.set(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { box.set(key.stringValue, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { box.set(key.stringValue, try JSONTree.number(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { box.set(key.stringValue, try JSONTree.number(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.set(key.stringValue, try JSONTree.node(of: value))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBox()
        box.set(key.stringValue, .object(nested))
        return KeyedEncodingContainer(KeyedTreeContainer<NestedKey>(box: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONArrayBox()
        box.set(key.stringValue, .array(nested))
        return UnkeyedTreeContainer(box: nested)
    }

    mutating func superEncoder() -> any Encoder { UnsupportedEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { UnsupportedEncoder() }
}

private struct UnkeyedTreeContainer: UnkeyedEncodingContainer {
    let box: JSONArrayBox
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.items.count }

    mutating func encodeNil() throws { box.items.append(.null) }
    mutating func encode(_ value: Bool) throws { box.items.append(.bool(value)) }
    mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
    mutating func encode(_ value: Double) throws { box.items.append(try JSONTree.number(value)) }
    mutating func encode(_ value: Float) throws { box.items.append(try JSONTree.number(value)) }
    mutating func encode(_ value: Int) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: Int8) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: Int16) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: Int32) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: Int64) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: UInt) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: UInt8) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: UInt16) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: UInt32) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: UInt64) throws { box.items.append(.number(value.description)) }
    mutating func encode<T: Encodable>(_ value: T) throws { box.items.append(try JSONTree.node(of: value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBox()
        box.items.append(.object(nested))
        return KeyedEncodingContainer(KeyedTreeContainer<NestedKey>(box: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONArrayBox()
        box.items.append(.array(nested))
        return UnkeyedTreeContainer(box: nested)
    }

    mutating func superEncoder() -> any Encoder { UnsupportedEncoder() }
}

/// Stands in for `superEncoder()`: whatever is encoded through it fails, and the caller falls back to Foundation.
private struct UnsupportedEncoder: Encoder, SingleValueEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(FailingKeyed<Key>())
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { FailingUnkeyed() }
    func singleValueContainer() -> any SingleValueEncodingContainer { self }
    func encodeNil() throws { throw SortedJSONEncoder.Unsupported() }
    func encode<T: Encodable>(_ value: T) throws { throw SortedJSONEncoder.Unsupported() }
}

private struct FailingKeyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil(forKey key: Key) throws { throw SortedJSONEncoder.Unsupported() }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { throw SortedJSONEncoder.Unsupported() }
    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FailingKeyed<NestedKey>())
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { FailingUnkeyed() }
    mutating func superEncoder() -> any Encoder { UnsupportedEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { UnsupportedEncoder() }
}

private struct FailingUnkeyed: UnkeyedEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int { 0 }
    mutating func encodeNil() throws { throw SortedJSONEncoder.Unsupported() }
    mutating func encode<T: Encodable>(_ value: T) throws { throw SortedJSONEncoder.Unsupported() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FailingKeyed<NestedKey>())
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { FailingUnkeyed() }
    mutating func superEncoder() -> any Encoder { UnsupportedEncoder() }
}

// MARK: - Writing the tree

struct JSONTreeWriter {
    let pretty: Bool
    var out: [UInt8] = []

    init(pretty: Bool) { self.pretty = pretty }

    mutating func write(_ node: JSONNode, depth: Int) {
        switch node {
        case .string(let s): string(s)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let box):
            out.append(UInt8(ascii: "["))
            if pretty { out.append(0x0A) }
            for (i, item) in box.items.enumerated() {
                if i > 0 { separator() }
                indent(depth + 1)
                write(item, depth: depth + 1)
            }
            close(UInt8(ascii: "]"), depth: depth)
        case .object(let box):
            out.append(UInt8(ascii: "{"))
            if pretty { out.append(0x0A) }
            let sorted = box.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (i, member) in sorted.enumerated() {
                if i > 0 { separator() }
                indent(depth + 1)
                string(member.key)
                if pretty { out.append(contentsOf: " : ".utf8) } else { out.append(UInt8(ascii: ":")) }
                write(member.value, depth: depth + 1)
            }
            close(UInt8(ascii: "}"), depth: depth)
        }
    }

    /// Writes an object's members in key order, letting `custom` write the value of the keys it takes (it returns
    /// false for the others): how a document is streamed around one large member.
    mutating func writeObject(_ box: JSONObjectBox, depth: Int, custom: (String, inout JSONTreeWriter) -> Bool) {
        out.append(UInt8(ascii: "{"))
        if pretty { out.append(0x0A) }
        let sorted = box.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (i, member) in sorted.enumerated() {
            if i > 0 { separator() }
            indent(depth + 1)
            string(member.key)
            if pretty { out.append(contentsOf: " : ".utf8) } else { out.append(UInt8(ascii: ":")) }
            if !custom(member.key, &self) { write(member.value, depth: depth + 1) }
        }
        close(UInt8(ascii: "}"), depth: depth)
    }

    mutating func separator() {
        out.append(UInt8(ascii: ","))
        if pretty { out.append(0x0A) }
    }

    mutating func indent(_ depth: Int) {
        guard pretty, depth > 0 else { return }
        if depth <= Self.spaces.count / 2 {
            out.append(contentsOf: Self.spaces[..<(2 * depth)])
        } else {
            out.append(contentsOf: repeatElement(0x20, count: 2 * depth))
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 32)

    mutating func close(_ bracket: UInt8, depth: Int) {
        if pretty {
            out.append(0x0A)
            indent(depth)
        }
        out.append(bracket)
    }

    mutating func string(_ s: String) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var mark = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark..<i]))
                mark = i + 1
                out.append(UInt8(ascii: "\\"))
                switch b {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    out.append(contentsOf: "u00".utf8)
                    out.append(Self.hexDigit(b >> 4))
                    out.append(Self.hexDigit(b & 0xF))
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }
}
