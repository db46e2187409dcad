#!/usr/bin/env bash
# A year of a large floor: FILES call files of ROWS rows each (default 10 x 1,000,000, dial times over the
# 365 days before BENCH_END, distinct id prefixes) ingested one after another into one app run; for each
# file a bare `psql \copy` of the same file into an unindexed table on the same server first, then the API:
# seconds to the answer and to report-ready, each as a share of COPY's rows/s (targets >= 0.5 and >= 0.25),
# and how the answer time grows from the first file to the last (target within 20%). Then every seed
# report, callMetrics by campaign x day and the call list's first page, full range and last 30 days, by
# GraphQL next to the same aggregate in raw SQL on the fact (bench/scale_bench.py; targets p95 < 150 ms
# and at most 1/10 of raw SQL; first page < 50 ms), and the database's size. About 30-40 minutes here.
#
#   bench/scale-bench.sh [FILES] [ROWS]
#
# Knobs: BENCH_WARMUP (10), BENCH_RUNS (30), BENCH_SQL_RUNS (3, after 1 warm-up: a full-range aggregate in raw
# SQL at 10M calls takes 10-30 s), BENCH_SCALE_JAVA_OPTS ("-Xmx1g"), BENCH_SCALE_REPORTS_ONLY=1 (no ingest: the
# reports and sizes on the database the last run left, migrated by the current build), see lib.sh.
# Writes bench/results/scale-<date>_<time>.txt. See bench/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FILES="${1:-10}"
ROWS="${2:-1000000}"
[[ "$FILES" =~ ^[0-9]+$ && "$FILES" -gt 0 && "$ROWS" =~ ^[0-9]+$ && "$ROWS" -gt 0 ]] || die "usage: scale-bench.sh [FILES] [ROWS]"
WARMUP="${BENCH_WARMUP:-10}"
RUNS="${BENCH_RUNS:-30}"
SQL_RUNS="${BENCH_SQL_RUNS:-3}"
REPORTS_ONLY="${BENCH_SCALE_REPORTS_ONLY:-0}"
read -r -a JAVA_OPTS <<<"${BENCH_SCALE_JAVA_OPTS:--Xmx1g}"

trap 'stop_app' EXIT
trap 'exit 130' INT TERM

prepare_app
STAMP=$(date +%Y-%m-%d_%H%M%S)
OUT="$RESULTS/scale-$STAMP.txt"
TO="${BENCH_END}T00:00:00Z"
FROM="$(date -u -d "$BENCH_END - 30 days" +%Y-%m-%d)T00:00:00Z"
INFO=$(machine_info)

# the files: one per prefix, dial times over the year before BENCH_END
CSVS=()
((REPORTS_ONLY == 1)) && FILES_TO_MAKE=0 || FILES_TO_MAKE="$FILES"
for ((i = 1; i <= FILES_TO_MAKE; i++)); do
    f="$WORK/scale-${ROWS}-f${i}-d365-e${BENCH_END}.csv"
    if [[ ! -s "$f" ]]; then
        log "generating $f"
        python3 "$BENCH_DIR/gen-calls.py" "$ROWS" "$f.tmp" --seed "$((100 + i))" --days 365 --end "$BENCH_END" \
            --id-prefix "Y${i}" >&2
        mv "$f.tmp" "$f"
    fi
    CSVS+=("$f")
done

if ((REPORTS_ONLY == 1)); then
    [[ -d "$WORK/runs/scale/postgres" ]] || die "BENCH_SCALE_REPORTS_ONLY=1 needs the database of an earlier run ($WORK/runs/scale)"
    BENCH_KEEP_DATA=1 start_app "scale" "${JAVA_OPTS[@]}"
else
    start_app "scale" "${JAVA_OPTS[@]}"
fi
: >"$OUT"
emit() { tee -a "$OUT"; }
{
    echo "Callsight scale benchmark, $(date '+%F %T %Z'): $FILES files x $ROWS rows"
    echo "$INFO"
    echo "app JVM: ${JAVA_OPTS[*]}; embedded PostgreSQL $(pg -Atc 'SHOW server_version'); app startup ${APP_STARTUP_S} s"
    echo "ingest: per file a bare psql \\copy of the same CSV into an unindexed table (dropped after), then"
    echo "        POST /api/ingest/calls; report-ready = the batch reads COMPLETED or READY (polled every 0.2 s)"
} | emit

COPY_DDL="CREATE TABLE bench_copy_call (
    call_id text, lead_id text, campaign_id text, campaign_name text, advertiser_id text, advertiser_name text,
    agent_id text, agent_name text, call_status text, lead_status text,
    agent_call_duration_s double precision, customer_call_duration_s double precision,
    from_number text, to_number text, attempt_no smallint, lead_created_at timestamptz, updated_at timestamptz,
    connected boolean, dial_time timestamptz)"
