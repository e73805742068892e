# A router between them forwards GRE client->server but drops it server->client.
TITLE="Router forwards TCP 1723 both ways, but drops GRE from the server towards the client."
TOPO=router
scenario_setup() { ip netns exec lab-rtr iptables -A FORWARD -i r1 -o br0 -p 47 -j DROP; }
CLIENT_OPTS="require-mppe-128 lcp-restart 2 lcp-max-configure 5"; SERVER_OPTS_RAW="lcp-restart 2 lcp-max-configure 5"
UP_WAIT=25; FAIL_WAIT=30
TIMERS="shortened on both sides: \`lcp-restart 2 lcp-max-configure 5\` (LCP gives up after ~10 s instead of ~30 s)."
OUTCOME=failed; STAGE=gre; SIDE="network (router drops GRE server->client)"; WINDOWS="619 (806 on newer Windows)"
DECISIVE='client-pppd.log|LCP: timeout sending Config-Requests|Connection terminated
server-pppd.log|sent \[LCP ConfAck
server-pppd.log|Modem hangup
pptpd.log|CALL CLR|finished
pptp.log|Call-Clear-Request'
NOTES="What the logs show: the server's pppd receives every client ConfReq and Acks it, but neither its Acks nor its own ConfReqs (GRE server->client) get through, so the client's pppd hears nothing, logs \`LCP: timeout sending Config-Requests\` after 5 tries, and pptp clears the call (\`Call-Clear-Request\`). The server's pppd, which started a little later, has not timed out yet: it ends with \`Modem hangup\` when pptpd closes the call."
