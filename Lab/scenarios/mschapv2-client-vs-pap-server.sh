# The server will only do PAP; the client refuses PAP.
TITLE="Server require-pap, client refuse-pap (and require-mppe-128)."
SERVER_OPTS="require-pap"
CLIENT_OPTS="refuse-pap require-mppe-128"
SETUP="Server pppd: \`require-pap\` only (no MS-CHAPv2, no MPPE requirement) and alice in pap-secrets (without any PAP secret pppd would not even start: server-pap-without-secrets); client \`refuse-pap\`."
OUTCOME=failed; STAGE=lcp; SIDE="both (no common authentication protocol)"; WINDOWS="919 (the server's authentication protocol does not match the connection's settings), then 734"
DECISIVE='client-pppd.log|sent \[LCP ConfNak id=0x1 <auth eap>\]
server-pppd.log|peer refused to authenticate
client-pppd.log|MPPE required, but
client-pppd.log|Connection terminated
server-pppd.log|Connection terminated'
NOTES="What the logs show: the server asks for PAP, the client Naks it suggesting EAP (pppd's first choice), the server cannot do EAP, drops its demand and sends a ConfReq without authentication, which the client Acks. LCP opens with no authentication at all, and both pppds quit at the same moment: the server's with \`peer refused to authenticate: terminating link\`, the client's because its \`require-mppe-128\` needs MS-CHAP (\`MPPE required, but MS-CHAP[v2] nor EAP-TLS auth are performed.\`). Two LCP TermReqs cross."
