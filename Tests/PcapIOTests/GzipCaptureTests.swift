import Foundation
import PPTPPcapIO
import PPTPTestSupport
import Testing

@Suite("Compressed captures")
struct GzipCaptureTests {
    static func records(_ reader: CaptureReader) -> [[UInt8]] {
        var out: [[UInt8]] = []
        _ = reader.forEach { _, bytes in out.append(Array(bytes)) }
        return out
    }

    static func temporary(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pptp-pcap-gz-\(UUID().uuidString)-\(name)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(
        "a gzip-compressed pcap and pcapng read, streamed, exactly like the files themselves",
        arguments: ["success-mschapv2", "mschapv2-e649"])
    func gzipReadsLikeThePlainFile(scenario: String) throws {
        let plain = ProjectPaths.fixtures.appendingPathComponent("scenarios/\(scenario)/capture.pcap")
        let plainPath =
            FileManager.default.fileExists(atPath: plain.path)
            ? plain.path : plain.deletingPathExtension().appendingPathExtension("pcapng").path
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: plainPath)))
        let path = try Self.temporary("capture.gz", try #require(Gzip.compress(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let compressed = try CaptureReader.open(path: path)
        let original = try CaptureReader.open(path: plainPath)
        #expect(compressed.info.format == original.info.format)
        #expect(compressed.info.linkType == original.info.linkType)
        #expect(Self.records(compressed) == Self.records(original))
    }

    @Test("a compressed pcapng of mixed link types stops with the way out: decompress it")
    func mixedInterfacesSayHowToRead() throws {
        let plain = ProjectPaths.fixtures.appendingPathComponent("scenarios/pcapng-two-interfaces/capture.pcapng")
        let path = try Self.temporary("two.pcapng.gz", try #require(Gzip.compress(Array(try Data(contentsOf: plain)))))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let end = try CaptureReader.open(path: path).forEach { _, _ in }
        #expect(end.error?.message.contains("gunzip") == true)
    }

    @Test("a gzip file of something else is an error naming the file, not a crash")
    func gzipOfText() throws {
        let path = try Self.temporary("notes.gz", try #require(Gzip.compress(Array("hello\n".utf8))))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: CaptureError.self) { try CaptureReader.open(path: path) }
        do {
            _ = try CaptureReader.open(path: path)
        } catch {
            #expect(error.path == path)
            #expect(error.kind == .notACapture)
        }
    }
}
