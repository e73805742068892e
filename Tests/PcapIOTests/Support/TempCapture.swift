import Foundation
import PPTPPcapIO

/// A file under the system's temporary directory with a fresh UUID name, removed when the test is done.
struct TempFile {
    let path: String

    /// A path that does not exist (nothing is written).
    init(missing suffix: String = ".pcap") {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("pptp-pcap-tests-\(UUID().uuidString)\(suffix)").path
    }

    init(_ bytes: [UInt8], suffix: String = ".pcap") throws {
        self.init(missing: suffix)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Writes `bytes` to a temporary file, runs `body` with its path, removes the file.
func withTempFile<R>(_ bytes: [UInt8], suffix: String = ".pcap", _ body: (String) throws -> R) throws -> R {
    let file = try TempFile(bytes, suffix: suffix)
    defer { file.remove() }
    return try body(file.path)
}

/// One record as the reader delivered it, its bytes copied out of libpcap's buffer.
struct ReadPacket {
    var record: CaptureRecord
    var bytes: [UInt8]
}

/// Everything a reader delivers for a file.
struct ReadResult {
    var info: CaptureInfo
    var packets: [ReadPacket]
    var end: CaptureReader.ReadEnd
}

/// Opens `path` and reads it to the end. Throws the reader's `CaptureError` if the file cannot be opened.
func readAll(_ path: String, filter: String? = nil) throws(CaptureError) -> ReadResult {
    let reader = try CaptureReader(path: path, filter: filter)
    var packets: [ReadPacket] = []
    let end = reader.forEach { record, bytes in packets.append(ReadPacket(record: record, bytes: Array(bytes))) }
    return ReadResult(info: reader.info, packets: packets, end: end)
}

/// The error opening `path` fails with, or nil when it opens.
func openError(_ path: String, filter: String? = nil) -> CaptureError? {
    do throws(CaptureError) {
        _ = try CaptureReader(path: path, filter: filter)
        return nil
    } catch {
        return error
    }
}
