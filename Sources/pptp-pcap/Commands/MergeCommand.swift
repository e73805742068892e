import ArgumentParser
import PPTPScan

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine scan catalogs (e.g. one per shard) into one, without duplicates.",
        discussion: """
            A file is the same file in two catalogs when its content hash and its path relative to its scan root \
            are equal (wherever the archive was mounted): it is kept once, the better row winning (read to the end \
            beats damaged beats unreadable; of equal rows the one already there stays, unless the other is a later scan \
            by another analyzer version). OUT is created when absent, and may already hold \
            files. Each file is copied in one transaction.

            Exit codes: 0 merged, 4 a catalog could not be read or written.
            """)

    @Argument(help: "The catalog to write (created when absent).", completion: .file())
    var output: String

    @Argument(help: "Catalogs to merge into it.", completion: .file())
    var inputs: [String] = []

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Name at least one catalog to merge into \(output).") }
    }

    func run() throws {
        let result: CatalogMerge.Result
        do {
            let out = try ScanCatalog(path: output)
            result = try CatalogMerge.merge(into: out, from: inputs)
        } catch {
            Output.error("pptp-pcap: merge failed: \(error)")
            throw ExitCode(ExitStatus.catalogFailed)
        }
        var lines = [
            "Merged \(result.inputs) catalogs into \(output): \(result.filesAdded) files added, "
                + "\(result.filesReplaced) replaced, \(result.duplicatesSkipped) duplicates skipped, \(result.sessionsAdded) sessions copied."
        ]
        if result.analyzerVersions.count > 1 {
            lines.append(
                "Note: the inputs were written by analyzer versions \(result.analyzerVersions.sorted().joined(separator: ", ")); "
                    + "a scan with this version redoes the older ones.")
        }
        Output.write(lines.map(SummaryTable.clean).joined(separator: "\n") + "\n")
        Output.flush()
    }
}
