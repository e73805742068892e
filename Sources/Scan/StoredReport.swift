import PPTPReporting

/// One file's report as the catalog stores it: its compact JSON, spooled to a temporary file as the sessions are
/// diagnosed and written to `file_report_part` in parts of at most `partBytes`, so a job holds neither the whole
/// text nor SQLite a copy of it: scanning a file of a hundred thousand sessions costs the memory of one part.
final class StoredReport {
    static let defaultPartBytes = 1 << 20

    let partBytes: Int
    private let spool = TextSpool()

    init(partBytes: Int = StoredReport.defaultPartBytes) { self.partBytes = max(4, partBytes) }

    func append(_ bytes: UnsafeRawBufferPointer) { spool.append(bytes) }

    var count: Int { spool.count }

    struct Unreadable: Error, CustomStringConvertible {
        var description: String { "the report could not be read back from its temporary file" }
    }

    /// The text in order, in parts of at most `partBytes` bytes, each ending on a whole UTF-8 character (a
    /// `TEXT` value must be valid UTF-8 on its own).
    func forEachPart(_ body: (String) throws -> Void) throws {
        var pending: [UInt8] = []
        pending.reserveCapacity(partBytes + (1 << 16))
        var failure: (any Error)?
        let replayed = spool.replay { chunk in
            guard failure == nil else { return }
            pending.append(contentsOf: chunk)
            while pending.count > partBytes {
                // pending[cut] starts the next part: back off continuation bytes (10xxxxxx) so that this part ends
                // where a character does.
                var cut = partBytes
                while cut > 0, pending[cut] & 0xC0 == 0x80 { cut -= 1 }
                if cut == 0 { cut = partBytes }
                do { try body(String(decoding: pending[..<cut], as: UTF8.self)) } catch {
                    failure = error
                    return
                }
                pending.removeFirst(cut)
            }
        }
        if let failure { throw failure }
        guard replayed else { throw Unreadable() }
        if !pending.isEmpty || count == 0 { try body(String(decoding: pending, as: UTF8.self)) }
    }
}
