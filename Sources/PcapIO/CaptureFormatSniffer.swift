/// Tells from a file's first bytes which capture format it holds: the ones pptp-pcap reads, and the ones it can
/// name but not read, each with the way out (the conversion command). Used when a file is opened and by `scan`,
/// which finds captures by content.
public enum CaptureFormatSniffer {
    /// What a file turned out to be.
    public enum Kind: Sendable, Equatable {
        case readable(CaptureInfo.Format)
        /// A known format pptp-pcap does not read: its name, and what to do instead (`{file}` stands for the path,
        /// `{out}` for the path with the extension replaced by `.pcapng`).
        case unsupported(format: String, hint: String)
        case unknown
    }

    /// How many leading bytes `identify` looks at (ETW traces are recognised at byte 0x48).
    public static let headLength = 96

    public static func identify(head: [UInt8], fileName: String? = nil) -> Kind {
        if let format = libpcapFormat(head) { return .readable(format) }
        if starts(head, "GMBU") || starts(head, "RTSS") { return .readable(.netmon) }
        if PppdumpReader.looksLikePppdump(head) { return .readable(.pppdump) }
        if isETL(head) || (fileName?.lowercased().hasSuffix(".etl") ?? false) {
            return .unsupported(format: "Windows ETW trace (.etl)", hint: etlHint)
        }
        if starts(head, "MSCF"), head.count >= 8, head[4..<8].allSatisfy({ $0 == 0 }) {
            return .unsupported(format: "Windows cabinet (.cab)", hint: cabHint)
        }
        for (magic, name) in editcapFormats where starts(head, magic) {
            return .unsupported(format: name, hint: editcapHint)
        }
        return .unknown
    }

    /// The error for a format that is named but not read.
    public static func unsupportedError(path: String, format: String, hint: String) -> CaptureError {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        let stem = name.lastIndex(of: ".").map { name[..<$0] }.map(String.init) ?? name
        let out = String(path.dropLast(name.count)) + (stem.isEmpty ? name : stem) + ".pcapng"
        return CaptureError(
            kind: .unsupportedFormat, path: path, byteOffset: 0,
            message: "this is a \(format) file, which pptp-pcap does not read; "
                + hint.replacing("{out}", with: out).replacing("{file}", with: path))
    }

    static func libpcapFormat(_ b: [UInt8]) -> CaptureInfo.Format? {
        guard b.count >= 4 else { return nil }
        switch UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3]) {
        case 0xA1B2_C3D4, 0xD4C3_B2A1, 0xA1B2_3C4D, 0x4D3C_B2A1: return .pcap
        case 0x0A0D_0D0A: return .pcapng
        default: return nil
        }
    }

    static let editcapHint = "convert it with `editcap -F pcap {file} out.pcap` (Wireshark) and analyse out.pcap"
    static let etlHint =
        "convert it on Windows with `pktmon etl2pcap {file} --out {out}` (for a netsh trace .etl, "
        + "Microsoft's etl2pcapng: `etl2pcapng {file} {out}`) and analyse the .pcapng"
    static let cabHint =
        "netsh trace packs its .etl into it: extract it (`expand` on Windows, `cabextract` elsewhere), "
        + "convert the .etl with Microsoft's etl2pcapng (`etl2pcapng trace.etl trace.pcapng`) and analyse the .pcapng"

    /// Formats Wireshark reads and converts, recognised by a magic that nothing else starts with.
    static let editcapFormats: [(magic: [UInt8], name: String)] = [
        (Array("snoop".utf8) + [0, 0, 0], "Sun snoop"),
        (Array("XCP".utf8) + [0], "NetXRay / Windows Sniffer"),
        (Array("TRSNIFF data    ".utf8) + [0x1A], "Network General Sniffer (DOS)"),
        (Array("iptrace 1.0".utf8), "AIX iptrace"),
        (Array("iptrace 2.0".utf8), "AIX iptrace"),
        (Array("ObserverPktBuffer".utf8), "Network Instruments Observer"),
        ([0x7F] + Array("ver".utf8), "Savvius OmniPeek / AiroPeek (tagged .pkt)"),
    ]

    private static func starts(_ head: [UInt8], _ magic: String) -> Bool { starts(head, Array(magic.utf8)) }
    private static func starts(_ head: [UInt8], _ magic: [UInt8]) -> Bool {
        head.count >= magic.count && head[0..<magic.count].elementsEqual(magic)
    }

    /// An ETW trace file is a series of trace buffers; the first holds, after its 0x48-byte WMI_BUFFER_HEADER, the
    /// logfile-header event, whose SYSTEM_TRACE_HEADER marker has flags 0xC0, header type 1 or 2 (32- or 64-bit)
    /// and version 1 or 2. The buffer size in front must be a plausible multiple of 1 KiB.
    static func isETL(_ b: [UInt8]) -> Bool {
        guard b.count >= 0x4C else { return false }
        let bufferSize = UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
        return bufferSize >= 1024 && bufferSize % 1024 == 0 && bufferSize <= 64 << 20
            && (1...2).contains(b[0x48]) && b[0x49] == 0 && (1...2).contains(b[0x4A]) && b[0x4B] == 0xC0
    }
}
