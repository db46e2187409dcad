#!/usr/bin/env bash
# Warm latency of the three seed reports at 100k and at 1M calls (one app run, -Xmx512m):
#   ingest 100,000 calls -> campaignPerformance / agentPerformance / leadDisposition, each
#   10 warm-up + 50 measured sequential requests, for the full range and for the last 30 days;
#   ingest 900,000 more (other ids) -> same again. Target: p95 < 150 ms at 1M.
#
#   bench/report-bench.sh
#
# Knobs: BENCH_WARMUP (10), BENCH_RUNS (50), BENCH_REPORT_JAVA_OPTS ("-Xmx512m"), see lib.sh.
# Writes bench/results/reports-<date>_<time>.txt. See bench/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WARMUP="${BENCH_WARMUP:-10}"
RUNS="${BENCH_RUNS:-50}"
read -r -a JAVA_OPTS <<<"${BENCH_REPORT_JAVA_OPTS:--Xmx512m}"
TARGET_MS=150
SMALL="${BENCH_SMALL:-100000}"   # (smaller values only to try the script out)
TOTAL="${BENCH_TOTAL:-1000000}"

trap 'stop_app' EXIT
trap 'exit 130' INT TERM

prepare_app
STAMP=$(date +%Y-%m-%d_%H%M%S)
OUT="$RESULTS/reports-$STAMP.txt"
CSV1=$(cached_csv "$SMALL" 1 A)
CSV2=$(cached_csv $((TOTAL - SMALL)) 2 B)
# The last 30 days of the generated data (its window ends at BENCH_END 00:00 UTC, exclusive).
TO="${BENCH_END}T00:00:00Z"
FROM="$(date -u -d "$BENCH_END - 30 days" +%Y-%m-%d)T00:00:00Z"
INFO=$(machine_info)

start_app reports "${JAVA_OPTS[@]}"
: >"$OUT"
emit() { tee -a "$OUT"; }
{
    echo "Callsight report latency benchmark, $(date '+%F %T %Z')"
    echo "$INFO"
    echo "app JVM: ${JAVA_OPTS[*]}; embedded PostgreSQL $(pg -Atc 'SHOW server_version'); app startup ${APP_STARTUP_S} s"
    echo "method: per report $WARMUP warm-up + $RUNS measured requests, sequential, one keep-alive connection;"
    echo "        client wall time (bench/gql_latency.py); percentiles are nearest-rank"
    echo "30-day filter: {from: \"$FROM\", to: \"$TO\"} (the data's dial times span the 90 days before $TO)"
} | emit

TSV="$APP_DATA/latency.tsv"
: >"$TSV"
TOTAL_ROWS=0
stage() { # stage CSV EXPECTED_TOTAL TARGET_ARGS...
    local csv="$1" expect="$2"; shift 2
    local rows resp s accepted count
    rows=$(($(wc -l <"$csv") - 1))
    resp="$APP_DATA/ingest-$(basename "$csv" .csv).json"
    log "ingesting $rows rows ($(basename "$csv"))"
    s=$(ingest_api "$csv" "$resp") || die "ingest failed (response $resp, log $APP_LOG)"
    accepted=$(json_field "$resp" accepted)
    count=$(pg -Atc 'SELECT count(*) FROM call')
    {
        echo
        echo "== $count calls in the database"
        echo "ingest of $rows rows: ${s} s ($(awk -v n="$rows" -v s="$s" 'BEGIN { printf "%.0f", n / s }') rows/s), accepted $accepted, rejected $(json_field "$resp" rejected), duplicates $(json_field "$resp" duplicates)"
    } | emit
    [[ "$accepted" == "$rows" ]] || die "accepted $accepted of $rows rows"
    [[ "$count" == "$expect" ]] || die "call table holds $count rows, expected $expect"
    wait_quiet
    {
        echo "$QUIET_NOTE"
        echo "call table stats at measurement start: $(pg -Atc "SELECT 'n_live_tup=' || n_live_tup || ', last analyze=' ||
            coalesce(greatest(last_analyze, last_autoanalyze)::text, 'never') FROM pg_stat_user_tables WHERE relname = 'call'")"
    } | emit
    for scope in full 30d; do
        local args=(--label "full range @ $count")
        if [[ "$scope" == 30d ]]; then
            args=(--from "$FROM" --to "$TO" --label "last 30 days @ $count")
        fi
        python3 "$BENCH_DIR/gql_latency.py" "http://127.0.0.1:$APP_PORT/graphql" --warmup "$WARMUP" --runs "$RUNS" \
            --tsv "$TSV" "${args[@]}" "$@" | emit
    done
    echo "load average after: $(loadavg); backend peak RSS so far (VmHWM): $(($(vm_kb "$APP_PID" VmHWM) / 1024)) MB" | emit
}

stage "$CSV1" "$SMALL"
stage "$CSV2" "$TOTAL" --target-ms "$TARGET_MS"

# Verdict at 1M: every report's p95 under the target.
{
    echo
    python3 - "$TSV" "$TOTAL" "$TARGET_MS" <<'EOF'
import sys
tsv, total, target = sys.argv[1], sys.argv[2], float(sys.argv[3])
rows = [l.rstrip("\n").split("\t") for l in open(tsv) if l.strip()]
at1m = [r for r in rows if r[0].endswith("@ " + total)]
worst = max(at1m, key=lambda r: float(r[4]))
misses = [f"{r[1]} ({r[0].split(' @')[0]}) p95 {r[4]} ms" for r in at1m if float(r[4]) >= target]
print(f"target p95 < {target:g} ms at {int(total):,} calls: {'PASS' if not misses else 'MISS'}; "
      f"worst p95 {worst[4]} ms ({worst[1]}, {worst[0].split(' @')[0]})")
for m in misses:
    print("  over target: " + m)
EOF
} | emit
log "results: $OUT"
stop_app
