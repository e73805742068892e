/// Microsoft Network Monitor capture files: 1.x ("RTSS") and 2.x ("GMBU", which Network Monitor 3.x and
/// Message Analyzer also write). The layout is public (Network Monitor 3.x help, "Capture File Format"):
///
/// - a 128-byte header: magic, minor and major version, the file's media type, the capture's start as a
///   SYSTEMTIME, and where the frame table is;
/// - the frame table, one 32-bit file offset per frame, in capture order (frames are not always stored in that
///   order, nor back to back);
/// - at each offset a frame header (1.x: milliseconds since the start and 16-bit lengths; 2.x: microseconds and
///   32-bit lengths), the frame's bytes and, from 2.1 on, a trailer with the frame's own media type (2.2 adds a
///   process index, 2.3 a UTC FILETIME that replaces the start-plus-offset time).
///
/// Nothing in the file is trusted: every offset and length is checked against the file's size before it is read,
/// and nothing is allocated from a field (the frame table is read through its own window, not copied in).
///
/// Network Monitor writes the frame table last, so a capture cut off (a copy that stopped, a full disk) has none.
/// Its frames are then read in file order from byte 128, where the writers put them back to back, and the read
/// ends with a truncation error, so a cut-off file still gives the packets it holds.
struct NetmonReader {
    /// Frames larger than this are taken for corruption (Wireshark's limit for this format).
    static let maxFrameLength = 262_144
    static let headerLength = 64

    let path: String
    let major: UInt8
    let minor: UInt8
    /// LINKTYPE of the header's media type; frames of 2.1 and later carry their own.
    let linkType: UInt32?
    /// The header's media type, for the message when it maps to no link type.
    let headerMediaType: UInt16
    private let frames: FileWindow
    private let table: FileWindow
    private let tableOffset: Int
    let frameCount: Int
    /// Why the frame table cannot be used (it lies beyond the end of the file); nil when it can.
    let missingTable: String?
    private let startNanos: Int64

    var fileSize: Int { frames.size }

    init(path: String) throws(CaptureError) {
        guard let frames = FileWindow(path: path), let table = FileWindow(path: path, capacity: 1 << 16) else {
            throw CaptureError(kind: .cannotOpen, path: path, message: "cannot open the Network Monitor file")
        }
        guard let header = frames.view(at: 0, count: Self.headerLength) else {
            throw CaptureError(
                kind: .truncated, path: path, byteOffset: 0,
                message: "the Network Monitor file is cut off inside its 128-byte header")
        }
        self.path = path
        self.frames = frames
        self.table = table
        minor = header[4]
        major = header[5]
        guard major == 1 || major == 2 else {
            throw CaptureError(
                kind: .unsupportedFormat, path: path, byteOffset: 4,
                message: "Network Monitor file format version \(major).\(minor) is not one pptp-pcap knows (1.x and 2.x are); "
                    + "convert it with `editcap -F pcap \(path) out.pcap` (Wireshark) and analyse out.pcap")
        }
        headerMediaType = header.le16(6)
        linkType = Self.linkType(mediaType: headerMediaType)
        startNanos = Self.systemTimeNanos(header)
        let offset = Int(header.le32(24))
        let length = Int(header.le32(28))
        guard length % 4 == 0 else {
            throw CaptureError(
                kind: .readFailed, path: path, byteOffset: 28,
                message: "the Network Monitor frame table is \(length) bytes long, not a whole number of 4-byte entries")
        }
        if offset >= Self.headerLength, length <= frames.size, offset <= frames.size - length {
            tableOffset = offset
            frameCount = length / 4
            missingTable = nil
        } else {
            tableOffset = 0
            frameCount = 0
            missingTable =
                "the Network Monitor frame table (\(length) bytes at byte \(offset)) lies beyond the end of the "
                + "\(frames.size)-byte file: the file is cut off or damaged"
        }
    }

