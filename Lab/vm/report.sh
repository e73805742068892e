# Writes scenario.md from the scenario's declarations and what the real programs logged (sourced by
# run-scenario.sh; runs while the scenario's work directory still exists).
set -u

# DECISIVE holds one "FILE|EXTENDED-REGEX" per line: the log lines that decide the label. Every match is quoted
# (at most 4 per pattern); a pattern that matches nothing is reported as such, so a label never stands on a
# line the programs did not write.
report_decisive() {
    local file re n=0 missing=0
    while IFS='|' read -r file re; do
        [ -n "$file" ] || continue
        printf -- '- `%s`, /%s/:\n\n' "$file" "$re"
        if [ -f "$OUT/$file" ] && grep -Eq -- "$re" "$OUT/$file"; then
            printf '  ```\n'; grep -E -m 4 -- "$re" "$OUT/$file" | sed 's/^/  /'; printf '  ```\n\n'
        else
            printf '  **not found** — the label below is not backed by this line.\n\n'; missing=1
        fi
    done <<< "$DECISIVE"
    return $missing
}

write_report() {
    local f missing=0 dec
    dec=$(report_decisive) || missing=1
    printf '# %s\n\n%s\n\n' "$name" "$TITLE"
    printf '## Setup\n\n'
    case $TOPO in
        direct) printf 'Topology: client namespace (10.99.1.2) and server namespace (10.99.1.1) on one veth link.\n\n' ;;
        router) printf 'Topology: client(s) 10.99.1.x — router namespace (bridge br0 10.99.1.1 | r1 10.99.2.1) — server 10.99.2.2; routed, no NAT.\n\n' ;;
        nat) printf 'Topology: client(s) 10.99.1.x — router namespace (bridge br0 10.99.1.1 | r1 10.99.2.1, MASQUERADE out of r1%s) — server 10.99.2.2, which has no route back to 10.99.1.0/24.\n\n' \
            "$([ "$NAT_HELPER" = 1 ] && echo ', PPTP conntrack/NAT helper attached' || echo ', no PPTP helper')" ;;
    esac
    [ -n "$SETUP" ] && printf '%s\n\n' "$SETUP"
    printf 'Timers: %s\n\n' "$TIMERS"
    printf 'Client command (client %s):\n\n```\npppd pty "%s" nodetach name %s password *** remotename pptpd noauth debug logfile client-pppd.log %s\n```\n\n' \
        "$CLIENT_USER" "$(pty_command)" "$CLIENT_USER" "$(echo "$CLIENT_OPTS" | sed "s|$OUT/||")"
    printf 'pptpd.conf and the server pppd options file:\n\n```\n'; cat "$W/pptpd.conf"; echo '---'
    sed "s|$OUT/||" "$W/server-options"; printf '```\n\nchap-secrets (lab values):\n\n```\n%s\n```\n\n' "$CHAP_SECRETS"
    if [ -s "$W/rules.txt" ]; then printf 'Firewall/NAT rules (iptables-save per namespace, as run):\n\n```\n'; cat "$W/rules.txt"; printf '```\n\n'; fi
    printf '## What the programs logged\n\n%s\n' "$dec"
    printf 'Runner timeline (`lab-steps.log`):\n\n```\n'; cat "$OUT/lab-steps.log"; printf '```\n\n'
    printf '## Expected verdict (from the logs above)\n\n'
    printf '| | |\n|---|---|\n| outcome | %s |\n| failing stage | %s |\n| side | %s |\n| Windows error | %s |\n\n' \
        "$OUTCOME" "$STAGE" "$SIDE" "$WINDOWS"
    [ "$missing" = 1 ] && printf '**Review needed:** at least one decisive line above was not found in this run.\n\n'
    [ -n "$NOTES" ] && printf '%s\n\n' "$NOTES"
    printf '## Files\n\n'
    for f in "$OUT"/*; do
        f=$(basename "$f"); [ "$f" = scenario.md ] && continue
        printf -- '- `%s` (%s bytes)%s\n' "$f" "$(stat -c %s "$OUT/$f")" "$(file_role "$f")"
    done
}

file_role() {
    case $1 in
        client.pcap) echo ': client namespace, its outer interface c0' ;;
        client2.pcap) echo ': second client namespace, its outer interface c0' ;;
        server.pcap) echo ': server namespace, s0' ;;
        router.pcap) echo ': router namespace, client-facing bridge br0' ;;
        router-outside.pcap) echo ': router namespace, server-facing interface r1' ;;
        client*-pppd.log) echo ': client pppd `debug` logfile' ;;
        server-pppd.log) echo ': server pppd(s) `debug` logfile' ;;
        pptpd.log) echo ': pptpd + pptpctrl syslog lines (`debug` in pptpd.conf)' ;;
        pptp*.log) echo ': pptp-linux syslog lines' ;;
        lab-steps.log) echo ': what the lab runner did, and when (seconds from the start of the scenario)' ;;
        *.pppdump) echo ': client pppd `record` file (pppdump format)' ;;
    esac
}
