public import PPTPDissect

/// PPP frames seen on the link itself, with no PPTP control channel or GRE around them: one session per link
/// (a Windows adapter's link number, a PPPoE session, the one link of a PPP-with-direction capture), whose one
/// call holds the PPP negotiation. Only link types that say which way each frame went are taken: without a
/// direction, a PPP verdict would rest on guessed sides.
struct PPPLinkTracker {
    /// A Windows RAS adapter writes each PPP frame as an Ethernet frame whose source address is " SEND" or
    /// " RECV" followed by a link number.
    static let windowsSend: UInt64 = 0x20_53_45_4E_44
    static let windowsReceive: UInt64 = 0x20_52_45_43_56
    static let maxLinks = 64
    /// An identical frame from the same side this soon after is the same frame recorded twice (Windows traces
    /// record PPP frames once per layer); a real retransmission waits for the restart timer (≥ 1 s).
    static let duplicateWindow = 0.2

    private(set) var sessions: [Session] = []
    private var byLink: [PPPLink: Int] = [:]
    /// The PPPoE host's address per session: from discovery (PADI/PADR) when seen, else the first sender.
    private var pppoeHosts: [UInt16: MACAddress] = [:]
    private var pppoeDiscoveryHost: MACAddress?
    private(set) var duplicates = 0
    private(set) var linksDropped = 0

    /// Takes one packet if it is PPP on a link. A new link becomes session number `nextNumber`; the result says
    /// whether that number was used.
    mutating func add(
        _ p: borrowing DecodedPacket, view: ByteView, ref: PacketRef, maxEvents: Int,
        nextNumber: Int
    ) -> Bool {
        guard p.gre == nil, let (link, side) = locate(p) else { return false }
        var usedNumber = false
        let index: Int
        if let known = byLink[link] {
            index = known
        } else {
            guard sessions.count < Self.maxLinks else {
                linksDropped += 1
                return false
            }
            let placeholder = Endpoint(address: .v4(0))
            usedNumber = true
            var session = Session(
                index: nextNumber, client: placeholder, server: placeholder, controlChannelSeen: false,
                first: ref)
            session.pppLink = link
            session.calls = [Call()]
            index = sessions.count
            sessions.append(session)
            byLink[link] = index
        }
        if let event = EventExtraction.ppp(p, view: view, from: side, ref: ref) {
            if let previous = sessions[index].calls[0].ppp.last(where: { $0.from == side }),
                previous.proto == event.proto, previous.code == event.code, previous.identifier == event.identifier,
                previous.detail == event.detail, ref.time - previous.packet.time < Self.duplicateWindow
            {
                duplicates += 1
                return usedNumber
            }
            if sessions[index].calls[0].ppp.count < maxEvents {
                sessions[index].calls[0].ppp.append(event)
            } else {
                sessions[index].calls[0].pppDropped += 1
            }
        } else if let proto = p.ppp?.proto, EventExtraction.isData(proto) {
            // Data on the link: counted where the diagnosis looks for data, per direction.
            if side == .client {
                sessions[index].calls[0].greFromClient.dataPackets += 1
            } else {
                sessions[index].calls[0].greFromServer.dataPackets += 1
            }
        }
        sessions[index].last = ref
        sessions[index].packetCount += 1
        return usedNumber
    }

    /// Which link a frame belongs to and which way it went; nil for frames whose direction the capture lacks.
    private mutating func locate(_ p: borrowing DecodedPacket) -> (PPPLink, Side)? {
        if let pppoe = p.pppoe {
            guard let source = p.ethernet?.source else { return nil }
            // PADI and PADR come from the host.
            if pppoe.code == 0x09 || pppoe.code == 0x19 {
                pppoeDiscoveryHost = source
                return nil
            }
            guard pppoe.code == 0 else { return nil }
            let host = pppoeHosts[pppoe.sessionID] ?? pppoeDiscoveryHost ?? source
            pppoeHosts[pppoe.sessionID] = host
            return (PPPLink(kind: .pppoe, id: pppoe.sessionID), source == host ? .client : .server)
        }
        if let eth = p.ethernet, p.ppp == nil, p.control != nil || p.pap != nil || p.chap != nil || p.eap != nil {
            let prefix = eth.source.raw >> 8
            guard prefix == Self.windowsSend || prefix == Self.windowsReceive else { return nil }
            return (
                PPPLink(kind: .windowsAdapter, id: UInt16(eth.source.raw & 0xFF)),
                prefix == Self.windowsSend ? .client : .server
            )
        }
        if let direction = p.ppp?.direction {
            // LINKTYPE_PPP_WITH_DIR: non-zero is a frame the recording host sent.
            return (PPPLink(kind: .directional, id: 0), direction != 0 ? .client : .server)
        }
        return nil
    }

    /// The sessions, each turned around when its first guess of the client proves to be the authenticator.
    mutating func finish() -> [Session] {
        sessions.map { original in
            var s = original
            let events = s.calls[0].ppp
            if let sign = events.first(where: \.isFromAuthenticator), sign.from == .client {
                s.calls = s.calls.map { c in
                    var call = c
                    swap(&call.greFromClient, &call.greFromServer)
                    call.ppp = call.ppp.map {
                        var e = $0
                        e.from = e.from.other
                        return e
                    }
                    return call
                }
            }
            return s
        }
    }
}
