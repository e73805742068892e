# An established session whose client then drops GRE both ways in its own firewall (INPUT and OUTPUT).
TITLE="Session up (lcp-echo-interval 2 / lcp-echo-failure 3 on both sides), then the client's own firewall drops GRE in and out."
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
SETUP="Meant as an LCP echo failure; what really happens: the OUTPUT rule makes pptp's own GRE send fail at once, pptp's GRE process ends, the client's pppd sees its pty close (\`Modem hangup\`) long before any echo times out, and pptp clears the call on the control connection (see lcp-echo-failure for the cut in the network)."
TIMERS="\`lcp-echo-interval 2 lcp-echo-failure 3\` on both sides (instead of Debian's 30/4)."
OUTCOME=failed; STAGE=established; SIDE="client (its own firewall; pptp ends the call)"; WINDOWS="629 (the connection was closed) — the client ends it itself"
DECISIVE='client-pppd.log|Modem hangup|Connection terminated
pptp.log|Closing connection|Call-Clear-Request
pptpd.log|CALL CLR|finished
server-pppd.log|Modem hangup|Connection terminated'
