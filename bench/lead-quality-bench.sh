#!/usr/bin/env bash
# Lead quality: one ~3,700-row real-shaped CRM snapshot ingested and checked (target < 2 s), 50 of them
# (target < 60 s), and funnel queries with the 50 loaded (target p95 < 200 ms). App at -Xmx512m on its
# own embedded PostgreSQL. Writes bench/results/lead-quality-<date>_<time>.txt.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

trap 'stop_app' EXIT
trap 'exit 130' INT TERM

prepare_app
OUT="$RESULTS/lead-quality-$(date +%Y-%m-%d_%H%M%S).txt"
INFO=$(machine_info)
start_app lead-quality -Xmx512m
wait_quiet
TESTDATA="$BENCH_DIR/../testdata" # the real files, in the repository (testdata/README.md)
{
    echo "Callsight lead-quality benchmark, $(date '+%F %T %Z')"
    echo "$INFO"
    echo "load average before measuring: $(loadavg)"
    python3 "$BENCH_DIR/lead_quality_bench.py" "$APP_PORT" "$TESTDATA" "${BENCH_SNAPSHOTS:-50}" "${BENCH_RUNS:-50}"
} | tee "$OUT"
log "results: $OUT"
