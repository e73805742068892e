public import PPTPSessions

/// Small formatting helpers shared by the rules' messages.
enum Wording {
    static func seconds(_ t: Double) -> String {
        let v = max(0, t)
        if v < 10 { return String(Double(Int((v * 1000).rounded())) / 1000) + " s" }
        return String(Int(v.rounded())) + " s"
    }

    static func at(_ ref: PacketRef) -> String { "packet \(ref.number) (t=\(seconds(ref.time)))" }

    static func packets(_ refs: [PacketRef]) -> String {
        let n = refs.map { String($0.number) }
        return n.count <= 6 ? n.joined(separator: ", ") : n.prefix(5).joined(separator: ", ") + " … " + (n.last ?? "")
    }

    static func capturePlace(_ point: CapturePoint) -> String {
        switch point {
        case .client: "The capture was taken at the client"
        case .server: "The capture was taken at the server"
        case .between: "The capture was taken between client and server"
        case .sameSegment: "The capture was taken on the client's and server's common network segment"
        case .unknown: "Where the capture was taken is not clear"
        }
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}

/// How much silence makes absence evidence.
enum Thresholds {
    /// Seconds of capture after a request before "no answer" is a finding rather than an early end.
    static let silence = 5.0
    static let longSilence = 10.0
    /// A client whose tunnel stays silent gives up well before this: pppd after 10 Configure-Requests 3 s apart
    /// (30 s), Windows after about 30 s with 806 (721 before Vista). A call that lasts longer carried PPP.
    static let clientGivesUpOnSilentTunnel = 60.0
    /// A server whose pppd died closes the control connection within seconds of the call; one that gives up on
    /// a blocked tunnel waits for its LCP timeout (30 s with pppd's defaults) first.
    static let serverGaveUpAtOnce = 10.0
}
