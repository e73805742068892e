# The server answers the SYN, but a router drops its SYN-ACKs on the way back (a return path that differs).
TITLE="Router forwards the client's SYNs to port 1723 but drops the server's SYN-ACKs towards the client."
TOPO=router
scenario_setup() {
    ip netns exec lab-rtr iptables -A FORWARD -i r1 -o br0 -p tcp --sport 1723 --tcp-flags SYN,ACK SYN,ACK -j DROP
    # Linux would retry the SYN for ~2 minutes (tcp_syn_retries 6); 3 retries give up after ~15 s
    ip netns exec lab-cli sysctl -qw net.ipv4.tcp_syn_retries=3
}
UP_WAIT=30; FAIL_WAIT=20
TIMERS="client namespace \`net.ipv4.tcp_syn_retries=3\` (connect() gives up after ~15 s instead of ~127 s)."
OUTCOME=failed; STAGE=tcp-connect; SIDE="network (the return path drops the server's SYN-ACKs)"; WINDOWS="800 (could not establish the VPN connection; older Windows 678)"
DECISIVE='pptp.log|connect|Connection timed out|Could not|failed
client-pppd.log|Modem hangup|Exit|terminated'
NOTES="The server's capture shows each SYN answered with a SYN-ACK and no ACK ever coming back, while the client's shows its SYNs unanswered: seen from the server it is a return-path problem (asymmetric routing, a firewall that drops what leaves port 1723), not a server that is down."
