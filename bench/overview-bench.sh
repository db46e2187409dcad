#!/usr/bin/env bash
# The Overview page's data (its one GraphQL request: KPI tiles, the period before, trend, heatmap) warm at the
# demo volume (300,000 calls over 90 days; -Xmx512m): target under 1 s. Writes bench/results/overview-<date>_<time>.txt.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

trap 'stop_app' EXIT
trap 'exit 130' INT TERM

prepare_app
OUT="$RESULTS/overview-$(date +%Y-%m-%d_%H%M%S).txt"
INFO=$(machine_info)
start_app overview -Xmx512m -Dcallsight.demo.mode=on
wait_quiet
{
    echo "Callsight Overview benchmark, $(date '+%F %T %Z')"
    echo "$INFO"
    echo "load average before measuring: $(loadavg)"
    python3 "$BENCH_DIR/overview_bench.py" "$APP_PORT" "$BENCH_DIR/../frontend/src/features/overview/api/overview.ts" "${BENCH_RUNS:-30}"
} | tee "$OUT"
log "results: $OUT"
