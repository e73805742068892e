# The client is behind a MASQUERADE router that tracks PPTP calls (nf_conntrack_pptp + nf_nat_pptp).
TITLE="Client behind NAT (MASQUERADE) with the PPTP conntrack/NAT helper attached."
TOPO=nat; NAT_HELPER=1
SETUP="Router: \`iptables -t nat -A POSTROUTING -o r1 -j MASQUERADE\`, modules nf_conntrack_pptp and nf_nat_pptp, and the helper attached explicitly (\`iptables -t raw -A PREROUTING -i br0 -p tcp --dport 1723 -j CT --helper pptp\`; kernels since 4.7 no longer attach helpers by port)."
OUTCOME=success; STAGE="— (established, then a clean teardown by the client)"; SIDE=client; WINDOWS="none"
DECISIVE='client-pppd.log|CHAP Success|MPPE 128-bit|local  IP address|Connection terminated
pptpd.log|Client 10.99.[0-9.]* control connection started
server-pppd.log|remote IP address'
NOTES="The helper is at work: the server sees the control connection from the router (\`Client 10.99.2.1 control connection started\`), and the Call ID the client chose (GRE from the server, inside: router.pcap) differs from the one the server uses outside (router-outside.pcap, server.pcap): nf_nat_pptp rewrote it in the Outgoing-Call-Request and maps GRE back by it."
