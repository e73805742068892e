# A server that takes PAP and no encryption, and a client that only does PAP: it works, and the password
# crosses the network in clear (the capture holds it; reports never show it), the data unencrypted.
TITLE="Server require-pap nomppe, client PAP only: a working tunnel with a clear-text password and no MPPE."
SERVER_OPTS="require-pap nomppe"
CLIENT_OPTS="refuse-mschap-v2 refuse-mschap refuse-chap refuse-eap nomppe"
SETUP="Server pppd: \`require-pap nomppe\`; client pppd: PAP only, \`nomppe\`."
HANGUP=client
OUTCOME=success; STAGE="— (established, then a clean teardown by the client)"; SIDE=client; WINDOWS="none (connected; security: PAP, no encryption)"
DECISIVE='client-pppd.log|PAP AuthReq|PAP authentication succeeded|local  IP address
server-pppd.log|PAP AuthAck|remote IP address'
