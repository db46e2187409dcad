#!/usr/bin/env python3
"""Warm latency of the Overview page's one GraphQL request (python3 stdlib only).

    bench/overview_bench.py PORT OVERVIEW_TS [RUNS]

Reads the query the SPA sends from frontend/src/features/overview/api/overview.ts (the text between the
backticks), with the SPA's default filters (last 30 days in UTC, the 30 days before for the tiles' change,
daily trend), sends 5 warm-up requests, then RUNS measured ones, and prints p50 / p95 / max against the
target (the page's data in under 1 s warm). Then each of its four parts alone, for where the time goes.
"""
import datetime
import json
import re
import sys
import time

from bench_client import Client


def main():
    port, ts_file = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    query = re.search(r"graphql\(`(.*?)`\)", open(ts_file).read(), re.S).group(1)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    day = lambda d: d.isoformat() + "T00:00:00.000Z"
    current = {"from": day(today - datetime.timedelta(days=29)), "to": day(today + datetime.timedelta(days=1))}
    previous = {"from": day(today - datetime.timedelta(days=59)), "to": day(today - datetime.timedelta(days=29))}
    variables = {"current": current, "previous": previous, "withPrevious": True, "timeZone": "UTC", "bucket": "DAY"}
    client = Client(port)

    def once(q, v):
        t = time.perf_counter()
        _, data = client.post("/graphql", json.dumps({"query": q, "variables": v}).encode(), "application/json")
        if data.get("errors") or not data.get("data"):
            raise SystemExit(f"GraphQL error: {data.get('errors')}")
        return (time.perf_counter() - t) * 1000, data["data"]

    def timed(q, v, n):
        for _ in range(5):
            once(q, v)
        s = sorted(once(q, v)[0] for _ in range(n))
        return s[len(s) // 2], s[max(0, int(len(s) * 0.95) - 1)], s[-1]

    _, data = once(query, variables)
    calls = data["current"]["edges"][0]["node"]["totalCalls"]
    print(f"Overview request (last 30 days: {calls:,} calls; {len(data['trend']['edges'])} days; "
          f"{len(data['heatmap']['edges'])} heatmap cells), {runs} warm runs")
    p50, p95, mx = timed(query, variables, runs)
    print(f"  whole page, one request: p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {mx:.0f} ms (target < 1000 ms warm): "
          f"{'PASS' if p95 < 1000 else 'FAIL'}")
    # Each part alone: the same selection under its alias.
    for alias in ("current", "previous", "trend", "heatmap"):
        part = re.search(alias + r": callMetrics\(.*?\{.*?\}\s*\}\s*\}", query, re.S).group(0)
        part = part.replace(" @include(if: $withPrevious)", "")
        types = {"current": "CallFilter", "previous": "CallFilter", "timeZone": "String", "bucket": "TimeBucket"}
        used = [k for k in types if "$" + k in part]
        q = "query Part(" + ", ".join(f"${k}: {types[k]}" for k in used) + ") { " + part + " }"
        v = {k: variables[k] for k in used}
        p50, p95, mx = timed(q, v, max(10, runs // 2))
        print(f"  {alias:<9} alone: p50 {p50:.0f} ms, p95 {p95:.0f} ms")


if __name__ == "__main__":
    main()
