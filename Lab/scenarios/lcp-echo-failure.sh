# An established session loses GRE in both directions in the network; LCP echoes notice. (Cutting GRE in the
# client's own firewall ends the call through pptp instead: gre-cut-at-client-mid-session.)
TITLE="Session up with lcp-echo-interval 2 / lcp-echo-failure 3 on both sides, then the router drops GRE both ways."
TOPO=router
CLIENT_OPTS="require-mppe-128 lcp-echo-interval 2 lcp-echo-failure 3"
SERVER_OPTS_RAW="lcp-echo-interval 2
lcp-echo-failure 3"
HANGUP=none
scenario_up() {
    step "the router starts dropping GRE in both directions (FORWARD, protocol 47)"
    ip netns exec lab-rtr iptables -A FORWARD -p 47 -j DROP
    dump_rules "after the cut"
    wait_client_exit 1 40 && step "client pppd ended by itself" || step "client pppd still running after 40 s"
    sleep 3
}
TIMERS="\`lcp-echo-interval 2 lcp-echo-failure 3\` on both sides (instead of Debian's 30/4), so the dead link is noticed after ~8 s."
OUTCOME=failed; STAGE=established; SIDE="network (GRE cut mid-session by the router; echo timeouts)"; WINDOWS="none at connect time; the established connection drops (Windows: 'disconnected', 629/721-like)"
DECISIVE='client-pppd.log|No response to 3 echo-requests
client-pppd.log|Serial link appears to be disconnected|Connection terminated
server-pppd.log|No response to 3 echo-requests
server-pppd.log|Serial link appears to be disconnected|Connection terminated
pptpd.log|CALL CLR|finished
pptp.log|Call-Clear-Request'
NOTES="What the logs show: as named. Both pppds miss three echo replies (~8 s after the cut), log \`No response to 3 echo-requests\` and \`Serial link appears to be disconnected.\`, and send LCP TermReqs that the router also drops. They give up within a second of each other, and which ends the call varies from run to run: the server's pppd (pptpd: \`from PTY failed\`, then it closes the control connection and pptp answers with \`Call-Clear-Request\`) or the client's (its pptp sends \`Call-Clear-Request\` on TCP 1723, which still passes, and pptpd logs \`CALL CLR\`)."
