# A server that asks MS-CHAP (version 1) with MPPE-128, and a client that allows it: it works, with a method
# broken beyond MS-CHAPv2's own weaknesses.
TITLE="Server require-mschap require-mppe-128, client MS-CHAP v1 only: a working tunnel with MS-CHAP v1."
SERVER_OPTS="refuse-pap refuse-chap refuse-mschap-v2 require-mschap require-mppe-128"
CLIENT_OPTS="refuse-mschap-v2 refuse-chap refuse-pap refuse-eap require-mppe-128"
SETUP="Server pppd: \`require-mschap\` (v1) with \`require-mppe-128\`; client pppd: MS-CHAP v1 only."
HANGUP=client
OUTCOME=success; STAGE="— (established, then a clean teardown by the client)"; SIDE=client; WINDOWS="none (connected; security: MS-CHAP v1)"
DECISIVE='client-pppd.log|auth chap MS|CHAP authentication succeeded|MPPE 128-bit|local  IP address
server-pppd.log|auth chap MS|CHAP peer authentication succeeded|remote IP address'
