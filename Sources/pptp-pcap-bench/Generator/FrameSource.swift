import PPTPTestSupport

/// Something that produces captured frames in time order, one piece at a time, so that a whole capture can be
/// written without ever being held in memory.
protocol FrameSource: AnyObject {
    /// What the frames are, for the capture's statistics.
    var category: TrafficCategory { get }
    /// The next frames (ascending timestamps, none earlier than the previous piece's), or nil when the source is
    /// finished. A piece may be empty.
    func nextPiece() -> [CapturedFrame]?
}

enum TrafficCategory {
    case pptp
    case unrelated
}

/// Reproducible choices (SplitMix64 from TestSupport): the same seed gives the same capture on every run.
struct BenchRandom {
    private var generator: DeterministicBytes

    init(seed: UInt64) { generator = DeterministicBytes(seed: seed) }

    mutating func next() -> UInt64 { generator.next64() }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// Uniform in `range`.
    mutating func double(_ range: ClosedRange<Double>) -> Double {
        let unit = Double(next() >> 11) / Double(UInt64(1) << 53)
        return range.lowerBound + unit * (range.upperBound - range.lowerBound)
    }

    mutating func chance(_ probability: Double) -> Bool { double(0...1) < probability }

    mutating func u16() -> UInt16 { UInt16(truncatingIfNeeded: next()) }
    mutating func u32() -> UInt32 { UInt32(truncatingIfNeeded: next()) }
}

/// Opaque payload bytes: slices of one 64 KiB block, so that bulk traffic costs no per-packet generation.
enum Filler {
    static let block: [UInt8] = DeterministicBytes.make(65_536, seed: 0xF1_11E4)

    static func bytes(_ count: Int, offset: Int) -> [UInt8] {
        let count = max(0, min(count, block.count))
        let start = (offset & 0x7FFF_FFFF) % (block.count - count + 1)
        return Array(block[start..<(start + count)])
    }
}
