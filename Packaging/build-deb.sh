#!/usr/bin/env bash
# Builds pptp-pcap_<version>_<arch>.deb: the binary (Swift's runtime linked in statically, so it needs only
# Debian's libpcap0.8, libsqlite3-0, zlib1g and the C++ runtime), a man page per command (swift-argument-parser's manual
# generator), bash/zsh/fish completions, the JSON schema, the README and the licence.
#
#   Packaging/build-deb.sh [--output DIR] [--binary PATH]
#
# --binary packages an existing build instead of making the release one (the test uses the debug build);
# the version always comes from the binary itself (`pptp-pcap --version`, i.e. Analyzer.version).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
output=$root/.build-package
binary=""
while [ $# -gt 0 ]; do
    case "$1" in
        --output) output=$2; shift 2 ;;
        --binary) binary=$2; shift 2 ;;
        *) echo "usage: $0 [--output DIR] [--binary PATH]" >&2; exit 64 ;;
    esac
done
scratch=$root/.build-release
if [ -z "$binary" ]; then
    swift build -c release --static-swift-stdlib --product pptp-pcap --scratch-path "$scratch" >&2
    binary=$scratch/release/pptp-pcap
fi
version=$("$binary" --version)
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg=$stage/pptp-pcap_${version}_${arch}

install -D -m 0755 "$binary" "$pkg/usr/bin/pptp-pcap"
strip --strip-unneeded "$pkg/usr/bin/pptp-pcap" 2>/dev/null || true

# One man page per command, from the argument parser's own description of the commands.
man=$stage/man
mkdir -p "$man"
swift package --scratch-path "$scratch" --allow-writing-to-directory "$man" \
    generate-manual --multi-page --section 1 --output-directory "$man" >&2
mkdir -p "$pkg/usr/share/man/man1"
for page in "$man"/*.1; do
    gzip -9n -c "$page" > "$pkg/usr/share/man/man1/$(basename "$page").gz"
done

install -d "$pkg/usr/share/bash-completion/completions" "$pkg/usr/share/zsh/vendor-completions" \
    "$pkg/usr/share/fish/vendor_completions.d"
"$binary" --generate-completion-script bash > "$pkg/usr/share/bash-completion/completions/pptp-pcap"
"$binary" --generate-completion-script zsh > "$pkg/usr/share/zsh/vendor-completions/_pptp-pcap"
"$binary" --generate-completion-script fish > "$pkg/usr/share/fish/vendor_completions.d/pptp-pcap.fish"

doc=$pkg/usr/share/doc/pptp-pcap
install -D -m 0644 README.md "$doc/README.md"
install -D -m 0644 Schemas/report.schema.json "$doc/report.schema.json"
gzip -9n -c Docs/scanning.md > "$doc/scanning.md.gz"
{
    echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: pptp-pcap"
    echo
    echo "Files: *"
    echo "License: Apache-2.0"
    echo
    cat LICENSE
} > "$doc/copyright"

installed_kb=$(du -sk "$pkg/usr" | cut -f1)
install -d "$pkg/DEBIAN"
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: pptp-pcap
Version: $version
Architecture: $arch
Maintainer: pptp-pcap maintainers <maintainers@pptp-pcap.invalid>
Installed-Size: $installed_kb
Depends: libpcap0.8 (>= 1.8), libsqlite3-0, zlib1g, libstdc++6, libgcc-s1
Section: net
Priority: optional
Homepage: https://github.com/pptp-pcap/pptp-pcap
Description: diagnose failed PPTP VPN connections from packet captures
 Reads pcap and pcapng captures (and the pppd, pptpd and Windows RAS logs taken
 beside them), rebuilds every PPTP session (TCP 1723 control channel, GRE, PPP)
 and names the stage that failed, the Windows error the user most probably saw,
 the packets that prove it and the fix. Batch-scans archives into an SQLite
 catalog and reports what each session exposes.
CONTROL

mkdir -p "$output"
dpkg-deb --root-owner-group --build "$pkg" "$output/pptp-pcap_${version}_${arch}.deb" >&2
echo "$output/pptp-pcap_${version}_${arch}.deb"
