/// Turns one direction of an asynchronous HDLC byte stream (RFC 1662: 0x7E flags between frames, 0x7D escapes
/// the next byte XOR 0x20, a 16-bit FCS at the end of each frame) back into PPP frames. Bytes come in any
/// chunks — a frame, or an escape, may straddle two pppdump records — and each finished frame is handed out once,
/// FCS checked and stripped, from a buffer reused for the whole stream.
struct HDLCDeframer {
    /// Frames longer than this (unescaped, FCS included) are dropped as runaway: a lost flag, not a PPP frame.
    static let maxFrameLength = 65_535 + 2

    enum Event {
        /// A whole frame behind the prefix, FCS stripped; `fcsGood` false if it did not check (the frame is kept,
        /// and counted).
        case frame(UnsafeRawBufferPointer, fcsGood: Bool)
        /// A frame dropped: longer than the limit, or too short to hold an FCS and one byte.
        case dropped(tooLong: Bool)
    }

    /// The frame so far; `prefix` bytes at its start are left for the caller (the direction byte of
    /// LINKTYPE_PPP_WITH_DIR), so a frame goes out without being copied again.
    private var buffer: [UInt8]
    private let prefix: Int
    private var escaped = false
    private var overflowed = false

    init(prefix: Int, prefixBytes: [UInt8]) {
        self.prefix = prefix
        buffer = prefixBytes
        buffer.reserveCapacity(prefix + Self.maxFrameLength)
    }

    /// Bytes of the frame under way, past the prefix.
    var pending: Int { buffer.count - prefix + (overflowed ? 1 : 0) }

    mutating func add<E: Error>(_ bytes: UnsafeRawBufferPointer, _ event: (Event) throws(E) -> Void) throws(E) {
        for byte in bytes {
            switch byte {
            case 0x7E:
                try endFrame(event)
            case 0x7D:
                escaped = true
            default:
                guard !overflowed else { continue }
                guard buffer.count - prefix < Self.maxFrameLength else {
                    overflowed = true
                    continue
                }
                buffer.append(escaped ? byte ^ 0x20 : byte)
                escaped = false
            }
        }
    }

    /// Ends the frame under way (a flag, or pppdump's end-of-frame record); nothing happens between two flags.
    mutating func endFrame<E: Error>(_ event: (Event) throws(E) -> Void) throws(E) {
        defer {
            buffer.removeLast(buffer.count - prefix)
            escaped = false
            overflowed = false
        }
        if overflowed { return try event(.dropped(tooLong: true)) }
        let length = buffer.count - prefix
        if length == 0 { return }
        guard length >= 3 else { return try event(.dropped(tooLong: false)) }
        // The frame goes out as a view of the buffer, not a copy; Array's accessor is untyped-rethrows, so the
        // caller's typed error is carried across it by hand.
        var failure: E?
        buffer.withUnsafeBytes { all in
            let good = Self.fcs16(UnsafeRawBufferPointer(rebasing: all[prefix...])) == 0xF0B8
            do throws(E) {
                try event(.frame(UnsafeRawBufferPointer(rebasing: all[0..<(all.count - 2)]), fcsGood: good))
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// RFC 1662's FCS-16 over a frame and its FCS: 0xF0B8 when the frame is intact.
    static func fcs16(_ bytes: UnsafeRawBufferPointer) -> UInt16 {
        var fcs: UInt16 = 0xFFFF
        for b in bytes { fcs = (fcs >> 8) ^ table[Int((fcs ^ UInt16(b)) & 0xFF)] }
        return fcs
    }

    private static let table: [UInt16] = (0..<256).map { i -> UInt16 in
        var v = UInt16(i)
        for _ in 0..<8 { v = v & 1 != 0 ? (v >> 1) ^ 0x8408 : v >> 1 }
        return v
    }
}
