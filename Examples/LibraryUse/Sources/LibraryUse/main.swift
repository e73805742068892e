import Foundation
import PPTPAnalysis
import PPTPReporting

// One line per session: the verdict, the stage, the probable Windows codes and the headline.
let paths = CommandLine.arguments.dropFirst()
guard !paths.isEmpty else {
    print("usage: library-use CAPTURE…")
    exit(64)
}
for path in paths {
    do {
        let report = try Analyzer.analyze(path: path).report
        for session in report.sessions {
            let codes = session.probableErrorCodes.map(String.init).joined(separator: ",")
            // The verdict's fields are the diagnosis' enums; their raw values are the report's JSON strings.
            let stage = session.failureStage?.rawValue ?? "-"
            print("\(path) session \(session.id): \(session.outcome.rawValue) \(stage) [\(codes)] \(session.headline)")
        }
        // Any renderer takes the same report.
        if report.sessions.isEmpty { print(TextRenderer(color: false).render(report)) }
    } catch {
        print("\(path): \(error)")
    }
}
