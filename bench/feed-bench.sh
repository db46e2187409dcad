#!/usr/bin/env bash
# Feed push delivery: 100,000 PENDING leads of one advertiser pushed to a local signed-webhook receiver
# (feed_receiver.py) by the app's scheduled FeedDeliveryWorker; leads/s from enabling the webhook to
# the last lead DELIVERED (target >= 1,000 leads/s). The webhook and leads are written with SQL (no
# login needed). App at -Xmx512m on its own embedded PostgreSQL.
#   bench/feed-bench.sh [LEADS]      knobs: BENCH_FEED_BATCH (batch_size, default 100)
# Writes bench/results/feed-<date>_<time>.txt.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LEADS="${1:-100000}"
BATCH="${BENCH_FEED_BATCH:-100}"
SECRET="bench-secret-$(date +%s)"

trap 'stop_app' EXIT
trap 'exit 130' INT TERM

prepare_app
OUT="$RESULTS/feed-$(date +%Y-%m-%d_%H%M%S).txt"
INFO=$(machine_info)
start_app feed -Xmx512m

RECV_PORT=$(free_port 18099)
python3 "$BENCH_DIR/feed_receiver.py" "$RECV_PORT" "$SECRET" >"$APP_DATA/receiver.log" 2>&1 &
BG_PIDS+=("$!")
for _ in $(seq 40); do curl -sf -o /dev/null "http://127.0.0.1:$RECV_PORT/stats" && break; sleep 0.25; done
curl -sf -o /dev/null "http://127.0.0.1:$RECV_PORT/stats" || die "receiver did not start (log: $APP_DATA/receiver.log)"

log "inserting $LEADS feed leads (webhook disabled meanwhile)"
t0=$(now)
pg <<SQL
INSERT INTO advertiser (advertiser_id, name) VALUES ('BENCH-FEED', 'Feed bench');
INSERT INTO campaign (campaign_id, advertiser_key) SELECT 'BENCH-FEED-C1', advertiser_key FROM advertiser WHERE advertiser_id = 'BENCH-FEED';
INSERT INTO agent (agent_id) VALUES ('BENCH-FEED-A1');
INSERT INTO lead (lead_id, campaign_key, advertiser_key)
    SELECT 'BFL' || lpad(g::text, 8, '0'), c.campaign_key, c.advertiser_key
    FROM campaign c, generate_series(1, $LEADS) g WHERE c.campaign_id = 'BENCH-FEED-C1';
INSERT INTO advertiser_webhook (advertiser_key, url, secret, enabled, batch_size, max_age_hours)
    SELECT advertiser_key, 'http://127.0.0.1:$RECV_PORT/hook', '$SECRET', false, $BATCH, 24 FROM advertiser
    WHERE advertiser_id = 'BENCH-FEED';
INSERT INTO feed_lead (advertiser_key, lead_key, call_key, call_id, campaign_key, agent_key, verified_at,
                       talk_seconds, attempt_no, phone)
    SELECT l.advertiser_key, l.lead_key, l.lead_key, 'BFC' || l.lead_key, l.campaign_key, a.agent_key,
           now() - interval '1 hour', 30 + l.lead_key % 300, 1 + l.lead_key % 4, '+1555' || lpad(l.lead_key::text, 7, '0')
    FROM lead l, agent a WHERE l.lead_id LIKE 'BFL%' AND a.agent_id = 'BENCH-FEED-A1' ORDER BY l.lead_key;
ANALYZE feed_lead;
SQL
log "inserted in $(elapsed "$t0" "$(now)") s"
wait_quiet

log "enabling the webhook (batch_size $BATCH); the worker polls every second"
t_start=$(now)
pg -c "UPDATE advertiser_webhook SET enabled = true"
deadline=$((SECONDS + 900))
while :; do
    delivered=$(pg -At -c "SELECT count(*) FROM feed_lead WHERE status = 'DELIVERED'")
    [[ "$delivered" -ge "$LEADS" ]] && break
    ((SECONDS < deadline)) || die "only $delivered of $LEADS delivered after 900 s (log: $APP_LOG)"
    kill -0 "$APP_PID" 2>/dev/null || die "the app died (log: $APP_LOG)"
    sleep 0.2
done
t_end=$(now)
secs=$(elapsed "$t_start" "$t_end")
STATS=$(curl -sf "http://127.0.0.1:$RECV_PORT/stats")
DB=$(pg -At -F' ' -c "SELECT count(*), sum(lead_count), count(*) FILTER (WHERE outcome <> 'DELIVERED'),
    round(avg(duration_ms)::numeric, 1), max(duration_ms) FROM webhook_attempt")
read -r attempts attempt_leads not_ok avg_ms max_ms <<<"$DB"
{
    echo "Callsight feed push benchmark, $(date '+%F %T %Z')"
    echo "$INFO"
    echo "${QUIET_NOTE:-}"
    echo "leads: $LEADS of one advertiser, batch_size $BATCH, receiver: bench/feed_receiver.py (python3, verifies each signature)"
    echo "all DELIVERED in $secs s (from enabling the webhook; includes up to 1 s until the next scheduler tick)"
    awk -v n="$LEADS" -v s="$secs" 'BEGIN { printf "throughput: %.0f leads/s (target >= 1,000)\n", n / s }'
    echo "webhook attempts: $attempts ($attempt_leads leads, $not_ok not DELIVERED), POST avg $avg_ms ms, max $max_ms ms"
    echo "receiver: $STATS"
} | tee "$OUT"
python3 - "$STATS" "$LEADS" <<'EOF2'
import json, sys
s, n = json.loads(sys.argv[1]), int(sys.argv[2])
problems = []
if s["uniqueKeys"] != n: problems.append(f"receiver saw {s['uniqueKeys']} distinct idempotency keys, expected {n}")
if s["badSignatures"]: problems.append(f"{s['badSignatures']} requests with a bad signature")
if problems: sys.exit("; ".join(problems))
EOF2
log "results: $OUT"
