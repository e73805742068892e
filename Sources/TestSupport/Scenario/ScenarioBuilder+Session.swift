/// Higher-level steps of a PPTP session (RFC 2637 control, then PPP over GRE), each with realistic timing
/// for the capture point. Scenarios combine them and drop to the packet-level methods where they deviate.
extension ScenarioBuilder {
    // MARK: Control connection and call

    /// SCCRQ from the client, SCCRP in answer.
    public func startControlConnection(result: UInt8 = 1, error: UInt8 = 0) {
        control(
            PPTPControl.startControlConnectionRequest(
                hostName: profile.clientHostName,
                vendor: profile.clientVendor), from: .client)
        respond(.server, processingMs: 1.5)
        control(
            PPTPControl.startControlConnectionReply(
                result: result, error: error,
                hostName: profile.serverHostName,
                vendor: profile.serverVendor), from: .server)
    }

    /// OCRQ from the client, OCRP in answer (the server takes a few ms to start pppd).
    public func outgoingCall(result: UInt8 = 1, error: UInt8 = 0, cause: UInt16 = 0) {
        respond(.client, processingMs: 0.6)
        control(
            PPTPControl.outgoingCallRequest(callID: profile.clientCallID, serial: profile.callSerial),
            from: .client)
        respond(.server, processingMs: 4.2)
        control(
            PPTPControl.outgoingCallReply(
                callID: profile.serverCallID, peerCallID: profile.clientCallID,
                result: result, error: error, cause: cause), from: .server)
    }

    /// Set-Link-Info from the client (peer = the server's Call ID), then the server's delayed ACK.
    public func setLinkInfo() {
        respond(.client, processingMs: 0.4)
        control(PPTPControl.setLinkInfo(peerCallID: serverCallID ?? profile.serverCallID), from: .client)
        respond(.server, processingMs: 0.5)
        ack(from: .server)
    }

    /// TCP handshake, SCCRQ/SCCRP and OCRQ/OCRP all successful, then Set-Link-Info.
    public func openControlAndCall() {
        tcpHandshake()
        wait(0.3)
        startControlConnection()
        outgoingCall()
        setLinkInfo()
    }

    /// Puts the builder in the middle of an established session (for captures started late): TCP
    /// synchronised, Call IDs known, ACFC/PFC in use, GRE sequence numbers already advanced.
    public func resumeMidSession(clientGRESequence: UInt32, serverGRESequence: UInt32, mppeCount: UInt16 = 0x2F0) {
        synSeen = [.client: true, .server: true]
        tcpNext = [.client: client.initialSequence, .server: server.initialSequence]
        clientCallID = profile.clientCallID
        serverCallID = profile.serverCallID
        pppCompression = [.client: true, .server: true]
        greNextSequence = [.client: clientGRESequence, .server: serverGRESequence]
        greReceived = [.client: serverGRESequence &- 1, .server: clientGRESequence &- 1]
        greAcked = greReceived
        self.mppeCount = [.client: mppeCount, .server: mppeCount &+ 0x40]
    }

    // MARK: LCP

    /// The options a Windows client requests; `callback` adds the Callback option pppd rejects.
    public func clientLCPOptions(callback: Bool) -> [PPPOption] {
        var options: [PPPOption] = [
            .mru(profile.clientMRU), .magicNumber(profile.clientMagic),
            .protocolFieldCompression, .addressControlFieldCompression,
        ]
        if callback { options.append(.callback()) }
        return options
    }

    /// The options pppd requests (`asyncmap 0`, auth, magic, pcomp, accomp).
    public func serverLCPOptions(auth: AuthMethod?) -> [PPPOption] {
        var options: [PPPOption] = [.accm(0)]
        if let auth { options.append(auth.lcpOption) }
        options += [.magicNumber(profile.serverMagic), .protocolFieldCompression, .addressControlFieldCompression]
        return options
    }

    /// The options a pppd client requests (no authentication asked of the server).
    public func pppdClientLCPOptions() -> [PPPOption] {
        [.accm(0), .magicNumber(profile.clientMagic), .protocolFieldCompression, .addressControlFieldCompression]
    }

