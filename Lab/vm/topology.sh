# Network namespaces for one scenario (sourced by run-scenario.sh, inside the VM).
# direct:  lab-cli (c0 10.99.1.2) ---- (s0 10.99.1.1) lab-srv
# router:  lab-cli (c0 10.99.1.2) --+-- br0 10.99.1.1 [lab-rtr] r1 10.99.2.1 ---- s0 10.99.2.2 lab-srv
#          lab-cli2 (c0 10.99.1.3) -+   (second client only when CLIENTS=2)
# nat:     router, plus MASQUERADE out of r1; the server then has no route back to 10.99.1.0/24, like on the
#          internet, so nothing works unless the router translates.
set -u
LAB_NS_ALL="lab-cli lab-cli2 lab-rtr lab-srv"

topo_ns() { ip netns add "$1" && ip -n "$1" link set lo up; }

topo_direct() {
    SRV_IP=10.99.1.1
    topo_ns lab-cli && topo_ns lab-srv || return 1
    ip link add c0 netns lab-cli type veth peer name s0 netns lab-srv || return 1
    ip -n lab-cli addr add 10.99.1.2/24 dev c0; ip -n lab-srv addr add 10.99.1.1/24 dev s0
    ip -n lab-cli link set c0 up; ip -n lab-srv link set s0 up
}

# usage: topo_router CLIENTS NAT(0|1)
topo_router() {
    local n=$1 nat=$2 i ns
    SRV_IP=10.99.2.2
    topo_ns lab-rtr && topo_ns lab-srv || return 1
    ip netns exec lab-rtr sysctl -qw net.ipv4.ip_forward=1
    # a bridge, so that one capture on br0 sees every client
    ip -n lab-rtr link add br0 type bridge && ip -n lab-rtr link set br0 up
    ip -n lab-rtr addr add 10.99.1.1/24 dev br0
    for i in $(seq 1 "$n"); do
        ns=lab-cli; [ "$i" -gt 1 ] && ns=lab-cli$i
        topo_ns "$ns" || return 1
        ip link add c0 netns "$ns" type veth peer name "rc$i" netns lab-rtr || return 1
        ip -n lab-rtr link set "rc$i" master br0; ip -n lab-rtr link set "rc$i" up
        ip -n "$ns" addr add "10.99.1.$((i + 1))/24" dev c0; ip -n "$ns" link set c0 up
        ip -n "$ns" route add default via 10.99.1.1
    done
    ip link add r1 netns lab-rtr type veth peer name s0 netns lab-srv || return 1
    ip -n lab-rtr addr add 10.99.2.1/24 dev r1; ip -n lab-srv addr add 10.99.2.2/24 dev s0
    ip -n lab-rtr link set r1 up; ip -n lab-srv link set s0 up
    if [ "$nat" = 1 ]; then
        ip netns exec lab-rtr iptables -t nat -A POSTROUTING -o r1 -j MASQUERADE
    else
        ip -n lab-srv route add 10.99.1.0/24 via 10.99.2.1
    fi
}

# Since kernel 4.7 conntrack helpers are no longer attached automatically; the raw-table CT rule is how a
# router opts in to PPTP call tracking (GRE call-ID mapping) today.
topo_nat_helper() {
    modprobe nf_conntrack_pptp && modprobe nf_nat_pptp || return 1
    ip netns exec lab-rtr iptables -t raw -A PREROUTING -i br0 -p tcp --dport 1723 -j CT --helper pptp
}

# Kills every process left in the lab namespaces (by pid), then deletes the namespaces.
topo_teardown() {
    local ns p sig
    for sig in TERM KILL; do
        for ns in $LAB_NS_ALL; do
            [ -e "/run/netns/$ns" ] || continue
            for p in $(ip netns pids "$ns" 2>/dev/null); do kill -s "$sig" "$p" 2>/dev/null; done
        done
        [ "$sig" = TERM ] && sleep 1
    done
    for ns in $LAB_NS_ALL; do [ -e "/run/netns/$ns" ] && ip netns del "$ns"; done
    return 0
}
