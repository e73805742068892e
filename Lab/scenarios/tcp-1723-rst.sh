# The server answers the SYN to 1723 with a TCP RST.
TITLE="Server namespace rejects TCP 1723 with a reset (REJECT --reject-with tcp-reset)."
scenario_setup() { ip netns exec lab-srv iptables -A INPUT -p tcp --dport 1723 -j REJECT --reject-with tcp-reset; }
UP_WAIT=15; FAIL_WAIT=15
OUTCOME=failed; STAGE=tcp-connect; SIDE="server (refuses the connection)"; WINDOWS="800 (older Windows 678)"
DECISIVE='pptp.log|connect|refused|Could not|failed
client-pppd.log|Modem hangup|Exit|terminated'
