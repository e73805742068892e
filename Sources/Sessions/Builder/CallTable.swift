import PPTPDissect

/// The calls of one control connection: which call each PPTP control message belongs to. Call IDs tie them
/// together (OCRP's Peer Call ID echoes the OCRQ's Call ID, ICRP's the ICRQ's, Call-Clear-Request names the
/// client's, Call-Disconnect-Notify the sender's); messages that name no call go to the latest one.
enum CallTable {
    /// Adds the message to the session. Returns the call whose Call IDs it set, which the GRE of that call is
    /// now to be bound by.
    static func record(
        _ msg: PPTPControlMessage, view: ByteView, from side: Side, ref: PacketRef,
        in session: inout Session, limits: SessionBuilder.Limits, stats: inout CaptureStats
    ) -> Int? {
        guard session.control.count < limits.maxControlMessagesPerSession else {
            stats.noteCap("control messages per session")
            return nil
        }
        let event = EventExtraction.control(msg, view: view, from: side, ref: ref)
        session.control.append(event)
        let calls = session.calls
        switch msg.type {
        case .outgoingCallRequest, .incomingCallRequest:
            guard calls.count < limits.maxCallsPerSession else {
                stats.noteCap("calls per session")
                return nil
            }
            var call = Call()
            if msg.type == .outgoingCallRequest { call.clientCallID = msg.callID } else { call.serverCallID = msg.callID }
            call.request = event
            session.calls.append(call)
            return session.calls.count - 1
        case .outgoingCallReply, .incomingCallReply:
            let answered =
                calls.lastIndex(where: {
                    msg.type == .outgoingCallReply ? $0.clientCallID == msg.peerCallID : $0.serverCallID == msg.peerCallID
                }) ?? calls.indices.last
            guard let c = answered else { return nil }
            session.calls[c].reply = event
            if msg.type == .outgoingCallReply {
                session.calls[c].serverCallID = msg.callID
            } else {
                session.calls[c].clientCallID = msg.callID
            }
            return c
        case .incomingCallConnected:
            if let c = calls.lastIndex(where: { $0.clientCallID == msg.peerCallID }) ?? calls.indices.last {
                session.calls[c].incomingConnected = event
            }
        case .setLinkInfo:
            if let c = calls.indices.last { session.calls[c].setLinkInfo.append(event) }
        case .callClearRequest:
            if let c = calls.lastIndex(where: { $0.clientCallID == msg.callID }) ?? calls.indices.last {
                session.calls[c].clearRequest = event
            }
        case .callDisconnectNotify:
            if let c = calls.lastIndex(where: { $0.serverCallID == msg.callID || $0.clientCallID == msg.callID })
                ?? calls.indices.last
            {
                session.calls[c].disconnect = event
            }
        case .wanErrorNotify:
            if let c = calls.indices.last { session.calls[c].wanErrors.append(event) }
        default:
            break
        }
        return nil
    }
}
