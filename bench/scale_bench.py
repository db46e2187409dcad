#!/usr/bin/env python3
"""Reports at scale: each seed report, callMetrics by campaign x day and the call list's first page by
GraphQL, next to the same aggregate in raw SQL on the call fact (python3 stdlib + psql).

    bench/scale_bench.py GRAPHQL_URL --psql "psql -h ... -U ... db" --from ISO --to ISO \
        [--warmup 10] [--runs 30] [--label L] [--tsv FILE] [--target-ms 150] [--max-sql-share 0.1]

For each report and each scope (full range; --from..--to) it sends --warmup then --runs GraphQL requests
one after another on one keep-alive connection (client wall time), then runs the raw SQL aggregate as
many times in one psql session (\\timing, server round trip) and prints p50/p95/max of both, the ratio
p95(GraphQL) / p95(SQL), and PASS/MISS against the targets: p95 < --target-ms and, for aggregates,
GraphQL p95 at most --max-sql-share of the raw SQL's p95 (the call list's first page: p95 < 50 ms).
Exit 2 on a GraphQL error or an empty result.
"""

import argparse
import json
import re
import shlex
import subprocess
import sys

from gql_latency import Client, percentile as nearest_rank  # the same GraphQL client and percentile

CAMPAIGNS = ("query($f: CallFilter) { campaignPerformance(filter: $f) { campaignId totalCalls uniqueLeads "
             "callsConnected uniqueCallsConnected leadsConverted qualifiedLeads leadsLost avgAgentCallDuration "
             "avgCustomerCallDuration connectRate conversionRate } }")
AGENTS = ("query($f: CallFilter) { agentPerformance(filter: $f) { agentId callsMade callsConnected leadsConverted "
          "avgAgentCallDuration avgCustomerCallDuration callsPerHour successRate aht } }")
DISPOSITION = "query($f: CallFilter) { leadDisposition(filter: $f, field: LEAD_STATUS) { status count share } }"
METRICS = ("query($f: CallFilter) { callMetrics(filter: $f, groupBy: [CAMPAIGN], bucket: DAY, first: 1000) { "
           "totalCount edges { node { campaignId bucketStart totalCalls callsConnected uniqueLeads leadsConverted "
           "avgAgentCallDuration connectRate } } } }")
CALL_LIST = ("query($f: CallFilter) { calls(filter: $f, first: 50) { edges { node { callId leadId campaignId "
             "agentId callStatus leadStatus dialTime } } } }")

# The same aggregates on the call fact; {w} is the time filter (or TRUE).
SQL = {
    "campaignPerformance": "SELECT c.campaign_key, count(*), count(DISTINCT c.lead_key), "
        "count(*) FILTER (WHERE c.call_status = 'Answered'), "
        "count(DISTINCT c.lead_key) FILTER (WHERE c.call_status = 'Answered'), "
        "count(DISTINCT c.lead_key) FILTER (WHERE c.lead_status = 'Interested'), "
        "count(DISTINCT c.lead_key) FILTER (WHERE c.lead_status = 'Not Interested'), "
        "avg(c.agent_call_duration_s), avg(c.customer_call_duration_s) FROM call c WHERE {w} GROUP BY 1",
    "agentPerformance": "SELECT c.agent_key, count(*), count(*) FILTER (WHERE c.call_status = 'Answered'), "
        "count(DISTINCT c.lead_key) FILTER (WHERE c.lead_status = 'Interested'), avg(c.agent_call_duration_s), "
        "avg(c.customer_call_duration_s), avg(c.agent_call_duration_s) FILTER (WHERE c.call_status = 'Answered'), "
        "min(c.dial_time), max(c.dial_time) FROM call c WHERE {w} AND c.agent_key IS NOT NULL GROUP BY 1",
    "leadDisposition": "SELECT s.lead_status, count(*) FROM (SELECT DISTINCT ON (c.lead_key) c.lead_key, c.lead_status "
        "FROM call c WHERE {w} ORDER BY c.lead_key, c.dial_time DESC) s GROUP BY 1",
    "callMetrics campaign x day": "SELECT c.campaign_key, date_trunc('day', c.dial_time AT TIME ZONE 'UTC'), count(*), "
        "count(*) FILTER (WHERE c.call_status = 'Answered'), count(DISTINCT c.lead_key), "
        "count(DISTINCT c.lead_key) FILTER (WHERE c.lead_status = 'Interested'), avg(c.agent_call_duration_s) "
        "FROM call c WHERE {w} GROUP BY 1, 2",
    "calls first page": None,
}
QUERIES = {
    "campaignPerformance": (CAMPAIGNS, "campaignPerformance"),
    "agentPerformance": (AGENTS, "agentPerformance"),
    "leadDisposition": (DISPOSITION, "leadDisposition"),
    "callMetrics campaign x day": (METRICS, "callMetrics"),
    "calls first page": (CALL_LIST, "calls"),
}


