/// pppd's `record` files (the format `pppdump` prints): a series of tagged records of what went over the serial
/// line, both directions as raw async-HDLC bytes.
///
/// | tag | record |
/// |---|---|
/// | 1, 2 | bytes sent / received: a 2-byte big-endian length, then the bytes |
/// | 3, 4 | end of the frame being sent / received |
/// | 5 | time step: 4 bytes, tenths of a second |
/// | 6 | time step: 1 byte, tenths of a second |
/// | 7 | absolute time: 4 bytes, seconds since the epoch |
///
/// Each direction's bytes are deframed on their own (`HDLCDeframer`) and every frame comes out as a
/// LINKTYPE_PPP_WITH_DIR record: 0x01 when the recording host sent it, 0x00 when it received it, then the PPP
/// frame with its FCS removed. A frame's time is the time at the record that finished it.
struct PppdumpReader {
    static let linkType: UInt32 = 204

    let path: String
    private let window: FileWindow

    var fileSize: Int { window.size }

    init(path: String) throws(CaptureError) {
        guard let window = FileWindow(path: path) else {
            throw CaptureError(kind: .cannotOpen, path: path, message: "cannot open the pppd record file")
        }
        self.path = path
        self.window = window
    }

    /// Frames the reader could not hand out as they were, for the caller's notes.
    struct Counts {
        var badFCS = 0
        var tooLong = 0
        var runts = 0
        var unterminated = 0
    }

    /// Calls `body` with each frame's time (nanoseconds) and bytes (direction byte first, valid during the call).
    /// Returns the counts and, if the file stops being readable, an error naming the byte offset (no packet
    /// number: the caller knows how many it delivered).
    func forEach<E: Error>(_ body: (Int64, UnsafeRawBufferPointer) throws(E) -> Void) throws(E) -> (Counts, CaptureError?) {
        var counts = Counts()
        var time: Int64 = 0
        var sent = HDLCDeframer(prefix: 1, prefixBytes: [0x01])
        var received = HDLCDeframer(prefix: 1, prefixBytes: [0x00])
        func handle(_ event: HDLCDeframer.Event) throws(E) {
            switch event {
            case .frame(let bytes, let fcsGood):
                if !fcsGood { counts.badFCS += 1 }
                try body(time, bytes)
            case .dropped(let tooLong):
                if tooLong { counts.tooLong += 1 } else { counts.runts += 1 }
            }
        }
        var offset = 0
        let size = window.size
        while offset < size {
            let count = min(window.capacity, size - offset)
            guard let chunk = window.view(at: offset, count: count) else {
                return (counts, failure(.readFailed, offset, "the file could not be read from byte \(offset) on"))
            }
            var i = 0
            records: while i < chunk.count {
                let tag = chunk[i]
                switch tag {
                case 1, 2:
                    guard i + 3 <= chunk.count else { break records }
                    let length = Int(chunk.be16(i + 1))
                    guard i + 3 + length <= chunk.count else { break records }
                    let data = UnsafeRawBufferPointer(rebasing: chunk[(i + 3)..<(i + 3 + length)])
                    if tag == 1 { try sent.add(data, handle) } else { try received.add(data, handle) }
                    i += 3 + length
                case 3:
                    try sent.endFrame(handle)
                    i += 1
                case 4:
                    try received.endFrame(handle)
                    i += 1
                case 5, 7:
                    guard i + 5 <= chunk.count else { break records }
                    let value = Int64(chunk.be32(i + 1))
                    time = tag == 7 ? value * 1_000_000_000 : time &+ value * 100_000_000
                    i += 5
                case 6:
                    guard i + 2 <= chunk.count else { break records }
                    time = time &+ Int64(chunk[i + 1]) * 100_000_000
                    i += 2
                default:
                    return (
                        counts,
                        failure(
                            .readFailed, offset + i,
                            "unknown pppd record tag \(tag) at byte \(offset + i): the file is damaged from here on")
                    )
                }
            }
            // A record cut by the window's end is read again from its start; one cut by the file's end is the end.
            if i < chunk.count, offset + chunk.count == size {
                counts.unterminated += (sent.pending > 0 ? 1 : 0) + (received.pending > 0 ? 1 : 0)
                return (
                    counts,
                    failure(
                        .truncated, offset + i,
                        "the file is cut off in the middle of a record at byte \(offset + i); every whole frame before it was read"
                    )
                )
            }
            guard i > 0 else {
                return (counts, failure(.readFailed, offset, "a record at byte \(offset) could not be read whole"))
            }
            offset += i
        }
        counts.unterminated += (sent.pending > 0 ? 1 : 0) + (received.pending > 0 ? 1 : 0)
        return (counts, nil)
    }

    private func failure(_ kind: CaptureError.Kind, _ offset: Int, _ message: String) -> CaptureError {
        CaptureError(kind: kind, path: path, byteOffset: offset, message: message)
    }

    /// Whether a file's first bytes are a pppd record file. pppd starts every record file with its absolute-time
    /// record (tag 7, then seconds since the epoch), so that is what is asked for: a plausible time (1990 to
    /// 2100) and, after it, another known tag or the end. Files cut from the middle of a recording (starting
    /// with a data record) are recognised only when the data record holds async-HDLC bytes (a 0x7E flag or
    /// 0xFF 0x03 at its start) and the next byte is a known tag, so that no other file is taken for one.
    static func looksLikePppdump(_ head: [UInt8]) -> Bool {
        guard let first = head.first else { return false }
        switch first {
        case 7:
            guard head.count >= 5 else { return false }
            let seconds = UInt32(head[1]) << 24 | UInt32(head[2]) << 16 | UInt32(head[3]) << 8 | UInt32(head[4])
            guard (631_152_000...4_102_444_800).contains(seconds) else { return false }
            return head.count == 5 || (1...7).contains(head[5])
        case 1, 2:
            guard head.count >= 6 else { return false }
            let length = Int(head[1]) << 8 | Int(head[2])
            guard length >= 2, head[3] == 0x7E || (head[3] == 0xFF && (head[4] == 0x03 || head[4] == 0x7D)) else {
                return false
            }
            let next = 3 + length
            return next < head.count ? (1...7).contains(head[next]) : head.count >= 64
        default:
            return false
        }
    }
}
