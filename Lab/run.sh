#!/usr/bin/env bash
# Host side of the PPTP lab: installs what is missing, boots Debian's stock kernel once under QEMU with this
# machine's userspace (virtme-ng), runs the scenarios in it and leaves Fixtures/lab/<scenario>/.
# usage (root): bash Lab/run.sh [SCENARIO...]     all of Lab/scenarios/ when none is named
set -eu
here=$(cd "$(dirname "$0")" && pwd); repo=$(dirname "$here"); out="$repo/Fixtures/lab"
export DEBIAN_FRONTEND=noninteractive
need=""
for c in qemu-system-x86_64:qemu-system-x86 depmod:kmod pptpd:pptpd pptp:pptp-linux pppd:ppp tcpdump:tcpdump \
         iptables:iptables cpio:cpio busybox:busybox-static ping:iputils-ping bc:bc ss:iproute2 socat:socat; do
    command -v "${c%%:*}" >/dev/null || need="$need ${c#*:}"
done
# another process may hold the apt lock for a while; apt-get waits for it rather than failing
[ -n "$need" ] && { apt-get update -qq; apt-get -o DPkg::Lock::Timeout=600 install -y -qq $need >/dev/null; }
command -v vng >/dev/null || pip install -q virtme-ng
k=$(ls /boot/vmlinuz-*-amd64 2>/dev/null | grep -v cloud | head -n 1 || true)
if [ -z "$k" ]; then
    apt-cache show linux-image-amd64 >/dev/null 2>&1 || apt-get update -qq
    t=$(mktemp -d)
    (cd "$t" && pkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/{print $2; exit}') \
        && apt-get download -qq "$pkg" && dpkg -x ./*.deb root)
    # unpacked, never installed: the package's postinst wants a bootable system. mkdir first: on a machine
    # without /lib/modules, `cp -a DIR /lib/modules/` would make DIR itself /lib/modules
    mkdir -p /lib/modules /boot
    cp -a "$t"/root/lib/modules/* /lib/modules/; cp -a "$t"/root/boot/* /boot/; rm -rf "$t"
    k=$(ls /boot/vmlinuz-*-amd64 | grep -v cloud | head -n 1)
fi
v=${k#/boot/vmlinuz-}; depmod "$v"
mkdir -p "$out"
# --disable-kvm: with KVM, QEMU here aborts on an MSR ("failed to set MSR 0x10a"); emulation boots in ~50 s.
# --rwdir: the root filesystem is read-only inside the VM, except this folder (and virtme's overlays: /etc, /tmp)
start=$(date +%s)
timeout 7200 vng -r "$k" --disable-kvm --memory 1G --rwdir "$out" \
    --exec "bash $here/vm/run-all.sh $out $*" 2>&1 | tee "$out/.vm.log" | grep -E '^(scenario |lab done)' || true
echo "lab run: $(( $(date +%s) - start )) s"
grep -q "^lab done" "$out/.vm.log" && rm -f "$out/.vm.log"
