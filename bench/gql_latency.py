#!/usr/bin/env python3
"""Warm latency of the seed GraphQL reports (python3 stdlib only).

    bench/gql_latency.py URL [--from ISO --to ISO] [--label L] [--warmup 10] [--runs 50]
                         [--target-ms 150] [--tsv FILE]

For each report (campaignPerformance, agentPerformance, leadDisposition(LEAD_STATUS)) it sends
--warmup requests, then --runs measured ones, one after another on one keep-alive connection, and
prints p50 / p95 / max of the client-side wall time (request sent -> whole response read). Without
--from/--to the reports cover every call (no filter). A response with GraphQL errors, a non-200
status or an empty result is fatal (exit 2). With --tsv, appends one line per report.
"""

import os
import argparse
import http.client
import json
import math
import sys
import time
import urllib.parse

REPORTS = {
    "campaignPerformance":
        "query($f: CallFilter) { campaignPerformance(filter: $f) { campaignId totalCalls uniqueLeads "
        "callsConnected uniqueCallsConnected leadsConverted qualifiedLeads leadsLost avgAgentCallDuration "
        "avgCustomerCallDuration connectRate conversionRate } }",
    "agentPerformance":
        "query($f: CallFilter) { agentPerformance(filter: $f) { agentId callsMade callsConnected leadsConverted "
        "avgAgentCallDuration avgCustomerCallDuration callsPerHour successRate aht } }",
    "leadDisposition":
        "query($f: CallFilter) { leadDisposition(filter: $f, field: LEAD_STATUS) { status count share } }",
}


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    k = max(1, math.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[k - 1]


class Client:
    def __init__(self, url, timeout):
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port or 80
        self.path = u.path or "/graphql"
        self.timeout = timeout
        self.conn = None

    def post(self, body):
        for attempt in (1, 2):  # one reconnect if the server closed the keep-alive connection
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                t0 = time.perf_counter()
                self.conn.request("POST", self.path, body=body,
                                  headers={"Content-Type": "application/json", "Accept": "application/json",
                                           "X-Api-Key": os.environ["BENCH_API_KEY"]})
                resp = self.conn.getresponse()
                data = resp.read()
                return time.perf_counter() - t0, resp.status, data
            except (http.client.HTTPException, ConnectionError) as e:
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise SystemExit(f"gql_latency: request failed: {e!r}")


def main(argv):
    ap = argparse.ArgumentParser(description="warm latency of the seed GraphQL reports")
    ap.add_argument("url", help="GraphQL endpoint, e.g. http://127.0.0.1:8099/graphql")
    ap.add_argument("--from", dest="from_", help="inclusive start, ISO-8601 with offset")
    ap.add_argument("--to", help="exclusive end, ISO-8601 with offset")
    ap.add_argument("--label", default=None, help="scope label for the output (default: full / from..to)")
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--timeout", type=float, default=120.0, help="per-request timeout, seconds")
    ap.add_argument("--target-ms", type=float, default=None, help="print PASS/MISS of p95 against this")
    ap.add_argument("--tsv", help="append results (label, report, rows, p50, p95, max, mean ms) to this file")
    ap.add_argument("--reports", default=",".join(REPORTS), help="comma-separated subset")
    a = ap.parse_args(argv)

    flt = {}
    if a.from_:
        flt["from"] = a.from_
    if a.to:
        flt["to"] = a.to
    label = a.label or ("full range" if not flt else f"{a.from_ or ''}..{a.to or ''}")
    client = Client(a.url, a.timeout)
    worst = 0.0
    for name in a.reports.split(","):
        body = json.dumps({"query": REPORTS[name], "variables": {"f": flt or None}}).encode()
        times = []
        rows = None
        first_ms = None
        for i in range(a.warmup + a.runs):
            dt, status, data = client.post(body)
            if status != 200:
                raise SystemExit(f"gql_latency: {name}: HTTP {status}: {data[:500]!r}")
            doc = json.loads(data)
            if doc.get("errors"):
                raise SystemExit(f"gql_latency: {name}: errors: {json.dumps(doc['errors'])[:1000]}")
            result = (doc.get("data") or {}).get(name)
            if not result:
                raise SystemExit(f"gql_latency: {name}: empty result: {data[:300]!r}")
            if i == 0:
                first_ms = dt * 1000
                rows = len(result)
            if i >= a.warmup:
                times.append(dt * 1000)
        times.sort()
        p50, p95, mx = percentile(times, 50), percentile(times, 95), times[-1]
        mean = sum(times) / len(times)
        worst = max(worst, p95)
        verdict = ""
        if a.target_ms is not None:
            verdict = "  PASS" if p95 < a.target_ms else f"  MISS (target p95 < {a.target_ms:g} ms)"
        print(f"  {name:<20} {label:<28} rows={rows:<3} p50={p50:8.1f} ms  p95={p95:8.1f} ms  "
              f"max={mx:8.1f} ms  (first request {first_ms:.0f} ms, n={len(times)}){verdict}", flush=True)
        if a.tsv:
            with open(a.tsv, "a") as f:
                f.write(f"{label}\t{name}\t{rows}\t{p50:.1f}\t{p95:.1f}\t{mx:.1f}\t{mean:.1f}\t{first_ms:.1f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
