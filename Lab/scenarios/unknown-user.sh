# The user name is not in the server's chap-secrets.
TITLE="Client authenticates as a user that is not in chap-secrets (MS-CHAPv2)."
CLIENT_USER=mallory; CLIENT_PASS=lab-Mall0ry
SETUP="User mallory has no chap-secrets entry."
OUTCOME=failed; STAGE=authentication; SIDE="server (no secret for the user)"; WINDOWS="691 (access denied)"
DECISIVE='server-pppd.log|No CHAP secret|secret|CHAP Failure|authentication failed|Connection terminated
client-pppd.log|CHAP Failure|CHAP authentication failed|LCP TermReq|Connection terminated
pptpd.log|GRE: read|PTY read|finished'
