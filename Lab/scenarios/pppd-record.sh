# The reference session once more, with the client's pppd also writing its own record of the link (pppdump).
TITLE="As success-client-hangup, with client pppd \`record client.pppdump\` (pppdump format)."
CLIENT_OPTS="require-mppe-128 record $OUT/client.pppdump"
# pppd's record hands the pty command pipes; pptp needs a tty there (see daemons.sh)
PTY_VIA_SOCAT=1
SETUP="Client pppd with \`record client.pppdump\`, its pty command run through socat. Without socat the first run of this scenario failed: for \`record\` pppd gives the pty command pipes instead of a pty (its charshunt records what passes), and pptp, which writes the PPP frames it receives back to its stdin, ended at the server's first GRE packet (LCP timeout on the client, \`ICMP protocol 47 unreachable\` to the server, pptpd \`GRE: read(...) from network failed\`). socat gives pptp a raw pty of its own and copies between it and pppd's pipes."
OUTCOME=success; STAGE="— (established, then a clean teardown by the client)"; SIDE=client; WINDOWS="none"
DECISIVE='client-pppd.log|CHAP authentication succeeded
client-pppd.log|MPPE 128-bit
client-pppd.log|local  IP address
client-pppd.log|Terminating on signal|Connection terminated'