def percentile(values, p):
    return nearest_rank(sorted(values), p)


def graphql_times(client, query, field, flt, warmup, runs):
    body = json.dumps({"query": query, "variables": {"f": flt or None}}).encode()
    times = []
    for i in range(warmup + runs):
        dt, status, data = client.post(body)
        doc = json.loads(data) if status == 200 else None
        if status != 200 or doc.get("errors"):
            raise SystemExit(f"scale_bench: {field}: HTTP {status}: {data[:800]!r}")
        result = (doc.get("data") or {}).get(field)
        if not result or (isinstance(result, dict) and not result.get("edges")):
            raise SystemExit(f"scale_bench: {field}: empty result")
        if i >= warmup:
            times.append(dt * 1000)
    return times


def sql_times(psql, sql, warmup, runs):
    script = "\\o /dev/null\n" + (sql + ";\n") * warmup + "\\timing on\n" + (sql + ";\n") * runs
    out = subprocess.run(shlex.split(psql) + ["-X", "-q", "-v", "ON_ERROR_STOP=1"], input=script, text=True,
                         capture_output=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"scale_bench: psql failed: {out.stderr[:800]}")
    times = [float(m) for m in re.findall(r"Time: ([0-9.]+) ms", out.stdout)]
    if len(times) != runs:
        raise SystemExit(f"scale_bench: expected {runs} timings from psql, got {len(times)}: {out.stdout[:300]}")
    return times


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--psql", required=True)
    ap.add_argument("--from", dest="from_", required=True)
    ap.add_argument("--to", required=True)
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--label", default="")
    ap.add_argument("--tsv")
    ap.add_argument("--target-ms", type=float, default=150.0)
    ap.add_argument("--list-target-ms", type=float, default=50.0)
    ap.add_argument("--max-sql-share", type=float, default=0.1)
    ap.add_argument("--sql-warmup", type=int, default=1, help="raw SQL warm-up runs (a full-range aggregate of 10M "
                    "calls takes tens of seconds)")
    ap.add_argument("--sql-runs", type=int, default=3)
    a = ap.parse_args(argv)
    client = Client(a.url, 300.0)
    misses = 0
    for scope, flt, where in (("full range", {}, "TRUE"),
                              ("last 30 days", {"from": a.from_, "to": a.to},
                               f"c.dial_time >= '{a.from_}' AND c.dial_time < '{a.to}'")):
        for name, (query, field) in QUERIES.items():
            g = graphql_times(client, query, field, flt, a.warmup, a.runs)
            gp50, gp95, gmax = percentile(g, 50), percentile(g, 95), max(g)
            sql = SQL[name]
            if sql is None:
                ok = gp95 < a.list_target_ms
                verdict = "PASS" if ok else f"MISS (p95 < {a.list_target_ms:g} ms)"
                line = f"  {name:<28} {scope:<13} graphql p50={gp50:7.1f} p95={gp95:7.1f} max={gmax:7.1f} ms  {verdict}"
                s95 = float("nan")
            else:
                print(f"  {name:<28} {scope:<13} graphql p50={gp50:7.1f} p95={gp95:7.1f} max={gmax:7.1f} ms "
                      "(raw SQL running)", file=sys.stderr, flush=True)
                s = sql_times(a.psql, sql.format(w=where), a.sql_warmup, a.sql_runs)
                s95 = percentile(s, 95)
                share = gp95 / s95 if s95 > 0 else float("inf")
                ok = gp95 < a.target_ms and share <= a.max_sql_share
                verdict = "PASS" if ok else "MISS (" + ", ".join(
                    ([f"p95 >= {a.target_ms:g} ms"] if gp95 >= a.target_ms else [])
                    + ([f"share {share:.3f} > {a.max_sql_share:g}"] if share > a.max_sql_share else [])) + ")"
                line = (f"  {name:<28} {scope:<13} graphql p50={gp50:7.1f} p95={gp95:7.1f} max={gmax:7.1f} ms | "
                        f"raw SQL p50={percentile(s, 50):8.1f} p95={s95:8.1f} ms | share {share:.3f}  {verdict}")
            misses += 0 if ok else 1
            print(line, flush=True)
            if a.tsv:
                with open(a.tsv, "a") as f:
                    f.write(f"{a.label}\t{scope}\t{name}\t{gp50:.1f}\t{gp95:.1f}\t{gmax:.1f}\t{s95:.1f}\t{'PASS' if ok else 'MISS'}\n")
    print(f"  reports: {misses} over target" if misses else "  reports: every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
