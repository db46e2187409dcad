#!/usr/bin/env bash
# Service levels and scorecards: 15 years of daily metrics (< 2 s), a month of call logs (< 3 s), a year of agent KPIs,
# then service-metric and scorecard queries (target p95 < 150 ms). App at -Xmx512m on its
# own embedded PostgreSQL. Writes bench/results/service-levels-<date>_<time>.txt.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

trap 'stop_app' EXIT
trap 'exit 130' INT TERM

prepare_app
OUT="$RESULTS/service-levels-$(date +%Y-%m-%d_%H%M%S).txt"
INFO=$(machine_info)
start_app service-levels -Xmx512m
wait_quiet
TESTDATA="$BENCH_DIR/../testdata" # the real files, in the repository (testdata/README.md)
{
    echo "Callsight service-levels benchmark, $(date '+%F %T %Z')"
    echo "$INFO"
    echo "load average before measuring: $(loadavg)"
    python3 "$BENCH_DIR/service_levels_bench.py" "$APP_PORT" "$TESTDATA" "${BENCH_RUNS:-50}"
} | tee "$OUT"
log "results: $OUT"