    /// Where the frames start when they are read in file order.
    static let firstFrameOffset = 128

    var hasTrailer: Bool { major == 2 && minor >= 1 }

    private var trailerLength: Int {
        guard hasTrailer else { return 0 }
        return minor == 1 ? 2 : minor == 2 ? 6 : 15
    }

    /// What the reader did with the frames it did not deliver, for the caller's notes.
    struct Skipped {
        var unsupportedMedia: [UInt16: Int] = [:]
        var metadata = 0
        var total: Int { unsupportedMedia.values.reduce(metadata, +) }
    }

    /// One frame, as `forEach` sees it.
    enum Frame {
        case packet(CaptureRecord, UnsafeRawBufferPointer)
        /// Network Monitor's own records (adapter lists, DNS cache, filters, ETW events): not packets, and
        /// (as in Wireshark) they take no packet number when they are the kinds Wireshark hides.
        case metadata(numbered: Bool)
        case unsupported(mediaType: UInt16)
    }

    /// Reads frame `index` (0-based) of the frame table; `number` is the packet number it gets if delivered.
    func frame(_ index: Int, number: Int) -> Result<Frame, CaptureError> {
        let entryOffset = tableOffset + index * 4
        guard let entry = table.view(at: entryOffset, count: 4) else {
            return .failure(error(.truncated, number, entryOffset, "the frame table entry of frame \(index + 1) cannot be read"))
        }
        let offset = Int(entry.le32(0))
        guard frames.view(at: offset, count: frameHeaderLength) != nil else {
            return .failure(
                error(
                    .readFailed, number, offset,
                    "the frame table sends frame \(index + 1) to byte \(offset), beyond the end of the \(frames.size)-byte file"))
        }
        return frame(at: offset, index: index, number: number).map(\.frame)
    }

    private var frameHeaderLength: Int { major == 1 ? 8 : 16 }

    /// Reads the frame at `offset` (frame `index`, 0-based, for messages) and says where it ends.
    func frame(at offset: Int, index: Int, number: Int) -> Result<(frame: Frame, end: Int), CaptureError> {
        let headerLength = frameHeaderLength
        guard let header = frames.view(at: offset, count: headerLength) else {
            return .failure(
                error(
                    .truncated, number, offset,
                    "frame \(index + 1)'s header (at byte \(offset)) is cut off by the end of the file"))
        }
        let wire = major == 1 ? Int(header.le16(4)) : Int(header.le32(8))
        let captured = major == 1 ? Int(header.le16(6)) : Int(header.le32(12))
        guard captured <= Self.maxFrameLength else {
            return .failure(
                error(
                    .readFailed, number, offset,
                    "frame \(index + 1) claims \(captured) captured bytes, more than the \(Self.maxFrameLength) a frame can hold")
            )
        }
        let total = headerLength + captured + trailerLength
        guard let whole = frames.view(at: offset, count: total) else {
            return .failure(
                error(
                    .truncated, number, offset,
                    "frame \(index + 1) (\(total) bytes at byte \(offset)) is cut off by the end of the file"))
        }
        var timestamp: Int64
        if major == 1 {
            timestamp = startNanos &+ Int64(whole.le32(0)) &* 1_000_000
        } else {
            // Microseconds, unsigned in the documentation, but a frame may precede the header's start time:
            // Network Monitor reads the value times ten as a signed count of 100-ns units.
            timestamp = startNanos &+ Int64(bitPattern: whole.le64(0) &* 10) &* 100
        }
        var linkType = self.linkType
        if hasTrailer {
            let trailer = headerLength + captured
            let media = whole.le16(trailer)
            if let kind = Self.metadataKind(media) { return .success((.metadata(numbered: kind), offset + total)) }
            guard let mapped = Self.linkType(mediaType: media) else {
                return .success((.unsupported(mediaType: media), offset + total))
            }
            linkType = mapped
            if minor >= 3, let utc = Self.fileTimeNanos(whole.le64(trailer + 6)) { timestamp = utc }
        }
        guard let linkType else { return .success((.unsupported(mediaType: headerMediaType), offset + total)) }
        let record = CaptureRecord(
            number: number, timestamp: timestamp, capturedLength: captured,
            wireLength: max(wire, captured), linkType: linkType)
        let bytes = UnsafeRawBufferPointer(rebasing: whole[headerLength..<(headerLength + captured)])
        return .success((.packet(record, bytes), offset + total))
    }

