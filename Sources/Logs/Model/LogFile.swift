/// A log file read: the sessions found in it and what was not understood.
public struct LogFile: Sendable {
    public var path: String
    /// What the file is, in words: "syslog (pppd, pptpd)", "pppd logfile", "Windows events (XML)".
    public var format: String
    public var sessions: [LogSession]
    public var lines: Int
    /// Lines of the programs we read that carried nothing the diagnosis uses.
    public var uninterpretedLines: Int
    /// Lines of other programs (a whole syslog) or of no known kind.
    public var unrelatedLines: Int
    /// The file was longer than the reader reads, or had over-long lines: what was left out.
    public var notes: [String]

    public init(
        path: String, format: String, sessions: [LogSession], lines: Int, uninterpretedLines: Int,
        unrelatedLines: Int, notes: [String] = []
    ) {
        self.path = path
        self.format = format
        self.sessions = sessions
        self.lines = lines
        self.uninterpretedLines = uninterpretedLines
        self.unrelatedLines = unrelatedLines
        self.notes = notes
    }
}

/// A log that could not be read at all. Names the file; a file read part-way is not an error (see `notes`).
public struct LogError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
