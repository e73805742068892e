# Same session as success-client-hangup, but the server ends it: SIGTERM to the pppd pptpd started for the call.
TITLE="MS-CHAPv2 + MPPE-128 session, pings through the tunnel, the server hangs up (SIGTERM to the server's pppd)."
HANGUP=server
OUTCOME=success; STAGE="— (established, then a teardown by the server)"; SIDE=server; WINDOWS="none while up; at the hang-up Windows reports the link dropped (e.g. 628/629)"
DECISIVE='server-pppd.log|CHAP Success|MPPE 128-bit|Terminating on signal|LCP TermReq|Connection terminated
client-pppd.log|MPPE 128-bit|LCP TermReq|LCP terminated by peer|Connection terminated|Modem hangup
pptpd.log|GRE: read|CTRL: .*(Call|CALL|Disconnect|finished)
pptp.log|Call-Disconnect|Call-Clear|Closing'
