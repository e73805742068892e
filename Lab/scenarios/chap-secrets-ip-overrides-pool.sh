# chap-secrets names exactly one allowed address, outside pptpd's remoteip range: pppd uses it.
TITLE="chap-secrets allows the user exactly one address (10.100.0.99), outside pptpd's remoteip 10.100.0.10-20."
CHAP_SECRETS='alice pptpd "lab-S3cret" 10.100.0.99'
SETUP="chap-secrets: \`alice pptpd \"…\" 10.100.0.99\` (one address in the allowed-address column); pptpd's remoteip is 10.100.0.10-20 and pptpd passes 10.100.0.10 to pppd. pppd takes the single address from chap-secrets instead and Naks the client to it; the session works with 10.100.0.99. (Written first as the account-refused-remote-ip scenario; kept because this is what pppd really does.)"
OUTCOME=success; STAGE="— (established with the chap-secrets address, then a clean teardown by the client)"; SIDE=client; WINDOWS="none"
DECISIVE='server-pppd.log|CHAP Success|IPCP ConfNak|remote IP address
client-pppd.log|IPCP ConfNak|local  IP address|Connection terminated
pptpd.log|remote address ='
