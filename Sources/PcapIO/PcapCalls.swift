import CPPTPPcap

/// Every libpcap call lives here, so the rest of the project never touches C (swift-system's Syscalls.swift).
enum PcapCalls {
    struct OpenFailure: Error { var message: String }

    static func openOffline(_ path: String) -> Result<OpaquePointer, OpenFailure> {
        var errbuf = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        let handle = pcap_open_offline_with_tstamp_precision(path, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errbuf)
        guard let handle else { return .failure(OpenFailure(message: String(cString: errbuf))) }
        return .success(handle)
    }

    /// Opens a capture held in memory (the fuzzer, decompressed streams): libpcap reads it through fmemopen.
    static func openMemory(_ bytes: UnsafeMutableRawBufferPointer) -> Result<OpaquePointer, OpenFailure> {
        guard let base = bytes.baseAddress, bytes.count > 0, let file = fmemopen(base, bytes.count, "rb") else {
            return .failure(OpenFailure(message: "empty input"))
        }
        var errbuf = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        // On success libpcap owns the FILE and closes it in pcap_close.
        guard let handle = pcap_fopen_offline_with_tstamp_precision(file, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errbuf) else {
            fclose(file)
            return .failure(OpenFailure(message: String(cString: errbuf)))
        }
        return .success(handle)
    }

    /// Opens a capture from an open stdio stream; libpcap owns it on success, and it is closed here on failure.
    static func openStream(_ file: UnsafeMutablePointer<FILE>) -> Result<OpaquePointer, OpenFailure> {
        var errbuf = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        guard let handle = pcap_fopen_offline_with_tstamp_precision(file, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errbuf) else {
            fclose(file)
            return .failure(OpenFailure(message: String(cString: errbuf)))
        }
        return .success(handle)
    }

    static func close(_ p: OpaquePointer) { pcap_close(p) }
    static func datalink(_ p: OpaquePointer) -> Int32 { pcap_datalink(p) }
    static func snapshot(_ p: OpaquePointer) -> Int32 { pcap_snapshot(p) }
    static func lastError(_ p: OpaquePointer) -> String { String(cString: pcap_geterr(p)) }

    /// Byte offset of libpcap's read position in the file: just past the last record it returned.
    static func fileOffset(_ p: OpaquePointer) -> Int? {
        guard let file = pcap_file(p) else { return nil }
        let pos = ftell(file)
        return pos >= 0 ? Int(pos) : nil
    }

    /// Moves libpcap's read position to `offset` (a record's start in a classic pcap file); false if it cannot.
    static func seek(_ p: OpaquePointer, to offset: Int) -> Bool {
        guard let file = pcap_file(p) else { return false }
        return fseek(file, offset, SEEK_SET) == 0
    }

    static func setFilter(_ p: OpaquePointer, _ expression: String) -> String? {
        var program = bpf_program()
        guard pcap_compile(p, &program, expression, 1, PCAP_NETMASK_UNKNOWN) == 0 else { return lastError(p) }
        defer { pcap_freecode(&program) }
        guard pcap_setfilter(p, &program) == 0 else { return lastError(p) }
        return nil
    }

    /// A BPF program compiled for one link type without a capture handle (`pcap_open_dead`), for records that
    /// libpcap did not read itself (Network Monitor, pppdump) and are tested with `pcap_offline_filter`.
    final class DeadFilter {
        private let dead: OpaquePointer
        private var program = bpf_program()

        init?(expression: String, linkType: UInt32, error: inout String) {
            // libpcap takes DLT values here; LINKTYPE_RAW is the one whose DLT differs on Linux.
            let dlt: Int32 = linkType == 101 ? 12 : Int32(bitPattern: linkType)
            guard let dead = pcap_open_dead(dlt, 262_144) else {
                error = "libpcap cannot compile a filter for link type \(linkType)"
                return nil
            }
            self.dead = dead
            guard pcap_compile(dead, &program, expression, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
                // Every stored property is set, so deinit runs and closes the handle (the program is still empty).
                error = PcapCalls.lastError(dead)
                return nil
            }
        }

        func matches(captured: Int, wire: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
            var header = pcap_pkthdr()
            header.caplen = UInt32(clamping: captured)
            header.len = UInt32(clamping: wire)
            guard let base = bytes.baseAddress else { return false }
            return pcap_offline_filter(&program, &header, base.assumingMemoryBound(to: UInt8.self)) != 0
        }

        deinit {
            pcap_freecode(&program)
            pcap_close(dead)
        }
    }

    enum Next {
        case packet(seconds: Int, nanoseconds: Int, captured: Int, wire: Int, bytes: UnsafeRawBufferPointer)
        case end
        case error(String)
    }

    static func next(_ p: OpaquePointer) -> Next {
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        let rc = pcap_next_ex(p, &header, &data)
        switch rc {
        case 1:
            guard let h = header?.pointee else { return .error("libpcap returned a record without a header") }
            let captured = Int(h.caplen)
            let bytes =
                data.map { UnsafeRawBufferPointer(start: $0, count: captured) }
                ?? UnsafeRawBufferPointer(start: nil, count: 0)
            return .packet(
                seconds: Int(h.ts.tv_sec), nanoseconds: Int(h.ts.tv_usec), captured: captured,
                wire: Int(h.len), bytes: bytes)
        case PCAP_ERROR_BREAK:
            return .end
        default:
            return .error(lastError(p))
        }
    }

    /// Link-type name as libpcap knows it ("EN10MB"), for messages.
    static func linkTypeName(_ dlt: Int32) -> String? {
        guard dlt >= 0 else { return nil }
        guard let name = pcap_datalink_val_to_name(dlt) else { return nil }
        return String(cString: name)
    }

    static var version: String { String(cString: pcap_lib_version()) }
}
