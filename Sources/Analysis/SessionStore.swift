import PPTPReporting
import PPTPSessions

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finished sessions between the packet pass and the diagnosis, handed back one at a time in number order
/// (sessions retire in the order they end, not the order they began).
///
/// A few are kept as values; beyond `heldLimit` they are encoded (`SessionCodec`) into an unlinked temporary
/// file, so a capture of a hundred thousand sessions costs the memory of a few dozen and a small index. When
/// no temporary file can be made, they stay in memory: slower to grow old, never wrong.
struct SessionStore {
    /// Sessions kept as values before spilling: a capture's usual handful never touches the disk.
    static let defaultHeldLimit = 32
    let heldLimit: Int

    fileprivate enum Place {
        case held(Int)
        case spilled(offset: Int, length: Int)
    }

    fileprivate struct Entry {
        var number: Int
        var place: Place
    }

    private var held: [Session] = []
    private var entries: [Entry] = []
    private var spool: Spool?
    private var spoolUnavailable = false

    /// Where the spool file is made: nil for $TMPDIR, else /tmp.
    let directory: String?

    init(heldLimit: Int = SessionStore.defaultHeldLimit, directory: String? = nil) {
        self.heldLimit = max(1, heldLimit)
        self.directory = directory
    }

    var count: Int { entries.count }
    /// Sessions that went to the temporary file (all of them, or none, but the last `heldLimit`).
    var spilledCount: Int { entries.count - held.count }

    mutating func add(_ session: Session) {
        entries.append(Entry(number: session.index, place: .held(held.count)))
        held.append(session)
        if held.count >= heldLimit { spillHeld() }
    }

    /// Writes every held session to the spool and lets the values go.
    private mutating func spillHeld() {
        if spool == nil, !spoolUnavailable {
            spool = Spool(directory: directory)
            spoolUnavailable = spool == nil
        }
        guard let spool else { return }
        var bytes: [UInt8] = []
        var kept: [Session] = []
        for i in entries.indices {
            guard case .held(let h) = entries[i].place else { continue }
            bytes.removeAll(keepingCapacity: true)
            SessionCodec.encode(held[h], into: &bytes)
            if let offset = spool.append(bytes) {
                entries[i].place = .spilled(offset: offset, length: bytes.count)
            } else {
                entries[i].place = .held(kept.count)
                kept.append(held[h])
            }
        }
        held = kept
    }

    /// Sessions in number order, each read back only when asked for.
    func sessionsByNumber() -> Cursor {
        Cursor(held: held, spool: spool, entries: entries.sorted { $0.number < $1.number })
    }

    struct Cursor {
        private let held: [Session]
        private let spool: Spool?
        private let entries: [Entry]
        private var position = 0
        /// Sessions the spool could not give back (a read error on the temporary file), skipped.
        private(set) var unreadable = 0

        fileprivate init(held: [Session], spool: Spool?, entries: [Entry]) {
            self.held = held
            self.spool = spool
            self.entries = entries
        }

        mutating func next() -> Session? {
            while position < entries.count {
                let entry = entries[position]
                position += 1
                switch entry.place {
                case .held(let h):
                    return held[h]
                case .spilled(let offset, let length):
                    if let session = spool?.read(offset: offset, length: length) { return session }
                    unreadable += 1
                }
            }
            return nil
        }
    }
}

/// An unlinked temporary file of encoded sessions: gone when the process ends, however it ends.
private final class Spool {
    private let fd: Int32
    private var end = 0

    init?(directory: String?) {
        guard let fd = TemporaryFile.unlinked(prefix: "pptp-pcap-sessions", directory: directory) else { return nil }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Appends `bytes`; their offset, or nil when they could not all be written.
    func append(_ bytes: [UInt8]) -> Int? {
        let offset = end
        let written = bytes.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return raw.isEmpty }
            var done = 0
            while done < raw.count {
                let n = pwrite(fd, base + done, raw.count - done, off_t(offset + done))
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        guard written else { return nil }
        end += bytes.count
        return offset
    }

    func read(offset: Int, length: Int) -> Session? {
        var bytes = [UInt8](repeating: 0, count: length)
        let complete = bytes.withUnsafeMutableBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return length == 0 }
            var done = 0
            while done < length {
                let n = pread(fd, base + done, length - done, off_t(offset + done))
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        guard complete else { return nil }
        return bytes.withUnsafeBytes { SessionCodec.decode($0) }
    }
}
