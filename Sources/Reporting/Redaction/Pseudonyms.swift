public import PPTPDissect

/// Stable pseudonyms for one report: the same address, MAC or name always maps to the same stand-in, and the
/// stand-in keeps what an engineer needs (private stays private, public stays public; a user stays a user).
/// Stand-ins come from ranges real captures rarely use (10.99/16, 198.18/15 benchmarking, fd99::/16,
/// 2001:db8:99::/48, locally administered MACs) so they are never mistaken for originals.
public final class Pseudonyms: @unchecked Sendable {
    public enum NameKind: String, Sendable { case user, host }

    private var ips: [IPAddress: IPAddress] = [:]
    private var macs: [UInt64: UInt64] = [:]
    private var names: [String: String] = [:]
    private var counters: [String: Int] = [:]

    public init() {}

    private func next(_ key: String) -> Int {
        let n = (counters[key] ?? 0) + 1
        counters[key] = n
        return n
    }

    public func ip(_ address: IPAddress) -> IPAddress {
        if let known = ips[address] { return known }
        let stand: IPAddress
        switch address {
        case .v4:
            let n = UInt32(next(address.isPrivate ? "v4p" : "v4"))
            stand = address.isPrivate ? .v4(0x0A63_0000 | (n & 0xFFFF)) : .v4(0xC612_0000 | (n & 0x1_FFFF))
        case .v6:
            let n = UInt64(next(address.isPrivate ? "v6p" : "v6"))
            stand = address.isPrivate ? .v6(0xFD99_0000_0000_0000, n) : .v6(0x2001_0DB8_0099_0000, n)
        }
        ips[address] = stand
        return stand
    }

    public func mac(_ raw: UInt64) -> UInt64 {
        if let known = macs[raw] { return known }
        let stand = 0x0200_5E99_0000 | UInt64(next("mac") & 0xFFFF)
        macs[raw] = stand
        return stand
    }

    public func name(_ original: String, kind: NameKind) -> String {
        guard !original.isEmpty else { return original }
        if let known = names[original] { return known }
        let stand = "\(kind.rawValue)-\(next(kind.rawValue))"
        names[original] = stand
        return stand
    }

    /// Every name seen so far with its stand-in, longest first (so "alice2" is replaced before "alice").
    public var nameReplacements: [(String, String)] {
        names.sorted { $0.key.count > $1.key.count }.map { ($0.key, $0.value) }
    }

    public var addressReplacements: [(IPAddress, IPAddress)] { ips.map { ($0.key, $0.value) } }
}
