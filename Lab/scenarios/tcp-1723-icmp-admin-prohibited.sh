# The server answers the SYN to 1723 with ICMP communication administratively prohibited.
TITLE="Server namespace rejects TCP 1723 with ICMP admin-prohibited."
scenario_setup() { ip netns exec lab-srv iptables -A INPUT -p tcp --dport 1723 -j REJECT --reject-with icmp-admin-prohibited; }
UP_WAIT=15; FAIL_WAIT=15
OUTCOME=failed; STAGE=tcp-connect; SIDE="server (its firewall prohibits the connection)"; WINDOWS="800 (older Windows 678)"
DECISIVE='pptp.log|connect|unreachable|prohibited|Could not|failed
client-pppd.log|Modem hangup|Exit|terminated'
