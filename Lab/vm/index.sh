#!/usr/bin/env bash
# Prints Fixtures/lab/README.md: one table row per scenario folder, taken from its scenario.md, plus how the
# captures were made (runs inside the VM, so the kernel version is the one that produced them).
# usage: index.sh OUTROOT
set -u
root=${1:?OUTROOT}
field() { sed -n "s/^| $1 | \(.*\) |\$/\1/p" "$2" | head -n 1; }
ver() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null; }
cat <<HEAD
# Lab captures: real pptpd, pptp-linux and pppd

Every folder here was written by \`Lab/run.sh\` (see [Lab/README.md](../../Lab/README.md)): real PPTP software in
network namespaces inside a QEMU VM, one scenario per folder, with the captures of each capture point, the
programs' own logs, and \`scenario.md\` — setup, the decisive log lines quoted, and the verdict they imply.
The label is read from the logs, not from what the scenario was meant to provoke; where the two differ,
scenario.md says so.

| scenario | setup | label from the logs (outcome / stage / side / Windows error) | files |
|---|---|---|---|
HEAD
for md in "$root"/*/scenario.md; do
    d=$(dirname "$md"); n=$(basename "$d")
    title=$(sed -n 3p "$md")
    files=$(cd "$d" && ls | grep -v '^scenario.md$' | tr '\n' ' ')
    review=""; grep -q '^\*\*Review needed' "$md" && review=" (review needed)"
    printf '| [%s](%s/scenario.md) | %s | %s / %s / %s / %s%s | %s |\n' "$n" "$n" "$title" \
        "$(field outcome "$md")" "$(field 'failing stage' "$md")" "$(field side "$md")" "$(field 'Windows error' "$md")" \
        "$review" "$files"
done
cat <<TAIL

## How they were made

- Kernel: Debian's \`$(uname -r)\` (package linux-image-$(uname -r), $(uname -v | sed 's/^#[0-9]* SMP PREEMPT_DYNAMIC //')), unpacked
  on the host and booted with virtme-ng under QEMU (pure emulation, \`--disable-kvm\`), the host's Debian
  userspace read-only inside.
- pptpd $(ver pptpd), pptp-linux $(ver pptp-linux), ppp $(ver ppp), tcpdump $(ver tcpdump), iptables $(ver iptables),
  QEMU $(ver qemu-system-x86).
- Each scenario: fresh namespaces, a fresh busybox syslogd (pptpd, pptpctrl and pptp log only to syslog),
  \`tcpdump -s 0 -U\` on every capture point, stopped with SIGINT and waited for.
- Lab passwords are made-up lab values; \`show-password\` is never used, nothing else is sanitised.

## Regenerating

    bash Lab/run.sh                  # as root: every scenario
    bash Lab/run.sh wrong-password   # only the named ones (the others' folders stay as they are)

It installs what is missing, boots the VM once (~1 minute) and runs the scenarios one after the other
(15-60 s each). CI does not run it: the tests read the committed files.
TAIL
