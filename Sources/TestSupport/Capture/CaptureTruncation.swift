/// Helpers to produce damaged capture files (a capture cut off while a record was being written).
public enum CaptureTruncation {
    /// The file without its last `count` bytes.
    public static func droppingLast(_ count: Int, of file: [UInt8]) -> [UInt8] {
        Array(file.prefix(max(0, file.count - count)))
    }

    /// A classic pcap file cut in the middle of its last record's packet data: the record header stays,
    /// only half of the captured bytes follow.
    public static func cutMidLastRecord(_ writer: PcapWriter) -> [UInt8] {
        guard let offset = writer.lastRecordOffset else { return writer.bytes }
        let dataLength = writer.bytes.count - offset - 16
        return droppingLast(max(1, dataLength - dataLength / 2), of: writer.bytes)
    }
}
