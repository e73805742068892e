# The reference session: MS-CHAPv2 + MPPE-128, a few pings through ppp0, then the client hangs up.
TITLE="MS-CHAPv2 + MPPE-128 session, pings through the tunnel, the client hangs up (SIGTERM to its pppd)."
HANGUP=client
OUTCOME=success; STAGE="— (established, then a clean teardown by the client)"; SIDE=client; WINDOWS="none"
DECISIVE='client-pppd.log|CHAP Success|MPPE 128-bit|local  IP address|Terminate|Connection terminated|Exit
server-pppd.log|CHAP Success|MPPE 128-bit|remote IP address|LCP TermReq|Connection terminated|Modem hangup
pptpd.log|CTRL|GRE
pptp.log|log\['
