# Path MTU black hole: the router's link to the server has MTU 1400 and the router drops its own ICMP
# "fragmentation needed", so full-size GRE packets with DF just vanish.
TITLE="Router link to the server at MTU 1400, ICMP frag-needed dropped; big DF pings through the tunnel."
TOPO=router
scenario_setup() {
    ip -n lab-rtr link set r1 mtu 1400; ip -n lab-srv link set s0 mtu 1400
    ip netns exec lab-rtr iptables -A OUTPUT -p icmp --icmp-type fragmentation-needed -j DROP
}
scenario_up() { ping_through 1 -M do -s 1400; }
SETUP="Router r1 and server s0 at MTU 1400; router drops the ICMP fragmentation-needed it generates. After 3 small pings, 3 pings of 1428 bytes with DF (\`ping -M do -s 1400\`) through ppp0 (MTU 1500): encapsulated in GRE they exceed 1400."
OUTCOME="success (session established) with a data-plane failure"; STAGE="established (large packets lost)"; SIDE="network (MTU black hole on the path)"; WINDOWS="none (the connection stays up; large transfers stall)"
DECISIVE='client-pppd.log|MPPE 128-bit|local  IP address|Connection terminated
server-pppd.log|MPPE 128-bit|remote IP address'
