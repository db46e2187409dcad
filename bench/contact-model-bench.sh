#!/usr/bin/env bash
# Out-of-sample figures of the contact model (issue 17): calibration and lift over "call in calling order" for the
# demo floor of `make run` (generated in memory, 300,000 calls over 90 days: CONTACT_BENCH_CALLS) and for the real
# inbound log testdata/calls-real/anonymous-bank-1999-02.tsv ("served by an agent" vs "abandoned" as the analogue of
# a connect). Each of the last weeks (up to 4) is predicted by the model fitted on the weeks before it. No app, no
# database: it runs the model through the test class ContactModelBench (not part of the normal suite).
# Writes bench/results/contact-model-<date>_<time>.txt.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CALLS="${CONTACT_BENCH_CALLS:-300000}"
OUT="$RESULTS/contact-model-$(date +%Y-%m-%d_%H%M%S).txt"
LOGF="$WORK/contact-model-bench.log"
log "contact model validation: demo floor ($CALLS calls) and the bank's inbound log"
status=0
(cd "$ROOT" && ./mvnw -o -q -pl backend test -Dtest=ContactModelBench -Dstrategy.bench.calls="$CALLS" \
    -Dsurefire.failIfNoSpecifiedTests=false) >"$LOGF" 2>&1 || status=$?
{
    echo "Callsight contact model, out of sample (rolling origin by week), $(date '+%F %T %Z')"
    grep '^| ' "$LOGF" || true
    if ((status != 0)); then
        echo "the bench failed:"
        tail -30 "$LOGF"
    fi
} | tee "$OUT"
log "results: $OUT (maven log: $LOGF)"
exit "$status"
