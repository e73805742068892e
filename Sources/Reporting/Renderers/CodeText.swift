import PPTPDiagnosis

/// A Windows error code named the way the user will search for it: "Error 806: The VPN connection between your
/// computer and the VPN server could not be completed." with, for a code not every Windows shows, its versions.
enum CodeText {
    /// The name of `code` in a list whose most probable code is `first`. A code listed after one that only newer
    /// Windows shows stands for the older versions (721 after 806: before Vista), so it gets their text.
    static func name(_ code: Int, after first: Int? = nil) -> String {
        let (sentence, note) = parts(code, after: first)
        return "Error \(code)" + (sentence.map { ": \($0)" } ?? "") + (note.map { " (\($0))" } ?? "")
    }

    /// The dialog's first sentence and the versions it stands for, apart.
    static func parts(_ code: Int, after first: Int? = nil) -> (sentence: String?, note: String?) {
        guard let known = WindowsErrorCodes.lookup(code) else { return (nil, nil) }
        let prefix = "Error \(code): "
        if let first, first != code, let newer = WindowsErrorCodes.lookup(first), newer.since > known.since,
            let older = WindowsVersion(rawValue: newer.since.rawValue - 1), known.shows(on: older)
        {
            return (String(known.searchName(on: older).dropFirst(prefix.count)), "before \(newer.since.name)")
        }
        return (String(known.searchName().dropFirst(prefix.count)), known.versionNote)
    }

    /// The headline's words for the most probable code.
    static func headline(_ codes: [Int]) -> String {
        codes.first.map { "probable Windows \"\(WindowsErrorCodes.searchName($0))\"" } ?? "no Windows error code"
    }
}
