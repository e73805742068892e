# Both want MPPE, but of different strengths: the client only 40-bit, the server only 128-bit.
TITLE="Client require-mppe-40, server require-mppe-128."
CLIENT_OPTS="require-mppe-40"
SETUP="Client pppd: \`require-mppe-40\` instead of \`require-mppe-128\`."
OUTCOME=failed; STAGE=encryption; SIDE="both (no common MPPE strength)"; WINDOWS="742 / 734"
DECISIVE='client-pppd.log|CCP|MPPE|LCP TermReq|Connection terminated
server-pppd.log|CCP|MPPE|LCP TermReq|Connection terminated'
