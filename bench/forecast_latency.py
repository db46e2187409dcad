#!/usr/bin/env python3
"""Latency of the compute-on-request forecasting/staffing queries (python3 stdlib only).

    bench/forecast_latency.py PORT [WARMUP] [RUNS]

forecastSeries on 15 years of daily data (a deterministic synthetic series with weekly season,
trend, holidays and a level shift; target < 2 s), serviceLevelFor / requiredAgents (Erlang C and A)
for one interval, and, when the app holds calls (forecast-bench.sh starts it with the demo data):
one full refreshForecasts (target < 30 s) and staffingPlan for the 30 days of 30-minute intervals
in each mode (target p95 < 300 ms). Prints p50 / p95 / max in ms per query.
"""
import json
import os
import math
import random
import sys
import time
import urllib.request
from datetime import date, timedelta

PORT = int(sys.argv[1])
WARMUP = int(sys.argv[2]) if len(sys.argv) > 2 else 3
RUNS = int(sys.argv[3]) if len(sys.argv) > 3 else 20


def post(query, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{PORT}/graphql", data=body,
                                 headers={"Content-Type": "application/json",
                                          "X-Api-Key": os.environ["BENCH_API_KEY"]})
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as r:
        answer = json.loads(r.read())
    ms = (time.perf_counter() - t) * 1000
    if answer.get("errors"):
        raise SystemExit(f"GraphQL error: {answer['errors']}")
    return ms, answer["data"]


def measure(label, query, variables=None, target_ms=None):
    for _ in range(WARMUP):
        post(query, variables)
    times = sorted(post(query, variables)[0] for _ in range(RUNS))
    p = lambda q: times[min(len(times) - 1, max(0, math.ceil(q * len(times)) - 1))]
    verdict = "" if target_ms is None else ("  PASS" if p(0.95) < target_ms else "  MISS") + f" (target p95 < {target_ms} ms)"
    print(f"  {label:<44} p50={p(0.5):8.1f} ms  p95={p(0.95):8.1f} ms  max={times[-1]:8.1f} ms  n={RUNS}{verdict}")


rnd = random.Random(15)
start = date(2010, 1, 1)
points = []
for i in range(15 * 365):
    d = start + timedelta(days=i)
    v = 1000 + 0.05 * i + 200 * math.sin(2 * math.pi * d.weekday() / 7) + rnd.gauss(0, 40)
    if i > 3000:
        v += 300  # level shift
    if (d.month, d.day) in ((1, 1), (12, 25)):
        v = 0  # holidays
    points.append({"date": d.isoformat(), "value": round(max(v, 0), 1)})

ms, data = post("""query($p: [SeriesPointInput!]!) { forecastSeries(points: $p, horizonDays: 30) {
  model accuracy { mase relativeMaeVsSeasonalNaive coverage80 coverage95 } } }""", {"p": points})
print(f"forecastSeries on {len(points)} days: model {data['forecastSeries']['model']}, "
      f"accuracy {data['forecastSeries']['accuracy']}")
measure(f"forecastSeries, {len(points)} days, horizon 30",
        """query($p: [SeriesPointInput!]!) { forecastSeries(points: $p, horizonDays: 30) {
           model points { date value lo80 hi80 lo95 hi95 } accuracy { mase smape coverage80 } } }""",
        {"p": points}, target_ms=2000)
measure("serviceLevelFor Erlang C (14 agents)", """{ serviceLevelFor(agents: 14, callsPerInterval: 100,
        ahtSeconds: 180, intervalMinutes: 30, answerWithinSeconds: 20) { serviceLevel asaSeconds occupancy } }""")
measure("serviceLevelFor Erlang A (14 agents)", """{ serviceLevelFor(agents: 14, callsPerInterval: 100,
        ahtSeconds: 180, intervalMinutes: 30, answerWithinSeconds: 20, patienceSeconds: 300) {
        serviceLevel asaSeconds occupancy probAbandon } }""")
measure("requiredAgents Erlang A, 2000 Erlangs", """{ requiredAgents(callsPerInterval: 10000, ahtSeconds: 180,
        intervalMinutes: 15, answerWithinSeconds: 20, targetServiceLevel: 0.8, patienceSeconds: 120) {
        agents agentsWithShrinkage serviceLevel } }""")

ms, data = post("{ ingestBatches(first: 1) { edges { node { id } } } }")
if data["ingestBatches"]["edges"]:
    # let the first refresh the app starts by itself finish, so the measured one runs alone
    deadline = time.time() + 120
    while time.time() < deadline:
        runs = post("{ forecastRuns(last: 1) { status } }")[1]["forecastRuns"]
        if runs and runs[0]["status"] != "RUNNING":
            break
        time.sleep(1)
    ms, data = post("mutation { refreshForecasts { id status seriesRefreshed models } }")
    verdict = "PASS" if ms < 30_000 and data["refreshForecasts"]["status"] == "COMPLETED" else "MISS"
    print(f"  refreshForecasts (full refresh: every scope, every agent, profile) {ms:8.0f} ms  {verdict} (target < 30 s)"
          f"  {data['refreshForecasts']}")
    plan = """query($mode: StaffingMode) { staffingPlan(intervalMinutes: 30, mode: $mode) {
      days { date peakAgents agentHours }
      intervals { start expectedCalls agents agentsWithShrinkage serviceLevel occupancy abandonRate } } }"""
    for mode in ("WORKLOAD", "ERLANG_C", "ERLANG_A"):
        measure(f"staffingPlan 30 days x 30 min, {mode}", plan, {"mode": mode}, target_ms=300)
else:
    print("  (no calls in the database: refreshForecasts and staffingPlan not measured)")
