#!/usr/bin/env bash
# Compliance timing on the demo data of `make run` (300,000 calls over 90 days; -Xmx512m):
#   (a) the full re-check after a rule change: setComplianceRule (US-HOURS stored again, unchanged) and
#       recomputeCompliance, each re-evaluating every stored call (lead ranges of 5,000, one transaction each);
#   (b) the compliance share of ingest: three files of ROWS generated calls (default 100000) posted to
#       /api/ingest/calls, with the rules on, off (every rule disabled in the database, so the check returns at
#       once), and on again; the share = 1 - off / mean(on). The check's own time per insert, as the app logs it
#       ("Compliance check of the inserted calls", logged from 500 ms), is summed beside it.
#
#   bench/compliance-recheck-bench.sh [ROWS]
#
# Writes bench/results/compliance-<date>_<time>.txt. See bench/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROWS="${1:-100000}"
[[ "$ROWS" =~ ^[0-9]+$ && "$ROWS" -gt 0 ]] || die "ROWS must be a positive integer"
RUNS="${BENCH_RUNS:-3}"

trap 'stop_app' EXIT
trap 'exit 130' INT TERM

prepare_app
OUT="$RESULTS/compliance-$(date +%Y-%m-%d_%H%M%S).txt"
INFO=$(machine_info)
CSVS=()
for p in CA CB CC; do
    CSVS+=("$(cached_csv "$ROWS" 7 "$p")")
done
start_app compliance -Xmx512m -Dcallsight.demo.mode=on
wait_quiet

# gql QUERY -> prints the response; fails on errors
gql() {
    local body
    body=$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$1")
    curl -sS --max-time 3600 -H 'Content-Type: application/json' -H "X-Api-Key: $BENCH_API_KEY" \
        --data "$body" "http://127.0.0.1:$APP_PORT/graphql" | tee "$WORK/compliance-gql.json" \
        | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit("GraphQL errors: %s" % d["errors"]) if d.get("errors") else print(json.dumps(d["data"]))'
}
# timed QUERY -> prints wall seconds
timed() {
    local t0 t1
    t0=$(now)
    gql "$1" >/dev/null
    t1=$(now)
    elapsed "$t0" "$t1"
}
# the app's "Compliance recompute[ of rule X]: ... ms" log line after log line $1
recompute_line() { tail -n +"$1" "$APP_LOG" | grep -o 'Compliance recompute[^:]*: .*' | tail -1 || true; }

CALLS=$(pg -Atc 'SELECT count(*) FROM call')
LEADS=$(pg -Atc 'SELECT count(DISTINCT lead_key) FROM call')
RULES=$(pg -Atc 'SELECT count(*) FROM compliance_rule WHERE enabled')
log "demo data: $CALLS calls of $LEADS leads, $RULES rules"

# ---- (a) the full re-check
SET_RULE='mutation { setComplianceRule(rule: {code: "US-HOURS", jurisdiction: "US", kind: CALLING_HOURS, startTime: "08:00",
  endTime: "21:00", source: "TCPA, 47 CFR 64.1200(c)(1)", description: "No telephone solicitation before 8 a.m. or after 9 p.m., local time at the called party'"'"'s location"}) { code } }'
A_LINES=()
for i in $(seq "$RUNS"); do
    n=$(($(wc -l <"$APP_LOG") + 1))
    s=$(timed "$SET_RULE")
    A_LINES+=("setComplianceRule (US-HOURS) run $i: ${s} s wall; $(recompute_line "$n")")
    log "${A_LINES[-1]}"
    n=$(($(wc -l <"$APP_LOG") + 1))
    s=$(timed 'mutation { recomputeCompliance }')
    A_LINES+=("recomputeCompliance run $i: ${s} s wall; $(recompute_line "$n")")
    log "${A_LINES[-1]}"
done
VIOLATIONS=$(pg -Atc 'SELECT count(*) FROM compliance_violation')

# ---- (b) the compliance share of ingest
B_LINES=()
ON_SUM=0
ON_N=0
OFF_S=""
CHECK_ON_MS=0
states=(on off on)
for k in 0 1 2; do
    state=${states[$k]}
    if [[ "$state" == off ]]; then
        pg -c 'CREATE TABLE bench_rules_enabled AS SELECT code, enabled FROM compliance_rule' \
            -c 'UPDATE compliance_rule SET enabled = false'
    fi
    n=$(($(wc -l <"$APP_LOG") + 1))
    s=$(ingest_api "${CSVS[$k]}" "$WORK/compliance-ingest-$k.json")
    check_ms=$(tail -n +"$n" "$APP_LOG" | sed -n 's/.*Compliance check of the inserted calls: .*, \([0-9]*\) ms (.*/\1/p' \
        | awk '{ t += $1 } END { print t + 0 }' || true)
    steps=$(tail -n +"$n" "$APP_LOG" | grep -o 'Compliance check of the inserted calls: .*' | tail -3 | tr '\n' ' ' || true)
    B_LINES+=("ingest of $ROWS calls, rules $state: ${s} s wall; compliance check logged: ${check_ms} ms ${steps:+($steps)}")
    log "${B_LINES[-1]}"
    if [[ "$state" == off ]]; then
        OFF_S=$s
        pg -c 'UPDATE compliance_rule r SET enabled = b.enabled FROM bench_rules_enabled b WHERE b.code = r.code' \
            -c 'DROP TABLE bench_rules_enabled'
    else
        ON_SUM=$(awk -v a="$ON_SUM" -v b="$s" 'BEGIN { print a + b }')
        ON_N=$((ON_N + 1))
        CHECK_ON_MS=$((CHECK_ON_MS + check_ms))
    fi
done
ON_MEAN=$(awk -v a="$ON_SUM" -v n="$ON_N" 'BEGIN { printf "%.3f", a / n }')
SHARE=$(awk -v on="$ON_MEAN" -v off="$OFF_S" 'BEGIN { printf "%.0f", 100 * (1 - off / on) }')
LOGGED_SHARE=$(awk -v ms="$CHECK_ON_MS" -v on="$ON_SUM" 'BEGIN { printf "%.0f", 100 * ms / 1000 / on }')

{
    echo "Callsight compliance re-check and ingest share, $(date '+%F %T %Z')"
    echo "$INFO"
    echo "$QUIET_NOTE"
    echo "data: demo, $CALLS calls of $LEADS leads, $RULES enabled rules; $VIOLATIONS violations after the re-check"
    echo
    echo "(a) full re-check after a rule change"
    printf '  %s\n' "${A_LINES[@]}"
    echo
    echo "(b) compliance share of ingest ($ROWS calls per file, generated: gen-calls.py --seed 7)"
    printf '  %s\n' "${B_LINES[@]}"
    echo "  share of the ingest wall time, on vs off: ${SHARE}% (on: mean ${ON_MEAN} s, off: ${OFF_S} s)"
    echo "  share from the app's own log of the check (from 500 ms): ${LOGGED_SHARE}%"
} | tee "$OUT"
log "results: $OUT"
