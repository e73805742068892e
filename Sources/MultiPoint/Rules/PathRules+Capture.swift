import PPTPDiagnosis

extension PathRules {
    static let capture: [PathRule] = [
        PathRule(
            id: "path.capture-missed", stage: .established, severity: .info, confidence: .high,
            title: "A capture missed packets the path delivered",
            explanation: "Packets missing at one point were seen at points on both sides of it (or beyond it in "
                + "their direction of travel): they passed, the capture there did not record them (a full "
                + "capture buffer, a filter, mirroring that drops). They are not counted as path loss.",
            fixes: Fixes(network: [
                "Capture with a larger buffer (`tcpdump -B 65536`) and a filter such as "
                    + "`tcp port 1723 or proto 47 or icmp` to keep up."
            ])
        ) { f in
            f.traffic.captureMisses.sorted { $0.key < $1.key }.map { member, count in
                PathMatch(
                    message: "\(f.label(member: member)) did not record \(Words.plural(count, "packet")) of this "
                        + "session that other points saw pass it.")
            }
        }
    ]
}
