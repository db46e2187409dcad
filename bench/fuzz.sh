#!/usr/bin/env bash
# Fuzzing every parser, the long variant of the fuzz tests `make test` runs (backend ParserFuzzTest: 1,000 files
# per input kind with a fixed seed). Runs the same test class with more files, a seed of your choosing and more of
# them through the service and its database; prints, per input kind and per mutation operator, the files tried,
# the answers (2xx, 4xx by error code, 5xx), and the invariants held or violated (a violation fails the run and
# prints the file's seed, operators and a shrunk form). Writes bench/results/fuzz-<date>_<time>.txt.
#
#   FUZZ_FILES          files per input kind (default 20000)
#   FUZZ_SEED           the run's seed (default: the current time, printed; rerun a run with the same seed)
#   FUZZ_KINDS          some kinds only, comma separated (calls-csv, calls-json, crm-snapshot, parquet-leads,
#                       service-metrics, inbound-calls, agent-kpis; kind:index reruns one file); default all
#   FUZZ_HTTP_EVERY     every Nth file over HTTP to the endpoint (default 10)
#   FUZZ_SERVICE_EVERY  every Nth other file through the service method the endpoint calls, with the database
#                       (default 4); the rest are read by the kind's parser alone
#
# Runs offline (./mvnw -o) against the sources as they are (no app snapshot: this is a test run, with its own
# embedded PostgreSQL under backend/target).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
RESULTS="$BENCH_DIR/results"
mkdir -p "$RESULTS" "$BENCH_DIR/work"

FILES="${FUZZ_FILES:-20000}"
SEED="${FUZZ_SEED:-$(date +%s)}"
KINDS="${FUZZ_KINDS:-}"
HTTP_EVERY="${FUZZ_HTTP_EVERY:-10}"
SERVICE_EVERY="${FUZZ_SERVICE_EVERY:-4}"
OUT="$RESULTS/fuzz-$(date +%Y-%m-%d_%H%M%S).txt"
LOG="$BENCH_DIR/work/fuzz-$(date +%Y-%m-%d_%H%M%S).log"
REPORT="$ROOT/backend/target/fuzz-report.txt"

rm -f "$REPORT"
echo "[$(date +%H:%M:%S)] fuzzing: $FILES files per kind, seed $SEED, kinds ${KINDS:-all}, HTTP every $HTTP_EVERY, service every $SERVICE_EVERY (log: $LOG)" >&2
start=$(date +%s)
status=0
(cd "$ROOT" && ./mvnw -o -B -q -pl backend test -Dtest=ParserFuzzTest -Dfuzz.files="$FILES" -Dfuzz.parquetFiles="$FILES" -Dfuzz.seed="$SEED" \
    -Dfuzz.only="$KINDS" -Dfuzz.httpEvery="$HTTP_EVERY" -Dfuzz.serviceEvery="$SERVICE_EVERY" \
    -Dquarkus.test.hang-detection-timeout=PT12H) >"$LOG" 2>&1 || status=$?
{
    echo "Callsight parser fuzzing, $(date '+%F %T %Z'), $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "files per kind: $FILES, seed: $SEED, kinds: ${KINDS:-all}, HTTP every $HTTP_EVERY, service every $SERVICE_EVERY"
    echo "wall time: $(( $(date +%s) - start )) s, tests: $([[ $status == 0 ]] && echo 'passed' || echo "FAILED (exit $status, see $LOG)")"
    echo
    if [[ -f "$REPORT" ]]; then
        # per kind: files, answers, http/service/reader shares, count and stored invariants; then per operator
        grep -a '^FUZZ kind=[a-z-]* seed=' "$REPORT" | sed 's/^FUZZ //'
        echo
        grep -a '^FUZZ kind=[a-z-]* op=' "$REPORT" | sed 's/^FUZZ //'
        if grep -aq '^FUZZ FAILED' "$REPORT"; then
            echo
            echo "violations (first 20 per kind):"
            sed -n '/^FUZZ FAILED/,/^FUZZ kind/p' "$REPORT" | grep -av '^FUZZ kind'
        fi
    else
        echo "no report: the test run did not get as far as a kind (see $LOG)"
    fi
} | tee "$OUT"
echo "[$(date +%H:%M:%S)] results: $OUT" >&2
exit "$status"
