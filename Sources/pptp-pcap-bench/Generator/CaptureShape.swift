/// What a generated capture is made of. The default (`mixed`) is a busy pptpd server's segment; the others push
/// one side of the workload, so that a ratio to the floor measured on one is not that workload's accident.
struct CaptureShape: Equatable, Sendable {
    /// The file name's part and the table's label; empty for the default.
    var name: String
    var summary: String
    /// A new PPTP session starts every this many nanoseconds.
    var slotNanos: UInt64
    /// Session *i* fails when `i % failureEvery == 7 % failureEvery`.
    var failureEvery: Int
    /// PPP information bytes a successful session moves.
    var dataBytes: ClosedRange<Int>
    /// Share of the file's bytes that is unrelated TCP/UDP traffic.
    var unrelatedShare: Double

    static let mixed = CaptureShape(
        name: "", summary: "a busy pptpd segment: a session every 3 s, 5 % failing, 30 % unrelated bytes",
        slotNanos: 3_000_000_000, failureEvery: 20, dataBytes: 150_000...1_500_000, unrelatedShare: 0.30)
    static let heavyTunnels = CaptureShape(
        name: "heavy-tunnels", summary: "few long sessions moving 20-60 MB of GRE data each, 5 % unrelated bytes",
        slotNanos: 60_000_000_000, failureEvery: 20, dataBytes: 20_000_000...60_000_000, unrelatedShare: 0.05)
    static let failureStorm = CaptureShape(
        name: "failure-storm", summary: "many short sessions (20-150 kB), every other one failing, 30 % unrelated bytes",
        slotNanos: 1_000_000_000, failureEvery: 2, dataBytes: 20_000...150_000, unrelatedShare: 0.30)
    static let mostlyUnrelated = CaptureShape(
        name: "mostly-unrelated", summary: "the mixed sessions on a link where 90 % of the bytes are other traffic",
        slotNanos: 3_000_000_000, failureEvery: 20, dataBytes: 150_000...1_500_000, unrelatedShare: 0.90)

    /// The shapes measured besides the default.
    static let others: [CaptureShape] = [.heavyTunnels, .failureStorm, .mostlyUnrelated]

    /// Payload budget of the unrelated flows started with a session of `sessionBytes`: `unrelatedShare` of the
    /// file, a little less for the flows' own headers and ACKs (the default shape's 38/100 for 30 %).
    func unrelatedBudget(sessionBytes: Int) -> Int {
        Int(Double(sessionBytes) * unrelatedShare / (1 - unrelatedShare) * 0.8867)
    }
}