ING="$APP_DATA/ingest.tsv"
: >"$ING"
if ((REPORTS_ONLY != 1)); then
echo | emit
echo "file  calls before  copy s  copy rows/s  answer s  ratio  ready s  ratio  status" | emit
for ((i = 0; i < FILES; i++)); do
    csv="${CSVS[$i]}"
    before=$(pg -Atc 'SELECT count(*) FROM call')
    pg -c "$COPY_DDL" -c 'CHECKPOINT'
    t0=$(now)
    pg -c "\\copy bench_copy_call FROM '$csv' WITH (FORMAT csv, HEADER true)"
    copy_s=$(elapsed "$t0" "$(now)")
    pg -c 'DROP TABLE bench_copy_call' -c 'CHECKPOINT'
    resp="$APP_DATA/ingest-$((i + 1)).json"
    t0=$(now)
    answer_s=$(ingest_api "$csv" "$resp") || die "ingest of $csv failed (response $resp, log $APP_LOG)"
    batch=$(json_field "$resp" batchId)
    status=$(json_field "$resp" status)
    while [[ "$status" != COMPLETED && "$status" != READY ]]; do
        [[ "$status" == FAILED ]] && die "batch $batch FAILED"
        sleep 0.2
        status=$(pg -Atc "SELECT status FROM ingest_batch WHERE batch_id = $batch")
    done
    ready_s=$(elapsed "$t0" "$(now)")
    accepted=$(json_field "$resp" accepted)
    [[ "$accepted" == "$ROWS" ]] || die "accepted $accepted of $ROWS rows (response $resp)"
    awk -v f=$((i + 1)) -v b="$before" -v c="$copy_s" -v a="$answer_s" -v r="$ready_s" -v n="$ROWS" -v s="$status" \
        'BEGIN { printf "%4d  %12d  %6.1f  %11.0f  %8.1f  %5.3f  %7.1f  %5.3f  %s\n", f, b, c, n / c, a, c / a, r, c / r, s }' | emit
    printf '%s\t%s\t%s\t%s\n' "$before" "$copy_s" "$answer_s" "$ready_s" >>"$ING"
done
python3 - "$ING" <<'PYEOF' | emit
import sys
rows = [list(map(float, l.split("\t"))) for l in open(sys.argv[1]) if l.strip()]
answer = [c / a for _, c, a, _ in rows]
ready = [c / r for _, c, _, r in rows]
first, last = rows[0][2], rows[-1][2]
print(f"answer/COPY: min {min(answer):.3f}, median {sorted(answer)[len(answer) // 2]:.3f} (target >= 0.5): "
      f"{'PASS' if min(answer) >= 0.5 else 'MISS'}")
print(f"ready/COPY:  min {min(ready):.3f}, median {sorted(ready)[len(ready) // 2]:.3f} (target >= 0.25): "
      f"{'PASS' if min(ready) >= 0.25 else 'MISS'}")
print(f"answer time, last file / first file: {last / first:.2f} (target <= 1.20): {'PASS' if last / first <= 1.2 else 'MISS'}")
PYEOF
fi

pg -c 'VACUUM ANALYZE' >/dev/null
wait_quiet
{
    echo
    echo "== reports at $(pg -Atc 'SELECT count(*) FROM call') calls ($QUIET_NOTE)"
    echo "last 30 days: $FROM .. $TO; GraphQL $WARMUP warm-up + $RUNS measured, raw SQL 1 warm-up + $SQL_RUNS measured"
} | emit
python3 "$BENCH_DIR/scale_bench.py" "http://127.0.0.1:$APP_PORT/graphql" \
    --psql "psql -h 127.0.0.1 -p $PG_PORT -U postgres postgres" --from "$FROM" --to "$TO" \
    --warmup "$WARMUP" --runs "$RUNS" --sql-runs "$SQL_RUNS" --tsv "$APP_DATA/reports.tsv" | emit
{
    echo
    echo "== database size"
    pg -Atc "SELECT 'database ' || pg_size_pretty(pg_database_size(current_database()))"
    pg -Atc "SELECT 'call (' || count(*) || ' partitions) ' || pg_size_pretty(sum(pg_total_relation_size(i.inhrelid))) \
        FROM pg_inherits i WHERE i.inhparent = 'call'::regclass"
    pg -Atc "SELECT relname || ' ' || pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class \
        WHERE relname IN ('lead_rollup', 'lead_day_rollup', 'lead_span_rollup', 'lead_day_count', 'agent_conversion_day', 'agent_day_rollup', 'status_day_rollup', 'conversion_call', 'lead', 'feed_lead') \
        ORDER BY pg_total_relation_size(oid) DESC"
    echo "backend peak RSS (VmHWM): $(($(vm_kb "$APP_PID" VmHWM) / 1024)) MB"
} | emit
log "results: $OUT"
stop_app
