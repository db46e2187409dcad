#!/usr/bin/env bash
# Ingest throughput: POST /api/ingest/calls versus a bare `psql \copy` of the same CSV into an
# unindexed table on the same embedded PostgreSQL, in one run of the app (-Xmx256m).
#
#   bench/ingest-bench.sh [ROWS]        (default 1000000)
#
# Prints rows/s of both, the ratio API/psql (target >= 0.5), the backend's peak RSS, and writes
# bench/results/ingest-<date>_<time>.txt. See bench/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROWS="${1:-1000000}"
[[ "$ROWS" =~ ^[0-9]+$ && "$ROWS" -gt 0 ]] || die "ROWS must be a positive integer"
SEED="${BENCH_SEED:-42}"
JAVA_OPTS=(-Xmx256m -XX:+UseSerialGC)
TARGET_RATIO=0.5

trap 'stop_app' EXIT
trap 'exit 130' INT TERM

prepare_app
STAMP=$(date +%Y-%m-%d_%H%M%S)
OUT="$RESULTS/ingest-$STAMP.txt"
RUN="ingest-$ROWS"
CSV=$(cached_csv "$ROWS" "$SEED" "")
CSV_MB=$(awk -v b="$(stat -c %s "$CSV")" 'BEGIN { printf "%.1f", b / 1048576 }')
INFO=$(machine_info)

start_app "$RUN" "${JAVA_OPTS[@]}"
HWM_START=$(vm_kb "$APP_PID" VmHWM)
wait_quiet
PG_VERSION=$(pg -Atc 'SHOW server_version')
PG_SETTINGS=$(pg -Atc "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ' ' ORDER BY name) FROM pg_settings
    WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'max_wal_size', 'work_mem', 'wal_level')")

# ---- (a) psql \copy into an unindexed table with the CSV's columns, typed as the app types them
log "(a) psql \\copy of $ROWS rows into an unindexed table"
pg -c "CREATE TABLE bench_copy_call (
    call_id text, lead_id text, campaign_id text, campaign_name text, advertiser_id text, advertiser_name text,
    agent_id text, agent_name text, call_status text, lead_status text,
    agent_call_duration_s double precision, customer_call_duration_s double precision,
    from_number text, to_number text, attempt_no smallint, lead_created_at timestamptz, updated_at timestamptz,
    connected boolean, dial_time timestamptz)"
pg -c 'CHECKPOINT'
T0=$(now)
pg -c "\\copy bench_copy_call FROM '$CSV' WITH (FORMAT csv, HEADER true)"
T1=$(now)
PSQL_S=$(elapsed "$T0" "$T1")
PSQL_COUNT=$(pg -Atc 'SELECT count(*) FROM bench_copy_call')
[[ "$PSQL_COUNT" == "$ROWS" ]] || die "psql \\copy loaded $PSQL_COUNT rows, expected $ROWS"
COPY_TABLE_MB=$(pg -Atc "SELECT pg_total_relation_size('bench_copy_call') / 1048576")
# Drop it again so (b) starts from the same state (no extra dirty buffers, no extra WAL to flush).
pg -c 'DROP TABLE bench_copy_call' -c 'CHECKPOINT'
log "(a) psql \\copy: ${PSQL_S} s"

# ---- (b) the API, with a 1 s sampler of the backend's RSS and the app's active SQL
log "(b) POST /api/ingest/calls with $ROWS rows"
SAMPLES="$APP_DATA/ingest-samples.tsv"
: >"$SAMPLES"
(
    start=$(now)
    while kill -0 "$APP_PID" 2>/dev/null; do
        q=$(pg -Atc "SELECT coalesce(string_agg(left(regexp_replace(query, '\s+', ' ', 'g'), 60)
                || ' {' || coalesce(wait_event_type || ':' || wait_event, 'CPU') || '}', ' | '), '-')
            FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend'
            AND pid <> pg_backend_pid() AND application_name NOT LIKE 'psql%'" 2>/dev/null || echo '?')
        printf '%s\t%s\t%s\n' "$(elapsed "$start" "$(now)")" "$(vm_kb "$APP_PID" VmRSS)" "$q" >>"$SAMPLES"
        sleep 1
    done
) &
BG_PIDS+=($!)
RESP="$APP_DATA/ingest-response.json"
T_REQ=$(now)
API_S=$(ingest_api "$CSV" "$RESP") || die "API ingest failed (response in $RESP, server log $APP_LOG)"
# a file completed after its answer (LOADED): report-ready is when its batch reads READY
ANSWER_STATUS=$(json_field "$RESP" status)
READY_S="$API_S"
if [[ "$ANSWER_STATUS" == LOADED ]]; then
    BATCH=$(json_field "$RESP" batchId)
    while STATUS=$(pg -Atc "SELECT status FROM ingest_batch WHERE batch_id = $BATCH") && [[ "$STATUS" != READY ]]; do
        [[ "$STATUS" == FAILED ]] && die "batch $BATCH FAILED"
        sleep 0.2
    done
    READY_S=$(elapsed "$T_REQ" "$(now)")
    ACCEPTED_READY=$(pg -Atc "SELECT accepted FROM ingest_batch WHERE batch_id = $BATCH")
