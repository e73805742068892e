# The reference session once more, with the client's pppd also writing its own record of the link (pppdump).
TITLE="As success-client-hangup, with client pppd \`record client.pppdump\` (pppdump format)."
CLIENT_OPTS="require-mppe-128 record $OUT/client.pppdump"
OUTCOME=success; STAGE="— (established, then a clean teardown by the client)"; SIDE=client; WINDOWS="none"
DECISIVE='client-pppd.log|CHAP Success|MPPE 128-bit|local  IP address|Connection terminated'
