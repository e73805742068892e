/// The capture formats read without libpcap (Network Monitor, pppdump), behind one face: records numbered as
/// `CaptureReader` numbers them, a `--filter` applied with libpcap's own BPF compiler (`pcap_open_dead` for the
/// record's link type, then `pcap_offline_filter`), and notes for what the reader skipped.
///
/// libpcap cannot filter LINKTYPE_PPP_WITH_DIR, so pppdump frames are filtered as LINKTYPE_PPP without their
/// direction byte (`inbound`/`outbound` do not work there); a frame sent without address and control fields, or
/// with a one-byte protocol, is filtered as if it had them, through a scratch copy.
final class NativeCapture {
    enum Source {
        case netmon(NetmonReader)
        case pppdump(PppdumpReader)
    }

    let source: Source
    let info: CaptureInfo
    private let filter: String?
    /// Compiled programs by link type; nil where libpcap cannot compile the filter for that link type.
    private var programs: [UInt32: PcapCalls.DeadFilter?] = [:]
    private var scratch: [UInt8] = []

    init(path: String, format: CaptureInfo.Format, filter: String?) throws(CaptureError) {
        switch format {
        case .netmon:
            let reader = try NetmonReader(path: path)
            source = .netmon(reader)
            let linkType = reader.linkType ?? 1
            info = CaptureInfo(
                path: path, format: .netmon, linkType: linkType,
                linkTypeName: Self.name(linkType), snapshotLength: NetmonReader.maxFrameLength,
                fileSize: reader.fileSize)
        default:
            let reader = try PppdumpReader(path: path)
            source = .pppdump(reader)
            info = CaptureInfo(
                path: path, format: .pppdump, linkType: PppdumpReader.linkType,
                linkTypeName: Self.name(PppdumpReader.linkType),
                snapshotLength: HDLCDeframer.maxFrameLength + 1, fileSize: reader.fileSize)
        }
        self.filter = (filter ?? "").isEmpty ? nil : filter
        if let expression = self.filter {
            // Compiled up front for the file's link type, so a bad filter is refused before any reading.
            var message = ""
            guard
                let program = PcapCalls.DeadFilter(
                    expression: expression, linkType: Self.filterLinkType(info.linkType),
                    error: &message)
            else {
                throw CaptureError(kind: .badFilter, path: path, message: "the filter '\(expression)' is not valid: \(message)")
            }
            programs[info.linkType] = program
        }
    }

    private static func name(_ linkType: UInt32) -> String? {
        PcapCalls.linkTypeName(linkType == 101 ? 12 : Int32(bitPattern: linkType))
    }

    private func passes(_ record: CaptureRecord, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let expression = filter else { return true }
        let linkType = record.linkType ?? info.linkType
        if programs[linkType] == nil {
            var ignored = ""
            programs[linkType] = .some(
                PcapCalls.DeadFilter(
                    expression: expression, linkType: Self.filterLinkType(linkType),
                    error: &ignored))
        }
        // A link type the filter cannot be compiled for matches nothing, as libpcap would have it.
        guard let program = programs[linkType] ?? nil else { return false }
        guard linkType == PppdumpReader.linkType, bytes.count > 1 else {
            return program.matches(captured: record.capturedLength, wire: record.wireLength, bytes)
        }
        let frame = UnsafeRawBufferPointer(rebasing: bytes[1...])
        let hasAddress = frame.count >= 2 && frame[0] == 0xFF && frame[1] == 0x03
        let protocolStart = hasAddress ? 2 : 0
        let shortProtocol = frame.count > protocolStart && frame[protocolStart] & 1 == 1
        if hasAddress, !shortProtocol {
            return program.matches(captured: frame.count, wire: frame.count, frame)
        }
        scratch.removeAll(keepingCapacity: true)
        scratch += [0xFF, 0x03]
        if shortProtocol { scratch.append(0) }
        scratch += frame[protocolStart...]
        return scratch.withUnsafeBytes { program.matches(captured: $0.count, wire: $0.count, $0) }
    }

    /// The link type a filter is compiled for: PPP for pppdump's PPP-with-direction records.
    private static func filterLinkType(_ linkType: UInt32) -> UInt32 {
        linkType == PppdumpReader.linkType ? 9 : linkType
    }

    func forEach(_ body: (CaptureRecord, UnsafeRawBufferPointer) throws -> Void) rethrows -> CaptureReader.ReadEnd {
        switch source {
        case .netmon(let reader): return try readNetmon(reader, body)
        case .pppdump(let reader): return try readPppdump(reader, body)
        }
    }

