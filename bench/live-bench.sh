#!/usr/bin/env bash
# The live floor under load: single-event POSTs of call events (500/s) and agent-state events (50/s)
# from 20 keep-alive clients, open loop, for 5 minutes, while a liveFloor subscription (WebSocket,
# graphql-transport-ws) and a signed-webhook receiver of every advertiser watch. Reports the event
# accepted latency, event -> subscription push, event -> receiver 2xx for feed leads, and checks
# "0 lost" (every accepted call event in the call table exactly once, with psql). App at -Xmx512m on
# its own embedded PostgreSQL, demo data off (the bench makes its own 3 advertisers and 6 campaigns).
#   bench/live-bench.sh
# Knobs: LIVE_BENCH_SECONDS (300), LIVE_BENCH_WARMUP (30, not measured), LIVE_BENCH_CALL_RATE (500),
#        LIVE_BENCH_STATE_RATE (50), LIVE_BENCH_CLIENTS (20), LIVE_BENCH_SUB_SCOPE (auto|admin|advertiser|none),
#        LIVE_BENCH_JAVA_OPTS (-Xmx512m), plus lib.sh's BENCH_* (BENCH_QUIET_WAIT defaults to 60 here).
# Writes bench/results/live-<date>_<time>.txt (and .json with a 10 s timeline; the app log is kept in
# bench/work/runs/live/app.log until the next run).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SECONDS_RUN="${LIVE_BENCH_SECONDS:-300}"
WARMUP="${LIVE_BENCH_WARMUP:-30}"
CALL_RATE="${LIVE_BENCH_CALL_RATE:-500}"
STATE_RATE="${LIVE_BENCH_STATE_RATE:-50}"
CLIENTS="${LIVE_BENCH_CLIENTS:-20}"
SUB_SCOPE="${LIVE_BENCH_SUB_SCOPE:-auto}"
read -r -a JOPTS <<<"${LIVE_BENCH_JAVA_OPTS:--Xmx512m}"

trap 'stop_app' EXIT
trap 'exit 130' INT TERM

prepare_app
STAMP=$(date +%Y-%m-%d_%H%M%S)
OUT="$RESULTS/live-$STAMP.txt"
INFO=$(machine_info)
start_app live "${JOPTS[@]}"
BENCH_QUIET_WAIT="${BENCH_QUIET_WAIT:-60}" wait_quiet

# vmstat beside the run: CPU split (user/system/idle/iowait) and the run queue, every 5 s
vmstat -n 5 >"$APP_DATA/vmstat.log" 2>&1 &
BG_PIDS+=("$!")

t0=$(now)
python3 "$BENCH_DIR/live_bench.py" --port "$APP_PORT" --pg-port "$PG_PORT" --app-pid "$APP_PID" \
    --pg-data "$APP_DATA/postgres" --seconds "$SECONDS_RUN" --warmup "$WARMUP" --call-rate "$CALL_RATE" \
    --state-rate "$STATE_RATE" --clients "$CLIENTS" --sub-scope "$SUB_SCOPE" --work "$APP_DATA" \
    --json "${OUT%.txt}.json" >"$APP_DATA/driver.txt" || die "the driver failed (app log: $APP_LOG)"
log "driver finished in $(elapsed "$t0" "$(now)") s"

{
    echo "Callsight live-floor benchmark, $(date '+%F %T %Z')"
    echo "$INFO"
    echo "${QUIET_NOTE:-}"
    echo "app: ${JOPTS[*]}, demo off, fresh embedded PostgreSQL; command: LIVE_BENCH_SECONDS=$SECONDS_RUN" \
        "LIVE_BENCH_CALL_RATE=$CALL_RATE LIVE_BENCH_STATE_RATE=$STATE_RATE LIVE_BENCH_CLIENTS=$CLIENTS" \
        "LIVE_BENCH_WARMUP=$WARMUP LIVE_BENCH_SUB_SCOPE=$SUB_SCOPE bench/live-bench.sh"
    cat "$APP_DATA/driver.txt"
    echo "vmstat from the warm-up to the end (us sy id wa, run queue r): $(awk 'NR > 2 { us += $13; sy += $14; id += $15; wa += $16; r += $1; n++ }
        END { if (n) printf "mean us %.0f sy %.0f id %.0f wa %.0f, r %.1f over %d samples", us/n, sy/n, id/n, wa/n, r/n, n }' "$APP_DATA/vmstat.log")"
    echo "app log, WARN/ERROR lines by logger and message start (start-up notices left out):"
    grep -E ' (WARN|ERROR) ' "$APP_LOG" | grep -v -E 'SecurityBootstrap|This Gauge has been already registered' \
        | sed -E 's/^[0-9-]+ [0-9:,]+ +//; s/\(([a-z-]+)-[0-9]+\)/(\1)/' | cut -c1-150 | sort | uniq -c | sort -rn | head -5 || true
    echo "env: CALLSIGHT_EVENTS_LINGER=${CALLSIGHT_EVENTS_LINGER:-default 15ms}"
} | tee "$OUT"
log "results: $OUT"
