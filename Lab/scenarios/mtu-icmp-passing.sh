# Same path MTU of 1400 as mtu-blackhole, but the router's ICMP fragmentation-needed gets through.
TITLE="Router link to the server at MTU 1400, ICMP frag-needed allowed; big DF pings through the tunnel."
TOPO=router
scenario_setup() { ip -n lab-rtr link set r1 mtu 1400; ip -n lab-srv link set s0 mtu 1400; }
scenario_up() { ping_through 1 -M do -s 1400; }
SETUP="Router r1 and server s0 at MTU 1400; ICMP passes. After 3 small pings, 3 pings of 1428 bytes with DF (\`ping -M do -s 1400\`) through ppp0."
OUTCOME=success; STAGE="— (established)"; SIDE=client; WINDOWS="none"
DECISIVE='client-pppd.log|MPPE 128-bit|local  IP address|Connection terminated
server-pppd.log|MPPE 128-bit|remote IP address'
