# The client is behind a MASQUERADE router without any PPTP helper.
TITLE="Client behind NAT (MASQUERADE) without the PPTP conntrack/NAT helper."
TOPO=nat; NAT_HELPER=0
SETUP="Router: \`iptables -t nat -A POSTROUTING -o r1 -j MASQUERADE\` only; no nf_conntrack_pptp/nf_nat_pptp helper attached. With one client, GRE is still translated by plain conntrack (by addresses, GRE is not port-based), so this may well work; a second client behind the same address would not."
OUTCOME=success; STAGE="— (established)"; SIDE=client; WINDOWS="none"
DECISIVE='client-pppd.log|CHAP Success|MPPE 128-bit|local  IP address|LCP: timeout|Connection terminated
pptpd.log|Client 10.99.[0-9.]* control connection started|GRE
server-pppd.log|remote IP address|timeout'
