import Foundation
import PPTPTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Memory stays bounded whatever the input: a capture of a million one-packet sessions (a SYN flood) and one of
/// a million made-up GRE call IDs are analysed by the real binary, and its peak resident memory is checked
/// against the documented cap.
@Suite("Resource bounds", .serialized)
struct ResourceBoundsTests {
    /// The documented cap (README, "Untrusted input").
    static let peakCapMiB = 256

    /// Streams `count` frames made by `frame` into a pcap file without holding them all in memory.
    static func writeCapture(count: Int, _ frame: (Int) -> [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bounds-\(UUID().uuidString).pcap")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var header = PcapWriter(linkType: 1)
        try handle.write(contentsOf: Data(header.bytes))
        var chunk: [UInt8] = []
        for i in 0..<count {
            header = PcapWriter(linkType: 1)
            header.add(frame(i), timestampNanos: 1_700_000_000_000_000_000 + UInt64(i) * 1000)
            chunk += header.bytes.dropFirst(24)
            if chunk.count > 1 << 20 {
                try handle.write(contentsOf: Data(chunk))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: Data(chunk))
        return url
    }

    static func ipv4(_ i: Int, proto: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let total = 20 + payload.count
        return [
            0x45, 0, UInt8(total >> 8), UInt8(total & 0xFF), 0, 1, 0x40, 0, 64, proto, 0, 0,
            10, UInt8(i >> 16 & 0xFF), UInt8(i >> 8 & 0xFF), UInt8(i & 0xFF), 203, 0, 113, 10,
        ] + payload
    }

    static func ethernet(_ payload: [UInt8]) -> [UInt8] {
        [0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0x08, 0x00] + payload
    }

    /// Runs the binary on a file and returns its peak resident set in MiB (from wait4's rusage).
    static func peakMiB(analyzing url: URL) throws -> (status: Int32, peak: Int) {
        let binary = try #require(ProjectPaths.executable, "the pptp-pcap executable was not built")
        var pid: pid_t = 0
        let devNull = "/dev/null"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, devNull, O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, devNull, O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let args = [binary.path, "analyze", "--format", "json", url.path]
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        guard posix_spawn(&pid, binary.path, &actions, nil, &argv, environ) == 0 else {
            Issue.record("could not start pptp-pcap")
            return (-1, 0)
        }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        return (status, usage.ru_maxrss / 1024)
    }

    @Test("a million one-packet sessions (SYNs) stay under the memory cap")
    func millionSYNs() throws {
        let url = try Self.writeCapture(count: 1_000_000) { i in
            let tcp: [UInt8] = [
                UInt8(i >> 8 & 0xFF), UInt8(i & 0xFF), 0x06, 0xBB, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02,
                0xFF, 0xFF, 0, 0, 0, 0,
            ]
            return Self.ethernet(Self.ipv4(i, proto: 6, tcp))
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let (status, peak) = try Self.peakMiB(analyzing: url)
        print("a million SYNs: peak \(peak) MiB, exit \(status >> 8)")
        #expect(peak < Self.peakCapMiB)
        #expect(status & 0x7F == 0, "killed by a signal")
    }

    @Test("a million made-up GRE call IDs stay under the memory cap")
    func millionCallIDs() throws {
        let url = try Self.writeCapture(count: 1_000_000) { i in
            let gre: [UInt8] = [
                0x30, 0x01, 0x88, 0x0B, 0, 4, UInt8(i >> 8 & 0xFF), UInt8(i & 0xFF), 0, 0, 0, 1,
                0xFF, 0x03, 0x00, 0x21,
            ]
            return Self.ethernet(Self.ipv4(i % 4096, proto: 47, gre))
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let (status, peak) = try Self.peakMiB(analyzing: url)
        print("a million GRE call IDs: peak \(peak) MiB, exit \(status >> 8)")
        #expect(peak < Self.peakCapMiB)
        #expect(status & 0x7F == 0, "killed by a signal")
    }
}
