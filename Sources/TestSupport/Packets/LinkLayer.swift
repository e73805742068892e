/// EtherType values used by the link-layer builders.
public enum EtherType {
    public static let ipv4: UInt16 = 0x0800
    public static let ipv6: UInt16 = 0x86DD
    public static let arp: UInt16 = 0x0806
    public static let vlan: UInt16 = 0x8100  // IEEE 802.1Q C-tag
    public static let qinq: UInt16 = 0x88A8  // IEEE 802.1ad S-tag
}

/// One 802.1Q / 802.1ad tag: the TPID announcing it, priority and VLAN ID.
public struct VLANTag: Sendable, Equatable {
    public var tpid: UInt16
    public var priority: UInt8
    public var vlanID: UInt16

    public init(tpid: UInt16 = EtherType.vlan, priority: UInt8 = 0, vlanID: UInt16) {
        self.tpid = tpid
        self.priority = priority
        self.vlanID = vlanID
    }

    /// Outer service tag (0x88a8) of a QinQ pair.
    public static func service(_ id: UInt16) -> VLANTag { VLANTag(tpid: EtherType.qinq, vlanID: id) }
    /// Customer tag (0x8100).
    public static func customer(_ id: UInt16) -> VLANTag { VLANTag(tpid: EtherType.vlan, vlanID: id) }
}

/// Link-layer headers: Ethernet II (with optional VLAN tags), Linux cooked SLL and SLL2.
public enum LinkLayer {
    /// Ethernet II frame; `tags` are written outermost first, each followed by the next TPID / the EtherType.
    public static func ethernet(
        destination: MACAddress, source: MACAddress, etherType: UInt16 = EtherType.ipv4,
        tags: [VLANTag] = [], payload: [UInt8]
    ) -> [UInt8] {
        var writer = ByteWriter(capacity: 14 + 4 * tags.count + payload.count)
        writer.append(destination.bytes)
        writer.append(source.bytes)
        for tag in tags {
            writer.be16(tag.tpid)
            writer.be16(UInt16(tag.priority & 0x07) << 13 | (tag.vlanID & 0x0FFF))
        }
        writer.be16(etherType)
        writer.append(payload)
        return writer.bytes
    }

    /// Linux cooked-mode packet types (sll_pkttype).
    public enum PacketType: UInt16, Sendable {
        case host = 0, broadcast = 1, multicast = 2, otherHost = 3, outgoing = 4
    }

    /// Linux cooked capture v1 (LINKTYPE_LINUX_SLL = 113): 16-byte header.
    public static func sll(
        packetType: PacketType, source: MACAddress, protocolType: UInt16 = EtherType.ipv4,
        payload: [UInt8]
    ) -> [UInt8] {
        var writer = ByteWriter(capacity: 16 + payload.count)
        writer.be16(packetType.rawValue)
        writer.be16(1)  // ARPHRD_ETHER
        writer.be16(6)  // link-layer address length
        writer.append(source.bytes)
        writer.zeros(2)  // address field is 8 bytes
        writer.be16(protocolType)
        writer.append(payload)
        return writer.bytes
    }

    /// Linux cooked capture v2 (LINKTYPE_LINUX_SLL2 = 276): 20-byte header.
    public static func sll2(
        packetType: PacketType, source: MACAddress, interfaceIndex: UInt32 = 2,
        protocolType: UInt16 = EtherType.ipv4, payload: [UInt8]
    ) -> [UInt8] {
        var writer = ByteWriter(capacity: 20 + payload.count)
        writer.be16(protocolType)
        writer.be16(0)  // reserved
        writer.be32(interfaceIndex)
        writer.be16(1)  // ARPHRD_ETHER
        writer.u8(UInt8(truncatingIfNeeded: packetType.rawValue))
        writer.u8(6)
        writer.append(source.bytes)
        writer.zeros(2)
        writer.append(payload)
        return writer.bytes
    }
}
