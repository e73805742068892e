/// Ethernet II with up to `VLANTags.capacity` stacked 802.1Q/802.1ad tags (QinQ). Deeper stacks are marked
/// malformed rather than followed, so a frame of 20 tags cannot make us loop.
public struct EthernetHeader: Sendable {
    public var destination: MACAddress
    public var source: MACAddress
    /// The type after the last VLAN tag.
    public var etherType: EtherType
    public var vlan: VLANTags
    /// Offset of the payload (after the tags).
    public var payloadOffset: Int

    static let length = 14

    /// Decodes the header and its tags. A bad tag does not lose the addresses: the header comes back with the
    /// tags read so far and the problem beside it.
    static func decode(_ view: ByteView, at offset: Int) -> Result<(EthernetHeader, Malformation?), Malformation> {
        guard let dst = MACAddress(view, at: offset), let src = MACAddress(view, at: offset + 6),
            var type = view.u16(offset + 12)
        else { return .failure(Malformation(.ethernet, .truncated, at: offset, "shorter than 14 bytes")) }
        var tags = VLANTags()
        var cursor = offset + 14
        var problem: Malformation?
        while type == EtherType.vlan.rawValue || type == EtherType.qinq.rawValue || type == EtherType.qinqLegacy.rawValue {
            guard let tci = view.u16(cursor), let next = view.u16(cursor + 2) else {
                problem = Malformation(.vlan, .truncated, at: cursor, "VLAN tag cut short")
                break
            }
            guard tags.append(tci, providerBridging: type == EtherType.qinq.rawValue) else {
                problem = Malformation(.vlan, .badValue, at: cursor, "too many stacked VLAN tags")
                break
            }
            type = next
            cursor += 4
        }
        return .success(
            (
                EthernetHeader(
                    destination: dst, source: src, etherType: EtherType(rawValue: type),
                    vlan: tags, payloadOffset: cursor), problem
            ))
    }
}

/// Stacked VLAN tag control fields, stored inline so decoding allocates nothing.
public struct VLANTags: Sendable {
    public static let capacity = 4
    public private(set) var count = 0
    private var tci: (UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0)
    /// Bit i set: tag i was an 802.1ad service tag (TPID 0x88A8) rather than an 802.1Q one.
    private var providerMask: UInt8 = 0

    public func isProviderTag(_ index: Int) -> Bool { index < 8 && providerMask & (1 << UInt8(index)) != 0 }

    mutating func append(_ value: UInt16, providerBridging: Bool) -> Bool {
        if providerBridging, count < VLANTags.capacity { providerMask |= 1 << UInt8(count) }
        switch count {
        case 0: tci.0 = value
        case 1: tci.1 = value
        case 2: tci.2 = value
        case 3: tci.3 = value
        default: return false
        }
        count += 1
        return true
    }

    public subscript(index: Int) -> UInt16 {
        switch index {
        case 0: tci.0
        case 1: tci.1
        case 2: tci.2
        default: tci.3
        }
    }

    public var ids: [UInt16] { (0..<count).map { self[$0] & 0x0FFF } }
}
