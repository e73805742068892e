# Authentication succeeds, but chap-secrets allows alice only addresses pptpd does not hand out. A subnet, not
# a single address: pppd would simply use a single one (see chap-secrets-ip-overrides-pool).
TITLE="chap-secrets allows the user only 10.100.1.0/24, while pptpd assigns from 10.100.0.10-20."
CHAP_SECRETS='alice pptpd "lab-S3cret" 10.100.1.0/24'
SETUP="chap-secrets: \`alice pptpd \"…\" 10.100.1.0/24\` (the allowed-address column); pptpd's remoteip is 10.100.0.10-20."
UP_WAIT=25; FAIL_WAIT=20
OUTCOME=failed; STAGE=network-config; SIDE="server (refuses the address it was told to give)"; WINDOWS="736 (IPCP terminated by the server) or 720 (no IPv4 configuration); a client that also runs IPV6CP may stay connected IPv6-only"
DECISIVE='server-pppd.log|CHAP Success
server-pppd.log|not authorized to use remote address|IPCP TermReq
client-pppd.log|CHAP authentication succeeded|IPCP terminated by peer
pptpd.log|remote address ='
NOTES="What the logs show: MS-CHAPv2 and MPPE succeed, IPCP even reaches Ack on both sides (the client logs \`local  IP address 10.100.0.10\` for a moment), then the server's pppd checks the address against chap-secrets (\`Peer is not authorized to use remote address 10.100.0.10\`) and closes IPCP (\`IPCP TermReq \"Unauthorized remote IP address\"\`). IPV6CP stays up on both sides, so pppd does not end the link by itself (no \`No network protocols running\`); the runner's hang-up ends it a few seconds later. The label is the server's IPCP refusal."
