# Authentication succeeds, but chap-secrets only allows alice an address pptpd does not hand out.
TITLE="chap-secrets allows the user only 10.100.0.99, while pptpd assigns from 10.100.0.10-20."
CHAP_SECRETS='alice pptpd "lab-S3cret" 10.100.0.99'
SETUP="chap-secrets: \`alice pptpd \"…\" 10.100.0.99\` (the allowed-address column); pptpd's remoteip is 10.100.0.10-20."
UP_WAIT=25; FAIL_WAIT=20
OUTCOME=failed; STAGE=network-config; SIDE="server (refuses the address it was told to give)"; WINDOWS="720 (no IP configuration could be agreed) / 733"
DECISIVE='server-pppd.log|CHAP Success|not authorized|Unauthorized|IPCP TermReq|LCP TermReq|Connection terminated
client-pppd.log|CHAP Success|IPCP|LCP TermReq|terminated|Connection terminated'
