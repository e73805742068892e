#if canImport(Glibc)
    import Glibc
#endif

/// A read-only file seen through one reusable buffer: `view(at:count:)` hands out the bytes at any offset as a
/// view into the buffer, refilling it with `pread` only when the bytes asked for are not already in it. The
/// native readers (Network Monitor, pppdump) read their records through it, so a record costs no copy and a
/// file costs a few system calls per half-megabyte, whatever order its frame table gives.
final class FileWindow {
    /// Larger than the largest record a reader accepts (a 256 KiB frame plus its header and trailer).
    static let defaultCapacity = 1 << 19

    let capacity: Int

    let size: Int
    /// Sees every piece read from the disk (`scan`'s content hash).
    var observer: (any ByteObserver)?
    private let fd: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    /// The buffer holds the file's bytes `start ..< start + filled`.
    private var start = 0
    private var filled = 0

    /// nil when the file cannot be opened or is not a regular file (a pipe cannot be read at offsets).
    init?(path: String, capacity: Int = FileWindow.defaultCapacity) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return nil
        }
        self.fd = fd
        size = Int(status.st_size)
        self.capacity = capacity
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// The `count` bytes at `offset`, valid until the next call; nil if they are not all in the file (or if
    /// `count` exceeds the window, which a reader checks before asking).
    func view(at offset: Int, count: Int) -> UnsafeRawBufferPointer? {
        guard offset >= 0, count >= 0, count <= capacity, offset <= size, count <= size - offset else { return nil }
        if offset >= start, offset + count <= start + filled {
            return UnsafeRawBufferPointer(rebasing: buffer[(offset - start)..<(offset - start + count)])
        }
        guard let base = buffer.baseAddress else { return nil }
        start = offset
        filled = 0
        let want = min(capacity, size - offset)
        while filled < want {
            let n = pread(fd, base + filled, want - filled, off_t(offset + filled))
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            observer?.observe(UnsafeRawBufferPointer(start: base + filled, count: n), at: offset + filled)
            filled += n
        }
        guard count <= filled else { return nil }
        return UnsafeRawBufferPointer(rebasing: buffer[0..<count])
    }
}

/// Little- and big-endian field reads from a view whose length the caller has checked.
extension UnsafeRawBufferPointer {
    func le16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    func le32(_ at: Int) -> UInt32 { UInt32(le16(at)) | UInt32(le16(at + 2)) << 16 }
    func le64(_ at: Int) -> UInt64 { UInt64(le32(at)) | UInt64(le32(at + 4)) << 32 }
    func be16(_ at: Int) -> UInt16 { UInt16(self[at]) << 8 | UInt16(self[at + 1]) }
    func be32(_ at: Int) -> UInt32 { UInt32(be16(at)) << 16 | UInt32(be16(at + 2)) }
}
