# Starting and stopping pptpd (server) and pptp-linux + pppd (client) (sourced by run-scenario.sh, in the VM).
# pppd always reads Debian's stock /etc/ppp/options first (auth, lcp-echo-interval 30, lcp-echo-failure 4 ...);
# that is left as it is, the per-side options come after it.
set -u
PPTPD_PID=""
CLIENT_PIDS=""

# Writes pptpd.conf + the server's pppd options file and starts pptpd in the server namespace.
pptpd_start() {
    {
        printf 'option %s/server-options\n' "$W"
        # debug: pptpd and pptpctrl log every CTRL message and GRE event, not just errors
        printf 'debug\nlocalip %s\nremoteip %s\n' "$PPTPD_LOCALIP" "$PPTPD_REMOTEIP"
        [ -n "$PPTPD_CONF_EXTRA" ] && printf '%s\n' "$PPTPD_CONF_EXTRA"
    } > "$W/pptpd.conf"
    {
        printf 'name pptpd\n'
        printf '%s\n' $SERVER_OPTS
        # nologfd: pptpd hands pppd a pty as stdin/stdout; without it pppd would also log into that pty
        printf 'nologfd\ndebug\nlogfile %s/server-pppd.log\n' "$OUT"
        [ -n "$SERVER_OPTS_RAW" ] && printf '%s\n' "$SERVER_OPTS_RAW"
    } > "$W/server-options"
    ip netns exec lab-srv pptpd -f -c "$W/pptpd.conf" -p "$W/pptpd.pid" > "$W/pptpd.stdout" 2>&1 &
    PPTPD_PID=$!
    local i; for i in $(seq 1 30); do
        ip netns exec lab-srv ss -ltn 2>/dev/null | grep -q ':1723 ' && return 0; sleep 0.2; done
    echo "pptpd is not listening on 1723" >&2; return 1
}

# usage: pty_command [EXTRA] -> what the client's pppd runs as its pty. pppd's `record` option hands that command
# pipes instead of a tty (for the charshunt that records), and pptp writes its PPP frames back to its stdin,
# which fails on a pipe (pptp ends at the server's first packet); PTY_VIA_SOCAT=1 puts socat in between, which
# gives pptp a raw pty of its own.
pty_command() {
    local cmd="pptp $SRV_IP --nolaunchpppd${1:+ $1}${PPTP_OPTS:+ $PPTP_OPTS}"
    [ "$PTY_VIA_SOCAT" = 1 ] && cmd="socat STDIO EXEC:'$cmd',pty,raw,echo=0"
    echo "$cmd"
}

# usage: client_start INDEX USER PASSWORD   (INDEX 1 -> lab-cli / client-pppd.log, 2 -> lab-cli2 / client2-pppd.log)
client_start() {
    local i=$1 user=$2 pass=$3 ns=lab-cli sfx="" extra=""
    [ "$i" -gt 1 ] && { ns=lab-cli$i; sfx=$i; }
    # two clients share one syslog: their own log string keeps the pptp lines apart
    [ "$CLIENTS" -gt 1 ] && extra="--logstring client$sfx"
    # pppd starts pptp (pty "... --nolaunchpppd"), not the other way round: when pptp launches pppd itself,
    # the server's first LCP packets can reach the pty before pppd has made it raw, get echoed by the tty, and
    # go back to the server as its own ConfReq (seen in this VM: "No auth is possible", then both sides quit).
    # noauth: Debian's /etc/ppp/options says `auth`, which would make the client demand that the server
    # authenticate itself; a PPTP client never does
    # own mount namespace with an empty /run/pptp: pptp finds an existing call manager for the same server
    # through a unix socket there, so two clients on one filesystem would share one control connection
    ip netns exec "$ns" unshare -m sh -c 'mkdir -p /run/pptp && mount -t tmpfs lab-pptp /run/pptp && exec "$@"' sh \
        pppd pty "$(pty_command "$extra")" nodetach name "$user" \
        password "$pass" remotename pptpd noauth debug logfile "$OUT/client$sfx-pppd.log" $CLIENT_OPTS \
        > "$W/pptp$sfx.stdout" 2>&1 &
    # the client's pppd
    CLIENT_PIDS="$CLIENT_PIDS $!"
}

client_pid() { local i=$1; set -- $CLIENT_PIDS; eval "echo \${$i}"; }

# usage: wait_ppp_up INDEX SECONDS -> 0 once the client's ppp0 has an IPv4 address
wait_ppp_up() {
    local ns=lab-cli pid t; [ "$1" -gt 1 ] && ns=lab-cli$1
    pid=$(client_pid "$1")
    for t in $(seq 1 $(( $2 * 5 ))); do
        ip -n "$ns" -4 addr show dev ppp0 2>/dev/null | grep -q inet && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.2
    done
    return 1
}

# usage: wait_client_exit INDEX SECONDS -> 0 if the client's pppd ended by itself in time
wait_client_exit() {
    local pid t; pid=$(client_pid "$1")
    for t in $(seq 1 $(( $2 * 5 ))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
    return 1
}

client_hangup() { local pid; pid=$(client_pid "${1:-1}"); kill -TERM "$pid" 2>/dev/null; wait_client_exit "${1:-1}" 15; }

# The server side hangs up: SIGTERM to the pppd that pptpd started for the call(s).
server_pppd_pids() {
    local p; for p in $(ip netns pids lab-srv); do
        [ "$(cat "/proc/$p/comm" 2>/dev/null)" = pppd ] && echo "$p"; done
}
server_hangup() { local p; for p in $(server_pppd_pids); do kill -TERM "$p"; done; wait_client_exit 1 15; }

pptpd_stop() {
    [ -n "$PPTPD_PID" ] || return 0
    kill -TERM "$PPTPD_PID" 2>/dev/null; wait "$PPTPD_PID" 2>/dev/null; PPTPD_PID=""
}
