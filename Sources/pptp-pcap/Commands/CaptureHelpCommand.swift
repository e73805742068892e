import ArgumentParser

/// The capture an expert would have asked for: the exact commands to capture a PPTP problem on each platform,
/// and the logs to keep beside it. What a first user needs before there is anything to analyse.
struct CaptureHelpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture-help",
        abstract: "Print the commands to capture a PPTP problem right on each platform, and the logs to collect beside it.")

    enum Platform: String, ExpressibleByArgument, CaseIterable { case all, linux, windows, router }

    @Option(help: "Only one platform: linux (client or pptpd server), windows (client or RRAS), router.")
    var platform: Platform = .all

    static let filter = "tcp port 1723 or ip proto 47 or icmp or ip6 proto 47 or icmp6"

    static let general = """
        Capture while the problem happens: start before connecting, stop only after the client shows its error (or
        the connection works). Keep whole packets (no snap length), both directions, TCP 1723 *and* GRE (IP
        protocol 47): a filter of `tcp port 1723` alone hides every PPP stage. ICMP errors tell where packets die.
        Two captures at once (client and server, or inside and outside a router) locate the loss exactly:
        `pptp-pcap analyze client.pcap server.pcap`.
        """

    static let linux = """
        LINUX (pptp-linux client, pptpd server, any host on the path)
          sudo tcpdump -i any -s 0 -w pptp.pcap '\(filter)'
          # or on one interface: sudo tcpdump -i eth0 -s 0 -w pptp.pcap '…'
        Logs beside it:
          pppd: add `debug` (and `logfile /var/log/pppd-pptp.log`) to the options (/etc/ppp/options.pptp on the
                client, /etc/ppp/pptpd-options on the server); pppd then logs every LCP/CHAP/CCP/IPCP packet
          pptpd: `debug` in /etc/pptpd.conf; pptpd and pptp log to syslog:
                journalctl -o short-iso --since "1 hour ago" > syslog.log   (or copy /var/log/syslog)
        Then: pptp-pcap analyze pptp.pcap --log syslog.log --log /var/log/pppd-pptp.log
        """

    static let windows = """
        WINDOWS 10 / 11 (client, or an RRAS server)
          pktmon start --capture --comp nics --pkt-size 0 --file-name pptp.etl
          … connect, wait for the error …
          pktmon stop
          pktmon etl2pcap pptp.etl --out pptp.pcapng
        Older Windows (7, 8, Server 2012):
          netsh trace start capture=yes tracefile=C:\\pptp.etl maxsize=512
          … connect, wait for the error …
          netsh trace stop
          then convert with Microsoft's etl2pcapng (github.com/microsoft/etl2pcapng): etl2pcapng pptp.etl pptp.pcapng
        Or Wireshark / dumpcap with the capture filter: \(filter)
        Logs beside it (the error number Windows showed, from its own log):
          client: wevtutil qe Application /q:"*[System[Provider[@Name='RasClient']]]" /f:RenderedXml > rasclient.xml
          RRAS server: wevtutil qe System /q:"*[System[Provider[@Name='RemoteAccess']]]" /f:RenderedXml > rras.xml
          (Event Viewer → Save As… CSV works too)
        Then: pptp-pcap analyze pptp.pcapng --log rasclient.xml
        """

    static let router = """
        ROUTER OR FIREWALL ON THE PATH (Linux-based: OpenWrt, pfSense/OPNsense shell, Mikrotik sniffer to file)
          tcpdump -i WAN_INTERFACE -s 0 -w /tmp/pptp-wan.pcap '\(filter)'
          tcpdump -i LAN_INTERFACE -s 0 -w /tmp/pptp-lan.pcap '\(filter)'
        Both sides of a NAT at once show whether it passes GRE (PPTP passthrough / nf_nat_pptp):
          pptp-pcap analyze pptp-lan.pcap pptp-wan.pcap
        Mikrotik: /tool sniffer set file-name=pptp.pcap filter-ip-protocol=gre,tcp ; /tool sniffer start … stop
        Cisco IOS: monitor capture PPTP interface Gi0/0 both match any ; monitor capture PPTP start … stop ;
          monitor capture PPTP export flash:pptp.pcap
        """

    func run() throws {
        var parts = [Self.general]
        switch platform {
        case .all: parts += [Self.linux, Self.windows, Self.router]
        case .linux: parts.append(Self.linux)
        case .windows: parts.append(Self.windows)
        case .router: parts.append(Self.router)
        }
        Output.write(parts.joined(separator: "\n\n") + "\n")
        Output.flush()
    }
}
