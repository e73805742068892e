# The client will only do PAP; the server only MS-CHAPv2.
TITLE="Client PAP only (refuses MS-CHAPv2, MS-CHAP, CHAP, EAP), server require-mschap-v2 (and refuse-pap)."
CLIENT_OPTS="refuse-mschap-v2 refuse-mschap refuse-chap refuse-eap"
SETUP="Client pppd: \`refuse-mschap-v2 refuse-mschap refuse-chap refuse-eap\` and no MPPE requirement (MPPE needs MS-CHAP keys)."
OUTCOME=failed; STAGE=lcp; SIDE="both (no common authentication protocol)"; WINDOWS="919 (could not agree on an authentication protocol)"
DECISIVE='server-pppd.log|LCP Conf(Nak|Rej)|auth|refused|terminated|Connection terminated
client-pppd.log|LCP Conf(Nak|Rej)|auth|refused|terminated|Connection terminated'
