#!/usr/bin/env bash
# Runs three of the benchmarks on one snapshot of the built app: ingest (1M rows by default), reports,
# forecasting. The others (lead-quality, service-levels, web, feed, auth-feed) run on their own: bench/README.md.
#   bench/run-all.sh [INGEST_ROWS]          (`make bench` builds first, then runs this)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

prepare_app # exports BENCH_APP_DIR, so all three scripts run the same snapshot
status=0
"$BENCH_DIR/ingest-bench.sh" "${1:-1000000}" || { status=$?; log "ingest-bench.sh failed ($status)"; }
"$BENCH_DIR/report-bench.sh" || { status=$?; log "report-bench.sh failed ($status)"; }
"$BENCH_DIR/forecast-bench.sh" || { status=$?; log "forecast-bench.sh failed ($status)"; }
log "results in $RESULTS:"
ls -1t "$RESULTS" | head -3 >&2
exit "$status"
