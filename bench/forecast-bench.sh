#!/usr/bin/env bash
# On an app with the demo data (300,000 calls over 90 days, generated at start; -Xmx512m): one full
# forecast refresh (target < 30 s), staffingPlan for 30 days of 30-minute intervals (p95 < 300 ms),
# forecastSeries on 15 years of daily data (< 2 s) and the one-interval staffing queries.
# Writes bench/results/forecast-<date>_<time>.txt.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

trap 'stop_app' EXIT
trap 'exit 130' INT TERM

prepare_app
OUT="$RESULTS/forecast-$(date +%Y-%m-%d_%H%M%S).txt"
INFO=$(machine_info)
start_app forecast -Xmx512m -Dcallsight.demo.mode=on
wait_quiet
{
    echo "Callsight forecasting/staffing latency benchmark, $(date '+%F %T %Z')"
    echo "$INFO"
    echo "load average before measuring: $(loadavg)"
    python3 "$BENCH_DIR/forecast_latency.py" "$APP_PORT" "${BENCH_WARMUP:-3}" "${BENCH_RUNS:-20}"
} | tee "$OUT"
log "results: $OUT"
