# The client's password is wrong: the server's MS-CHAPv2 check fails.
TITLE="Client sends a wrong password (MS-CHAPv2)."
CLIENT_PASS=not-the-password
SETUP="The client's password differs from chap-secrets."
OUTCOME=failed; STAGE=authentication; SIDE="server (rejects the credentials)"; WINDOWS="691 (access denied: user name or password not valid)"
DECISIVE='server-pppd.log|CHAP Failure|authentication failed|LCP TermReq|Connection terminated
client-pppd.log|CHAP Failure|CHAP authentication failed|LCP TermReq|Connection terminated|Modem hangup
pptpd.log|GRE: read|PTY read|finished
pptp.log|Call-Clear|Closing'
