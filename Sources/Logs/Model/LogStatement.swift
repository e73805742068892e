/// What pppd, pptpd, pptp-linux or Windows said about a session, decoded from its wording. Only sentences the
/// diagnosis weighs have a case; the rest of a log is counted, not interpreted.
public enum LogStatement: Sendable, Hashable {
    // pppd
    /// `CHAP authentication failed`, `MS-CHAP authentication failed: …`, `PAP authentication failed` (we were
    /// refused), or `Peer alice failed CHAP authentication` (we refused the peer).
    case authenticationFailed(byPeer: Bool)
    /// `CHAP authentication succeeded`, `PAP authentication succeeded`, `peer from calling number … authorized`.
    case authenticationSucceeded
    /// `No CHAP secret found for authenticating us to …`, `No secret found for PAP login`,
    /// `No CHAP secret found for authenticating …`: the secrets file lacks the account.
    case noSecret
    /// `MPPE required but peer negotiation failed`, `MPPE required, but MS-CHAP[v2] auth not performed.`,
    /// `MPPE required but peer refused`.
    case encryptionRequiredButNotNegotiated
    /// `LCP: timeout sending Config-Requests`.
    case lcpTimeout
    /// `No response to 4 echo-requests`.
    case echoTimeout(Int)
    /// `Modem hangup`: the pty (pptp or pptpd's GRE side) went away.
    case hangup
    /// `Connection terminated.`
    case connectionTerminated
    /// `LCP terminated by peer (reason)`.
    case terminatedByPeer(String?)
    /// `Terminating on signal 15`.
    case terminatingOnSignal(Int)
    /// `local  IP address 10.100.0.1`, `remote IP address 10.100.0.10`: IPCP opened.
    case ipAddress(local: Bool, String)
    /// `Peer is not authorized to use remote address 10.99.7.20`, `Refusing …`: IPCP refused the peer's address.
    case addressRefused(String)
    /// An option pppd could not use (`unrecognized option`, `In file …:`): pppd exits before any PPP.
    case optionError
    /// `Exit.`
    case exit

    // pptpd
    /// `CTRL: Client 10.99.7.2 control connection started`.
    case controlConnectionStarted(client: String)
    /// `CTRL: Starting call (launching pppd, opening GRE)`.
    case callStarting
    /// `GRE: read(fd=…) from PTY failed … usually caused by unexpected termination of pppd`.
    case pppdDiedUnexpectedly
    /// `CTRL: EOF or bad error reading ctrl packet length.`
    case controlConnectionLost
    /// `CTRL: Client 10.99.7.2 control connection finished`.
    case controlConnectionFinished(client: String)
    /// `GRE: accepting packet #N`: pptpd passed the client's GRE to pppd.
    case greAccepted
    /// `GRE: read(fd=…) from network failed: status = -1 error = Protocol not available`: the kernel handed
    /// pptpd's GRE socket an ICMP error about the call's GRE (the `strerror` text says which), and pptpd ended
    /// the call.
    case greNetworkError(reason: String)

    // pptp-linux
    /// `Client connection established.`
    case controlConnectionEstablished
    /// `Outgoing call established (call ID 0, peer's call ID 61228).`
    case outgoingCallEstablished(callID: UInt16, peerCallID: UInt16)
    /// `Could not open control connection to 10.99.1.1` (the server's address), `connect: Connection refused`,
    /// `… timed out`.
    case controlConnectionFailed(server: String?)

    // Windows
    /// RasClient 20227 (`… which has failed. The error code returned on failure is 691.`) while connecting, or
    /// 20226 (`… has terminated. The reason code returned on termination is 619.`) after it had connected
    /// (`whileConnected`); `failed` is false for the codes of an orderly end (0, 631: the user hung up).
    case windowsError(code: Int, eventID: Int?, failed: Bool, whileConnected: Bool = false)
    /// RasClient 20225: `… has successfully connected`.
    case windowsConnected(eventID: Int?)
    /// RRAS (RemoteAccess) refused a user: `… failed an authentication attempt due to the following reason: …`.
    case windowsServerRefused(code: Int?, eventID: Int?)
}
