import PPTPReporting
import PPTPSessions

/// One file's catalog rows between its analysis and its one transaction. A row is 2–3 KB (its findings as JSON):
/// a file of ten thousand sessions held them all, most of a job's memory. Past `heldLimit` rows they go to an
/// unlinked temporary file (`TextSpool`) and come back one at a time as the transaction inserts them; a file of
/// the usual handful never makes one.
///
/// Each row is framed by its byte count (4 bytes, little-endian) and encodes every field in declaration order
/// with the session spool's primitives (`SpoolWriter`, and `SpoolReader`, which bounds-checks every read and
/// throws on anything it did not write). Fast to write and read back: the rows cost no JSON.
final class SessionRowSpool {
    static let defaultHeldLimit = 64
    /// The stored properties of `SessionRecord` the encoding writes; a test holds it to the type.
    static let encodedFields = 24

    let heldLimit: Int
    private var held: [SessionRecord] = []
    private var spool: TextSpool?
    private var writer = SpoolWriter()
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
                let decoded = pending.withUnsafeBytes { bytes -> SessionRecord? in
                    var reader = SpoolReader(UnsafeRawBufferPointer(rebasing: bytes[(start + 4)..<(start + 4 + length)]))
                    guard let row = try? Self.row(&reader), reader.isAtEnd else { return nil }
                    return row
                }
                guard let row = decoded else {
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
        writer.bytes.removeAll(keepingCapacity: true)
        writer.fixed(0, bytes: 4)
        Self.write(row, into: &writer)
        let length = UInt64(writer.bytes.count - 4)
        for i in 0..<4 { writer.bytes[i] = UInt8(truncatingIfNeeded: length >> (8 * UInt64(i))) }
        writer.bytes.withUnsafeBytes { spool.append($0) }
    }

    private static func u32(_ bytes: [UInt8], at offset: Int) -> UInt32? {
        guard offset >= 0, bytes.count - offset >= 4 else { return nil }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * UInt32(i)) }
        return v
    }

    private static func write(_ r: SessionRecord, into w: inout SpoolWriter) {
        w.signed(Int(r.fileId))
        w.signed(r.sessionId)
        w.string(r.client)
        w.string(r.server)
        w.optional(r.startTime) { $0.double($1) }
        w.optional(r.endTime) { $0.double($1) }
        w.optional(r.startIso) { $0.string($1) }
        w.optional(r.endIso) { $0.string($1) }
        w.double(r.startSeconds)
        w.double(r.endSeconds)
        w.string(r.outcome)
        w.optional(r.failureStage) { $0.string($1) }
        w.optional(r.lastStageCompleted) { $0.string($1) }
        w.string(r.errorCodes)
        w.optional(r.primaryCode) { $0.signed($1) }
        w.optional(r.confidence) { $0.string($1) }
        w.string(r.headline)
        w.string(r.capturePoint)
        w.signed(r.firstPacket)
        w.signed(r.lastPacket)
        w.signed(r.packetCount)
        w.string(r.rules)
        w.string(r.findingsJson)
        w.optional(r.userName) { $0.string($1) }
    }

    /// The fields in the order `write` put them (Swift evaluates arguments left to right).
    private static func row(_ r: inout SpoolReader) throws(SpoolError) -> SessionRecord {
        SessionRecord(
            fileId: Int64(try r.signed()), sessionId: try r.signed(), client: try r.string(), server: try r.string(),
            startTime: try r.optional { r throws(SpoolError) in try r.double() },
            endTime: try r.optional { r throws(SpoolError) in try r.double() },
            startIso: try r.optional { r throws(SpoolError) in try r.string() },
            endIso: try r.optional { r throws(SpoolError) in try r.string() },
            startSeconds: try r.double(), endSeconds: try r.double(), outcome: try r.string(),
            failureStage: try r.optional { r throws(SpoolError) in try r.string() },
            lastStageCompleted: try r.optional { r throws(SpoolError) in try r.string() },
            errorCodes: try r.string(),
            primaryCode: try r.optional { r throws(SpoolError) in try r.signed() },
            confidence: try r.optional { r throws(SpoolError) in try r.string() },
            headline: try r.string(), capturePoint: try r.string(), firstPacket: try r.signed(),
            lastPacket: try r.signed(), packetCount: try r.signed(), rules: try r.string(),
            findingsJson: try r.string(),
            userName: try r.optional { r throws(SpoolError) in try r.string() })
    }
}
