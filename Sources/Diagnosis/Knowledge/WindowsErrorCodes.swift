/// The Windows generations whose RAS dialogs differ. A code's dialog text and availability are given per
/// generation; Windows 8 and 8.1 share one, 10 and 11 another.
public enum WindowsVersion: Int, Sendable, Codable, Hashable, Comparable, CaseIterable {
    case xp, vista, win7, win8, win10

    public var name: String {
        switch self {
        case .xp: "Windows XP"
        case .vista: "Windows Vista"
        case .win7: "Windows 7"
        case .win8: "Windows 8"
        case .win10: "Windows 10/11"
        }
    }

    public static func < (a: WindowsVersion, b: WindowsVersion) -> Bool { a.rawValue < b.rawValue }

    /// The newest generation: what a Windows client whose version the capture does not tell most likely runs.
    public static let newest = WindowsVersion.win10
}

/// The SDK header that defines a code's symbol.
public enum ErrorCodeHeader: String, Sendable, Codable, Hashable {
    case rasError = "RasError.h"
    case mprError = "MprError.h"
}

/// A dialog text and the first generation that shows it (until the next text takes over).
public struct DialogText: Sendable, Codable, Hashable {
    public var from: WindowsVersion
    public var text: String

    public init(_ from: WindowsVersion, _ text: String) {
        self.from = from
        self.text = text
    }
}

/// A Windows RAS error code met with PPTP: its SDK symbol, the dialog text each Windows generation shows, the
/// versions that can show it, what it means on the wire. The text `pptp-pcap explain CODE` prints, and the
/// name a report gives a code.
public struct WindowsErrorCode: Sendable, Codable, Hashable {
    public var code: Int
    /// The SDK's symbol, e.g. `ERROR_PORT_DISCONNECTED`.
    public var symbol: String
    public var header: ErrorCodeHeader
    /// The first generation that can show the code.
    public var since: WindowsVersion
    /// The last generation that can show it; nil while current Windows still does.
    public var until: WindowsVersion?
    /// The dialog texts, oldest first; each holds from its generation until the next one's.
    public var texts: [DialogText]
    public var meaning: String
    public var captureEvidence: String
    /// The capture can carry this code literally (MS-CHAP Failure `E=`).
    public var literalInCapture: Bool

    public init(
        code: Int, symbol: String, header: ErrorCodeHeader = .rasError, since: WindowsVersion = .xp,
        until: WindowsVersion? = nil, texts: [DialogText], meaning: String, captureEvidence: String,
        literalInCapture: Bool = false
    ) {
        self.code = code
        self.symbol = symbol
        self.header = header
        self.since = since
        self.until = until
        self.texts = texts
        self.meaning = meaning
        self.captureEvidence = captureEvidence
        self.literalInCapture = literalInCapture
    }

    /// Whether this generation of Windows can show the code.
    public func shows(on version: WindowsVersion) -> Bool { version >= since && until.map { version <= $0 } ?? true }

    /// The dialog text a generation shows; nil when it cannot show the code.
    public func text(on version: WindowsVersion) -> String? {
        guard shows(on: version) else { return nil }
        return texts.last { $0.from <= version }?.text ?? texts.first?.text
    }

    /// The text of the newest generation that shows the code.
    public var latestText: String { text(on: until ?? .newest) ?? texts.last?.text ?? "" }

    /// The first sentence of the newest dialog text: the part a user recognises.
    public var title: String { Self.firstSentence(latestText) }

    /// How a user searches for it: "Error 806: The VPN connection … could not be completed."
    public func searchName(on version: WindowsVersion? = nil) -> String {
        let text = version.flatMap { self.text(on: $0) } ?? latestText
        return "Error \(code): \(Self.firstSentence(text))"
    }

    /// The versions that can show it, in words.
    public var versions: String {
        switch (since, until) {
        case (.xp, nil): "Windows XP and later (every version)"
        case (let s, nil): "\(s.name) and later"
        case (.xp, .xp?): "Windows XP only (obsolete since Windows Vista)"
        case (let s, let u?): "\(s.name) to \(u.name)"
        }
    }

