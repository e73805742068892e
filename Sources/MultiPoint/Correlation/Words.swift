/// Number formatting for path messages (no Foundation on the analysis path).
enum Words {
    /// `value` with exactly `digits` decimals.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 1e15 else { return value < 0 ? "-∞" : "∞" }
        let whole = Int(scaled)
        var text = String(whole / Int(scale))
        if digits > 0 {
            let fraction = String(whole % Int(scale))
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return (value < 0 && scaled > 0 ? "-" : "") + text
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}

/// Seconds ↔ nanoseconds without a trap, whatever a hostile capture's timestamps make of them.
enum Nanos {
    /// `seconds` in nanoseconds, clamped to ±2^62 (non-finite: 0).
    static func from(seconds: Double) -> Int64 {
        guard seconds.isFinite else { return 0 }
        let limit = 4.6e18
        return Int64(max(-limit, min(limit, seconds * 1e9)))
    }

    /// `a + b`, held at the ends of Int64 instead of trapping.
    static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    /// `a − b`, held at the ends of Int64 instead of trapping.
    static func subtract(_ a: Int64, _ b: Int64) -> Int64 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? (b < 0 ? .max : .min) : difference
    }
}
