import Foundation
import PPTPAnalysis
import PPTPScan
import Synchronization

/// `analyze`'s progress line on a terminal: bytes, packets, sessions so far and the time left, redrawn at most
/// four times a second on standard error, and wiped before the report is written. Never in a pipe or a file
/// (`ScanConsole.progressWanted`): a multi-GB capture should not look hung, a redirected report stays clean.
final class ProgressLine: Sendable {
    private struct State {
        var started = ContinuousClock.now
        var lastDraw: ContinuousClock.Instant?
        var drawn = false
    }

    private let state = Mutex(State())

    func update(_ p: AnalysisProgress) {
        state.withLock { s in
            let now = ContinuousClock.now
            if let last = s.lastDraw, now - last < .milliseconds(250) { return }
            s.lastDraw = now
            let elapsed = Double((now - s.started).components.seconds) + Double((now - s.started).components.attoseconds) / 1e18
            var line = "analysing: "
            if let total = p.totalBytes, total > 0 {
                let percent = min(99, Int(100 * Double(p.bytes) / Double(total)))
                line += "\(SummaryTable.byteCount(p.bytes)) of \(SummaryTable.byteCount(total)) (\(percent) %), "
                if elapsed > 1, p.bytes > 0, total > p.bytes {
                    let rate = Double(p.bytes) / elapsed
                    line += "ETA \(ScanConsole.duration(Double(total - p.bytes) / rate)), "
                }
            }
            line += "\(p.packets) packets, \(p.sessions) sessions finished"
            Output.status("\r\u{1B}[K" + line)
            s.drawn = true
        }
    }

    func finish() {
        state.withLock { s in
            if s.drawn { Output.status("\r\u{1B}[K") }
            s.drawn = false
        }
    }
}