    /// A short note for a code list, empty when every version shows the code.
    public var versionNote: String? {
        switch (since, until) {
        case (.xp, nil): nil
        case (let s, nil): "\(s.name) and later"
        case (.xp, .xp?): "Windows XP only"
        case (let s, let u?): "\(s.name)–\(u.name)"
        }
    }

    static func firstSentence(_ text: String) -> String {
        var i = text.startIndex
        while i < text.endIndex {
            let next = text.index(after: i)
            if text[i] == ".", next < text.endIndex, text[next] == " " { return String(text[...i]) }
            i = next
        }
        return text
    }
}

public enum WindowsErrorCodes {
    public static func lookup(_ code: Int) -> WindowsErrorCode? { table.first { $0.code == code } }

    /// A rule's codes in the order the client will most likely see them. With the client's Windows known, only
    /// the codes it can show, in the rule's order, and none that stands for older versions of an earlier code
    /// (721 after 806 is what Windows before Vista showed for blocked GRE); without it, the codes current
    /// Windows shows first and the ones only older versions show after them (each keeps its version in the report).
    public static func ordered(_ codes: [Int], for version: WindowsVersion?) -> [Int] {
        if let version {
            var shown: [Int] = []
            for code in codes {
                guard let known = lookup(code) else {
                    shown.append(code)
                    continue
                }
                guard known.shows(on: version) else { continue }
                let standsForOlder = shown.contains { lookup($0).map { $0.since > known.since } ?? false }
                if !standsForOlder { shown.append(code) }
            }
            return shown.isEmpty ? codes : shown
        }
        let current = codes.filter { lookup($0)?.shows(on: .newest) ?? true }
        return current + codes.filter { !current.contains($0) }
    }

    /// "Error 806: The VPN connection … could not be completed." for a known code, "Error N" for another.
    public static func searchName(_ code: Int, on version: WindowsVersion? = nil) -> String {
        lookup(code)?.searchName(on: version) ?? "Error \(code)"
    }

