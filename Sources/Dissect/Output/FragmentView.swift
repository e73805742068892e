/// How the packet listing shows an IPv4 fragment of a GRE or TCP datagram, the way Wireshark does with
/// reassembly on: a fragment that does not complete its datagram shows its link and IP headers only (its bytes
/// are part of a datagram not yet whole); the fragment that completes it also shows the reassembled datagram's
/// upper layers (GRE, PPP, PPTP …).
public enum FragmentView {
    /// Not a fragment that is being reassembled: shown as it is.
    case whole
    /// A fragment whose datagram is not complete yet.
    case pending
    /// The fragment that completed its datagram, with the datagram dissected from its own bytes (raw IPv4). The
    /// view is valid only while the packet is being written. Boxed (`indirect`): a datagram's dissection is
    /// 700 bytes, and an unboxed payload made every `FragmentView` that size, copied with every packet listed
    /// although only a rare completing fragment carries one.
    indirect case completes(DecodedPacket, ByteView)
}
