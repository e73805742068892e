import CPcap

/// Metadata of one record as libpcap returned it.
public struct CaptureRecord: Sendable {
    /// 1-based packet number, as Wireshark counts.
    public var number: Int
    /// Nanoseconds since the Unix epoch.
    public var timestamp: Int64
    public var capturedLength: Int
    public var wireLength: Int
}

/// What is known about a capture file once it is open.
public struct CaptureInfo: Sendable {
    public enum Format: String, Sendable { case pcap, pcapng }
    public var path: String
    public var format: Format
    /// The link type number (LINKTYPE_*), as libpcap maps it.
    public var linkType: UInt32
    public var linkTypeName: String?
    public var snapshotLength: Int
    public var fileSize: Int?
}

/// Reads a classic pcap or pcapng file through libpcap, one record at a time, handing each packet's bytes to
/// the caller as a view over libpcap's own buffer (valid only during the call: nothing is copied).
public final class CaptureReader {
    public let info: CaptureInfo
    private let handle: OpaquePointer

    public init(path: String, filter: String? = nil) throws(CaptureError) {
        let magic = Self.readMagic(path)
        switch Self.openHandle(path: path, magic: magic) {
        case .failure(let e): throw e
        case .success(let h): handle = h
        }
        let dlt = PcapCalls.datalink(handle)
        info = CaptureInfo(path: path, format: magic.flatMap(Self.format(ofMagic:)) ?? .pcap,
                           linkType: Self.linkType(fromDLT: dlt), linkTypeName: PcapCalls.linkTypeName(dlt),
                           snapshotLength: Int(PcapCalls.snapshot(handle)), fileSize: magic == nil ? nil : Self.fileSize(path))
        if let filter, !filter.isEmpty, let message = PcapCalls.setFilter(handle, filter) {
            PcapCalls.close(handle)
            throw CaptureError(kind: .badFilter, path: path, message: "the filter '\(filter)' is not valid: \(message)")
        }
    }

    deinit { PcapCalls.close(handle) }

    /// The outcome of reading to the end: how many records were read and, if the file stopped being readable,
    /// the error (the records before it were all delivered).
    public struct ReadEnd: Sendable {
        public var packetsRead: Int
        public var error: CaptureError?
    }

    /// Calls `body` for every record in file order (after the BPF filter, if any). Packet numbers count every
    /// record libpcap returns, so with a filter they are the numbers of the matching packets in the filtered view.
    public func forEach(_ body: (CaptureRecord, UnsafeRawBufferPointer) throws -> Void) rethrows -> ReadEnd {
        var number = 0
        while true {
            switch PcapCalls.next(handle) {
            case .packet(let s, let ns, let captured, let wire, let bytes):
                number += 1
                let record = CaptureRecord(number: number, timestamp: Int64(s) &* 1_000_000_000 &+ Int64(ns),
                                           capturedLength: captured, wireLength: wire)
                try body(record, bytes)
            case .end:
                return ReadEnd(packetsRead: number, error: nil)
            case .error(let message):
                let offset = PcapCalls.fileOffset(handle)
                let truncated = message.contains("truncated")
                let plain = message.contains("different from the snapshot length") || message.contains("different link-layer type")
                    ? "libpcap cannot read on: this pcapng file has interfaces with different link types or snapshot "
                        + "lengths, and libpcap reads only files whose interfaces all share them (\(message))"
                    : truncated
                    ? "the file is cut off in the middle of a record; every whole packet before it was read (\(message))"
                    : "libpcap stopped reading: \(message)"
                return ReadEnd(packetsRead: number,
                               error: CaptureError(kind: truncated ? .truncated : .readFailed, path: info.path,
                                                   packetNumber: number + 1, byteOffset: offset, message: plain))
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
                return .failure(CaptureError(kind: .empty, path: path, byteOffset: 0,
                                             message: "the file is empty: it holds no capture header"))
            }
            if let magic, format(ofMagic: magic) != nil {
                return .failure(CaptureError(kind: .unsupported, path: path, byteOffset: 0,
                                             message: "the file looks like a capture but libpcap refuses it: \(message)"))
            }
            if size < 24 {
                return .failure(CaptureError(kind: .notACapture, path: path, byteOffset: 0,
                                             message: "the file is \(size) bytes, too short for a capture header (\(message))"))
            }
            return .failure(CaptureError(kind: .notACapture, path: path, byteOffset: 0,
                                         message: "not a pcap or pcapng capture (the first bytes are no capture magic number)"))
        }
    }

    static func format(ofMagic magic: UInt32) -> CaptureInfo.Format? {
        switch magic {
        case 0xA1B2_C3D4, 0xD4C3_B2A1, 0xA1B2_3C4D, 0x4D3C_B2A1: .pcap
        case 0x0A0D_0D0A: .pcapng
        default: nil
        }
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
