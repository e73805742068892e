/// Text made safe for HTML and SVG, in text nodes and in double- or single-quoted attribute values alike:
/// `& < > " '` become character references, and every character that could hide or disguise text — C0 and C1
/// controls, DEL, line/paragraph separators, bidi overrides and other invisible format characters — becomes a
/// visible `\xNN` escape of its UTF-8 bytes (the same form `SafeText` uses upstream, defended here again).
///
///     "<b title=\"\(HTMLEscaped(title))\">\(HTMLEscaped(text))</b>"
public struct HTMLEscaped: CustomStringConvertible, Sendable, Hashable {
    /// The escaped text, ready to be placed in markup.
    public let description: String

    public init(_ raw: String) {
        description = HTMLEscaped.escape(raw)
    }

    public static func escape(_ raw: String) -> String {
        // Fast path: printable ASCII without markup characters is copied as is.
        let plain = raw.utf8.allSatisfy { b in
            b >= 0x20 && b < 0x7F && b != 0x26 && b != 0x3C && b != 0x3E && b != 0x22 && b != 0x27
        }
        if plain { return raw }
        var out = ""
        out.reserveCapacity(raw.utf8.count + 16)
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if isHidden(scalar) {
                    out += visibleBytes(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Control and invisible formatting characters that must never reach a page (or a terminal) as themselves.
    static func isHidden(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x2028 || v == 0x2029 || v == 0xFEFF
    }

    /// `\xNN` for each UTF-8 byte of `s`.
    static func visibleBytes(_ s: Unicode.Scalar) -> String {
        var out = ""
        for b in String(s).utf8 {
            let hex = String(b, radix: 16)
            out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
        }
        return out
    }
}
