import PPTPDissect

/// A small direct-mapped cache in front of the GRE binding table: a tunnel's two directions and the other
/// sessions interleaved with it all stay here, so most GRE packets are bound without hashing. Emptying it is a
/// new generation (a flood of made-up Call IDs binds at every packet; rewriting every slot each time would be
/// quadratic).
struct GRECache {
    private static let size = 256
    private var keys = [GREKey?](repeating: nil, count: GRECache.size)
    private var bindings = [GREBinding?](repeating: nil, count: GRECache.size)
    private var generations = [UInt32](repeating: 0, count: GRECache.size)
    private var generation: UInt32 = 1

    private static func slot(_ key: GREKey) -> Int {
        var mix = UInt32(key.callID)
        if case .v4(let a) = key.source { mix &+= a &* 0x9E37_79B1 }
        if case .v4(let a) = key.destination { mix ^= a &* 0x85EB_CA6B }
        return Int(truncatingIfNeeded: (mix ^ mix >> 16) & UInt32(GRECache.size - 1))
    }

    subscript(key: GREKey) -> GREBinding? {
        get {
            let i = Self.slot(key)
            return generations[i] == generation && keys[i] == key ? bindings[i] : nil
        }
        set {
            let i = Self.slot(key)
            keys[i] = key
            bindings[i] = newValue
            generations[i] = generation
        }
    }

    mutating func clear() {
        generation &+= 1
        if generation == 0 {
            // Wrapped: no slot may still carry a generation that looks current.
            generations = [UInt32](repeating: 0, count: Self.size)
            generation = 1
        }
    }
}
