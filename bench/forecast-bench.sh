#!/usr/bin/env bash
# Latency of forecastSeries (15 years of daily data; target < 2 s) and of the one-interval staffing
# queries, on an app with an empty database (-Xmx512m). Writes bench/results/forecast-<date>_<time>.txt.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

trap 'stop_app' EXIT
trap 'exit 130' INT TERM

prepare_app
OUT="$RESULTS/forecast-$(date +%Y-%m-%d_%H%M%S).txt"
INFO=$(machine_info)
start_app forecast -Xmx512m
wait_quiet
{
    echo "Callsight forecasting/staffing latency benchmark, $(date '+%F %T %Z')"
    echo "$INFO"
    echo "load average before measuring: $(loadavg)"
    python3 "$BENCH_DIR/forecast_latency.py" "$APP_PORT" "${BENCH_WARMUP:-3}" "${BENCH_RUNS:-20}"
} | tee "$OUT"
log "results: $OUT"
