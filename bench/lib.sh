# Shared helpers of the bench scripts (sourced, not run). Bash, `set -euo pipefail` in the caller.
#
# Environment knobs (all optional):
#   BENCH_APP_DIR   a quarkus-app directory to run (default: a copy of backend/target/quarkus-app
#                   made at the start of the script, in bench/work/app)
#   BENCH_BUILD=1   build first (./mvnw -B -q package -DskipTests), then copy
#   BENCH_PORT      HTTP port (default: the first free one from 8099)
#   BENCH_END       last-day bound of the generated data, YYYY-MM-DD exclusive (default today, UTC)
#   BENCH_READY_TIMEOUT  seconds to wait for /q/health/ready (default 180)
#   BENCH_QUIET_WAIT     seconds to wait, before measuring, for the 1-minute load average to fall
#                        below BENCH_QUIET_LOAD (default 1.0) on a shared machine (default 300; 0 = don't)

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WORK="$BENCH_DIR/work"
RESULTS="$BENCH_DIR/results"
mkdir -p "$WORK" "$RESULTS"
export PGPASSWORD=postgres
# Every API call needs credentials: the app under bench gets this ADMIN key (stored hashed at start).
export BENCH_API_KEY="${BENCH_API_KEY:-cs_bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
BENCH_END="${BENCH_END:-$(date -u +%Y-%m-%d)}"

APP_PID=""
APP_DATA=""
APP_LOG=""
APP_PORT=""
PG_PORT=""
BG_PIDS=()

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { date +%s.%N; }
# elapsed START END -> seconds with 3 decimals
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Makes APP_DIR point at a runnable quarkus-app snapshot (never the live backend/target, which
# other builds may rewrite mid-run).
prepare_app() {
    if [[ -n "${BENCH_APP_DIR:-}" ]]; then
        APP_DIR="$BENCH_APP_DIR"
        [[ -f "$APP_DIR/quarkus-run.jar" ]] || die "BENCH_APP_DIR=$APP_DIR has no quarkus-run.jar"
        return
    fi
    if [[ "${BENCH_BUILD:-0}" == 1 || ! -f "$ROOT/backend/target/quarkus-app/quarkus-run.jar" ]]; then
        log "building the backend (./mvnw -B -q package -DskipTests)"
        (cd "$ROOT" && ./mvnw -B -q package -DskipTests) || die "build failed"
    fi
    APP_DIR="$WORK/app"
    rm -rf "$APP_DIR.tmp"
    cp -a "$ROOT/backend/target/quarkus-app" "$APP_DIR.tmp"
    [[ -f "$APP_DIR.tmp/quarkus-run.jar" ]] || die "copied quarkus-app has no quarkus-run.jar (build in progress?)"
    echo "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- backend \
        2>/dev/null || echo ' + uncommitted backend changes')" >"$APP_DIR.tmp/.bench-source"
    rm -rf "$APP_DIR"
    mv "$APP_DIR.tmp" "$APP_DIR"
    export BENCH_APP_DIR="$APP_DIR" # children (run-all.sh -> scripts) reuse this snapshot
    log "app snapshot: $APP_DIR (from backend/target/quarkus-app, built $(date -r "$APP_DIR/quarkus-run.jar" '+%F %T'))"
}

free_port() {
    python3 - "${1:-8099}" <<'EOF'
import socket, sys
p = int(sys.argv[1])
for port in range(p, p + 200):
    s = socket.socket()
    try:
        s.bind(("0.0.0.0", port))
        print(port)
        break
    except OSError:
        pass
    finally:
        s.close()
else:
    sys.exit("no free port")
EOF
}

# start_app RUN_NAME JAVA_OPTS... : fresh data dir bench/work/runs/RUN_NAME, waits until ready.
start_app() {
    local name="$1"; shift
    APP_DATA="$WORK/runs/$name"
    APP_LOG="$APP_DATA/app.log"
    if [[ -d "$APP_DATA/postgres" ]]; then
        stop_postgres_of "$APP_DATA/postgres" # a leftover of a killed run
    fi
    if [[ "${BENCH_KEEP_DATA:-0}" != 1 ]]; then # BENCH_KEEP_DATA=1: start on the run's database as it was left
        rm -rf "$APP_DATA"
    fi
    mkdir -p "$APP_DATA"
    APP_PORT="${BENCH_PORT:-$(free_port 8099)}"
    log "starting app ($*) on port $APP_PORT, data in $APP_DATA"
    # No database configured -> the app runs its own embedded PostgreSQL in the data dir.
    env -u QUARKUS_DATASOURCE_JDBC_URL -u QUARKUS_DATASOURCE_USERNAME -u QUARKUS_DATASOURCE_PASSWORD \
        CALLSIGHT_DEMO="${BENCH_DEMO:-off}" QUARKUS_HTTP_PORT="$APP_PORT" CALLSIGHT_DATA_DIR="$APP_DATA" \
        CALLSIGHT_BOOTSTRAP_API_KEY="$BENCH_API_KEY" \
        java "$@" -jar "$APP_DIR/quarkus-run.jar" >"$APP_LOG" 2>&1 </dev/null &
    APP_PID=$!
    local deadline=$((SECONDS + ${BENCH_READY_TIMEOUT:-180}))
    local t0; t0=$(now)
    until curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/q/health/ready"; do
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            tail -40 "$APP_LOG" >&2
            APP_PID=""
            die "the app exited during startup (log: $APP_LOG)"
        fi
        ((SECONDS < deadline)) || { tail -40 "$APP_LOG" >&2; die "app not ready after ${BENCH_READY_TIMEOUT:-180} s"; }
        sleep 0.5
    done
    PG_PORT=$(sed -n 's/.*Embedded PostgreSQL started on port \([0-9]*\) with data in.*/\1/p' "$APP_LOG" | tail -1)
    [[ -n "$PG_PORT" ]] || die "no 'Embedded PostgreSQL started on port' line in $APP_LOG"
    APP_STARTUP_S=$(elapsed "$t0" "$(now)")
    log "app ready in ${APP_STARTUP_S} s (pid $APP_PID, embedded PostgreSQL on port $PG_PORT)"
}

# psql against the app's embedded server
pg() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres postgres "$@"; }

