import PPTPReporting

/// One file's catalog rows between its analysis and its one transaction. A row is 2–3 KB (its findings as JSON):
/// a file of ten thousand sessions held them all, most of a job's memory. Past `heldLimit` rows they go to an
/// unlinked temporary file (`TextSpool`) and come back one at a time as the transaction inserts them; a file of
/// the usual handful never makes one.
///
/// Each row is framed by its byte count (4 bytes, little-endian) and encodes every field in declaration order:
/// a String as its UTF-8 byte count (4 bytes) and bytes, an Int as 8 bytes, a Double as its 8-byte bit pattern,
/// an Optional as a presence byte before its value. Fast to write and read back: the rows cost no JSON.
final class SessionRowSpool {
    static let defaultHeldLimit = 64
    /// The stored properties of `SessionRecord` the encoding writes; a test holds it to the type.
    static let encodedFields = 24

    let heldLimit: Int
    private var held: [SessionRecord] = []
    private var spool: TextSpool?
    private var scratch: [UInt8] = []
    /// Rows appended so far.
    private(set) var count = 0

    init(heldLimit: Int = SessionRowSpool.defaultHeldLimit) { self.heldLimit = max(0, heldLimit) }

    convenience init(_ rows: [SessionRecord]) {
        self.init(heldLimit: rows.count)
        for row in rows { append(row) }
    }

    func append(_ row: SessionRecord) {
        count += 1
        if spool == nil {
            guard held.count >= heldLimit else { return held.append(row) }
            let spool = TextSpool()
            self.spool = spool
            for earlier in held { write(earlier, to: spool) }
            held = []
        }
        if let spool { write(row, to: spool) }
    }

    struct Unreadable: Error, CustomStringConvertible {
        var description: String { "the session rows could not be read back from their temporary file" }
    }

    /// Every row, in the order appended.
    func forEach(_ body: (SessionRecord) throws -> Void) throws {
        guard let spool else { return try held.forEach(body) }
        var pending: [UInt8] = []
        var read = 0
        var failure: (any Error)?
        let replayed = spool.replay { chunk in
            guard failure == nil else { return }
            pending.append(contentsOf: chunk)
            var start = 0
            while let length = Self.u32(pending, at: start).map(Int.init), pending.count - start - 4 >= length {
                var reader = Reader(bytes: pending[(start + 4)..<(start + 4 + length)])
                guard let row = reader.row(), reader.atEnd else {
                    failure = Unreadable()
                    return
                }
                do { try body(row) } catch {
                    failure = error
                    return
                }
                read += 1
                start += 4 + length
            }
            pending.removeFirst(start)
        }
        if let failure { throw failure }
        guard replayed, pending.isEmpty, read == count else { throw Unreadable() }
    }

