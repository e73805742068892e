import PPTPAnalysis
import PPTPDissect
import PPTPPcapIO
import PPTPReporting

/// libFuzzer entry point: the input is a whole capture file. Every stage runs, and every renderer renders the
/// result, so a crash, an out-of-bounds read (ASan) or a hang anywhere in the pipeline is found.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let reader = try? CaptureReader(bytes: bytes, name: "fuzz-input") {
        // Both ways of reading, chosen by the input so that a crash reproduces: on this thread, or with reading
        // ahead on a second one.
        var options = Analyzer.Options()
        options.readAhead = size % 2 == 0
        let result = Analyzer.analyze(reader: reader, options: options)
        _ = TextRenderer(color: true).render(result.report)
        _ = JSONRenderer.render(result.report)
        let pseudonyms = Pseudonyms()
        _ = TextRenderer().render(ReportRedactor.redact(result.report, with: pseudonyms))
        // The CLI writes text, Markdown and HTML a session at a time through a spool file: that path too.
        for format in [DocumentWriter.Format.text(color: false), .markdown, .html] {
            var document = DocumentWriter(format: format)
            for session in result.report.sessions { document.add(session, of: result.report) }
            _ = document.finish(result.report) { _ in }
        }
    }
    // The raw bytes as a single packet of each link type: reaches the dissectors without a valid file header.
    bytes.withUnsafeBytes { raw in
        let view = ByteView(raw)
        let out = ByteBuffer()
        for link in [LinkType.ethernet, .linuxSLL, .linuxSLL2, .raw, .ppp, .pppWithDirection, .null, .pppEther] {
            let p = PacketDissector.dissect(view, linkType: link)
            _ = PacketSummary.line(p, view)
            var writer = NDJSONWriter()
            writer.write(number: 1, relativeTime: 0, packet: p, view: view, options: .init(showCredentials: true), to: out)
        }
    }
    return 0
}

// SwiftPM links an executable target's entry point as `<Target>_main`; hand control to libFuzzer's driver there.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("FuzzPipeline_main")
public func fuzzPipelineMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzz(data, size) }
}
