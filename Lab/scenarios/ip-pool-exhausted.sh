# pptpd has one client address to give and a second client connects while the first is up.
TITLE="pptpd remoteip has a single address (10.100.0.10); a second client connects while the first holds it."
TOPO=router; CLIENTS=2
PPTPD_REMOTEIP=10.100.0.10
UP_WAIT=30
scenario_flow() { two_client_flow; }
SETUP="Two clients (alice in lab-cli, bob in lab-cli2) behind a plain router; pptpd.conf \`remoteip 10.100.0.10\`, so pptpd computes a connection limit of 1."
OUTCOME=failed; STAGE="tcp-connect / control-connection (second client)"; SIDE="server (connection limit from the address pool)"; WINDOWS="for the second client: 800/807"
DECISIVE='pptpd.log|MGR|connection
pptp2.log|.
client2-pppd.log|.'
