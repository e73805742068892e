# The server will only do PAP; the client refuses PAP.
TITLE="Server require-pap, client refuse-pap (and require-mppe-128)."
SERVER_OPTS="require-pap"
CLIENT_OPTS="refuse-pap require-mppe-128"
SETUP="Server pppd: \`require-pap\` only (no MS-CHAPv2, no MPPE requirement) and alice in pap-secrets (without any PAP secret pppd would not even start: server-pap-without-secrets); client \`refuse-pap\`."
OUTCOME=failed; STAGE=lcp; SIDE="both (no common authentication protocol)"; WINDOWS="919"
DECISIVE='server-pppd.log|LCP Conf(Nak|Rej)|auth|refused|terminated|Connection terminated
client-pppd.log|LCP Conf(Nak|Rej)|auth|refused|terminated|Connection terminated'
