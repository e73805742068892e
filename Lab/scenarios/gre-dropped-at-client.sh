# The client's own firewall drops incoming GRE: its pppd never hears the server.
TITLE="Client namespace drops incoming GRE (iptables -A INPUT -p 47 -j DROP)."
scenario_setup() { ip netns exec lab-cli iptables -A INPUT -p 47 -j DROP; }
CLIENT_OPTS="require-mppe-128 lcp-restart 2 lcp-max-configure 5"; SERVER_OPTS_RAW="lcp-restart 2 lcp-max-configure 5"
UP_WAIT=25; FAIL_WAIT=30
TIMERS="shortened on both sides: \`lcp-restart 2 lcp-max-configure 5\` (LCP gives up after ~10 s instead of ~30 s)."
OUTCOME=failed; STAGE=gre; SIDE="client (its firewall drops GRE)"; WINDOWS="619 (806 on newer Windows): GRE blocked"
DECISIVE='client-pppd.log|LCP ConfReq|timeout sending Config-Requests|Connection terminated|Modem hangup
server-pppd.log|LCP Conf|timeout sending Config-Requests|Connection terminated
pptpd.log|GRE|finished
pptp.log|Call-Clear|Closing|warn'
