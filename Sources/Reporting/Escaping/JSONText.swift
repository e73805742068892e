/// JSON string literal encoding without Foundation: quotes, backslashes and every control character escaped,
/// so capture-derived text can never break the document.
public enum JSONText {
    /// Appends `s` as a JSON string literal; plain ASCII (the usual field value) is copied byte for byte.
    public static func appendQuoted(_ s: String, to out: ByteBuffer) {
        var s = s
        let plain = s.withUTF8 { buf in
            buf.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
        }
        if plain {
            out.append(0x22)
            s.withUTF8 { out.append(UnsafeRawBufferPointer($0)) }
            out.append(0x22)
        } else {
            var quoted = quoted(s)
            quoted.withUTF8 { out.append(UnsafeRawBufferPointer($0)) }
        }
    }

    public static func quoted(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    out +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
