# pptpd has one client address to give and a second client connects while the first is up.
TITLE="pptpd remoteip has a single address (10.100.0.10); a second client connects while the first holds it."
TOPO=router; CLIENTS=2
PPTPD_REMOTEIP=10.100.0.10
UP_WAIT=30
scenario_flow() { two_client_flow; }
SETUP="Two clients (alice in lab-cli, bob in lab-cli2) behind a plain router; pptpd.conf \`remoteip 10.100.0.10\`, so pptpd computes a connection limit of 1."
OUTCOME=failed; STAGE="control-connection (second client: its Start-Control-Connection-Request is answered by a TCP reset)"; SIDE="server (pptpd has no free connection slot: one per remoteip address)"; WINDOWS="for the second client: 800, or 619/628 (the server closed the control connection before SCCRP); the first client is unaffected"
DECISIVE='pptpd.log|Maximum of 1 connections available
pptpd.log|pptpctrl: insufficient arguments
pptp2.log|Connection reset by peer
pptp2.log|Could not launch call manager
client2-pppd.log|Modem hangup|Connection terminated
client-pppd.log|local  IP address'
NOTES="What the logs show: the pool never gets as far as IPCP. pptpd caps its connections at the number of remoteip addresses (\`Maximum of 100 connections reduced to 1\`); for the second TCP connection it still launches pptpctrl, but without a slot the child exits at once (\`pptpctrl: insufficient arguments\` on pptpd's stderr) and the kernel resets the connection after bob's Start-Control-Connection-Request (\`read error: Connection reset by peer\` in pptp2.log). pptp tries three times and gives up (\`Could not launch call manager after 3 tries\`); bob's pppd never receives an LCP packet (\`Modem hangup\`). alice's session is unaffected. The label describes the second client; client.pcap alone is a successful session."
