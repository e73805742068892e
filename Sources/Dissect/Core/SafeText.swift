/// Turns capture bytes into text that is safe to print anywhere: control characters, DEL and
/// invalid UTF-8 become `\xNN` escapes, so a host name can never move a terminal's cursor or change its colours.
/// (HTML escaping is the renderer's job on top of this.)
public enum SafeText {
    /// Upper bound on how many bytes of one string are rendered; longer strings end in "…".
    public static let maxBytes = 256

    public static func escape(_ view: ByteView, _ range: Range<Int>) -> String {
        view.withBytes(range) { escape(bytes: $0) }
    }

    /// Free data a peer put in a packet (an LCP Terminate reason, a message): quoted text when it is text, and
    /// otherwise its length and first bytes in hex — Windows puts binary data in its Terminate-Request, and a row
    /// of `\xNN` escapes reads as garbage where "8 bytes: 00 3c cd 74 …" says what it is. Trailing NULs (C
    /// strings) do not make text binary.
    public static func peerData(_ view: ByteView, _ range: Range<Int>) -> String {
        view.withBytes(range) { buf in
            var end = buf.count
            while end > 0, buf[end - 1] == 0 { end -= 1 }
            let text = UnsafeRawBufferPointer(rebasing: buf[0..<end])
            if end > 0, isText(text) { return "\"" + escape(bytes: text) + "\"" }
            let shown = buf.prefix(16).map { hex($0, width: 2) }.joined(separator: " ")
            return "\(buf.count) bytes: \(shown)\(buf.count > 16 ? " …" : "")"
        }
    }

    /// Printable ASCII and well-formed UTF-8 without control characters (tab allowed).
    static func isText(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if (b >= 0x20 && b < 0x7F) || b == 0x09 {
                i += 1
                continue
            }
            guard b >= 0xC2 && b <= 0xF4, let (scalar, width) = decodeUTF8(bytes, at: i, end: bytes.count),
                !isControl(scalar)
            else { return false }
            i += width
        }
        return true
    }

    /// A NUL-terminated (or NUL-padded) string field.
    public static func cString(_ view: ByteView, _ range: Range<Int>) -> String {
        view.withBytes(range) { buf in
            let end = buf.firstIndex(of: 0) ?? buf.count
            return escape(bytes: UnsafeRawBufferPointer(rebasing: buf[0..<end]))
        }
    }

    public static func escape<C: Collection>(bytes: C, limit maximum: Int = maxBytes) -> String
    where C.Element == UInt8, C.Index == Int {
        var out = ""
        var i = bytes.startIndex
        let limit = min(bytes.endIndex, bytes.startIndex + maximum)
        while i < limit {
            let b = bytes[i]
            if b >= 0x20 && b < 0x7F {
                out.unicodeScalars.append(Unicode.Scalar(b))
                i += 1
                continue
            }
            if b >= 0xC2 && b <= 0xF4, let (scalar, width) = decodeUTF8(bytes, at: i, end: limit),
                !isControl(scalar)
            {
                out.unicodeScalars.append(scalar)
                i += width
                continue
            }
            out += "\\x" + hex(b, width: 2)
            i += 1
        }
        if bytes.endIndex > limit { out += "…" }
        return out
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        // C1 controls, bidi overrides and other invisible format characters that can disguise text.
        let v = s.value
        return (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0xFEFF
    }

    private static func decodeUTF8<C: Collection>(_ bytes: C, at i: Int, end: Int) -> (Unicode.Scalar, Int)?
    where C.Element == UInt8, C.Index == Int {
        let b0 = bytes[i]
        let width = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
        guard i + width <= end else { return nil }
        var value = UInt32(b0) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        for k in 1..<width {
            let c = bytes[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(c & 0x3F)
        }
        let minimum: UInt32 = width == 2 ? 0x80 : width == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, width)
    }
}
