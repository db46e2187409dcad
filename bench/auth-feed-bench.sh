#!/usr/bin/env bash
# Access control and the pull feed: a verifiedLeads page of 500 (target p95 < 100 ms) and what
# authentication + authorization add to a report (target p95 < 5 ms). App at -Xmx512m on its own
# embedded PostgreSQL with the demo data (BENCH_DEMO_CALLS, default 300,000 calls; its converted,
# qualified leads fill the feeds), plus up to BENCH_EXTRA_FEED (default 100,000) feed rows for the
# first advertiser inserted with psql (one per lead of it not in its feed yet: about 37,000 leads with
# the default demo), so the pages are read from a large feed.
# Writes bench/results/auth-feed-<date>_<time>.txt.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

trap 'stop_app' EXIT
trap 'exit 130' INT TERM

prepare_app
OUT="$RESULTS/auth-feed-$(date +%Y-%m-%d_%H%M%S).txt"
INFO=$(machine_info)
export CALLSIGHT_DEMO_CALLS="${BENCH_DEMO_CALLS:-300000}" CALLSIGHT_DEMO_PASSWORD="bench-demo-password"
export CALLSIGHT_FEED_DELIVERY=false
BENCH_DEMO=on BENCH_READY_TIMEOUT=600 start_app auth-feed -Xmx512m
EXTRA="${BENCH_EXTRA_FEED:-100000}"
log "adding $EXTRA feed rows for the first advertiser"
pg <<SQL
INSERT INTO feed_lead (advertiser_key, lead_key, call_key, call_id, campaign_key, agent_key, verified_at, talk_seconds,
                       attempt_no, phone)
SELECT c.advertiser_key, c.lead_key, c.call_key, c.call_id, c.campaign_key, c.agent_key, c.dial_time,
       c.customer_call_duration_s, c.attempt_no, c.to_number
FROM call c
WHERE c.advertiser_key = (SELECT min(advertiser_key) FROM advertiser)
  AND NOT EXISTS (SELECT 1 FROM feed_lead f WHERE f.advertiser_key = c.advertiser_key AND f.lead_key = c.lead_key)
ORDER BY c.dial_time
LIMIT $EXTRA
ON CONFLICT DO NOTHING;
ANALYZE feed_lead;
SQL
wait_quiet
{
    echo "Callsight access-control and feed benchmark, $(date '+%F %T %Z')"
    echo "$INFO"
    echo "load average before measuring: $(loadavg)"
    echo "feed rows: $(pg -At -c 'SELECT count(*) FROM feed_lead'), of the first advertiser: $(pg -At -c \
        'SELECT count(*) FROM feed_lead WHERE advertiser_key = (SELECT min(advertiser_key) FROM advertiser)')"
    python3 "$BENCH_DIR/auth_feed_bench.py" "$APP_PORT" "bench-demo-password" "${BENCH_RUNS:-200}"
} | tee "$OUT"
log "results: $OUT"
