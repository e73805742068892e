import PPTPPcapIO
import PPTPTestSupport
import Testing

@Suite("Files that cannot be opened as captures")
struct OpenFailureTests {
    @Test("an empty file is reported as empty, naming the file")
    func emptyFile() throws {
        let error = try withTempFile([]) { openError($0) }
        let e = try #require(error)
        #expect(e.kind == .empty)
        #expect(e.byteOffset == 0)
    }

    @Test("every open error's description starts with the file's path")
    func descriptionsNameTheFile() throws {
        for bytes in [[], Array("this is a text file, not a capture at all\n".utf8), Array("hi\n".utf8)] {
            let temp = try TempFile(bytes, suffix: ".txt")
            defer { temp.remove() }
            let e = try #require(openError(temp.path))
            #expect(e.path == temp.path)
            #expect(e.description.hasPrefix(temp.path))
        }
        let missing = TempFile(missing: ".pcap")
        let e = try #require(openError(missing.path))
        #expect(e.description.hasPrefix(missing.path))
    }

    @Test("a text file is not a capture, whether shorter or longer than a capture header")
    func textFile() throws {
        let long = try withTempFile(Array("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n".utf8), suffix: ".txt") {
            openError($0)
        }
        #expect(long?.kind == .notACapture)
        let short = try withTempFile(Array("hello\n".utf8), suffix: ".txt") { openError($0) }
        #expect(short?.kind == .notACapture)
    }

    @Test("a missing file cannot be opened")
    func missingFile() throws {
        let missing = TempFile(missing: ".pcap")
        let e = try #require(openError(missing.path))
        #expect(e.kind == .cannotOpen)
        #expect(e.path == missing.path)
        // Asking for a filter changes nothing: opening fails first.
        #expect(openError(missing.path, filter: "tcp port 1723")?.kind == .cannotOpen)
    }

    @Test("a file with a capture magic number but a cut global header is refused as unsupported, not as text")
    func cutGlobalHeader() throws {
        let header = Array(PcapWriter(linkType: LinkType.ethernet).bytes.prefix(10))
        let e = try #require(try withTempFile(header) { openError($0) })
        #expect(e.kind == .unsupported)
    }
}
