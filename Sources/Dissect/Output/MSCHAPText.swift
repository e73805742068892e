/// Renders CHAP Success/Failure messages. MS-CHAP's `S=` (authenticator response, derived from the password
/// hash) and `C=` (the next challenge) are credential material: by default they are replaced by a marker,
/// while `E=`, `R=`, `V=` and `M=` — what an engineer needs — stay.
public enum MSCHAPText {
    public static let marker = "<redacted>"

    public static func redacted(_ view: ByteView, _ range: Range<Int>) -> String {
        guard let msg = MSCHAPMessage.parse(view, range) else { return SafeText.escape(view, range) }
        var parts: [String] = []
        if msg.authenticatorResponse != nil { parts.append("S=" + marker) }
        if let e = msg.error { parts.append("E=\(e)") }
        if let r = msg.retry { parts.append("R=\(r ? 1 : 0)") }
        if msg.challenge != nil { parts.append("C=" + marker) }
        if let v = msg.version { parts.append("V=\(v)") }
        if let m = msg.text { parts.append("M=" + SafeText.escape(view, m)) }
        return parts.joined(separator: " ")
    }
}
