import Foundation

/// The libpcap read floor: a C program that opens the capture with libpcap and loops `pcap_next_ex` to the end,
/// touching two bytes of each packet. Nothing that reads the file through libpcap can be faster, so the other
/// commands are reported as multiples of its wall time.
enum FloorProgram {
    static let source = """
        /* pptp-pcap-bench's libpcap read floor (written and compiled by the benchmark; do not edit). */
        #include <pcap/pcap.h>
        #include <stdio.h>

        int main(int argc, char **argv) {
            if (argc != 2) { fprintf(stderr, "usage: pcap-floor FILE\\n"); return 64; }
            char errbuf[PCAP_ERRBUF_SIZE];
            pcap_t *p = pcap_open_offline(argv[1], errbuf);
            if (p == NULL) { fprintf(stderr, "pcap-floor: %s\\n", errbuf); return 2; }
            struct pcap_pkthdr *header;
            const u_char *data;
            unsigned long long packets = 0, bytes = 0;
            unsigned check = 0;
            int rc;
            while ((rc = pcap_next_ex(p, &header, &data)) == 1) {
                packets++;
                bytes += header->caplen;
                if (header->caplen > 0) check += data[0] ^ data[header->caplen - 1];
            }
            if (rc == PCAP_ERROR) { fprintf(stderr, "pcap-floor: %s\\n", pcap_geterr(p)); pcap_close(p); return 1; }
            printf("%llu packets %llu bytes check %u (%s)\\n", packets, bytes, check, pcap_lib_version());
            pcap_close(p);
            return 0;
        }

        """

    /// `cache/pcap-floor`, compiled from `cache/floor.c` with `cc -O2 floor.c -lpcap` unless already current.
    static func build(in cache: URL) throws -> URL {
        let sourceURL = cache.appendingPathComponent("floor.c")
        let binaryURL = cache.appendingPathComponent("pcap-floor")
        let current = (try? String(contentsOf: sourceURL, encoding: .utf8)) == source
        if current, FileManager.default.isExecutableFile(atPath: binaryURL.path) { return binaryURL }
        try source.write(to: sourceURL, atomically: true, encoding: .utf8)
        let log = cache.appendingPathComponent("floor-build.log").path
        let outcome = try ProcessRunner.run(
            ["cc", "-O2", sourceURL.path, "-lpcap", "-o", binaryURL.path],
            stdout: log, stderr: log)
        guard outcome.status == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw BenchError(
                "cannot compile the libpcap floor (cc -O2 floor.c -lpcap, \(outcome.description); "
                    + "is libpcap-dev installed?)\n\(text)")
        }
        return binaryURL
    }
}
