# The server requires PAP but has no pap-secrets: its pppd refuses to start.
TITLE="Server require-pap with an empty pap-secrets: the server's pppd exits before LCP."
SERVER_OPTS="require-pap"
PAP_SECRETS=""
CLIENT_OPTS="refuse-pap require-mppe-128"
UP_WAIT=20; FAIL_WAIT=20
SETUP="Server pppd: \`require-pap\` only; /etc/ppp/pap-secrets empty. (Found while writing mschapv2-client-vs-pap-server: pppd checks at start that it has some secret for the protocol it requires.)"
OUTCOME=failed; STAGE=call-setup; SIDE=server; WINDOWS="628/629 (the server closed the connection) / 619"
DECISIVE='pptpd.log|couldn.t find any suitable secret|GRE: read|PTY read|finished
client-pppd.log|Modem hangup|Connection terminated
pptp.log|Closing connection|Call-Clear'
