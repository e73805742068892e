import Foundation

/// ISO 8601 times in UTC: the catalog's timestamps, the report's packet times, `report --since DATE`.
public enum ISODate {
    public static func now() -> String { format(Date().timeIntervalSince1970) }

    /// `2024-05-01T12:00:00.000000Z`, whatever the value (no Foundation calendar involved).
    public static func format(_ epochSeconds: Double) -> String {
        guard epochSeconds.isFinite, abs(epochSeconds) < 1e13 else { return "invalid" }
        var secs = Int64(epochSeconds.rounded(.down))
        var micros = Int64(((epochSeconds - Double(secs)) * 1e6).rounded())
        if micros >= 1_000_000 {
            secs += 1
            micros -= 1_000_000
        }
        let days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400
        let rem = secs - days * 86400
        let (y, m, d) = civil(fromDays: days)
        func p(_ v: Int64, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(p(y, 4))-\(p(m, 2))-\(p(d, 2))T\(p(rem / 3600, 2)):\(p(rem / 60 % 60, 2)):\(p(rem % 60, 2)).\(p(micros, 6))Z"
    }

    /// Parses `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM[:SS[.fraction]]`, optionally followed
    /// by `Z` or `±HH:MM`; no zone means UTC. Returns seconds since the Unix epoch.
    public static func parse(_ text: String) -> Double? {
        let s = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var i = 0
        func digits(_ n: Int) -> Int64? {
            guard i + n <= s.count else { return nil }
            var v: Int64 = 0
            for k in 0..<n {
                let c = s[i + k]
                guard c >= 0x30, c <= 0x39 else { return nil }
                v = v * 10 + Int64(c - 0x30)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = digits(4), expect(0x2D), let mo = digits(2), expect(0x2D), let d = digits(2),
            (1...12).contains(mo), (1...31).contains(d)
        else { return nil }
        var seconds = Double(days(fromCivil: y, mo, d) * 86400)
        if i == s.count { return seconds }
        guard s[i] == 0x54 || s[i] == 0x74 || s[i] == 0x20 else { return nil }
        i += 1
        guard let h = digits(2), expect(0x3A), let mi = digits(2), h < 24, mi < 60 else { return nil }
        seconds += Double(h * 3600 + mi * 60)
        if expect(0x3A) {
            guard let sec = digits(2), sec < 61 else { return nil }
            seconds += Double(sec)
            if expect(0x2E) || expect(0x2C) {
                var scale = 0.1
                var any = false
                while i < s.count, s[i] >= 0x30, s[i] <= 0x39 {
                    seconds += Double(s[i] - 0x30) * scale
                    scale /= 10
                    i += 1
                    any = true
                }
                guard any else { return nil }
            }
        }
        if i == s.count || expect(0x5A) || expect(0x7A) { return i == s.count ? seconds : nil }
        guard i < s.count, s[i] == 0x2B || s[i] == 0x2D else { return nil }
        let sign: Double = s[i] == 0x2B ? 1 : -1
        i += 1
        guard let oh = digits(2), oh < 24 else { return nil }
        _ = expect(0x3A)
        guard let om = digits(2), om < 60, i == s.count else { return nil }
        return seconds - sign * Double(oh * 3600 + om * 60)
    }

    /// Howard Hinnant's days_from_civil.
    static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
