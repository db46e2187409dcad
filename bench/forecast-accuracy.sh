#!/usr/bin/env bash
# Forecast accuracy and interval calibration on every real daily series in testdata/ (see
# testdata/README.md): rolling origin, an origin every week (FORECAST_EVAL_STEP days, default 7) with
# at least 20 weeks of history before it, 30 days forecast from each and compared with the held-back
# days. Prints one row per series: days, origins, MASE, MAE relative to the weekly seasonal naive,
# and the share of held-back days inside the 80% and 95% intervals (targets: 72-88%, >= 90%,
# relative MAE <= 0.85). No app, no database: it runs the engine through the test class
# ForecastCalibrationTest (which the normal suite runs with an origin every two weeks).
# Writes bench/results/forecast-accuracy-<date>_<time>.txt.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STEP="${FORECAST_EVAL_STEP:-7}"
OUT="$RESULTS/forecast-accuracy-$(date +%Y-%m-%d_%H%M%S).txt"
LOGF="$WORK/forecast-accuracy.log"
log "rolling-origin evaluation, an origin every $STEP days (the test's assertions apply; a miss fails it)"
status=0
(cd "$ROOT" && ./mvnw -o -q -pl backend test -Dtest=ForecastCalibrationTest -Dforecast.eval.step="$STEP" -Dforecast.eval.origins=1000 -Dforecast.eval.strict=true \
    -Dsurefire.failIfNoSpecifiedTests=false) >"$LOGF" 2>&1 || status=$?
{
    echo "Callsight forecast accuracy (rolling origin, horizon 30 days, an origin every $STEP days), $(date '+%F %T %Z')"
    echo "| series | days | origins | MASE | relMAE | 80% coverage | 95% coverage | models chosen | time |"
    echo "|---|---|---|---|---|---|---|---|---|"
    grep '^| ' "$LOGF" || true
    if ((status != 0)); then
        echo
        echo "targets missed (the test's failure):"
        grep -m3 -A4 'AssertionError' "$LOGF" || tail -20 "$LOGF"
    fi
} | tee "$OUT"
log "results: $OUT (maven log: $LOGF)"
exit "$status"
