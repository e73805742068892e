import CPPTPPcap

/// Metadata of one record as libpcap returned it.
public struct CaptureRecord: Sendable {
    /// 1-based packet number, as Wireshark counts.
    public var number: Int
    /// Nanoseconds since the Unix epoch.
    public var timestamp: Int64
    public var capturedLength: Int
    public var wireLength: Int
    /// The record's own link type when the file mixes several (pcapng with different interfaces); nil means
    /// the file's link type (`CaptureInfo.linkType`).
    public var linkType: UInt32?

    public init(number: Int, timestamp: Int64, capturedLength: Int, wireLength: Int, linkType: UInt32? = nil) {
        self.number = number
        self.timestamp = timestamp
        self.capturedLength = capturedLength
        self.wireLength = wireLength
        self.linkType = linkType
    }
}

/// What is known about a capture file once it is open.
public struct CaptureInfo: Sendable {
    public enum Format: String, Sendable {
        case pcap, pcapng
        /// Microsoft Network Monitor 1.x / 2.x `.cap`, read natively.
        case netmon
        /// pppd's `record` file, read natively into LINKTYPE_PPP_WITH_DIR records.
        case pppdump
    }
    public var path: String
    public var format: Format
    /// The link type number (LINKTYPE_*), as libpcap maps it.
    public var linkType: UInt32
    public var linkTypeName: String?
    public var snapshotLength: Int
    public var fileSize: Int?
    /// The tool that wrote the file, when that changes how its packets are read.
    public enum Writer: String, Sendable {
        /// Windows Packet Monitor: each packet once per networking component that saw it.
        case pktmon
    }
    public var writer: Writer? = nil
}

/// Reads a capture file one record at a time, handing each packet's bytes to the caller as a view over the
/// reader's own buffer (valid only during the call: nothing is copied). Classic pcap and pcapng go through libpcap;
/// Network Monitor and pppdump files, which libpcap does not read, through a native reader (`NativeCapture`) that
/// gives the same records. Formats that can be named but not read are refused with the way to convert them.
public final class CaptureReader {
    public let info: CaptureInfo
    private enum Backend {
        case libpcap(OpaquePointer)
        case native(NativeCapture)
    }
    private let backend: Backend
    /// The bytes of an in-memory capture, kept alive as long as libpcap reads them.
    private let memory: UnsafeMutableRawBufferPointer?
    /// Read from a stdio stream (a decompressing one): there is no file to reopen for the pcapng fallback.
    private var fromStream = false
    /// A BPF filter is set: only libpcap knows which records pass it.
    private var filtered = false
    /// What the stream libpcap reads needs alive (a gzip decompressor), released after the reader.
    var retainedSource: AnyObject?
    /// Sees the file's bytes as the record shortcut reads them (see `ByteObserver`); set before `forEach`.
    public var observer: (any ByteObserver)?

    /// How far libpcap has read into the file, in bytes (a progress line's measure; stdio's own lock makes it safe
    /// to ask from another thread). Nil for a stream, memory, or the native readers.
    public var position: Int64? {
        guard case .libpcap(let handle) = backend, memory == nil, !fromStream else { return nil }
        return PcapCalls.fileOffset(handle).map(Int64.init)
    }

    /// Opens a capture file, decompressing it on the fly when it is gzip (`capture.pcap.gz`): the one way the
    /// tool's commands open a capture.
    public static func open(path: String, filter: String? = nil) throws(CaptureError) -> CaptureReader {
        GzipStream.isGzip(path: path)
            ? try GzipStream.openCapture(path: path, filter: filter) : try CaptureReader(path: path, filter: filter)
    }

