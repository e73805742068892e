import Foundation

/// The prefix syslog daemons and journald put before a program's message, split off:
/// `Dec  2 02:28:18 host pppd[1234]: msg` (RFC 3164), `Dec  2 02:28:18 host daemon.info pppd[1234]: msg` (busybox
/// and the lab's syslogd with priorities), `2026-12-02T02:28:18.123456+01:00 host pppd[1234]: msg` (rsyslog's
/// RFC 3339, `journalctl -o short-iso`), `<30>Dec  2 …` (a raw priority). A line with no prefix has only a message.
struct SyslogLine {
    var timestamp: LogTimestamp?
    var host: Substring?
    var program: Substring?
    var pid: Int?
    var message: Substring

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    init(_ line: Substring) {
        var rest = line
        if rest.first == "<", let close = rest.prefix(5).firstIndex(of: ">"),
            rest[rest.index(after: rest.startIndex)..<close].allSatisfy(\.isNumber)
        {
            rest = rest[rest.index(after: close)...]
        }
        if rest.hasPrefix("1 "), let parsed = Self.rfc5424(rest.dropFirst(2)) {
            self = parsed
            return
        }
        if let (time, after) = Self.traditionalTime(rest) ?? Self.isoTime(rest) {
            timestamp = time
            rest = after
        } else {
            message = line
            return
        }
        // host, an optional facility.priority, then `program[pid]:` or `program:`.
        var fields: [Substring] = []
        var cursor = rest
        while fields.count < 3 {
            cursor = cursor.drop { $0 == " " }
            let word = cursor.prefix { $0 != " " }
            guard !word.isEmpty else { break }
            fields.append(word)
            cursor = cursor.dropFirst(word.count)
            if word.last == ":" { break }
        }
        guard fields.count >= 2 else {
            message = rest
            return
        }
        host = fields[0]
        let tag = fields.count == 3 && Self.isPriority(fields[1]) ? fields[2] : fields[1]
        guard tag.last == ":", fields.last == tag else {
            message = rest
            return
        }
        let name = tag.dropLast()
        if let open = name.firstIndex(of: "["), name.last == "]" {
            program = name[..<open]
            pid = Int(name[name.index(after: open)..<name.index(before: name.endIndex)])
        } else {
            program = name
        }
        message = cursor.drop { $0 == " " }
    }

    private init(timestamp: LogTimestamp?, host: Substring?, program: Substring?, pid: Int?, message: Substring) {
        self.timestamp = timestamp
        self.host = host
        self.program = program
        self.pid = pid
        self.message = message
    }

    /// RFC 5424 after its version: `TIMESTAMP HOST APP PROCID MSGID SD MSG`, `-` for an absent field
    /// (`<30>1 2026-12-02T02:28:18.123Z gw pppd 1234 - - CHAP authentication failed`).
    private static func rfc5424(_ s: Substring) -> SyslogLine? {
        var fields: [Substring] = []
        var rest = s
        while fields.count < 5 {
            rest = rest.drop { $0 == " " }
            let word = rest.prefix { $0 != " " }
            guard !word.isEmpty else { return nil }
            fields.append(word)
            rest = rest.dropFirst(word.count)
        }
        guard let time = ISOTime.parse(fields[0]) else { return nil }
        rest = rest.drop { $0 == " " }
        // Structured data: `-`, or `[…]` elements (a `]` inside a value is escaped as `\]`).
        if rest.hasPrefix("-") {
            rest = rest.dropFirst()
        } else if rest.hasPrefix("[") {
            var escaped = false
            var depthEnd = rest.startIndex
            var open = false
            for i in rest.indices {
                let c = rest[i]
                if escaped {
                    escaped = false
                    continue
                }
                if c == "\\" {
                    escaped = true
                    continue
                }
                if c == "[" { open = true }
                if c == "]" {
                    open = false
                    depthEnd = rest.index(after: i)
                }
                if !open, c == " ", depthEnd > rest.startIndex { break }
            }
            rest = rest[depthEnd...]
        }
        let dash = { (f: Substring) -> Substring? in f == "-" ? nil : f }
        return SyslogLine(
            timestamp: time, host: dash(fields[1]), program: dash(fields[2]), pid: Int(fields[3]),
            message: rest.drop { $0 == " " })
    }

    private static func isPriority(_ w: Substring) -> Bool {
        let parts = w.split(separator: ".")
        return parts.count == 2 && parts.allSatisfy { $0.allSatisfy(\.isLetter) }
    }

    /// `Dec  2 02:28:18` (and `Dec 02 02:28:18.123`): no year, no zone.
    private static func traditionalTime(_ s: Substring) -> (LogTimestamp, Substring)? {
        guard s.count >= 15, let month = months.firstIndex(of: String(s.prefix(3))).map({ $0 + 1 }) else { return nil }
        var rest = s.dropFirst(3).drop { $0 == " " }
        let dayText = rest.prefix { $0.isNumber }
        guard let day = Int(dayText), (1...31).contains(day) else { return nil }
        rest = rest.dropFirst(dayText.count).drop { $0 == " " }
        let timeText = rest.prefix { $0.isNumber || $0 == ":" || $0 == "." }
        guard let seconds = clock(timeText) else { return nil }
        rest = rest.dropFirst(timeText.count)
        guard rest.first == " " else { return nil }
        return (
            LogTimestamp(year: nil, month: month, day: day, secondsOfDay: seconds, utcOffsetSeconds: nil),
            rest.dropFirst()
        )
    }

    /// `2026-12-02T02:28:18.123456+01:00` (or `Z`, or `+0100`, or a space instead of `T`).
    private static func isoTime(_ s: Substring) -> (LogTimestamp, Substring)? {
        let token = s.prefix { $0 != " " }
        guard let time = ISOTime.parse(token) else { return nil }
        return (time, s.dropFirst(token.count).drop { $0 == " " })
    }

    /// `hh:mm:ss` or `hh:mm:ss.fraction` as seconds of the day.
    static func clock(_ t: Substring) -> Double? {
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]), let s = Double(parts[2]),
            (0..<24).contains(h), (0..<60).contains(m), s >= 0, s < 61
        else { return nil }
        return Double(h * 3600 + m * 60) + s
    }
}

/// ISO 8601 date-times as logs write them.
enum ISOTime {
    static func parse(_ token: Substring) -> LogTimestamp? {
        // yyyy-mm-dd[T ]hh:mm:ss[.frac][Z|±hh:mm|±hhmm]
        let chars = Array(token.utf8)
        guard chars.count >= 19, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
            chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " "),
            let year = Int(token.prefix(4)), let month = Int(token.dropFirst(5).prefix(2)),
            let day = Int(token.dropFirst(8).prefix(2)), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var rest = token.dropFirst(11)
        let clockText = rest.prefix { $0.isNumber || $0 == ":" || $0 == "." }
        guard let seconds = SyslogLine.clock(clockText) else { return nil }
        rest = rest.dropFirst(clockText.count)
        var offset: Int?
        if rest.first == "Z" {
            offset = 0
        } else if let sign = rest.first, sign == "+" || sign == "-" {
            let digits = rest.dropFirst().filter(\.isNumber)
            guard digits.count == 4, let h = Int(digits.prefix(2)), let m = Int(digits.suffix(2)) else { return nil }
            offset = (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
        }
        return LogTimestamp(year: year, month: month, day: day, secondsOfDay: seconds, utcOffsetSeconds: offset)
    }
}
