#!/usr/bin/env bash
# Builds the fuzz target with libFuzzer + AddressSanitizer and runs it for SECONDS (default 60) on a corpus
# seeded from Fixtures/ and ../shared/captures. New crashes land in Fuzz/crashes/; turn each into a regression
# fixture under Fixtures/hostile/ (see README.md).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
jobs="${FUZZ_JOBS:-1}"
swift build -c debug --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address >/dev/null
corpus=corpus
mkdir -p "$corpus" crashes corpus-seeds
find ../Fixtures -name 'capture.*' -exec cp -n {} corpus-seeds/ \; 2>/dev/null || true
find ../Fixtures/hostile -type f -name '*.pcap*' -exec cp -n {} corpus-seeds/ \; 2>/dev/null || true
if [ -d ../../shared/captures ]; then
    find ../../shared/captures -type f \( -name '*.pcap' -o -name '*.cap' -o -name '*.pcapng' \) -exec cp -n {} corpus-seeds/ \; 2>/dev/null || true
fi
./.build-fuzz/debug/FuzzPipeline "$corpus" corpus-seeds -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=262144 -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -artifact_prefix=crashes/ -print_final_stats=1