    /// Full LCP negotiation: both Configure-Requests, the server rejects a Windows client's Callback option and
    /// the client requests again without it (a pppd client's request is acked at once), Configure-Acks both ways;
    /// ACFC/PFC apply afterwards. With `clientRetransmits` the client's first request is repeated every 3 s that
    /// many times before the server answers. A Windows client then sends its LCP Identification packets.
    public func negotiateLCP(auth: AuthMethod, clientRetransmits: Int = 0, identification: Bool = true) {
        let pppd = profile.clientIsPPPD
        wait(1.2)
        let firstOptions = pppd ? pppdClientLCPOptions() : clientLCPOptions(callback: true)
        let firstRequest = LCP.configure(.configureRequest, identifier: 1, options: firstOptions)
        gre(ppp: firstRequest, from: .client)
        for _ in 0..<clientRetransmits {
            waitSeconds(3)
            gre(ppp: firstRequest, from: .client)
        }
        respond(.server, processingMs: 0.8)
        let serverOptions = serverLCPOptions(auth: auth)
        gre(ppp: LCP.configure(.configureRequest, identifier: 1, options: serverOptions), from: .server)
        wait(0.1)
        if pppd {
            gre(ppp: LCP.configure(.configureAck, identifier: 1, options: firstOptions), from: .server)
            respond(.client, processingMs: 0.4)
            gre(ppp: LCP.configure(.configureAck, identifier: 1, options: serverOptions), from: .client)
        } else {
            gre(ppp: LCP.configure(.configureReject, identifier: 1, options: [.callback()]), from: .server)
            respond(.client, processingMs: 0.4)
            gre(ppp: LCP.configure(.configureAck, identifier: 1, options: serverOptions), from: .client)
            wait(0.2)
            let secondOptions = clientLCPOptions(callback: false)
            gre(ppp: LCP.configure(.configureRequest, identifier: 2, options: secondOptions), from: .client)
            respond(.server, processingMs: 0.3)
            gre(ppp: LCP.configure(.configureAck, identifier: 2, options: secondOptions), from: .server)
        }
        pppCompression = [.client: true, .server: true]
        if identification && !pppd {
            respond(.client, processingMs: 0.3)
            gre(ppp: LCP.identification(identifier: 3, magic: profile.clientMagic, message: "MSRASV5.20"), from: .client)
            gre(
                ppp: LCP.identification(
                    identifier: 4, magic: profile.clientMagic,
                    message: "MSRAS-0-\(profile.clientHostName)"), from: .client)
        }
    }

    // MARK: Authentication

    /// Successful authentication with `auth` (server challenge / client request, then success).
    public func authenticate(_ auth: AuthMethod) {
        switch auth {
        case .pap:
            wait(1.5)
            gre(
                ppp: PAP.authenticateRequest(identifier: 1, peerID: profile.userName, password: profile.password),
                from: .client)
            respond(.server, processingMs: 25)
            gre(ppp: PAP.authenticateAck(identifier: 1, message: "Login ok"), from: .server)
        case .chapMD5:
            chapChallengeAndResponse(auth: .chapMD5, identifier: 1)
            respond(.server, processingMs: 20)
            gre(ppp: CHAP.success(identifier: 1, message: "Access granted"), from: .server)
        case .msChapV2:
            chapChallengeAndResponse(auth: .msChapV2, identifier: 1)
            respond(.server, processingMs: 60)
            gre(
                ppp: CHAP.success(identifier: 1, message: MSCHAPv2.successMessage(seed: profile.seed &+ 300)),
                from: .server)
        }
    }

    /// CHAP Challenge from the server and the client's Response (MD5: 16-byte value; MS-CHAPv2: 49-byte value).
    public func chapChallengeAndResponse(auth: AuthMethod, identifier: UInt8) {
        wait(1.5)
        let challenge =
            auth == .msChapV2
            ? MSCHAPv2.challengeValue(seed: profile.seed &+ 100)
            : DeterministicBytes.make(16, seed: profile.seed &+ 110)
        gre(ppp: CHAP.challenge(identifier: identifier, value: challenge, name: profile.serverName), from: .server)
        respond(.client, processingMs: 3)
        let response =
            auth == .msChapV2
            ? MSCHAPv2.responseValue(seed: profile.seed &+ 200)
            : DeterministicBytes.make(16, seed: profile.seed &+ 210)
        gre(ppp: CHAP.response(identifier: identifier, value: response, name: profile.userName), from: .client)
    }