    private func error(_ kind: CaptureError.Kind, _ number: Int, _ offset: Int, _ message: String) -> CaptureError {
        CaptureError(kind: kind, path: path, packetNumber: number, byteOffset: offset, message: message)
    }

    // MARK: - Media types and times

    /// Network Monitor's media types as LINKTYPE numbers, for the link layers the analysis reads; nil for the rest
    /// (Token Ring, FDDI, ATM, 802.11 with Network Monitor's radio header …), which are skipped and counted.
    static func linkType(mediaType: UInt16) -> UInt32? {
        switch mediaType {
        case 0, 1: 1  // NDIS Ethernet (3.4 VPN captures write 0 with Ethernet headers)
        case 7, 8, 9: 101  // tunnel interfaces, wireless WAN, raw IP frames: IP with no link header
        case 0xE080: 105  // Message Analyzer's "WiFi message": plain 802.11
        case 0xE000...0xEFFF:
            // A converted pcap file: the LINKTYPE is the low twelve bits.
            switch UInt32(mediaType & 0x0FFF) {
            case let lt where [0, 1, 9, 50, 51, 101, 105, 108, 113, 204, 228, 229, 276].contains(lt): lt
            default: nil
            }
        default: nil
        }
    }

    /// Network Monitor's own record kinds; `true` when Wireshark numbers them as frames (so numbers match).
    static func metadataKind(_ media: UInt16) -> Bool? {
        switch media {
        case 0xFFE0, 0xFFFB, 0xFFFF: true  // ETW event, extended adapter list, capture filter
        case 0xFFFC, 0xFFFD, 0xFFFE: false  // reassembly payload header, adapter list, DNS cache
        default: nil
        }
    }

    /// The header's SYSTEMTIME (year, month, weekday, day, hour, minute, second, milliseconds), taken as UTC.
    /// Network Monitor writes the capturing machine's local time and records no time zone: Wireshark reads it in
    /// the reader's time zone, pptp-pcap in UTC, so the two agree when tshark runs with TZ=UTC. Files of 2.3 and
    /// later carry a UTC time per frame, which replaces this.
    static func systemTimeNanos(_ h: UnsafeRawBufferPointer) -> Int64 {
        let year = Int(h.le16(8))
        let month = Int(h.le16(10))
        let day = Int(h.le16(14))
        let hour = Int(h.le16(16))
        let minute = Int(h.le16(18))
        let second = Int(h.le16(20))
        let ms = Int(h.le16(22))
        // Years nanoseconds since 1970 can hold (and no Network Monitor predates 1980); anything else is damage.
        guard (1980...2200).contains(year), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
            second < 61, ms < 1000
        else { return 0 }
        // Days from 1970-01-01 to the civil date (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second
        return Int64(seconds) * 1_000_000_000 + Int64(ms) * 1_000_000
    }

    /// A FILETIME (100-ns units since 1601-01-01 UTC) in nanoseconds since the Unix epoch; nil when unset (0) or
    /// out of range, and the start-plus-offset time stands.
    static func fileTimeNanos(_ ft: UInt64) -> Int64? {
        let unixDelta: Int64 = 116_444_736_000_000_000
        guard ft != 0, let units = Int64(exactly: ft) else { return nil }
        let (ns, overflow) = (units - unixDelta).multipliedReportingOverflow(by: 100)
        return overflow ? nil : ns
    }
}