    private func readNetmon(
        _ reader: NetmonReader,
        _ body: (CaptureRecord, UnsafeRawBufferPointer) throws -> Void
    ) rethrows -> CaptureReader.ReadEnd {
        // Without a filter, numbers are Wireshark's frame numbers (which count Network Monitor's event and filter
        // records but not its adapter lists); with one, they count the matching packets, as libpcap's do.
        var number = 0
        var skipped = NetmonReader.Skipped()
        var end = CaptureReader.ReadEnd(packetsRead: 0, error: nil)
        /// One frame to the caller (or to the counts); false when reading must stop.
        func take(_ frame: Result<NetmonReader.Frame, CaptureError>) throws -> Bool {
            switch frame {
            case .failure(let error):
                end.error = error
                return false
            case .success(.metadata(let numbered)):
                skipped.metadata += 1
                if numbered, filter == nil { number += 1 }
            case .success(.unsupported(let media)):
                skipped.unsupportedMedia[media, default: 0] += 1
                if filter == nil { number += 1 }
            case .success(.packet(var record, let bytes)):
                if record.linkType == info.linkType { record.linkType = nil }
                guard passes(record, bytes) else { return true }
                number += 1
                record.number = number
                try body(record, bytes)
            }
            return true
        }
        if let missing = reader.missingTable {
            var offset = NetmonReader.firstFrameOffset
            var index = 0
            while offset < reader.fileSize {
                let next = reader.frame(at: offset, index: index, number: number + 1)
                guard try take(next.map(\.frame)), case .success(let (_, frameEnd)) = next else { break }
                offset = frameEnd
                index += 1
            }
            if end.error == nil {
                end.error = CaptureError(
                    kind: .truncated, path: info.path, packetNumber: number + 1, byteOffset: offset,
                    message: "\(missing); the \(index) frames before byte \(offset) were read in file order")
            } else if var error = end.error {
                error.message =
                    "\(missing); the \(index) frames before byte \(offset) were read in file order, then \(error.message)"
                end.error = error
            }
        } else {
            for index in 0..<reader.frameCount {
                guard try take(reader.frame(index, number: number + 1)) else { break }
            }
        }
        end.packetsRead = number
        if skipped.metadata > 0 {
            end.notes.append(
                CaptureNote(
                    code: "capture.skipped-records",
                    message:
                        "\(skipped.metadata) Network Monitor records that are not packets (adapter lists, DNS cache, ETW events, "
                        + "capture filters) were skipped"))
        }
        for (media, count) in skipped.unsupportedMedia.sorted(by: { $0.key < $1.key }) {
            end.notes.append(
                CaptureNote(
                    code: "capture.skipped-records",
                    message:
                        "\(count) frames of Network Monitor media type \(media) (not a link layer pptp-pcap reads: Ethernet, raw IP "
                        + "and 802.11 are) were skipped"))
        }
        return end
    }

    private func readPppdump(
        _ reader: PppdumpReader,
        _ body: (CaptureRecord, UnsafeRawBufferPointer) throws -> Void
    ) rethrows -> CaptureReader.ReadEnd {
        var number = 0
        let (counts, error) = try reader.forEach { time, bytes in
            let record = CaptureRecord(
                number: number + 1, timestamp: time, capturedLength: bytes.count,
                wireLength: bytes.count)
            guard passes(record, bytes) else { return }
            number += 1
            try body(record, bytes)
        }
        var end = CaptureReader.ReadEnd(packetsRead: number, error: error)
        if var e = end.error, e.packetNumber == nil {
            e.packetNumber = number + 1
            end.error = e
        }
        if counts.badFCS > 0 {
            end.notes.append(
                CaptureNote(
                    code: "capture.bad-fcs",
                    message:
                        "\(counts.badFCS) PPP frames failed their FCS check (line noise, or bytes the recording lost); they were analysed as they are"
                ))
        }
        if counts.tooLong > 0 {
            end.notes.append(
                CaptureNote(
                    code: "capture.skipped-records",
                    message:
                        "\(counts.tooLong) runaway frames longer than \(HDLCDeframer.maxFrameLength - 2) bytes (a lost flag byte) were dropped"
                ))
        }
        if counts.runts > 0 {
            end.notes.append(
                CaptureNote(
                    code: "capture.skipped-records",
                    message:
                        "\(counts.runts) fragments between flags too short to be PPP frames were dropped"))
        }
        if counts.unterminated > 0 {
            end.notes.append(
                CaptureNote(
                    code: "capture.skipped-records",
                    message:
                        "\(counts.unterminated) frames were still unfinished when the recording ended and were dropped"))
        }
        return end
    }
}
