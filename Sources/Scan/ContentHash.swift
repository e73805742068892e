import PPTPPcapIO

#if canImport(Glibc)
    import Glibc
#endif

/// xxHash64 (https://github.com/Cyan4973/xxHash, XXH64 in its spec), computed over a stream in pieces: the
/// catalog's content hash of a file's bytes. Not a cryptographic hash: it tells an unchanged file from a changed
/// one, which is all a rescan asks.
public struct XXHash64: Sendable {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var v1: UInt64, v2: UInt64, v3: UInt64, v4: UInt64
    private let seed: UInt64
    private var total: UInt64 = 0
    /// Bytes of an unfinished 32-byte stripe.
    private var pending: [UInt8] = []

    public init(seed: UInt64 = 0) {
        self.seed = seed
        v1 = seed &+ Self.p1 &+ Self.p2
        v2 = seed &+ Self.p2
        v3 = seed
        v4 = seed &- Self.p1
        pending.reserveCapacity(32)
    }

    @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        var a = acc &+ input &* p2
        a = (a << 31) | (a >> 33)
        return a &* p1
    }

    @inline(__always) private static func merge(_ acc: UInt64, _ v: UInt64) -> UInt64 {
        let a = acc ^ round(0, v)
        return a &* p1 &+ p4
    }

    @inline(__always) private static func load64(_ p: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    @inline(__always) private static func load32(_ p: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(littleEndian: p.loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        total &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(32 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            offset = take
            guard pending.count == 32 else { return }
            pending.withUnsafeBytes { stripes($0, upTo: 32) }
            pending.removeAll(keepingCapacity: true)
        }
        let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
        let whole = rest.count & ~31
        stripes(rest, upTo: whole)
        if whole < rest.count { pending.append(contentsOf: rest[whole...]) }
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    private mutating func stripes(_ p: UnsafeRawBufferPointer, upTo end: Int) {
        var a = v1
        var b = v2
        var c = v3
        var d = v4
        var i = 0
        while i < end {
            a = Self.round(a, Self.load64(p, i))
            b = Self.round(b, Self.load64(p, i + 8))
            c = Self.round(c, Self.load64(p, i + 16))
            d = Self.round(d, Self.load64(p, i + 24))
            i += 32
        }
        v1 = a
        v2 = b
        v3 = c
        v4 = d
    }

    public func finish() -> UInt64 {
        var h: UInt64
        if total >= 32 {
            h = ((v1 << 1) | (v1 >> 63)) &+ ((v2 << 7) | (v2 >> 57)) &+ ((v3 << 12) | (v3 >> 52)) &+ ((v4 << 18) | (v4 >> 46))
            h = Self.merge(h, v1)
            h = Self.merge(h, v2)
            h = Self.merge(h, v3)
            h = Self.merge(h, v4)
        } else {
            h = seed &+ Self.p5
        }
        h &+= total
        pending.withUnsafeBytes { p in
            var i = 0
            while i + 8 <= p.count {
                h ^= Self.round(0, Self.load64(p, i))
                h = ((h << 27) | (h >> 37)) &* Self.p1 &+ Self.p4
                i += 8
            }
            if i + 4 <= p.count {
                h ^= UInt64(Self.load32(p, i)) &* Self.p1
                h = ((h << 23) | (h >> 41)) &* Self.p2 &+ Self.p3
                i += 4
            }
            while i < p.count {
                h ^= UInt64(p[i]) &* Self.p5
                h = ((h << 11) | (h >> 53)) &* Self.p1
                i += 1
            }
        }
        h ^= h >> 33
        h &*= Self.p2
        h ^= h >> 29
        h &*= Self.p3
        h ^= h >> 32
        return h
    }

    public static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        var h = XXHash64(seed: seed)
        h.update(bytes)
        return h.finish()
    }

    /// 16 lowercase hex digits, as the catalog stores it.
    public static func hex(_ value: UInt64) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

/// The catalog's content hash of a file, computed from the bytes its analysis reads anyway (`ByteObserver`): one
/// pass over the file instead of two. What the analysis did not read from the disk itself (the file header,
/// whatever libpcap read after a record the shortcut left to it, the file's end after a read error) is read here,
/// in order, so the hash is always that of every byte of the file, as `ArchiveScanner.hashFile` gives it.
final class ContentHashObserver: ByteObserver {
    private var hasher = XXHash64()
    private var hashedUpTo = 0
    private let fd: Int32
    /// How far the file is hashed (what the tests check the single pass by).
    var hashedSoFar: Int { hashedUpTo }
    private var failure: ReadProblem?

    init(path: String) {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            failure = ReadProblem(
                kind: CaptureError.Kind.cannotOpen.rawValue,
                message: "cannot open the file: \(String(cString: strerror(errno)))")
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    func observe(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        if offset > hashedUpTo { _ = readOn(upTo: offset) }
        guard failure == nil, offset <= hashedUpTo, offset + bytes.count > hashedUpTo else { return }
        hasher.update(UnsafeRawBufferPointer(rebasing: bytes[(hashedUpTo - offset)...]))
        hashedUpTo = offset + bytes.count
    }

    /// The hash of the whole file: the rest of it read here.
    func finish() -> Result<String, ReadProblem> {
        if readOn(upTo: nil) { return .success(XXHash64.hex(hasher.finish())) }
        return .failure(failure ?? ReadProblem(kind: CaptureError.Kind.readFailed.rawValue, message: "cannot read the file"))
    }

    /// Reads and hashes from `hashedUpTo` to `limit` (nil: the end of the file); false on a read error.
    private func readOn(upTo limit: Int?) -> Bool {
        guard failure == nil else { return false }
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while limit.map({ hashedUpTo < $0 }) ?? true {
            let want = min(size, limit.map { $0 - hashedUpTo } ?? size)
            let n = pread(fd, buffer.baseAddress, want, off_t(hashedUpTo))
            if n < 0 {
                if errno == EINTR { continue }
                failure = ReadProblem(
                    kind: CaptureError.Kind.readFailed.rawValue,
                    message: "byte offset \(hashedUpTo): cannot read the file: \(String(cString: strerror(errno)))")
                return false
            }
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            hashedUpTo += n
        }
        return true
    }
}
