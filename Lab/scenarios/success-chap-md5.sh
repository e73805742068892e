# A server that asks CHAP-MD5 and no MPPE (MPPE needs MS-CHAP keys), and a client that allows it: it works,
# with the weakest challenge method and the data in clear.
TITLE="Server require-chap nomppe, client CHAP-MD5 only: a working tunnel with CHAP-MD5 and no encryption."
SERVER_OPTS="require-chap nomppe"
CLIENT_OPTS="refuse-mschap-v2 refuse-mschap refuse-pap refuse-eap nomppe"
SETUP="Server pppd: \`require-chap nomppe\`; client pppd: CHAP-MD5 only, \`nomppe\`."
HANGUP=client
OUTCOME=success; STAGE="— (established, then a clean teardown by the client)"; SIDE=client; WINDOWS="none (connected; security: CHAP-MD5, no encryption)"
DECISIVE='client-pppd.log|auth chap MD5|CHAP authentication succeeded|local  IP address
server-pppd.log|auth chap MD5|CHAP peer authentication succeeded|remote IP address'
