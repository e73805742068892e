# The server asks for EAP first (pppd prefers EAP when it may use it); the client refuses EAP.
TITLE="Server require-eap + require-mschap-v2 (EAP asked first), client refuse-eap."
SERVER_OPTS="refuse-pap refuse-chap refuse-mschap require-eap require-mschap-v2 require-mppe-128"
CLIENT_OPTS="refuse-eap require-mppe-128"
SETUP="Server pppd allows EAP and MS-CHAPv2 and asks for EAP first; the client refuses EAP."
OUTCOME=success; STAGE="— (established after LCP renegotiated the auth protocol)"; SIDE=client; WINDOWS="none"
DECISIVE='server-pppd.log|auth eap|LCP ConfNak|auth chap MS-v2|CHAP Success|MPPE 128-bit
client-pppd.log|auth eap|LCP ConfNak|CHAP Success|MPPE 128-bit|local  IP address'