vm_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null || true; }

# Stops the postmaster of DATA_DIR by the pid in its postmaster.pid (if it is a postgres of that dir).
stop_postgres_of() {
    local dir="$1" pid
    [[ -f "$dir/postmaster.pid" ]] || return 0
    pid=$(head -1 "$dir/postmaster.pid")
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
        && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$dir"; then
        log "stopping PostgreSQL pid $pid left running for $dir"
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
        kill -QUIT "$pid" 2>/dev/null || true # immediate shutdown
        sleep 2
    fi
}

stop_app() {
    [[ -n "$APP_PID$APP_DATA" ]] || return 0
    local pid="$APP_PID"
    for p in "${BG_PIDS[@]:-}"; do
        [[ -n "$p" ]] && kill "$p" 2>/dev/null || true
    done
    BG_PIDS=()
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        log "stopping app (SIGTERM to pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        local i
        for i in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        if kill -0 "$pid" 2>/dev/null; then
            log "app did not stop in 60 s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    fi
    APP_PID=""
    if [[ -n "$APP_DATA" ]]; then
        stop_postgres_of "$APP_DATA/postgres"
        if pgrep -a -f -- "$APP_DATA/postgres" >&2; then
            log "WARNING: a PostgreSQL process of $APP_DATA is still running"
        else
            log "no PostgreSQL process of $APP_DATA left"
        fi
    fi
    APP_DATA=""
}

# cached_csv ROWS SEED PREFIX -> path of bench/work/calls-... (generated once per arguments)
cached_csv() {
    local rows="$1" seed="$2" prefix="${3:-}"
    local f="$WORK/calls-${rows}-s${seed}${prefix:+-$prefix}-d90-e${BENCH_END}.csv"
    if [[ ! -s "$f" ]]; then
        log "generating $f"
        python3 "$BENCH_DIR/gen-calls.py" "$rows" "$f.tmp" --seed "$seed" --days 90 --end "$BENCH_END" \
            ${prefix:+--id-prefix "$prefix"} >&2
        mv "$f.tmp" "$f"
    else
        log "using cached $f"
    fi
    printf '%s\n' "$f"
}

# ingest_api CSV OUT_JSON -> prints wall seconds; OUT_JSON holds the response
ingest_api() {
    local csv="$1" out="$2" t0 t1 code
    t0=$(now)
    code=$(curl -sS -o "$out" -w '%{http_code}' -X POST -H 'Content-Type: text/csv' -H "X-Api-Key: $BENCH_API_KEY" --max-time 3600 \
        --data-binary @"$csv" "http://127.0.0.1:$APP_PORT/api/ingest/calls?fileName=$(basename "$csv")") || code="curl-failed"
    t1=$(now)
    if [[ "$code" != 200 ]]; then
        log "ingest of $csv answered HTTP $code: $(head -c 2000 "$out" 2>/dev/null)"
        log "server log tail:"; tail -30 "$APP_LOG" >&2
        return 1
    fi
    elapsed "$t0" "$t1"
}

# json_field FILE FIELD
json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]))' "$1" "$2"; }

machine_info() {
    echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ {print $2}') GB RAM, kernel $(uname -r)"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "app: snapshot of backend/target/quarkus-app built $(date -r "$APP_DIR/quarkus-run.jar" '+%F %T'), tree at copy time: $(cat "$APP_DIR/.bench-source" 2>/dev/null || echo unknown)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    local others
    others=$(pgrep -a -f 'java|postgres -D' | grep -v -F -- "$WORK/runs" | grep -c . || true)
    if [[ "$others" -gt 0 ]]; then
        echo "note: $others other java/postgres processes were running on the machine (not this bench's)"
    fi
}

# Waits (bounded) until the machine is quiet: other people's builds and tests skew the figures.
wait_quiet() {
    local max="${BENCH_QUIET_WAIT:-300}" limit="${BENCH_QUIET_LOAD:-1.0}" start=$SECONDS load
    while :; do
        load=$(cut -d' ' -f1 /proc/loadavg)
        awk -v l="$load" -v m="$limit" 'BEGIN { exit !(l < m) }' && break
        if ((SECONDS - start >= max)); then
            log "load average still $load after ${max} s: measuring anyway (figures may be skewed)"
            break
        fi
        ((SECONDS - start == 0)) && log "waiting up to ${max} s for the load average ($load) to fall below $limit"
        sleep 5
    done
    QUIET_NOTE="load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg) (waited $((SECONDS - start)) s)"
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
