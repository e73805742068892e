# Nothing answers the client's SYNs to 1723 (dropped at the server).
TITLE="Server namespace drops TCP SYNs to port 1723."
scenario_setup() {
    ip netns exec lab-srv iptables -A INPUT -p tcp --dport 1723 --syn -j DROP
    # Linux would retry the SYN for ~2 minutes (tcp_syn_retries 6); 3 retries give up after ~15 s
    ip netns exec lab-cli sysctl -qw net.ipv4.tcp_syn_retries=3
}
UP_WAIT=30; FAIL_WAIT=20
TIMERS="client namespace \`net.ipv4.tcp_syn_retries=3\` (connect() gives up after ~15 s instead of ~127 s)."
OUTCOME=failed; STAGE=tcp-connect; SIDE="server (its firewall drops the SYNs)"; WINDOWS="800 (could not establish the VPN connection; older Windows 678)"
DECISIVE='pptp.log|connect|Connection timed out|Could not|failed
client-pppd.log|Modem hangup|Exit|terminated'
