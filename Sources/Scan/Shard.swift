/// `--shard K/N`: a deterministic part of the inputs, chosen by a stable hash (xxHash64, seed 0) of each file's path
/// relative to its scan root, so that N machines scanning the same archive (mounted anywhere) each take a disjoint
/// part and together take every file exactly once.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses "K/N" with 0 ≤ K < N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let k = Int(parts[0].trimmingCharacters(in: " ")), let n = Int(parts[1].trimmingCharacters(in: " "))
        else { return nil }
        self.init(index: k, count: n)
    }

    public static let whole = Shard(indexUnchecked: 0, count: 1)
    private init(indexUnchecked: Int, count: Int) {
        index = indexUnchecked
        self.count = count
    }

    public func contains(relativePath: String) -> Bool {
        count == 1 || Int(Self.hash(relativePath) % UInt64(count)) == index
    }

    public static func hash(_ relativePath: String) -> UInt64 { XXHash64.hash(Array(relativePath.utf8)) }

    public var description: String { "\(index)/\(count)" }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> Substring {
        var s = self
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return s
    }
}
