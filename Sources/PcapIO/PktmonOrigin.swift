/// Recognises a pcapng file written by Windows' Packet Monitor (`pktmon etl2pcap`). pktmon logs a packet once per
/// networking component that sees it (adapter, filter drivers, virtual switch …), so its captures hold runs of
/// identical frames; the analysis counts them once and the report says why they were there. etl2pcap marks every
/// packet with a comment naming the copy ("PktGroupId …, PktNumber …, Appearance …, Component …"), which is what
/// is looked for in the file's first blocks.
enum PktmonOrigin {
    static let scanLength = 1 << 16
    private static let markers: [[UInt8]] = [Array("PktGroupId".utf8), Array("PktMon".utf8), Array("pktmon".utf8)]

    static func isPktmon(path: String) -> Bool {
        guard let window = FileWindow(path: path, capacity: scanLength),
            let head = window.view(at: 0, count: min(scanLength, window.size))
        else { return false }
        return markers.contains { contains(head, $0) }
    }

    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
