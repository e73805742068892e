import PPTPDissect

/// Turns decoded PPTP and PPP packets into the small, printable events sessions keep.
enum EventExtraction {
    static func control(_ msg: PPTPControlMessage, view: ByteView, from side: Side, ref: PacketRef) -> ControlEvent {
        ControlEvent(
            packet: ref, from: side, type: msg.type, callID: msg.callID, peerCallID: msg.peerCallID,
            resultCode: msg.resultCode, errorCode: msg.errorCode, causeCode: msg.causeCode,
            reason: msg.reason, hostName: msg.text(msg.hostName, in: view),
            vendorName: msg.text(msg.vendorName, in: view), callSerial: msg.callSerial,
            summary: msg.summary(in: view))
    }

    static func ppp(_ p: DecodedPacket, view: ByteView, from side: Side, ref: PacketRef) -> PPPEvent? {
        // No PPP frame header is needed: a Windows adapter trace carries LCP straight in an Ethernet-like frame.
        if let c = p.control {
            var event = PPPEvent(
                packet: ref, from: side, proto: c.proto, code: c.code, identifier: c.identifier,
                detail: "")
            var parts: [String] = []
            c.forEachOption(view) { o in
                parts.append(OptionText.render(o, proto: c.proto, in: view))
                event.optionTypes.insert(o.type)
                let d = o.data.lowerBound
                switch (c.proto, o.type) {
                case (.lcp, 1) where o.length == 4: event.mru = view.u16(d)
                case (.lcp, 5) where o.length == 6: event.magic = view.u32(d)
                case (.lcp, 3) where o.length >= 4:
                    event.authProtocol = view.u16(d)
                    if o.length >= 5 { event.authAlgorithm = view.u8(d + 2) }
                case (.ccp, 18) where o.length == 6: event.mppeBits = view.u32(d)
                case (.ipcp, 3) where o.length == 6: event.ipAddress = view.u32(d).map { .v4($0) }
                default: break
                }
            }
            // Echo-Request, Echo-Reply and Discard-Request start with the sender's magic number (RFC 1661 5.8, 5.9).
            if c.proto == .lcp, (9...11).contains(c.code), c.data.count >= 4 { event.magic = view.u32(c.data.lowerBound) }
            if let r = c.rejectedProtocol(view) {
                event.rejectedProtocol = r
                parts.append("rejected \(r.name)")
            }
            // Terminate-Request and -Ack carry the sender's reason in every control protocol (RFC 1661 5.5), not only LCP.
            if c.code == ControlCode.terminateRequest || c.code == ControlCode.terminateAck, !c.data.isEmpty {
                parts.append(SafeText.peerData(view, c.data))
            }
            event.detail = parts.joined(separator: " ")
            return event
        }
        if let pap = p.pap {
            var event = PPPEvent(
                packet: ref, from: side, proto: .pap, code: pap.code, identifier: pap.identifier,
                detail: "")
            if let id = pap.peerID {
                event.userName = SafeText.escape(view, id)
                event.detail = "password hidden"
            }
            if let m = pap.message {
                event.message = SafeText.escape(view, m)
                event.detail = "\"\(event.message ?? "")\""
            }
            return event
        }
        if let chap = p.chap {
            var event = PPPEvent(
                packet: ref, from: side, proto: .chap, code: chap.code, identifier: chap.identifier,
                detail: "")
            if let n = chap.name, chap.code == AuthCode.chapResponse { event.userName = SafeText.escape(view, n) }
            if let n = chap.name, chap.code == AuthCode.chapChallenge, !n.isEmpty {
                event.authenticatorName = SafeText.escape(view, n)
            }
            if let v = chap.value { event.detail = "value \(v.count) bytes (hidden)" }
            if let n = chap.name, chap.code == AuthCode.chapChallenge, !n.isEmpty {
                event.detail += " from \"\(SafeText.escape(view, n))\""
            }
            if let m = chap.message, !m.isEmpty {
                let parsed = MSCHAPMessage.parse(view, m)
                event.msError = parsed?.error
                event.msRetry = parsed?.retry
                if let t = parsed?.text {
                    event.message = SafeText.escape(view, t)
                } else if parsed == nil {
                    event.message = SafeText.escape(view, m)
                }
                event.detail = MSCHAPText.redacted(view, m)
            }
            return event
        }
        if let eap = p.eap {
            return PPPEvent(
                packet: ref, from: side, proto: .eap, code: eap.code, identifier: eap.identifier,
                detail: eap.type.map { "type \($0)" } ?? "")
        }
        return nil
    }

    static func isData(_ proto: PPPProtocol) -> Bool {
        proto == .ipv4 || proto == .ipv6 || proto == .compressed || proto.rawValue == 0x002D || proto.rawValue == 0x002F
    }
}
