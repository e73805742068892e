/// When a log line was written, as far as its own text says. syslog's traditional prefix (`Dec  2 03:44:45`)
/// has no year and no zone, a Windows CSV export has a local time without a zone, ISO 8601 and Windows' XML
/// `SystemTime` have both: what is missing is assumed when the log is placed beside a capture, and said.
public struct LogTimestamp: Sendable, Hashable {
    public var year: Int?
    public var month: Int
    public var day: Int
    public var secondsOfDay: Double
    /// Seconds east of UTC; nil when the text names no zone.
    public var utcOffsetSeconds: Int?

    public init(year: Int?, month: Int, day: Int, secondsOfDay: Double, utcOffsetSeconds: Int?) {
        self.year = year
        self.month = month
        self.day = day
        self.secondsOfDay = secondsOfDay
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// Whether both the year and the zone are in the text: the time is then an instant, not a reading.
    public var isAbsolute: Bool { year != nil && utcOffsetSeconds != nil }

    /// Seconds since 1970 UTC, taking `year` when the text has none and UTC when it names no zone.
    public func epochSeconds(assumingYear: Int) -> Double {
        let days = Self.daysFromCivil(year: year ?? assumingYear, month: month, day: day)
        return Double(days) * 86_400 + secondsOfDay - Double(utcOffsetSeconds ?? 0)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm): no Foundation calendar,
    /// so parsing is the same on every machine and in every locale.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The UTC year of an instant, for the year a capture was taken in.
    public static func year(ofEpochSeconds seconds: Double) -> Int {
        // Inverse of daysFromCivil, year only.
        let z = Int((seconds / 86_400).rounded(.down)) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        return yoe + era * 400 + (month <= 2 ? 1 : 0)
    }
}
