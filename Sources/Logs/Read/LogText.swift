/// Log bytes to lines of text, within bounds: a log is as untrusted as a capture.
enum LogText {
    /// Bytes read from one file at most; the rest is left out with a note.
    static let maximumBytes = 256 << 20
    /// Characters kept of one line; longer lines are cut (no PPTP log line comes near it).
    static let maximumLineLength = 8_192
    /// Characters of a line's text a report quotes.
    static let quotedLength = 240

    /// The file's text: UTF-16 when it starts with a byte-order mark (PowerShell's `>` writes UTF-16LE), UTF-8
    /// otherwise, invalid sequences replaced.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.count >= 2, bytes[bytes.startIndex] == 0xFF, bytes[bytes.startIndex + 1] == 0xFE {
            return utf16(bytes.dropFirst(2), bigEndian: false)
        }
        if bytes.count >= 2, bytes[bytes.startIndex] == 0xFE, bytes[bytes.startIndex + 1] == 0xFF {
            return utf16(bytes.dropFirst(2), bigEndian: true)
        }
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        return String(decoding: body, as: UTF8.self)
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let (a, b) = (UInt16(bytes[i]), UInt16(bytes[i + 1]))
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// Lines without their terminators (LF, CRLF), each cut at `maximumLineLength`; how many were cut.
    static func lines(_ text: String) -> (lines: [Substring], cut: Int) {
        var result: [Substring] = []
        var cut = 0
        for var line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.last == "\r" { line = line.dropLast() }
            if line.count > maximumLineLength {
                line = line.prefix(maximumLineLength)
                cut += 1
            }
            result.append(line)
        }
        if result.last?.isEmpty == true { result.removeLast() }
        return (result, cut)
    }

    /// Text safe for a terminal, HTML (escaped again there) and JSON: control characters and other invisible
    /// code points written as `\u{…}`, at most `quotedLength` characters.
    static func printable<S: StringProtocol>(_ s: S, limit: Int = quotedLength) -> String {
        var out = ""
        var count = 0
        for scalar in s.unicodeScalars {
            if count >= limit {
                out += "…"
                break
            }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default:
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }
}