fi
kill "${BG_PIDS[@]}" 2>/dev/null || true
BG_PIDS=()
HWM_END=$(vm_kb "$APP_PID" VmHWM)
LOAD_END=$(loadavg)
ACCEPTED=$(json_field "$RESP" accepted)
REJECTED=$(json_field "$RESP" rejected)
DUPS=$(json_field "$RESP" duplicates)
ROWS_READ=$(json_field "$RESP" rowsRead)
CALL_COUNT=$(pg -Atc 'SELECT count(*) FROM call')
DB_MB=$(pg -Atc "SELECT pg_database_size('postgres') / 1048576")
BATCH_LINE=$(grep -E "Batch [0-9]+ " "$APP_LOG" | tail -2 | sed "s/^.*\] (\([^)]*\)) //" | paste -sd'|' - || true)
log "(b) API: ${API_S} s, accepted $ACCEPTED"

# Where the API's time went: samples per statement (each sample ~1 s apart).
PHASES=$(python3 - "$SAMPLES" "$API_S" <<'EOF'
import sys, collections, re
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
total = float(sys.argv[2])
secs = collections.OrderedDict()   # statement -> [first t, seconds attributed]
waits = collections.defaultdict(collections.Counter)
for i, (t, rss, q) in enumerate(rows):
    t = float(t)
    # a sample stands for the time until the next one (the last: until the response came)
    dt = (float(rows[i + 1][0]) if i + 1 < len(rows) else max(total, t)) - t
    parts = q.split(" | ") if q not in ("-", "?", "") else [""]
    for part in parts:
        m = re.match(r"(.*?)(?: \{([^}]*)\})?$", part)
        key = re.sub(r"\s+", " ", m.group(1)).strip()[:45]
        key = key or "(no SQL active: Java reading/parsing the body, or between statements)"
        secs.setdefault(key, [t, 0.0])
        secs[key][1] += dt / len(parts)
        if m.group(2):
            waits[key][m.group(2)] += 1
for k, (first, s) in secs.items():
    w = ", ".join(f"{e} {n}" for e, n in waits[k].most_common(3))
    print(f"  ~{s:6.1f} s  from t={first:6.1f} s  {k}" + (f"  [samples: {w}]" if w else ""))
rss = [int(r) for _, r, _ in rows if r.isdigit()]
if rss:
    print(f"  backend RSS during the ingest: min {min(rss) // 1024} MB, max {max(rss) // 1024} MB")
EOF
)

OK=yes
[[ "$ACCEPTED" == "$ROWS" ]] || OK=no
read -r PSQL_RPS API_RPS RATIO VERDICT < <(awk -v n="$ROWS" -v a="$PSQL_S" -v b="$API_S" -v t="$TARGET_RATIO" \
    'BEGIN { r = a / b; printf "%.0f %.0f %.3f %s\n", n / a, n / b, r, (r >= t ? "PASS" : "MISS") }')

{
    echo "Callsight ingest benchmark, $(date '+%F %T %Z')"
    echo "$INFO"
    echo "app JVM: ${JAVA_OPTS[*]}; embedded PostgreSQL $PG_VERSION ($PG_SETTINGS)"
    echo "data: $ROWS rows, $CSV_MB MB CSV ($(basename "$CSV"), gen-calls.py --seed $SEED --days 90 --end $BENCH_END)"
    echo "app startup (to /q/health/ready, fresh data dir incl. initdb + migration): ${APP_STARTUP_S} s"
    echo "$QUIET_NOTE; after (b): $LOAD_END"
    echo
    echo "(a) psql \\copy into an unindexed, typed table (text/double precision/smallint/boolean/timestamptz columns,"
    echo "    no keys, no indexes, no constraints): ${PSQL_S} s = ${PSQL_RPS} rows/s (table ${COPY_TABLE_MB} MB)"
    echo "(b) POST /api/ingest/calls (curl --data-binary, wall clock): ${API_S} s = ${API_RPS} rows/s, answered $ANSWER_STATUS"
    if [[ "$ANSWER_STATUS" == LOADED ]]; then
        echo "    report-ready (batch READY, $ACCEPTED_READY calls stored): ${READY_S} s after the request, ratio to psql" \
            "$(awk -v a="$PSQL_S" -v b="$READY_S" 'BEGIN { printf "%.3f", a / b }') (target >= 0.25)"
    fi
    echo "    response: rowsRead=$ROWS_READ accepted=$ACCEPTED rejected=$REJECTED duplicates=$DUPS; call table now $CALL_COUNT rows"
    echo "    server: $BATCH_LINE"
    echo "    database size after: ${DB_MB} MB"
    echo
    echo "ratio API/psql (rows/s): $RATIO   target >= $TARGET_RATIO: $VERDICT"
    echo "accepted == ROWS: $OK"
    echo "backend peak RSS (VmHWM of the java process): $((HWM_END / 1024)) MB (after startup: $((HWM_START / 1024)) MB)"
    echo
    echo "API time by active SQL statement (samples of pg_stat_activity about 1 s apart; wait events, CPU = none):"
    echo "$PHASES"
} | tee "$OUT"
log "results: $OUT"

stop_app
[[ "$OK" == yes ]] || die "accepted ($ACCEPTED) != ROWS ($ROWS)"