    public init(path: String, filter: String? = nil) throws(CaptureError) {
        if let head = Self.readHead(path), !head.isEmpty {
            switch CaptureFormatSniffer.identify(head: head, fileName: path) {
            case .readable(let format) where format == .netmon || format == .pppdump:
                let native = try NativeCapture(path: path, format: format, filter: filter)
                backend = .native(native)
                info = native.info
                memory = nil
                filtered = !(filter ?? "").isEmpty
                return
            case .unsupported(let format, let hint):
                throw CaptureFormatSniffer.unsupportedError(path: path, format: format, hint: hint)
            default:
                break
            }
        }
        let magic = Self.readMagic(path)
        let handle: OpaquePointer
        switch Self.openHandle(path: path, magic: magic) {
        case .failure(let e): throw e
        case .success(let h): handle = h
        }
        backend = .libpcap(handle)
        memory = nil
        let dlt = PcapCalls.datalink(handle)
        let format = magic.flatMap(Self.format(ofMagic:)) ?? .pcap
        info = CaptureInfo(
            path: path, format: format,
            linkType: Self.linkType(fromDLT: dlt), linkTypeName: PcapCalls.linkTypeName(dlt),
            snapshotLength: Int(PcapCalls.snapshot(handle)), fileSize: magic == nil ? nil : Self.fileSize(path),
            writer: format == .pcapng && PktmonOrigin.isPktmon(path: path) ? .pktmon : nil)
        if let filter, !filter.isEmpty, let message = PcapCalls.setFilter(handle, filter) {
            // Every stored property is set, so deinit runs and closes the handle.
            throw CaptureError(kind: .badFilter, path: path, message: "the filter '\(filter)' is not valid: \(message)")
        }
        filtered = !(filter ?? "").isEmpty
    }

