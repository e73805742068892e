# The client is behind a MASQUERADE router without any PPTP helper.
TITLE="Client behind NAT (MASQUERADE) without the PPTP conntrack/NAT helper."
TOPO=nat; NAT_HELPER=0
SETUP="Router: \`iptables -t nat -A POSTROUTING -o r1 -j MASQUERADE\` only; no nf_conntrack_pptp/nf_nat_pptp helper attached."
OUTCOME=failed; STAGE=gre; SIDE="network (NAT router without the PPTP helper cannot map the server's GRE back)"; WINDOWS="619 (a NAT without PPTP passthrough) or 806 (GRE blocked)"
DECISIVE='pptpd.log|Client 10.99.2.1 control connection started
pptpd.log|from network failed
pptpd.log|GRE read or PTY write failed
server-pppd.log|Modem hangup
client-pppd.log|Modem hangup
pptp.log|Call-Clear-Request'
NOTES="Written expecting that plain conntrack would carry one client's GRE; what really happens: the client's GRE goes out masqueraded (router-outside.pcap: from 10.99.2.1, Call ID 0), but without the helper conntrack tracks GRE by its keys too, and the server's GRE back carries a different key (the client's Call ID), so it matches nothing. The router takes it as addressed to itself, has no GRE handler, and answers \`ICMP protocol 47 unreachable\` to the server (router-outside.pcap, server.pcap). pptpd's GRE socket gets the error (\`GRE: read(...) from network failed: ... Protocol not available\`), pptpctrl ends the call and closes the control connection; the client's pppd, which never received an LCP packet, logs \`Modem hangup\`."
