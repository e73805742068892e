/// A compact binary encoding of one finished `Session`, for spilling sessions to a temporary file during the
/// packet pass and reading them back one at a time for the diagnosis. Every stored property of the session and
/// of everything nested in it is kept, so a decoded session diagnoses exactly like the original.
///
/// The layout is a format-version byte, then the session's fields in declaration order (SessionCodec+Fields.swift),
/// with the primitives of SpoolBytes.swift. The bytes are read back as untrusted: anything but one complete, valid
/// encoding — truncated, trailing bytes, unknown version or enum code, a count larger than the bytes left,
/// invalid UTF-8, an out-of-range integer — decodes to nil, never a trap.
public enum SessionCodec {
    /// Bumped whenever the layout changes; a spool is only ever read by the build that wrote it, so there is no
    /// reading of older versions, only refusal.
    static let formatVersion: UInt8 = 2

    /// Appends the encoding of `session` to `bytes`.
    public static func encode(_ session: Session, into bytes: inout [UInt8]) {
        // Borrow the caller's array (no copy, no new buffer) and hand it back.
        var writer = SpoolWriter(bytes: [])
        swap(&writer.bytes, &bytes)
        writer.byte(formatVersion)
        writer.session(session)
        swap(&writer.bytes, &bytes)
    }

    /// Decodes one session from exactly these bytes (all of them); nil when they are not one complete, valid encoding.
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> Session? {
        var reader = SpoolReader(bytes)
        do {
            guard try reader.byte() == formatVersion else { return nil }
            let session = try reader.session()
            return reader.isAtEnd ? session : nil
        } catch {
            return nil
        }
    }
}
