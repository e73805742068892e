# Two clients behind one MASQUERADE router with the PPTP helper, both connected at the same time.
TITLE="Two clients behind one NAT router (MASQUERADE + PPTP helper), both up at once."
TOPO=nat; NAT_HELPER=1; CLIENTS=2
scenario_flow() { two_client_flow; }
SETUP="Two clients (alice in lab-cli 10.99.1.2, bob in lab-cli2 10.99.1.3) behind one MASQUERADE router with nf_conntrack_pptp/nf_nat_pptp attached via a raw-table CT rule; the server sees both from 10.99.2.1."
OUTCOME=success; STAGE="— (both established, both hang up)"; SIDE=client; WINDOWS="none"
DECISIVE='client-pppd.log|CHAP Success|local  IP address|Connection terminated
client2-pppd.log|CHAP Success|local  IP address|Connection terminated
pptpd.log|control connection started|Client .* control connection finished'
