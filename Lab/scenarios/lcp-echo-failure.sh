# An established session loses GRE in both directions; LCP echoes notice.
TITLE="Session up with lcp-echo-interval 2 / lcp-echo-failure 3 on both sides, then the client's GRE is cut."
CLIENT_OPTS="require-mppe-128 lcp-echo-interval 2 lcp-echo-failure 3"
SERVER_OPTS_RAW="lcp-echo-interval 2
lcp-echo-failure 3"
HANGUP=none
scenario_up() {
    step "cutting GRE in the client namespace (INPUT and OUTPUT, protocol 47)"
    ip netns exec lab-cli iptables -A INPUT -p 47 -j DROP; ip netns exec lab-cli iptables -A OUTPUT -p 47 -j DROP
    dump_rules "after the cut"
    wait_client_exit 1 40 && step "client pppd ended by itself" || step "client pppd still running after 40 s"
    sleep 3
}
TIMERS="\`lcp-echo-interval 2 lcp-echo-failure 3\` on both sides (instead of Debian's 30/4), so the dead link is noticed after ~8 s."
OUTCOME=failed; STAGE=established; SIDE="network (GRE cut mid-session; both sides time out)"; WINDOWS="none at connect time; the established connection drops (Windows: 'disconnected', 629/721-like)"
DECISIVE='client-pppd.log|No response to 3 echo-requests|Serial link appears to be disconnected|Connection terminated|Modem hangup
server-pppd.log|No response to 3 echo-requests|Serial link appears to be disconnected|Connection terminated
pptpd.log|GRE: read|finished
pptp.log|Call-Clear|Closing|warn'
