# Same path MTU of 1400 as mtu-blackhole, but the router's ICMP fragmentation-needed gets through.
TITLE="Router link to the server at MTU 1400, ICMP frag-needed allowed; big DF pings through the tunnel."
TOPO=router
scenario_setup() { ip -n lab-rtr link set r1 mtu 1400; ip -n lab-srv link set s0 mtu 1400; }
scenario_up() { ping_through 1 -M do -s 1400; }
SETUP="Router r1 and server s0 at MTU 1400; ICMP passes. After 3 small pings, 3 pings of 1428 bytes with DF (\`ping -M do -s 1400\`) through ppp0."
OUTCOME=failed; STAGE="established (the client's pptp drops the call on the ICMP)"; SIDE="client (pptp-linux ends the call when its GRE socket reports the frag-needed)"; WINDOWS="none from Windows itself (it lowers the path MTU and stays connected); the drop here is pptp-linux's own, which a user sees as a link that went down (807-like)"
DECISIVE='client-pppd.log|local  IP address
pptp.log|Message too long
pptp.log|Call-Clear-Request
client-pppd.log|Modem hangup
server-pppd.log|Modem hangup
pptpd.log|CALL CLR
lab-steps.log|Destination Net Unreachable'
NOTES="Meant as the working counterpart of mtu-blackhole; what really happens: the router answers the first 1465-byte DF GRE packet with ICMP fragmentation-needed (mtu 1400, in router.pcap), the client kernel queues it as an error on pptp's raw GRE socket, pptp's next read fails (\`decaps_gre ... short read (-1): Message too long\`) and pptp-linux ends: \`Modem hangup\` in the client's pppd, \`Call-Clear-Request\` on the control connection, \`Modem hangup\` on the server. ppp0 is gone, so the last two big pings leave unencrypted by the default route and the router answers \`Destination Net Unreachable\`. The label follows the logs: a drop of an established session by the client's software, not a success."
