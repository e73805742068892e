import Dispatch
import Foundation
import PPTPPcapIO
import PPTPReporting
import PPTPTestSupport
import Testing

@testable import PPTPAnalysis

/// `DiagnosisAhead` diagnoses sessions on a second core while the caller writes them: the report must not
/// change by a byte, the order must hold across every turn of its ring of batches, and a caller that stops
/// early must not leave the thread waiting forever.
@Suite("Diagnosing ahead on a second core")
struct DiagnosisAheadTests {
    /// More sessions than the ring holds at once, so the batches are reused several times.
    static func manySessionsCapture() throws -> URL {
        let names = Array(repeating: LongCaptureTests.replayed, count: 6).flatMap { $0 }
        return try LongCaptureTests.longCapture(names)
    }

    static func options(ahead: Bool, heldInMemory: Int = 1) -> Analyzer.Options {
        var options = Analyzer.Options()
        options.diagnoseAhead = ahead
        options.sessionsHeldInMemory = heldInMemory
        return options
    }

    @Test("sessions diagnosed ahead are reported as on one thread, in number order, through many turns of the ring")
    func sameReport() throws {
        let url = try Self.manySessionsCapture()
        defer { try? FileManager.default.removeItem(at: url) }
        for held in [1, 1_000] {
            let here = try Analyzer.analyze(path: url.path, options: Self.options(ahead: false, heldInMemory: held))
            let ahead = try Analyzer.analyze(path: url.path, options: Self.options(ahead: true, heldInMemory: held))
            #expect(here.sessions.count > DiagnosisAhead.batchSessions * DiagnosisAhead.batchCount * 2)
            #expect(ahead.sessions.map(\.index) == here.sessions.map(\.index))
            #expect(ahead.sessions.map(\.index) == ahead.sessions.map(\.index).sorted())
            #expect(JSONRenderer.render(ahead.report) == JSONRenderer.render(here.report), "held in memory: \(held)")
        }
    }

    @Test("a report written through the stream is the same whether its sessions are diagnosed ahead or not")
    func sameStreamedReport() throws {
        let url = try Self.manySessionsCapture()
        defer { try? FileManager.default.removeItem(at: url) }
        func streamed(ahead: Bool) throws -> (indices: [Int], summary: Report.Summary, lost: Int) {
            var stream = try Analyzer.stream(path: url.path, options: Self.options(ahead: ahead))
            var indices: [Int] = []
            while let d = stream.next() { indices.append(d.session.index) }
            #expect(stream.next() == nil, "a finished stream stays finished")
            return (indices, stream.summary, stream.sessionsLost)
        }
        let here = try streamed(ahead: false)
        let ahead = try streamed(ahead: true)
        #expect(ahead.indices == here.indices)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(ahead.summary) == encoder.encode(here.summary))
        #expect(ahead.lost == 0 && here.lost == 0)
    }

    @Test("a caller that stops after a few sessions lets the diagnosing thread end")
    func abandonedStreamEndsTheThread() throws {
        let url = try Self.manySessionsCapture()
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CaptureReader(path: url.path)
        var pass = SessionPass(
            limits: .init(), linkType: .init(rawValue: reader.info.linkType), store: SessionStore(heldLimit: 1))
        _ = pass.run(reader)
        let (store, stats) = pass.finish()
        #expect(store.count > DiagnosisAhead.batchSessions * DiagnosisAhead.batchCount)
        let ended = DispatchSemaphore(value: 0)
        var ahead: DiagnosisAhead? = DiagnosisAhead(
            cursor: store.sessionsByNumber(),
            diagnoser: SessionDiagnoser(
                stats: stats, input: CaptureInput(file: url.path, format: "pcap", linkType: 1, linkTypeName: "Ethernet"),
                logs: [:]),
            finished: { ended.signal() })
        for _ in 0..<3 { #expect(ahead?.next() != nil) }
        ahead = nil
        #expect(ended.wait(timeout: .now() + 30) == .success, "the diagnosing thread still waits for a reader")
    }
}
