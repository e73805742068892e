import Foundation

/// Windows RAS events as admins export them: `wevtutil qe … /f:xml` (or Event Viewer's "Save as XML"), Event
/// Viewer's "Save as CSV", or their text copied from the viewer. RasClient (the dialling host) events 20220–20227
/// and RemoteAccess (RRAS, the server) events 20250–20275. A RasClient failure carries the very error number the
/// user saw: the one code a report need not infer.
enum WindowsEvents {
    /// One event, whatever the export it came from.
    struct Event {
        var line: Int
        var provider: String
        var eventID: Int?
        var time: LogTimestamp?
        /// The rendered message when the export has one, else the event's data values joined.
        var message: String
        /// The connection attempt it belongs to (RasClient's `CoId={…}`), to group an attempt's events.
        var connection: String?
    }

    static func isRasProvider(_ name: Substring) -> Bool {
        name == "RasClient" || name == "RemoteAccess" || name == "Microsoft-Windows-RasClient"
            || name.hasSuffix("RemoteAccess") || name.hasSuffix("RasClient") || name == "RasSstp"
    }

    // MARK: - Meaning

    /// What an event says, and the line a report shows for it.
    static func decode(_ e: Event) -> (LogStatement, String)? {
        let m = e.message
        let server = e.provider.hasSuffix("RemoteAccess")
        if let code = number(after: "error code returned on failure is", in: m) {
            return (.windowsError(code: code, eventID: e.eventID, failed: true), "failed with error \(code)")
        }
        if let code = number(after: "reason code returned on termination is", in: m) {
            // 631: the user hung up; 0: nothing went wrong.
            let failed = code != 0 && code != 631
            return (
                .windowsError(code: code, eventID: e.eventID, failed: failed, whileConnected: true),
                "ended with code \(code)"
            )
        }
        if e.eventID == 20227, !server, let code = lastNumber(in: m) {
            return (.windowsError(code: code, eventID: 20227, failed: true), "failed with error \(code)")
        }
        if m.contains("successfully connected") || m.contains("successfully established") || e.eventID == 20225 && !server {
            return (.windowsConnected(eventID: e.eventID), "connected")
        }
        if server, let reasonStart = m.range(of: "due to the following reason:") ?? m.range(of: "Point to Point Protocol module")
        {
            let reason = String(m[reasonStart.upperBound...])
            let code = serverReasonCode(reason)
            return (
                .windowsServerRefused(code: code, eventID: e.eventID),
                "refused the user: " + LogText.printable(reason.trimmingCharacters())
            )
        }
        return nil
    }

    /// The Windows code an RRAS refusal's reason text stands for, when it names one unambiguously.
    /// `The user DOMAIN\\alice dialed …`, `The user alice connected from …`: the names to pseudonymise.
    static func users(in message: String) -> [String] {
        guard let r = message.range(of: "The user ") else { return [] }
        let name = message[r.upperBound...].prefix { $0 != " " }
        guard !name.isEmpty else { return [] }
        let bare = name.split(separator: "\\").last.map(String.init)
        return [String(name)] + (bare.map { $0 == String(name) ? [] : [$0] } ?? [])
    }

    static func serverReasonCode(_ reason: String) -> Int? {
        let r = reason.lowercased()
        if r.contains("unknown user name or incorrect password") || r.contains("incorrect password") { return 691 }
        if r.contains("account is disabled") || r.contains("account has been disabled") { return 647 }
        if r.contains("password has expired") { return 648 }
        if r.contains("dial-in permission") || r.contains("dialin privilege") || r.contains("remote access permission") {
            return 649
        }
        if r.contains("logon hours") { return 646 }
        if r.contains("network policy") || r.contains("connection request policy") { return 812 }
        if r.contains("encryption") { return 742 }
        return nil
    }

    static func number(after phrase: String, in text: String) -> Int? {
        guard let r = text.range(of: phrase) else { return nil }
        return Int(text[r.upperBound...].drop { $0 == " " }.prefix { $0.isNumber }.prefix(6))
    }

    static func lastNumber(in text: String) -> Int? {
        text.split { !$0.isNumber }.last.flatMap { Int($0.prefix(6)) }
    }

    // MARK: - XML (wevtutil /f:xml, Event Viewer "Save as XML")

    static func looksLikeXML(_ text: Substring) -> Bool { text.contains("<Event") && text.contains("<Provider") }

    static func xmlEvents(_ text: String) -> [Event] {
        var events: [Event] = []
        var rest = text[...]
        var line = 1
        while let start = Self.nextEvent(in: rest), events.count < 1_000_000 {
            line += rest[..<start.lowerBound].reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            guard let end = rest[start.upperBound...].range(of: "</Event>") else { break }
            let block = rest[start.lowerBound..<end.upperBound]
            if let provider = attribute("Name", of: "Provider", in: block) {
                let data = elements("Data", in: block)
                let message = elements("Message", in: block).first.map(unescape)
                events.append(
                    Event(
                        line: line, provider: provider, eventID: elements("EventID", in: block).first.flatMap { Int($0) },
                        time: attribute("SystemTime", of: "TimeCreated", in: block).flatMap { ISOTime.parse($0[...]) },
                        message: message ?? data.map(unescape).joined(separator: " "),
                        connection: data.first.map(unescape).flatMap(coID)))
            }
            line += block.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            rest = rest[end.upperBound...]
        }
        return events
    }

