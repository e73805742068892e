# pptpd, pptpctrl and pptp-linux log only to syslog; the VM has no syslog daemon, so each scenario runs
# busybox's in the foreground into a private file and splits it afterwards (sourced by run-scenario.sh).
set -u
SYSLOG_PID=""

syslog_start() {
    rm -f /dev/log
    busybox syslogd -n -O "$W/syslog.txt" &
    SYSLOG_PID=$!
    local i; for i in $(seq 1 30); do [ -S /dev/log ] && return 0; sleep 0.1; done
    echo "syslogd did not create /dev/log" >&2; return 1
}

syslog_stop() {
    [ -n "$SYSLOG_PID" ] || return 0
    sleep 0.5   # let the last lines of exiting daemons arrive
    kill -TERM "$SYSLOG_PID" 2>/dev/null; wait "$SYSLOG_PID" 2>/dev/null; SYSLOG_PID=""
}

# usage: syslog_pick IDENT-REGEX OUTFILE  (syslog lines whose program tag matches, e.g. 'pptpd|pptpctrl')
syslog_pick() {
    grep -E " ($1)\[[0-9]+\]:" "$W/syslog.txt" > "$2" 2>/dev/null || true
}