    /// MS-CHAPv2 challenge, response and a Failure carrying `E=<error>`.
    public func msChapV2Failure(error: Int, retry: Bool = false, text: String = "Authentication failure") {
        chapChallengeAndResponse(auth: .msChapV2, identifier: 1)
        respond(.server, processingMs: 60)
        gre(
            ppp: CHAP.failure(
                identifier: 1,
                message: MSCHAPv2.failureMessage(
                    error: error, retry: retry,
                    seed: profile.seed &+ 400, text: text)),
            from: .server)
    }

    // MARK: NCPs

    /// The CCP option both sides want: MPPE 128-bit, stateless.
    public static let mppe128: [PPPOption] = [.mppe(MPPEBits.stateless | MPPEBits.bits128)]

    /// CCP: both sides request MPPE with `options` (128-bit stateless unless told) and both Ack.
    public func negotiateCCP(_ options: [PPPOption] = mppe128) {
        respond(.client, processingMs: 0.5)
        gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ccp, code: .configureRequest, identifier: 4,
                options: options), from: .client)
        respond(.server, processingMs: 1.1)
        gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ccp, code: .configureRequest, identifier: 1,
                options: options), from: .server)
        gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ccp, code: .configureAck, identifier: 4,
                options: options), from: .server)
        respond(.client, processingMs: 0.4)
        gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ccp, code: .configureAck, identifier: 1,
                options: options), from: .client)
    }

    /// The client's first IPCP request: everything zero, asking the server to assign.
    public var clientIPCPInitialOptions: [PPPOption] {
        [.ipAddress(.any), .primaryDNS(.any), .primaryNBNS(.any), .secondaryDNS(.any), .secondaryNBNS(.any)]
    }

    /// An IPV6CP Configure-Request with an interface identifier (Windows opens IPV6CP too).
    public var clientIPV6CPRequest: [UInt8] {
        PPPControl.packet(code: 1, identifier: 6, data: [1, 10, 0x02, 0x15, 0x5D, 0xFF, 0xFE, 0x01, 0x02, 0x03])
    }

    /// IPCP: the server requests its own address, the client Acks; the client asks for 0.0.0.0 plus DNS/NBNS,
    /// the server Rejects NBNS, Naks with the address and DNS servers, the client requests them, the server Acks.
    /// With `ipv6cp` the client also opens IPV6CP and the server Protocol-Rejects it (harmless).
    public func negotiateIPCP(ipv6cp: Bool = false) {
        let serverOptions: [PPPOption] = [.ipAddress(profile.serverTunnelAddress)]
        respond(.server, processingMs: 0.5)
        gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureRequest, identifier: 1,
                options: serverOptions), from: .server)
        wait(0.1)
        gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureRequest, identifier: 5,
                options: clientIPCPInitialOptions), from: .client)
        let ipv6cp = ipv6cp && !profile.clientIsPPPD
        if ipv6cp {
            gre(ppp: PPPFrame.build(protocolNumber: PPPProtocol.ipv6cp, clientIPV6CPRequest), from: .client)
        }
        gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureAck, identifier: 1,
                options: serverOptions), from: .client)
        respond(.server, processingMs: 0.3)
        gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureReject, identifier: 5,
                options: [.primaryNBNS(.any), .secondaryNBNS(.any)]), from: .server)
        if ipv6cp {
            gre(
                ppp: LCP.protocolReject(
                    identifier: 4, rejectedProtocol: PPPProtocol.ipv6cp,
                    rejectedInformation: clientIPV6CPRequest), from: .server)
        }
        respond(.client, processingMs: 0.5)
        let askAgain: [PPPOption] = [.ipAddress(.any), .primaryDNS(.any), .secondaryDNS(.any)]
        gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureRequest, identifier: 7,
                options: askAgain), from: .client)
        respond(.server, processingMs: 0.4)
        let assigned: [PPPOption] = [
            .ipAddress(profile.clientTunnelAddress), .primaryDNS(profile.primaryDNS),
            .secondaryDNS(profile.secondaryDNS),
        ]
        gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureNak, identifier: 7,
                options: assigned), from: .server)
        respond(.client, processingMs: 0.4)
        gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureRequest, identifier: 8,
                options: assigned), from: .client)
        respond(.server, processingMs: 0.3)
        gre(
            ppp: PPPControl.configure(
                protocolNumber: PPPProtocol.ipcp, code: .configureAck, identifier: 8,
                options: assigned), from: .server)
    }

    /// Everything up to a working tunnel: TCP, control connection, call, LCP, authentication,
    /// CCP (MS-CHAPv2 only: MPPE needs its keys) and IPCP.
    public func establish(
        auth: AuthMethod = .msChapV2, ipv6cp: Bool = false, lcpRetransmits: Int = 0, mppe: [PPPOption] = mppe128
    ) {
        openControlAndCall()
        negotiateLCP(auth: auth, clientRetransmits: lcpRetransmits)
        authenticate(auth)
        if auth == .msChapV2 { negotiateCCP(mppe) }
        negotiateIPCP(ipv6cp: ipv6cp)
    }

    /// Data kind matching the session: MPPE after MS-CHAPv2, plain IPv4 otherwise.
    public func dataKind(for auth: AuthMethod) -> DataKind {
        auth == .msChapV2
            ? .mppe
            : .ipv4(clientAddress: profile.clientTunnelAddress, serverAddress: profile.serverTunnelAddress)
    }

    // MARK: Keep-alives

    /// LCP Echo-Request from `side` answered by the peer.
    public func lcpEchoExchange(from side: Side, identifier: UInt8) {
        let magic = side == .client ? profile.clientMagic : profile.serverMagic
        let peerMagic = side == .client ? profile.serverMagic : profile.clientMagic
        gre(ppp: LCP.echoRequest(identifier: identifier, magic: magic), from: side)
        respond(side.peer, processingMs: 0.2)
        gre(ppp: LCP.echoReply(identifier: identifier, magic: peerMagic), from: side.peer)
    }

    /// PPTP Echo-Request on the control connection, the Echo-Reply, and the requester's ACK of it.
    public func pptpEchoExchange(from side: Side, identifier: UInt32) {
        control(PPTPControl.echoRequest(identifier: identifier), from: side)
        respond(side.peer, processingMs: 0.2)
        control(PPTPControl.echoReply(identifier: identifier), from: side.peer)
        respond(side, processingMs: 40)
        ack(from: side)
    }

    // MARK: Teardown

    /// LCP Terminate-Request from `side`, Terminate-Ack from the peer (when `acknowledged`).
    public func lcpTerminate(
        from side: Side, identifier: UInt8 = 9, acknowledged: Bool = true,
        reason: String = "User request"
    ) {
        gre(ppp: LCP.terminateRequest(identifier: identifier, data: Array(reason.utf8)), from: side)
        if acknowledged {
            respond(side.peer, processingMs: 0.3)
            gre(ppp: LCP.terminateAck(identifier: identifier), from: side.peer)
        }
    }

    /// Call-Clear-Request / Call-Disconnect-Notify (result 4), Stop-Control-Connection-Request / Reply,
    /// then the TCP close, all started by the client.
    public func controlTeardown() {
        wait(2)
        control(PPTPControl.callClearRequest(callID: clientCallID ?? profile.clientCallID), from: .client)
        respond(.server, processingMs: 1)
        control(
            PPTPControl.callDisconnectNotify(callID: serverCallID ?? profile.serverCallID, result: 4),
            from: .server)
        respond(.client, processingMs: 0.8)
        control(PPTPControl.stopControlConnectionRequest(reason: 1), from: .client)
        respond(.server, processingMs: 0.3)
        control(PPTPControl.stopControlConnectionReply(result: 1), from: .server)
        respond(.client, processingMs: 1)
        closeTCP(initiator: .client)
    }

    /// Stop-Control-Connection-Request from the client, Reply from the server, TCP close (no call to clear).
    public func stopControlConnection(reason: UInt8 = 1) {
        respond(.client, processingMs: 1)
        control(PPTPControl.stopControlConnectionRequest(reason: reason), from: .client)
        respond(.server, processingMs: 0.3)
        control(PPTPControl.stopControlConnectionReply(result: 1), from: .server)
        respond(.client, processingMs: 1)
        closeTCP(initiator: .client)
    }

    /// A user-initiated disconnect: LCP Terminate both ways, then the control teardown.
    public func orderlyTeardown() {
        wait(500)
        lcpTerminate(from: .client)
        controlTeardown()
    }
}