    private func write(_ row: SessionRecord, to spool: TextSpool) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: [0, 0, 0, 0])
        var writer = Writer(bytes: scratch)
        writer.row(row)
        scratch = writer.bytes
        let length = UInt32(truncatingIfNeeded: scratch.count - 4)
        for i in 0..<4 { scratch[i] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(i))) }
        scratch.withUnsafeBytes { spool.append($0) }
    }

    private static func u32(_ bytes: [UInt8], at offset: Int) -> UInt32? {
        guard offset >= 0, bytes.count - offset >= 4 else { return nil }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * UInt32(i)) }
        return v
    }

    private struct Writer {
        var bytes: [UInt8]

        mutating func row(_ r: SessionRecord) {
            int(Int(r.fileId))
            int(r.sessionId)
            string(r.client)
            string(r.server)
            optional(r.startTime) { $0.double($1) }
            optional(r.endTime) { $0.double($1) }
            optional(r.startIso) { $0.string($1) }
            optional(r.endIso) { $0.string($1) }
            double(r.startSeconds)
            double(r.endSeconds)
            string(r.outcome)
            optional(r.failureStage) { $0.string($1) }
            optional(r.lastStageCompleted) { $0.string($1) }
            string(r.errorCodes)
            optional(r.primaryCode) { $0.int($1) }
            optional(r.confidence) { $0.string($1) }
            string(r.headline)
            string(r.capturePoint)
            int(r.firstPacket)
            int(r.lastPacket)
            int(r.packetCount)
            string(r.rules)
            string(r.findingsJson)
            optional(r.userName) { $0.string($1) }
        }

        mutating func int(_ v: Int) { fixed(UInt64(bitPattern: Int64(v))) }
        mutating func double(_ v: Double) { fixed(v.bitPattern) }

        mutating func fixed(_ v: UInt64) {
            for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
        }

        mutating func string(_ s: String) {
            var s = s
            s.withUTF8 { utf8 in
                let n = UInt32(truncatingIfNeeded: utf8.count)
                for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: n >> (8 * UInt32(i)))) }
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func optional<T>(_ v: T?, _ put: (inout Writer, T) -> Void) {
            guard let v else { return bytes.append(0) }
            bytes.append(1)
            put(&self, v)
        }
    }

    /// Reads what `Writer` wrote; nil at the first byte that does not fit (a short or damaged file).
    private struct Reader {
        let bytes: ArraySlice<UInt8>
        var position: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            position = bytes.startIndex
        }

        var atEnd: Bool { position == bytes.endIndex }

        mutating func row() -> SessionRecord? {
            guard let fileId = int(), let sessionId = int(), let client = string(), let server = string(),
                let startTime = optional({ $0.double() }), let endTime = optional({ $0.double() }),
                let startIso = optional({ $0.string() }),
                let endIso = optional({ $0.string() }), let startSeconds = double(), let endSeconds = double(),
                let outcome = string(), let failureStage = optional({ $0.string() }),
                let lastStageCompleted = optional({ $0.string() }), let errorCodes = string(),
                let primaryCode = optional({ $0.int() }), let confidence = optional({ $0.string() }), let headline = string(),
                let capturePoint = string(), let firstPacket = int(), let lastPacket = int(),
                let packetCount = int(), let rules = string(), let findingsJson = string(),
                let userName = optional({ $0.string() })
            else { return nil }
            return SessionRecord(
                fileId: Int64(fileId), sessionId: sessionId, client: client, server: server, startTime: startTime,
                endTime: endTime, startIso: startIso, endIso: endIso, startSeconds: startSeconds,
                endSeconds: endSeconds, outcome: outcome, failureStage: failureStage,
                lastStageCompleted: lastStageCompleted, errorCodes: errorCodes, primaryCode: primaryCode,
                confidence: confidence, headline: headline, capturePoint: capturePoint, firstPacket: firstPacket,
                lastPacket: lastPacket, packetCount: packetCount, rules: rules, findingsJson: findingsJson,
                userName: userName)
        }

        mutating func fixed() -> UInt64? {
            guard bytes.endIndex - position >= 8 else { return nil }
            var v: UInt64 = 0
            for i in 0..<8 { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
            position += 8
            return v
        }

        mutating func int() -> Int? { fixed().map { Int(truncatingIfNeeded: Int64(bitPattern: $0)) } }
        mutating func double() -> Double? { fixed().map(Double.init(bitPattern:)) }

        mutating func string() -> String? {
            guard bytes.endIndex - position >= 4 else { return nil }
            var n = 0
            for i in 0..<4 { n |= Int(bytes[position + i]) << (8 * i) }
            position += 4
            guard bytes.endIndex - position >= n else { return nil }
            defer { position += n }
            return String(decoding: bytes[position..<(position + n)], as: UTF8.self)
        }

        /// `.some(nil)` for an absent value, nil when the bytes do not fit.
        mutating func optional<T>(_ get: (inout Reader) -> T?) -> T?? {
            guard position < bytes.endIndex else { return nil }
            let present = bytes[position]
            position += 1
            switch present {
            case 0: return .some(nil)
            case 1: return get(&self).map { .some($0) }
            default: return nil
            }
        }
    }
}
