#!/usr/bin/env bash
# The long crash drill (issue 14): the packaged service as a real process on a PostgreSQL of its own, killed
# with SIGKILL at 10 points of a 1M-row call-file ingest (the upload at 10% and 60%, the COPY at its start and
# middle, after the COPY, the insert at its start and while its statement runs, just before and just after the
# commit, before the answer), then PostgreSQL stopped under load. bench/crash_drill.py runs the drills.
#
#   bench/crash-drill.sh [ROWS] [POINTS]    (default 1000000 rows, every point; POINTS: comma list, "none")
#
# Prints per kill point what it tried and what held (batch state after the restart, the file's rows visible,
# the rows after the same file is sent again, the consistency check), then the database drill, then an overall
# PASS/FAIL; writes bench/results/crash-drill-<date>_<time>.txt. CRASH_DB_DRILL=0 skips the database drill.
# PostgreSQL: the newest /usr/lib/postgresql/*/bin (PG_BIN to choose), a cluster under bench/work/crash-drill
# (run as the postgres user when this runs as root: initdb refuses root). See bench/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROWS="${1:-1000000}"
POINTS="${2:-}"
[[ "$ROWS" =~ ^[0-9]+$ && "$ROWS" -gt 0 ]] || die "ROWS must be a positive integer"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[[ -x "$PG_BIN/pg_ctl" ]] || die "no PostgreSQL binaries (set PG_BIN to a directory with initdb and pg_ctl)"
DRILL="$WORK/crash-drill"
PGDATA_DIR="$DRILL/pg"
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_pg() { [[ -f "$PGDATA_DIR/postmaster.pid" ]] && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null 2>&1 || true; }
trap 'stop_pg' EXIT
trap 'exit 130' INT TERM

prepare_app
STAMP=$(date +%Y-%m-%d_%H%M%S)
OUT="$RESULTS/crash-drill-$STAMP.txt"
CSV=$(cached_csv "$ROWS" 42 "")
BASE=$(cached_csv 20000 7 "B")

stop_pg
rm -rf "$DRILL"
mkdir -p "$DRILL/run"
[[ $(id -u) == 0 ]] && chown postgres "$DRILL"
PG_PORT=$(free_port 55480)
HTTP_PORT="${BENCH_PORT:-$(free_port 18740)}" # off the 8099+ range the other benches share
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') cluster in $PGDATA_DIR, port $PG_PORT"
as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust >/dev/null
PG_OPTS="-p $PG_PORT -k $DRILL -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_wal_size=2GB -c temp_buffers=512MB -c work_mem=64MB -c jit=off"
PG_START="$PG_BIN/pg_ctl -D $PGDATA_DIR -o '$PG_OPTS' -l $DRILL/pg.log -w start"
PG_STOP="$PG_BIN/pg_ctl -D $PGDATA_DIR -m immediate stop"
if [[ $(id -u) == 0 ]]; then PG_START="runuser -u postgres -- $PG_START"; PG_STOP="runuser -u postgres -- $PG_STOP"; fi
eval "$PG_START" >/dev/null

ARGS=(--app-dir "$APP_DIR" --pg-port "$PG_PORT" --http-port "$HTTP_PORT" --csv "$CSV" --base-csv "$BASE"
    --work "$DRILL/run" --pg-stop-cmd "$PG_STOP" --pg-start-cmd "$PG_START")
[[ -n "$POINTS" ]] && ARGS+=(--points "$POINTS")
[[ "${CRASH_DB_DRILL:-1}" == 1 ]] && ARGS+=(--db-drill)
set +e
{
    echo "crash drill $STAMP: $ROWS rows; $(machine_info | tr '\n' ';' | sed 's/;$//')"
    python3 "$BENCH_DIR/crash_drill.py" "${ARGS[@]}"
} | tee "$OUT"
status=${PIPESTATUS[0]}
set -e
log "results: $OUT (service logs in $DRILL/run)"
exit "$status"
