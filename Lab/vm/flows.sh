# What happens once pptpd is listening (sourced by run-scenario.sh): the usual one-client session, and the
# two-client variant. Scenario files call these, or their pieces, from scenario_flow.
set -u

ping_through() {   # usage: ping_through INDEX [ping args...]
    local ns=lab-cli; [ "$1" -gt 1 ] && ns=lab-cli$1; shift
    step "ping $* $PPTPD_LOCALIP from $ns through ppp0"
    ip netns exec "$ns" ping -n -c "$PINGS" -i 0.5 -W 2 "$@" "$PPTPD_LOCALIP" 2>&1 | sed 's/^/          /' >> "$OUT/lab-steps.log"
}

# usage: dump_rules WHEN -- records the iptables rules of every lab namespace that has any, for scenario.md
dump_rules() {
    local ns r
    for ns in $LAB_NS_ALL; do
        [ -e "/run/netns/$ns" ] || continue
        r=$(ip netns exec "$ns" iptables-save 2>/dev/null | awk '/^\*/{t=substr($0,2)} /^-A/{print "iptables -t " t " " $0}')
        [ -n "$r" ] && printf '# %s, %s\n%s\n' "$ns" "$1" "$r" >> "$W/rules.txt"
    done
    return 0
}

default_flow() {
    step "client starts: pppd pty \"$(pty_command)\" ... $(echo "$CLIENT_OPTS" | sed "s|$OUT/||")"
    client_start 1 "$CLIENT_USER" "$CLIENT_PASS"
    if wait_ppp_up 1 "$UP_WAIT"; then
        step "client ppp0 is up: $(ip -n lab-cli -4 -o addr show dev ppp0 | awk '{print $4}')"
        sleep 1
        ping_through 1 $PING_ARGS
        scenario_up
        case $HANGUP in
            client) step "client hangs up (SIGTERM to its pppd)"; client_hangup 1 ;;
            server) step "server hangs up (SIGTERM to the server's pppd)"; server_hangup ;;
        esac
    else
        step "client ppp0 not up (its pppd ended, or $UP_WAIT s passed); waiting up to $FAIL_WAIT s for the client to end"
        wait_client_exit 1 "$FAIL_WAIT" && step "client pppd ended by itself" || step "client pppd still running"
    fi
}

# usage: two_client_flow -- client 1 comes up, then client 2 tries; pings from each that is up; both hang up.
two_client_flow() {
    local i up=""
    step "client 1 starts ($CLIENT_USER)"; client_start 1 "$CLIENT_USER" "$CLIENT_PASS"
    wait_ppp_up 1 "$UP_WAIT" && { up="$up 1"; step "client 1 ppp0 is up: $(ip -n lab-cli -4 -o addr show dev ppp0 | awk '{print $4}')"; } \
        || step "client 1 ppp0 did not come up within $UP_WAIT s"
    step "client 2 starts ($CLIENT2_USER)"; client_start 2 "$CLIENT2_USER" "$CLIENT2_PASS"
    wait_ppp_up 2 "$UP_WAIT" && { up="$up 2"; step "client 2 ppp0 is up: $(ip -n lab-cli2 -4 -o addr show dev ppp0 | awk '{print $4}')"; } \
        || step "client 2 ppp0 did not come up within $UP_WAIT s"
    sleep 1
    for i in $up; do ping_through "$i" $PING_ARGS; done
    scenario_up
    for i in 1 2; do
        if kill -0 "$(client_pid $i)" 2>/dev/null; then step "client $i hangs up (SIGTERM to its pppd)"; client_hangup "$i"
        else step "client $i pppd had already ended"; fi
    done
}