    /// Reads a capture held in memory; `name` stands for the file in messages. The pcapng fallback for mixed
    /// interfaces needs a file, so an in-memory pcapng that libpcap refuses part-way ends there with the error.
    public init(bytes: [UInt8], name: String, filter: String? = nil) throws(CaptureError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        let region = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<bytes.count])
        let magic: UInt32? =
            bytes.count >= 4
            ? UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3]) : nil
        switch CaptureFormatSniffer.identify(head: Array(bytes.prefix(CaptureFormatSniffer.headLength))) {
        case .readable(let format) where format == .netmon || format == .pppdump:
            buffer.deallocate()
            throw CaptureError(
                kind: .unsupportedFormat, path: name, byteOffset: 0,
                message: "a \(format.rawValue) capture is read from a file only, not from memory or a stream")
        case .unsupported(let format, let hint):
            buffer.deallocate()
            throw CaptureFormatSniffer.unsupportedError(path: name, format: format, hint: hint)
        default:
            break
        }
        let handle: OpaquePointer
        switch PcapCalls.openMemory(region) {
        case .failure(let failure):
            buffer.deallocate()
            let kind: CaptureError.Kind =
                bytes.isEmpty ? .empty : magic.flatMap(Self.format(ofMagic:)) != nil ? .unsupported : .notACapture
            throw CaptureError(kind: kind, path: name, byteOffset: 0, message: "libpcap refuses the input: \(failure.message)")
        case .success(let h):
            handle = h
        }
        backend = .libpcap(handle)
        memory = buffer
        let dlt = PcapCalls.datalink(handle)
        info = CaptureInfo(
            path: name, format: magic.flatMap(Self.format(ofMagic:)) ?? .pcap,
            linkType: Self.linkType(fromDLT: dlt), linkTypeName: PcapCalls.linkTypeName(dlt),
            snapshotLength: Int(PcapCalls.snapshot(handle)), fileSize: bytes.count)
        if let filter, !filter.isEmpty, let message = PcapCalls.setFilter(handle, filter) {
            throw CaptureError(kind: .badFilter, path: name, message: "the filter '\(filter)' is not valid: \(message)")
        }
    }

    /// Reads a capture from an open stdio stream, e.g. one that decompresses a .gz file as libpcap reads it.
    /// libpcap owns `stream` from here on and closes it, also when this throws. `name` stands for the file in
    /// messages; `format` is what the caller found at the stream's start. As with an in-memory capture, a pcapng
    /// that libpcap refuses part-way (interfaces of different link types) ends there with the error.
    public init(
        stream: UnsafeMutablePointer<FILE>, name: String, format: CaptureInfo.Format,
        filter: String? = nil
    ) throws(CaptureError) {
        if format == .netmon || format == .pppdump {
            fclose(stream)
            throw CaptureError(
                kind: .unsupportedFormat, path: name, byteOffset: 0,
                message: "a compressed \(format.rawValue) capture cannot be read as a stream: "
                    + "decompress it (gunzip) and read the file")
        }
        let handle: OpaquePointer
        switch PcapCalls.openStream(stream) {
        case .failure(let failure):
            throw CaptureError(
                kind: .unsupported, path: name, byteOffset: 0,
                message: "libpcap refuses the input: \(failure.message)")
        case .success(let h):
            handle = h
        }
        backend = .libpcap(handle)
        memory = nil
        fromStream = true
        let dlt = PcapCalls.datalink(handle)
        info = CaptureInfo(
            path: name, format: format,
            linkType: Self.linkType(fromDLT: dlt), linkTypeName: PcapCalls.linkTypeName(dlt),
            snapshotLength: Int(PcapCalls.snapshot(handle)), fileSize: nil)
        if let filter, !filter.isEmpty, let message = PcapCalls.setFilter(handle, filter) {
            throw CaptureError(kind: .badFilter, path: name, message: "the filter '\(filter)' is not valid: \(message)")
        }
    }

    deinit {
        if case .libpcap(let handle) = backend { PcapCalls.close(handle) }
        memory?.deallocate()
    }

    /// The outcome of reading to the end: how many records were read and, if the file stopped being readable,
    /// the error (the records before it were all delivered).
    public struct ReadEnd: Sendable {
        /// Records delivered; for a Network Monitor file without a filter, the last packet number (which also
        /// counts the event records Wireshark numbers).
        public var packetsRead: Int
        public var error: CaptureError?
        /// What the reader skipped or found wrong without stopping (native readers only).
        public var notes: [CaptureNote] = []
        /// Records delivered by a record shortcut rather than by libpcap (what tests check the shortcut by).
        var fromShortcut = 0
    }

    /// Calls `body` for every record in file order (after the BPF filter, if any). Packet numbers count every
    /// record libpcap returns, so with a filter they are the numbers of the matching packets in the filtered view.
    public func forEach(_ body: (CaptureRecord, UnsafeRawBufferPointer) throws -> Void) rethrows -> ReadEnd {
        switch backend {
        case .native(let native): return try native.forEach(body)
        case .libpcap(let handle): return try forEach(handle, body)
        }
    }

    private func forEach(_ handle: OpaquePointer, _ body: (CaptureRecord, UnsafeRawBufferPointer) throws -> Void) rethrows
        -> ReadEnd
    {
        var number = 0
        // Where the last whole record ended: the start of the broken one, if the file breaks. Classic pcap records
        // are a 16-byte header plus the captured bytes, so the offset is counted rather than asked of the file
        // (an lseek per packet); pcapng blocks vary, so there libpcap's read position is asked once, at the end.
        var lastGoodOffset = PcapCalls.fileOffset(handle)
        var shortcutRecords = 0
        if memory == nil, !fromStream, !filtered, let start = lastGoodOffset,
            let stop = try readShortcut(from: start, number: &number, body)
        {
            shortcutRecords = number
            switch stop {
            case .end:
                return ReadEnd(packetsRead: number, error: nil, fromShortcut: number)
            case .handOver(let offset):
                // libpcap goes on from the record the shortcut would not take, and says what is wrong with it.
                lastGoodOffset = offset
                guard PcapCalls.seek(handle, to: offset) else {
                    return ReadEnd(
                        packetsRead: number,
                        error: CaptureError(
                            kind: .readFailed, path: info.path, packetNumber: number + 1, byteOffset: offset,
                            message: "libpcap stopped reading: the file could not be read on from byte \(offset)"),
                        fromShortcut: shortcutRecords)
                }
            }
        }
        var end = try readOn(handle, number: number, lastGoodOffset: lastGoodOffset, body)
        end.fromShortcut = shortcutRecords
        return end
    }

    /// libpcap reads from where it stands, numbering records after `number`.
    private func readOn(
        _ handle: OpaquePointer, number: Int, lastGoodOffset: Int?,
        _ body: (CaptureRecord, UnsafeRawBufferPointer) throws -> Void
    ) rethrows -> ReadEnd {
        var number = number
        var lastGoodOffset = lastGoodOffset
        let countOffsets = info.format == .pcap
        while true {
            switch PcapCalls.next(handle) {
            case .packet(let s, let ns, let captured, let wire, let bytes):
                number += 1
                if countOffsets { lastGoodOffset = lastGoodOffset.map { $0 + 16 + captured } }
                let record = CaptureRecord(
                    number: number, timestamp: Int64(s) &* 1_000_000_000 &+ Int64(ns),
                    capturedLength: captured, wireLength: wire)
                try body(record, bytes)
            case .end:
                return ReadEnd(packetsRead: number, error: nil)
            case .error(let message)
            where info.format == .pcapng && memory == nil && !fromStream
                && Self.isMixedInterfaceRefusal(message):
                return try readMixedInterfaces(after: number, body)
            case .error(let message):
                let offset = countOffsets ? lastGoodOffset : PcapCalls.fileOffset(handle)
                let truncated = message.contains("truncated")
                // A compressed pcapng of mixed interfaces: the file itself, decompressed, reads through the native
                // fallback that a stream cannot use.
                let hint =
                    fromStream && Self.isMixedInterfaceRefusal(message)
                    ? "; decompress it (gunzip) and analyse the file, which reads captures of mixed interfaces" : ""
                let plain =
                    truncated
                    ? "the file is cut off in the middle of a record; every whole packet before it was read (\(message))"
                    : "libpcap stopped reading: \(message)\(hint)"
                return ReadEnd(
                    packetsRead: number,
                    error: CaptureError(
                        kind: truncated ? .truncated : .readFailed, path: info.path,
                        packetNumber: number + 1, byteOffset: offset, message: plain))
            }
        }
    }

    /// Reads what the record shortcut of the file's format takes (`PcapRecordReader`, `PcapNGRecordReader`); nil
    /// when it does not apply and libpcap reads the whole file.
    private func readShortcut(
        from start: Int, number: inout Int, _ body: (CaptureRecord, UnsafeRawBufferPointer) throws -> Void
    ) rethrows -> PcapRecordReader.Stop? {
        switch info.format {
        case .pcap:
            guard let records = PcapRecordReader(path: info.path, linkType: info.linkType, snapshot: info.snapshotLength)
            else { return nil }
            return try records.read(from: start, number: &number, observer: observer, body)
        case .pcapng:
            guard
                let blocks = PcapNGRecordReader(
                    path: info.path, linkType: info.linkType, snapshot: info.snapshotLength, libpcapOffset: start)
            else { return nil }
            return try blocks.read(from: start, number: &number, observer: observer, body)
        default:
            return nil
        }
    }

    static func isMixedInterfaceRefusal(_ message: String) -> Bool {
        // libpcap 1.10: "an interface has a type N different from the type of the first interface" and
        // "an interface has a snapshot length N different from the snapshot length of the first interface".
        message.contains("different from the type of the first interface")
            || message.contains("different from the snapshot length of the first interface")
    }

    /// libpcap stops at a pcapng interface whose link type or snapshot length differs from the first one's;
    /// the block reader takes over from the packet after the last one libpcap delivered.
    private func readMixedInterfaces(after delivered: Int, _ body: (CaptureRecord, UnsafeRawBufferPointer) throws -> Void)
        rethrows -> ReadEnd
    {
        guard var blocks = PcapNGBlockReader(path: info.path) else {
            return ReadEnd(
                packetsRead: delivered,
                error: CaptureError(
                    kind: .readFailed, path: info.path, packetNumber: delivered + 1,
                    message: "libpcap cannot read pcapng files whose interfaces differ, and the file could not be reopened"))
        }
        defer { blocks.close() }
        var number = 0
        while true {
            var pending: (CaptureRecord, [UInt8])?
            let next = blocks.next(number: number + 1) { record, _, bytes in
                if record.number > delivered { pending = (record, Array(bytes)) }
            }
            switch next {
            case .packet:
                number += 1
                if let (record, bytes) = pending {
                    try bytes.withUnsafeBytes { try body(record, $0) }
                }
            case .end:
                return ReadEnd(packetsRead: number, error: nil)
            case .error(let message, let offset):
                return ReadEnd(
                    packetsRead: number,
                    error: CaptureError(
                        kind: message.contains("cut off") || message.contains("ends inside") ? .truncated : .readFailed,
                        path: info.path, packetNumber: number + 1, byteOffset: offset, message: message))
            }
        }
    }

    // MARK: - Opening

    private static func openHandle(path: String, magic: UInt32?) -> Result<OpaquePointer, CaptureError> {
        switch PcapCalls.openOffline(path) {
        case .success(let h): return .success(h)
        case .failure(let failure):
            let message = failure.message
            guard let size = fileSize(path) else {
                return .failure(CaptureError(kind: .cannotOpen, path: path, message: "cannot open the file: \(message)"))
            }
            if size == 0 {
                return .failure(
                    CaptureError(
                        kind: .empty, path: path, byteOffset: 0,
                        message: "the file is empty: it holds no capture header"))
            }
            if let magic, format(ofMagic: magic) != nil {
                return .failure(
                    CaptureError(
                        kind: .unsupported, path: path, byteOffset: 0,
                        message: "the file looks like a capture but libpcap refuses it: \(message)"))
            }
            if size < 24 {
                return .failure(
                    CaptureError(
                        kind: .notACapture, path: path, byteOffset: 0,
                        message: "the file is \(size) bytes, too short for a capture header (\(message))"))
            }
            return .failure(
                CaptureError(
                    kind: .notACapture, path: path, byteOffset: 0,
                    message:
                        "not a capture pptp-pcap reads (pcap, pcapng, Network Monitor .cap, pppd record file) nor one it can name: the first bytes are no capture magic number"
                ))
        }
    }

    static func format(ofMagic magic: UInt32) -> CaptureInfo.Format? {
        switch magic {
        case 0xA1B2_C3D4, 0xD4C3_B2A1, 0xA1B2_3C4D, 0x4D3C_B2A1: .pcap
        case 0x0A0D_0D0A: .pcapng
        default: nil
        }
    }

    /// The file's first bytes, for `CaptureFormatSniffer`; nil if it cannot be opened.
    private static func readHead(_ path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes = [UInt8](repeating: 0, count: CaptureFormatSniffer.headLength)
        let n = fread(&bytes, 1, bytes.count, f)
        return Array(bytes[0..<n])
    }

    private static func readMagic(_ path: String) -> UInt32? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes = [UInt8](repeating: 0, count: 4)
        guard fread(&bytes, 1, 4, f) == 4 else { return fileSize(path) == nil ? nil : 0 }
        return UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
    }

    private static func fileSize(_ path: String) -> Int? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        guard fseek(f, 0, SEEK_END) == 0 else { return nil }
        let size = ftell(f)
        return size >= 0 ? Int(size) : nil
    }

    /// libpcap hands back DLT values; a few differ from the LINKTYPE numbers in the file.
    static func linkType(fromDLT dlt: Int32) -> UInt32 {
        switch dlt {
        case 12, 14: 101  // DLT_RAW on Linux/OpenBSD → LINKTYPE_RAW
        default: UInt32(bitPattern: dlt)
        }
    }

    public static var libraryVersion: String { PcapCalls.version }
}
