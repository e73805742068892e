import PPTPAnalysis
import PPTPPcapIO
import PPTPReporting

/// What the catalog keeps of one analysed capture, gathered a session at a time: each session, as it is diagnosed,
/// becomes its catalog row and its part of the report's one-line JSON (both spooled to temporary files past a
/// few), and is let go. A job's memory follows the sessions open at once, not every session's state, verdict and
/// text together.
struct ScannedCapture {
    /// The report without its sessions, with their counts.
    var report: Report
    var rows: SessionRowSpool
    /// The whole report as compact JSON (`SessionRows.compactJSON` of it, written by the streaming writer).
    var storedReport: StoredReport
    var readError: CaptureError?
    /// Sessions the analysis's temporary file could not give back: missing from the rows and the JSON.
    var sessionsLost: Int

    init(_ stream: inout ReportStream) {
        let captureStart = stream.frame.capture.start.flatMap(ISODate.parse)
        let rows = SessionRowSpool()
        let json = StoredReport()
        JSONRenderer.write(
            frame: stream.frame, pretty: false,
            sessions: { emit in
                while let d = stream.next() {
                    rows.append(SessionRows.row(d.report, captureStart: captureStart))
                    emit(d.report)
                }
                return stream.summary
            }, to: json.append)
        report = stream.frame
        report.summary = stream.summary
        self.rows = rows
        storedReport = json
        readError = stream.readError
        sessionsLost = stream.sessionsLost
    }
}
