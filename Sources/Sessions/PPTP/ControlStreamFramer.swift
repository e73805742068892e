import PPTPDissect

/// Cuts one direction's reassembled control-channel bytes into PPTP messages by their Length field, whether
/// several share a segment or one spans several. A wrong magic cookie (or joining mid-stream) makes it
/// resynchronise on the next cookie rather than trust the lengths that follow.
struct ControlStreamFramer: Sendable {
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes skipped while looking for a message boundary.
    private(set) var skippedBytes = 0

    /// A message can be at most 65535 bytes long (16-bit Length), so the buffer is bounded by that plus a segment.
    mutating func append(_ bytes: UnsafeRawBufferPointer, _ emit: (ByteView, Range<Int>) -> Void) {
        buffer.append(contentsOf: bytes)
        frame(emit)
        if start > 4096 || start == buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
    }

    /// After a gap the bytes that follow may start anywhere in a message.
    mutating func resetAfterGap() {
        skippedBytes += buffer.count - start
        buffer.removeAll(keepingCapacity: true)
        start = 0
    }

    private mutating func frame(_ emit: (ByteView, Range<Int>) -> Void) {
        var cursor = start
        var skipped = 0
        buffer.withUnsafeBytes { raw in
            let view = ByteView(raw)
            let count = raw.count
            while count - cursor >= PPTPControlMessage.headerLength {
                guard view.u32(cursor + 4) == PPTPControlMessage.magicCookie,
                    let len = view.u16(cursor), Int(len) >= PPTPControlMessage.headerLength
                else {
                    // Resynchronise: the next position whose bytes 4…7 are the cookie.
                    var probe = cursor + 1
                    while probe + 8 <= count, view.u32(probe + 4) != PPTPControlMessage.magicCookie { probe += 1 }
                    let next = min(probe, max(cursor + 1, count - 7))
                    skipped += next - cursor
                    cursor = next
                    continue
                }
                guard cursor + Int(len) <= count else { return }
                emit(view, cursor..<(cursor + Int(len)))
                cursor += Int(len)
            }
        }
        start = cursor
        skippedBytes += skipped
    }
}
