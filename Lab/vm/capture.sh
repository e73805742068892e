# tcpdump per capture point (sourced by run-scenario.sh, inside the VM).
set -u
CAP_PIDS=""

# usage: cap_start NS IFACE FILE
cap_start() {
    local ns=$1 dev=$2 file=$3 i
    # -Z root: keep the files root's, the VM shares the host's uid map; -U: each packet hits the file at once
    ip netns exec "$ns" tcpdump -i "$dev" -s 0 -U -Z root -w "$file" 2>"$W/$(basename "$file").err" &
    CAP_PIDS="$CAP_PIDS $!"
    # the first packets of a session matter: don't go on before tcpdump is listening
    for i in $(seq 1 50); do
        grep -q "listening on" "$W/$(basename "$file").err" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "tcpdump on $ns/$dev did not start" >&2; return 1
}

# SIGINT lets tcpdump flush and close the file; wait so nothing reads a half-written pcap.
cap_stop_all() {
    local p i
    for p in $CAP_PIDS; do kill -INT "$p" 2>/dev/null; done
    for p in $CAP_PIDS; do
        for i in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    CAP_PIDS=""
}
