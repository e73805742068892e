import CPPTPPcap

/// Writes a classic pcap file through libpcap (`pcap_dump`), with nanosecond timestamps so the original times
/// survive exactly: the evidence capture a ticket can carry instead of the whole file.
public final class CaptureWriter {
    private let dead: OpaquePointer
    private let dumper: OpaquePointer
    public let path: String

    public init(path: String, linkType: UInt32, snapLength: Int) throws(CaptureError) {
        self.path = path
        guard
            let dead = pcap_open_dead_with_tstamp_precision(
                Int32(bitPattern: linkType), Int32(clamping: snapLength),
                UInt32(PCAP_TSTAMP_PRECISION_NANO))
        else {
            throw CaptureError(kind: .cannotOpen, path: path, message: "libpcap cannot make a writer for this link type")
        }
        guard let dumper = pcap_dump_open(dead, path) else {
            let message = String(cString: pcap_geterr(dead))
            pcap_close(dead)
            throw CaptureError(kind: .cannotOpen, path: path, message: "cannot write the evidence capture: \(message)")
        }
        self.dead = dead
        self.dumper = dumper
    }

    /// Appends one packet; `timestamp` in nanoseconds since the epoch.
    public func write(timestamp: Int64, wireLength: Int, bytes: UnsafeRawBufferPointer) {
        var header = pcap_pkthdr()
        var seconds = timestamp / 1_000_000_000
        var rest = timestamp % 1_000_000_000
        if rest < 0 {
            seconds -= 1
            rest += 1_000_000_000
        }
        header.ts.tv_sec = Int(seconds)
        // With nanosecond precision libpcap stores tv_usec as nanoseconds.
        header.ts.tv_usec = Int(rest)
        header.caplen = UInt32(clamping: bytes.count)
        header.len = UInt32(clamping: max(wireLength, bytes.count))
        guard let base = bytes.baseAddress else { return }
        pcap_dump(
            UnsafeMutableRawPointer(dumper).assumingMemoryBound(to: UInt8.self), &header,
            base.assumingMemoryBound(to: UInt8.self))
    }

    deinit {
        pcap_dump_close(dumper)
        pcap_close(dead)
    }
}
