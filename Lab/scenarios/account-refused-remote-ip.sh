# Authentication succeeds, but chap-secrets allows alice only addresses pptpd does not hand out. A subnet, not
# a single address: pppd would simply use a single one (see chap-secrets-ip-overrides-pool).
TITLE="chap-secrets allows the user only 10.100.1.0/24, while pptpd assigns from 10.100.0.10-20."
CHAP_SECRETS='alice pptpd "lab-S3cret" 10.100.1.0/24'
SETUP="chap-secrets: \`alice pptpd \"…\" 10.100.1.0/24\` (the allowed-address column); pptpd's remoteip is 10.100.0.10-20."
UP_WAIT=25; FAIL_WAIT=20
OUTCOME=failed; STAGE=network-config; SIDE="server (refuses the address it was told to give)"; WINDOWS="720 (no IP configuration could be agreed) / 733"
DECISIVE='server-pppd.log|CHAP Success|not authorized|Unauthorized|IPCP TermReq|LCP TermReq|Connection terminated
client-pppd.log|CHAP Success|IPCP|LCP TermReq|terminated|Connection terminated'
