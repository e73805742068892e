import PPTPDissect

/// The two hosts of a tunnel, in no particular order: the control connection and the GRE of one tunnel, and
/// an ICMP error about either, all land on the same pair whichever way their packets travel.
struct AddressPair: Hashable {
    let low: IPAddress
    let high: IPAddress

    init(_ a: IPAddress, _ b: IPAddress) {
        (low, high) = a < b ? (a, b) : (b, a)
    }
}

/// One TCP 1723 connection, by its two ends.
struct ConnectionKey: Hashable {
    var client: Endpoint
    var server: Endpoint
}

/// One direction of a call's GRE: the enhanced GRE key carries the Call ID of the receiving side.
struct GREKey: Hashable {
    var source: IPAddress
    var destination: IPAddress
    var callID: UInt16
}

/// What a GRE key is bound to: the session's slot, the call within it, and the side that sends on the key.
struct GREBinding {
    var session: Int
    var call: Int
    var side: Side
}