    /// The next `<Event …>` or `<Event>` (not `<Events>` or `<EventData>`).
    static func nextEvent(in text: Substring) -> Range<Substring.Index>? {
        var rest = text
        while let r = rest.range(of: "<Event") {
            let next = rest[r.upperBound...].first
            if next == " " || next == ">" { return r }
            rest = rest[r.upperBound...]
        }
        return nil
    }

    /// `<Element …>value</Element>` values, in order.
    static func elements(_ name: String, in block: Substring) -> [String] {
        var values: [String] = []
        var rest = block
        while let open = rest.range(of: "<\(name)") {
            let after = rest[open.upperBound...]
            guard let first = after.first, first == ">" || first == " " || first == "/" else {
                rest = after
                continue
            }
            guard let gt = after.firstIndex(of: ">") else { break }
            if after[..<gt].hasSuffix("/") {
                values.append("")
                rest = after[after.index(after: gt)...]
                continue
            }
            let content = after[after.index(after: gt)...]
            guard let close = content.range(of: "</\(name)>") else { break }
            values.append(String(content[..<close.lowerBound]))
            rest = content[close.upperBound...]
        }
        return values
    }

    static func attribute(_ attribute: String, of element: String, in block: Substring) -> String? {
        guard let open = block.range(of: "<\(element) ") else { return nil }
        let tag = block[open.upperBound...].prefix { $0 != ">" }
        guard let a = tag.range(of: attribute + "=") else { return nil }
        let valueStart = tag[a.upperBound...]
        guard let quote = valueStart.first, quote == "'" || quote == "\"" else { return nil }
        return unescape(String(valueStart.dropFirst().prefix { $0 != quote }))
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingAll("&lt;", "<").replacingAll("&gt;", ">").replacingAll("&quot;", "\"")
            .replacingAll("&apos;", "'").replacingAll("&#13;", "").replacingAll("&#10;", " ").replacingAll("&amp;", "&")
    }

    /// `CoId={4B0D…}` or a bare `{4B0D…}`: the connection attempt's id.
    static func coID(_ s: String) -> String? {
        guard let open = s.firstIndex(of: "{"), let close = s[open...].firstIndex(of: "}") else { return nil }
        return String(s[open...close])
    }

    // MARK: - CSV (Event Viewer "Save All Events As… CSV")

    static func looksLikeCSV(_ firstLine: Substring) -> Bool {
        firstLine.hasPrefix("Level,Date and Time,Source,Event ID") || firstLine.hasPrefix("\"Level\",\"Date and Time\"")
    }

    static func csvEvents(_ text: String) -> [Event] {
        var events: [Event] = []
        let rows = CSV.rows(text)
        for (row, line) in rows.dropFirst() where row.count >= 4 {
            let message = row.count > 5 ? row[5...].joined(separator: ",") : ""
            events.append(
                Event(
                    line: line, provider: row[2], eventID: Int(row[3]), time: localTime(row[1]), message: message,
                    connection: coID(message)))
        }
        return events
    }

    /// Event Viewer writes the local time in the machine's format: `12/2/2026 3:44:45 AM` (en-US),
    /// `02.12.2026 03:44:45` (de-DE), `2/12/2026 15:44:45` (en-GB). The day comes first unless the separator is a
    /// slash and an AM/PM says US, or the first number cannot be a month.
    static func localTime(_ s: String) -> LogTimestamp? {
        let parts = s.split(separator: " ")
        guard parts.count >= 2 else { return nil }
        let separator: Character = parts[0].contains("/") ? "/" : parts[0].contains(".") ? "." : "-"
        let numbers = parts[0].split(separator: separator).compactMap { Int($0) }
        guard numbers.count == 3, var seconds = SyslogLine.clock(parts[1]) else { return nil }
        let pm = parts.count > 2 && parts[2].uppercased() == "PM"
        let am = parts.count > 2 && parts[2].uppercased() == "AM"
        if pm, seconds < 12 * 3600 { seconds += 12 * 3600 }
        if am, seconds >= 12 * 3600 { seconds -= 12 * 3600 }
        var (month, day, year) = (numbers[0], numbers[1], numbers[2])
        if numbers[0] > 31 {
            (year, month, day) = (numbers[0], numbers[1], numbers[2])
        } else if !(separator == "/" && (am || pm)) || month > 12 {
            (day, month) = (numbers[0], numbers[1])
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return LogTimestamp(year: year, month: month, day: day, secondsOfDay: seconds, utcOffsetSeconds: nil)
    }

    // MARK: - Text (copied from Event Viewer's General tab or `Get-WinEvent | Format-List`)

    static func textEvents(_ lines: [Substring]) -> [Event] {
        var events: [Event] = []
        for (i, line) in lines.enumerated()
        where line.contains("error code returned on failure is") || line.contains("reason code returned on termination is") {
            events.append(
                Event(
                    line: i + 1, provider: "RasClient", eventID: nil, time: nil, message: String(line),
                    connection: coID(String(line))))
        }
        return events
    }
}

/// RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks.
enum CSV {
    static func rows(_ text: String) -> [(fields: [String], line: Int)] {
        var rows: [(fields: [String], line: Int)] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var rowLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    if field.count < LogText.maximumLineLength { field.append(c) }
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\n", "\r\n":
                fields.append(field)
                rows.append((fields, rowLine))
                fields = []
                field = ""
                line += 1
                rowLine = line
            default: if field.count < LogText.maximumLineLength { field.append(c) }
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append((fields, rowLine))
        }
        return rows
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        replacingOccurrences(of: target, with: replacement)
    }

    func trimmingCharacters() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "." }.reversed())
    }
}
