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
DECISIVE='client-pppd.log|MPPE 128-bit
client-pppd.log|local  IP address
server-pppd.log|remote IP address
lab-steps.log|1400\(1428\) bytes of data|100% packet loss
client-pppd.log|Terminating on signal|Connection terminated'
NOTES="What the logs show: the session itself is fine (MPPE-128, addresses, small pings answered, a clean hang-up by the runner); only the three big pings get no answer, and no program logs anything about them. The captures show why: router.pcap (br0) has the client's GRE packets of 1465-1469 bytes with DF set, router-outside.pcap and server.pcap do not, and no ICMP fragmentation-needed appears anywhere. No pppd or pptp line can show a black hole; the ping result in lab-steps.log is the only log of it."