    /// Checked against the SDK's RasError.h / MprError.h (symbols, `#if (WINVER …)` blocks and the message
    /// comments, which are the current dialog texts) and mprmsg.dll's strings; older texts where the dialog of
    /// that generation said something else.
    public static let table: [WindowsErrorCode] = [
        .init(
            code: 619, symbol: "ERROR_PORT_DISCONNECTED",
            texts: [
                .init(
                    .xp,
                    "A connection to the remote computer could not be established, so the port used for this connection was closed."
                )
            ],
            meaning: "The connection's port was closed before the link came up: the server dropped the call, or (on "
                + "Windows XP) a NAT or firewall between the ends broke the tunnel. The same text from XP to 11; Vista "
                + "and later name blocked GRE 806 instead.",
            captureEvidence: "The control connection closed right after the call; a NAT without PPTP support."),
        .init(
            code: 628, symbol: "ERROR_DISCONNECTION",
            texts: [.init(.xp, "The connection was terminated by the remote computer before it could be completed.")],
            meaning: "The server closed the control connection or cleared the call before the link was up.",
            captureEvidence: "Server FIN/RST, Stop-Control-Connection-Request or Call-Disconnect-Notify before the link is up."),
        .init(
            code: 629, symbol: "ERROR_REMOTE_DISCONNECTION",
            texts: [.init(.xp, "The connection was closed by the remote computer.")],
            meaning: "The server ended the connection after the link was up.",
            captureEvidence:
                "Call-Disconnect-Notify, Stop-Control-Connection-Request, LCP Terminate or RST from the server after setup."),
        .init(
            code: 638, symbol: "ERROR_REQUEST_TIMEOUT",
            texts: [
                .init(.xp, "The request has timed out."),
                .init(.vista, "The remote server is not responding in a timely fashion."),
            ],
            meaning: "The server did not answer at some stage.", captureEvidence: "Requests with no reply."),
        .init(
            code: 646, symbol: "ERROR_RESTRICTED_LOGON_HOURS",
            texts: [.init(.xp, "The account is not permitted to log on at this time of day.")],
            meaning: "Logon hours restriction on the user account.", captureEvidence: "MS-CHAP Failure E=646.",
            literalInCapture: true),
        .init(
            code: 647, symbol: "ERROR_ACCT_DISABLED", texts: [.init(.xp, "The account is disabled.")],
            meaning: "The user account is disabled in the directory.", captureEvidence: "MS-CHAP Failure E=647.",
            literalInCapture: true),
        .init(
            code: 648, symbol: "ERROR_PASSWD_EXPIRED", texts: [.init(.xp, "The password for this account has expired.")],
            meaning: "The password must be changed before a VPN logon.", captureEvidence: "MS-CHAP Failure E=648.",
            literalInCapture: true),
        .init(
            code: 649, symbol: "ERROR_NO_DIALIN_PERMISSION",
            texts: [.init(.xp, "The account does not have permission to dial in.")],
            meaning: "Dial-in permission is denied on the account or by network policy.",
            captureEvidence: "MS-CHAP Failure E=649.", literalInCapture: true),
        .init(
            code: 678, symbol: "ERROR_NO_ANSWER",
            texts: [
                .init(.xp, "The remote computer did not respond."),
                .init(
                    .vista,
                    "The remote computer did not respond. To make sure that the server can be reached, ping the remote computer."),
            ],
            meaning: "Nothing answered the connection attempt to TCP 1723. Still defined after XP, with a longer text.",
            captureEvidence: "SYNs to port 1723 with no SYN-ACK."),
        .init(
            code: 691, symbol: "ERROR_AUTHENTICATION_FAILURE",
            texts: [
                .init(.xp, "Access was denied because the username and/or password was invalid on the domain."),
                .init(
                    .win7,
                    "The remote connection was denied because the user name and password combination you "
                        + "provided is not recognized, or the selected authentication protocol is not permitted on "
                        + "the remote access server."),
            ],
            meaning: "Authentication failed: wrong user name, password or domain, or the server's policy refused the method.",
            captureEvidence: "PAP Authenticate-Nak, CHAP Failure, MS-CHAP Failure E=691.", literalInCapture: true),
        .init(
            code: 709, symbol: "ERROR_CHANGING_PASSWORD",
            texts: [
                .init(
                    .xp,
                    "There was an error changing the password on the domain. The password might have been too "
                        + "short or might have matched a previously used password.")
            ],
            meaning: "The MS-CHAP password change failed.", captureEvidence: "MS-CHAP Failure E=709.",
            literalInCapture: true),
        .init(
            code: 718, symbol: "ERROR_PPP_TIMEOUT",
            texts: [.init(.xp, "The connection was terminated because the remote computer did not respond in a timely manner.")],
            meaning: "A PPP stage started and the peer stopped answering (often a slow RADIUS server behind the VPN server).",
            captureEvidence:
                "PPP requests retransmitted and unanswered after LCP began; a CHAP Response with no Success or Failure."),
        .init(
            code: 720, symbol: "ERROR_PPP_NO_PROTOCOLS_CONFIGURED",
            texts: [
                .init(.xp, "No PPP control protocols configured."),
                .init(
                    .vista,
                    "A connection to the remote computer could not be established. You might need to change "
                        + "the network settings for this connection."),
            ],
            meaning: "No network protocol came up: every NCP the client tried (IPCP) failed.",
            captureEvidence: "IPCP never opened: rejected, Nak loop or unanswered, and nothing else agreed."),
        .init(
            code: 721, symbol: "ERROR_PPP_NO_RESPONSE",
            texts: [
                .init(.xp, "The remote computer is not responding."),
                .init(
                    .win7,
                    "A connection to the remote access server was not made because the remote access server did not respond."),
            ],
            meaning: "The PPP peer never answered LCP. Before Vista the documented error for GRE blocked on the path "
                + "(KB 888201); in every version what unanswered LCP requests show.",
            captureEvidence: "LCP Configure-Requests unanswered; GRE out, none back (XP)."),
        .init(
            code: 732, symbol: "ERROR_PPP_NOT_CONVERGING",
            texts: [.init(.xp, "Your computer and the remote computer could not agree on PPP control protocols.")],
            meaning: "Configure-Nak/Reject loop without agreement.", captureEvidence: "Repeated Nak/Reject."),
        .init(
            code: 733, symbol: "ERROR_PPP_CP_REJECTED",
            texts: [
                .init(.xp, "The PPP control protocol for this network protocol is not available on the server."),
                .init(
                    .vista,
                    "A connection to the remote computer could not be completed. You might need to adjust "
                        + "the protocols on this computer."),
            ],
            meaning: "The peer rejected the control protocol itself: an LCP Protocol-Reject of IPCP.",
            captureEvidence: "LCP Protocol-Reject of IPCP."),
        .init(
            code: 734, symbol: "ERROR_PPP_LCP_TERMINATED",
            texts: [.init(.xp, "The PPP link control protocol was terminated.")],
            meaning: "LCP was closed during setup: the ends disagree on authentication, encryption or options.",
            captureEvidence: "LCP Terminate-Request before the link was up."),
        .init(
            code: 735, symbol: "ERROR_PPP_REQUIRED_ADDRESS_REJECTED",
            texts: [.init(.xp, "The requested address was rejected by the server.")],
            meaning: "The client asked for a static address the server will not give.",
            captureEvidence: "IPCP Nak/Reject of the client's non-zero IP-Address option."),
        .init(
            code: 736, symbol: "ERROR_PPP_NCP_TERMINATED",
            texts: [.init(.xp, "The remote computer terminated the control protocol.")],
            meaning: "The server ended a network control protocol (IPCP) with a Terminate-Request.",
            captureEvidence: "IPCP Terminate-Request from the server before IPCP opened."),
        .init(
            code: 738, symbol: "ERROR_PPP_NO_ADDRESS_ASSIGNED",
            texts: [
                .init(.xp, "The server did not assign an address."),
                .init(
                    .vista, "The remote connection was not made because the remote access server did not assign an IP address."),
            ],
            meaning: "The server gave the client no IP address: the pool is exhausted, or it rejected the IP-Address option.",
            captureEvidence: "The server Configure-Rejects the client's IP-Address option, or never offers an address."),
        .init(
            code: 741, symbol: "ERROR_NO_LOCAL_ENCRYPTION",
            texts: [.init(.xp, "The local computer does not support the required data encryption type.")],
            meaning:
                "The server requires an MPPE strength this client cannot do (e.g. Vista and later without 40/56-bit, KB 929857).",
            captureEvidence: "The client Naks the server's MPPE bits with other strengths."),
        .init(
            code: 742, symbol: "ERROR_NO_REMOTE_ENCRYPTION",
            texts: [.init(.xp, "The remote computer does not support the required data encryption type.")],
            meaning: "The client requires MPPE (the default 'require encryption') and the server will not do it.",
            captureEvidence: "Server Configure-Rejects CCP option 18 or Protocol-Rejects CCP."),
        .init(
            code: 743, symbol: "ERROR_REMOTE_REQUIRES_ENCRYPTION", until: .xp,
            texts: [.init(.xp, "The remote computer requires data encryption.")],
            meaning: "Windows XP only: the server requires MPPE and the client is set to no encryption. Obsolete since "
                + "Vista (empty string there), which shows 734 for the same thing.",
            captureEvidence: "Server CCP requests rejected by the client, then Terminate."),
        .init(
            code: 800, symbol: "ERROR_AUTOMATIC_VPN_FAILED",
            texts: [
                .init(
                    .xp,
                    "Unable to establish the VPN connection. The VPN server may be unreachable, or security "
                        + "parameters may not be configured properly for this connection."),
                .init(
                    .vista,
                    "The remote connection was not made because the attempted VPN tunnels failed. The VPN "
                        + "server might be unreachable. If this connection is attempting to use an L2TP/IPsec "
                        + "tunnel, the security parameters required for IPsec negotiation might not be configured properly."),
            ],
            meaning: "The VPN server could not be reached or the control channel failed, for every VPN type tried.",
            captureEvidence: "SYNs unanswered or refused, or the control connection failed."),
        .init(
            code: 806, symbol: "ERROR_VPN_GRE_BLOCKED", since: .vista,
            texts: [
                .init(
                    .vista,
                    "The VPN connection between your computer and the VPN server could not be completed. "
                        + "The most common cause for this failure is that at least one Internet device (for "
                        + "example, a firewall or a router) between your computer and the VPN server is not "
                        + "configured to allow Generic Routing Encapsulation (GRE) protocol packets. If the "
                        + "problem persists, contact your network administrator or Internet Service Provider.")
            ],
            meaning: "TCP 1723 works but GRE (IP protocol 47) does not pass. Before Vista: 721.",
            captureEvidence: "Control connection and call set up; GRE out, nothing back."),
        .init(
            code: 807, symbol: "ERROR_VPN_DISCONNECT", since: .vista,
            texts: [
                .init(
                    .vista,
                    "The network connection between your computer and the VPN server was interrupted. This "
                        + "can be caused by a problem in the VPN transmission and is commonly the result of internet "
                        + "latency or simply that your VPN server has reached capacity. Please try to reconnect to "
                        + "the VPN server. If this problem persists, contact the VPN administrator and analyze "
                        + "quality of network connectivity.")
            ],
            meaning: "The link died during or after setup: lost keepalives, a reset, a path that changed.",
            captureEvidence: "LCP echoes unanswered, TCP reset, GRE stopping one way."),
        .init(
            code: 809, symbol: "ERROR_VPN_TIMEOUT", since: .vista,
            texts: [
                .init(
                    .vista,
                    "The network connection between your computer and the VPN server could not be established "
                        + "because the remote server is not responding. This could be because one of the network "
                        + "devices (e.g, firewalls, NAT, routers, etc) between your computer and the remote server "
                        + "is not configured to allow VPN connections. Please contact your Administrator or your "
                        + "service provider to determine which device may be causing the problem.")
            ],
            meaning: "Mostly L2TP/IKE; met with PPTP when the client falls back to other VPN types.",
            captureEvidence: ""),
        .init(
            code: 812, symbol: "ERROR_SERVER_POLICY", since: .vista,
            texts: [
                .init(
                    .vista,
                    "The connection was prevented because of a policy configured on your RAS/VPN server. "
                        + "Specifically, the authentication method used by the server to verify your username and "
                        + "password may not match the authentication method configured in your connection profile. "
                        + "Please contact the Administrator of the RAS server and notify them of this error.")
            ],
            meaning: "The server's network policy refused the connection after the authentication method was agreed.",
            captureEvidence: "Failure right after authentication started."),
        .init(
            code: 868, symbol: "ERROR_DNSNAME_NOT_RESOLVABLE", since: .win7,
            texts: [
                .init(.win7, "The remote connection was not made because the name of the remote access server did not resolve.")
            ],
            meaning: "The VPN server's name did not resolve, so no connection was even tried.",
            captureEvidence: "A DNS query for the server's name failing, and no SYN to port 1723 in the capture."),
        .init(
            code: 919, symbol: "ERROR_PEER_REFUSED_AUTH", header: .mprError,
            texts: [
                .init(
                    .xp,
                    "The remote computer refused to be authenticated using the configured authentication "
                        + "protocol. The line has been disconnected."),
                .init(
                    .vista,
                    "The connection could not be established because the authentication protocol used by the "
                        + "RAS/VPN server to verify your username and password could not be matched with the "
                        + "settings in your connection profile."),
            ],
            meaning: "Client and server share no authentication protocol: the client refused the one the server asked for.",
            captureEvidence:
                "LCP Nak/Reject of the authentication option; the server's Terminate \"peer refused to authenticate\"."),
        .init(
            code: 930, symbol: "ERROR_AUTH_SERVER_TIMEOUT", header: .mprError,
            texts: [.init(.xp, "The authentication server did not respond to authentication requests in a timely fashion.")],
            meaning: "The VPN server's RADIUS/NPS server did not answer in time; the client sees it only when the VPN "
                + "server reports it (MS-CHAP Failure E=930), else 718.",
            captureEvidence: "MS-CHAP Failure E=930.", literalInCapture: true),
        .init(
            code: 942, symbol: "ERROR_AUTH_PROTOCOL_RESTRICTION", header: .mprError,
            texts: [
                .init(.xp, "You do not have permission to connect using the selected authentication protocol."),
                .init(
                    .vista,
                    "The connection could not be established because the authentication method used by your "
                        + "connection profile is not permitted for use by an access policy configured on the "
                        + "RAS/VPN server. Specifically, this could be due to configuration differences between "
                        + "the authentication method selected on the RAS/VPN server and the access policy "
                        + "configured for it."),
            ],
            meaning: "The server's access policy forbids the authentication method the client used.",
            captureEvidence: "MS-CHAP Failure E=942.", literalInCapture: true),
    ]
}
