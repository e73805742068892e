#!/usr/bin/env bash
# Runs inside the VM that Lab/run.sh boots: every scenario named (or all of Lab/scenarios/), one after the other,
# each bounded in time and cleaned up whatever happened, then the index Fixtures/lab/README.md.
# usage: run-all.sh OUTROOT [SCENARIO...]
set -u
root=${1:?OUTROOT}; shift
vm=$(cd "$(dirname "$0")" && pwd); lab=$(dirname "$vm")
. "$vm/topology.sh"
modprobe ppp_generic; modprobe ppp_async; modprobe ppp_mppe
if [ $# -eq 0 ]; then set -- $(cd "$lab/scenarios" && ls *.sh | sed 's/\.sh$//'); fi
for s in "$@"; do
    start=$(date +%s)
    # 180 s is well above the slowest scenario; a scenario that hangs is cut, cleaned up, and the rest go on
    timeout -s TERM -k 10 180 bash "$vm/run-scenario.sh" "$s" "$root/$s"; rc=$?
    topo_teardown
    echo "scenario $s: exit $rc, $(( $(date +%s) - start )) s"
done
bash "$vm/index.sh" "$root" > "$root/README.md"
echo "lab done"
