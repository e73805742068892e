/// Writes a text, Markdown or HTML report a session at a time. These documents open with the counts of every
/// session (and HTML with an overview of them), which are known only after the last one, so each session's part
/// is rendered as soon as it is diagnosed and waits in an unlinked temporary file, not in memory: a capture with
/// a hundred thousand sessions is rendered in the memory of one, as the JSON report is. The bytes are those of
/// the renderers' `render(report)`.
public struct DocumentWriter {
    public enum Format: Sendable {
        case text(color: Bool)
        case markdown
        case html
    }

    public let format: Format
    private let sections = TextSpool()
    /// HTML's overview: one line per session.
    private let overview = TextSpool()
    private var count = 0

    public init(format: Format) { self.format = format }

    /// One session's part; `frame` is the report without its sessions (for the capture points of a path).
    public mutating func add(_ session: SessionReport, of frame: Report) {
        count += 1
        switch format {
        case .text(let color): sections.append(TextRenderer(color: color).section(session, of: frame))
        case .markdown: sections.append(MarkdownRenderer.section(session, of: frame))
        case .html:
            sections.append(HTMLRenderer.section(session, of: frame))
            overview.append(HTMLRenderer.overviewItem(session))
        }
    }

    /// The whole document to `sink`; `frame` holds the final counts (`summary`). False when a session's part could
    /// not be read back from the temporary file.
    public func finish(_ frame: Report, to sink: (UnsafeRawBufferPointer) -> Void) -> Bool {
        func put(_ text: String) {
            var text = text
            text.withUTF8 { sink(UnsafeRawBufferPointer($0)) }
        }
        switch format {
        case .text(let color):
            let renderer = TextRenderer(color: color)
            put(renderer.head(frame))
            // The head of a report with nothing to show is the whole of it.
            guard frame.hasSessions || frame.summary.noPPTPSession == nil else {
                put("\n")
                return true
            }
            guard sections.replay(sink) else { return false }
            put(renderer.tail(frame))
        case .markdown:
            put(MarkdownRenderer.head(frame))
            guard sections.replay(sink) else { return false }
            put(MarkdownRenderer.tail(frame))
        case .html:
            put(HTMLRenderer.head(frame))
            if count > 1 {
                put(HTMLRenderer.overviewHead())
                guard overview.replay(sink) else { return false }
                put(HTMLRenderer.overviewTail())
            }
            guard sections.replay(sink) else { return false }
            put(HTMLRenderer.tail(frame))
        }
        return true
    }
}
