#!/usr/bin/env bash
# Runs ONE scenario inside the VM: namespaces, captures, pptpd, client(s), the scenario's actions, teardown,
# logs and scenario.md. usage: run-scenario.sh NAME OUTDIR   (run-all.sh bounds its time)
set -u
name=${1:?NAME}; OUT=${2:?OUTDIR}
vm=$(cd "$(dirname "$0")" && pwd); lab=$(dirname "$vm")
W=$(mktemp -d /tmp/lab-"$name".XXXX)
T0=$(date +%s.%N)
step() { printf '%6.1f s  %s\n' "$(echo "$(date +%s.%N) - $T0" | bc)" "$*" >> "$OUT/lab-steps.log"; }

. "$vm/topology.sh"; . "$vm/capture.sh"; . "$vm/syslog.sh"; . "$vm/daemons.sh"; . "$vm/report.sh"; . "$vm/flows.sh"

# ---- defaults; a scenario file overrides only what differs -----------------------------------------------
TOPO=direct            # direct | router | nat
CLIENTS=1
NAT_HELPER=0
SERVER_OPTS="refuse-pap refuse-chap refuse-mschap require-mschap-v2 require-mppe-128"   # as Debian's pptpd-options
SERVER_OPTS_RAW=""     # extra lines for the server's pppd options file, verbatim
CLIENT_OPTS="require-mppe-128"
PPTP_OPTS=""
PTY_VIA_SOCAT=0        # 1: pppd runs pptp through socat (needed with pppd's `record`, see daemons.sh)
CLIENT_USER=alice; CLIENT_PASS=lab-S3cret
CLIENT2_USER=bob;  CLIENT2_PASS=lab-B0b-pw
CHAP_SECRETS='alice pptpd "lab-S3cret" *
bob pptpd "lab-B0b-pw" *'
PAP_SECRETS=same        # "same": the lines of CHAP_SECRETS; "" leaves pap-secrets empty
PPTPD_LOCALIP=10.100.0.1; PPTPD_REMOTEIP=10.100.0.10-20; PPTPD_CONF_EXTRA=""
UP_WAIT=30             # seconds to wait for the client's ppp0
FAIL_WAIT=40           # seconds to wait for a client that did not come up to give up by itself
PINGS=3; PING_ARGS=""
HANGUP=client          # client | server | none
TITLE="$name"; SETUP=""; TIMERS="pppd's defaults (lcp-restart 3, lcp-max-configure 10) and Debian's /etc/ppp/options (lcp-echo-interval 30, lcp-echo-failure 4)."
OUTCOME=""; STAGE=""; SIDE=""; WINDOWS=""; DECISIVE=""; NOTES=""
scenario_setup() { :; }    # after the namespaces exist, before the captures start (firewall rules ...)
scenario_up() { :; }       # after ppp0 is up and the pings went through, before the hang-up
scenario_flow() { default_flow; }

finish() {
    local p
    trap - EXIT
    for p in $CLIENT_PIDS; do kill -0 "$p" 2>/dev/null && { step "killing leftover client pppd $p"; kill -TERM "$p"; }; done
    sleep 2
    step "stopping captures, pptpd, namespaces"
    cap_stop_all; pptpd_stop; topo_teardown; syslog_stop
    syslog_pick 'pptpd|pptpctrl' "$OUT/pptpd.log"
    [ -s "$W/pptpd.stdout" ] && { echo "--- pptpd stdout/stderr ---"; cat "$W/pptpd.stdout"; } >> "$OUT/pptpd.log"
    local i sfx
    for i in $(seq 1 "$CLIENTS"); do
        sfx=""; [ "$i" -gt 1 ] && sfx=$i
        if [ "$CLIENTS" -gt 1 ]; then grep -E " pptp\[[0-9]+\]: client$sfx " "$W/syslog.txt" > "$OUT/pptp$sfx.log"
        else syslog_pick pptp "$OUT/pptp.log"; fi
        [ -s "$W/pptp$sfx.stdout" ] && { echo "--- pptp stdout/stderr ---"; cat "$W/pptp$sfx.stdout"; } >> "$OUT/pptp$sfx.log"
    done
    step "done"
    write_report > "$OUT/scenario.md"
    rm -rf "$W"
}

rm -rf "$OUT"; mkdir -p "$OUT"
. "$lab/scenarios/$name.sh" || { echo "no scenario $name" >&2; exit 2; }
trap finish EXIT
trap 'step "time bound reached"; exit 124' TERM INT

printf '%s\n' "$CHAP_SECRETS" > /etc/ppp/chap-secrets; chmod 600 /etc/ppp/chap-secrets
[ "$PAP_SECRETS" = same ] && PAP_SECRETS=$CHAP_SECRETS
printf '%s\n' "$PAP_SECRETS" > /etc/ppp/pap-secrets; chmod 600 /etc/ppp/pap-secrets
topo_teardown
case $TOPO in
    direct) topo_direct ;;
    router) topo_router "$CLIENTS" 0 ;;
    nat)    topo_router "$CLIENTS" 1 ;;
esac || { step "topology failed"; exit 1; }
[ "$NAT_HELPER" = 1 ] && { topo_nat_helper || { step "nat helper failed"; exit 1; }; }
scenario_setup || step "scenario_setup returned $?"
dump_rules "as set up"
syslog_start || exit 1
if [ "$TOPO" = direct ]; then
    cap_start lab-cli c0 "$OUT/client.pcap" && cap_start lab-srv s0 "$OUT/server.pcap" || exit 1
else
    cap_start lab-cli c0 "$OUT/client.pcap" || exit 1
    [ "$CLIENTS" -gt 1 ] && { cap_start lab-cli2 c0 "$OUT/client2.pcap" || exit 1; }
    cap_start lab-rtr br0 "$OUT/router.pcap" && cap_start lab-rtr r1 "$OUT/router-outside.pcap" \
        && cap_start lab-srv s0 "$OUT/server.pcap" || exit 1
fi
step "pptpd starts in lab-srv ($SRV_IP)"
pptpd_start || exit 1
scenario_flow
exit 0
