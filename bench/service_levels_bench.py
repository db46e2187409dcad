#!/usr/bin/env python3
"""Service levels and scorecards speed against a running app.

usage: service_levels_bench.py PORT TESTDATA_DIR [RUNS=50]

1. 15 years of daily queue metrics (5,479 rows in the Vancouver export's shape: BOM, ';', CRLF, newest first)
   through POST /api/ingest/service-metrics (target < 2 s);
2. the real Anonymous Bank month (33,344 calls) through POST /api/ingest/inbound-calls (target < 3 s);
3. a year of agent KPIs (60 agents x 365 days = 21,900 rows, JSON) through POST /api/ingest/agent-kpis;
4. warm p50/p95 of the service-metric and scorecard queries over RUNS runs (target p95 < 150 ms).
"""
import datetime, json, os, random, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_client import Client

port, testdata = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 50
client = Client(port)
post = client.post

rng = random.Random(11)
start = datetime.date(2005, 1, 1)
days = [start + datetime.timedelta(days=i) for i in range(5479)]
lines = ["Date;CallsOffered;CallsHandled;CallsAbandoned;AverageSpeedofAnswer;ServiceLevel;BI_ID"]
for i, d in enumerate(reversed(days)):
    offered = rng.randint(300, 2000)
    abandoned = rng.randint(0, offered // 10)
    handled = offered - abandoned - rng.randint(0, 20)
    lines.append(f"{d};{offered};{handled};{abandoned};{rng.uniform(3, 120):.11f};{rng.uniform(0.3, 0.99):.12f};{i}")
body = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()
secs, r = post("/api/ingest/service-metrics?source=vancouver-311&fileName=bench-15y.csv", body, "text/csv")
print(f"15 years of daily metrics: {r['accepted']} rows in {secs*1000:.0f} ms (target < 2000 ms)")

bank = open(os.path.join(testdata, "calls-real", "anonymous-bank-1999-02.tsv"), "rb").read()
secs, r = post("/api/ingest/inbound-calls?fileName=bank-1999-02.tsv", bank, "text/tab-separated-values")
print(f"call log month: {r['accepted']} calls in {secs*1000:.0f} ms (target < 3000 ms)")

kpis = []
for a in range(60):
    for dd in range(365):
        day = datetime.date(2031, 1, 1) + datetime.timedelta(days=dd)
        kpis.append({"agent_id": f"B{a:03d}", "agent_name": f"Agent {a}", "team": f"T{a % 6}", "date": str(day),
                     "adherence": round(rng.uniform(0.8, 1), 3), "quality_score": round(rng.uniform(60, 100), 1),
                     "csat": round(rng.uniform(3, 5), 2), "fcr": round(rng.uniform(0.5, 0.95), 3),
                     "aht": round(rng.uniform(200, 450)), "acw": round(rng.uniform(20, 90))})
secs, r = post("/api/ingest/agent-kpis", json.dumps(kpis).encode(), "application/json")
print(f"agent KPIs: {r['accepted']} agent-days in {secs*1000:.0f} ms")

queries = {
    "serviceMetrics DAY, one month of calls": '{ serviceMetrics(queue: "anonymous-bank", bucket: DAY, filter: {from: "1999-02-01", to: "1999-03-01"}) { periodStart offered serviceLevel ahtSeconds } }',
    "serviceMetrics 15 min, one month of calls": '{ serviceMetrics(queue: "anonymous-bank", bucket: MINUTES_15, filter: {from: "1999-02-01", to: "1999-03-01"}) { periodStart offered serviceLevel } }',
    "serviceMetrics MONTH, 15 years of days": '{ serviceMetrics(queue: "vancouver-311", bucket: MONTH) { periodStart offered serviceLevel asaSeconds } }',
    "serviceMetrics WEEK, one year of days": '{ serviceMetrics(queue: "vancouver-311", bucket: WEEK, filter: {from: "2015-01-01", to: "2016-01-01"}) { periodStart offered } }',
    "agentScorecards by agent, a year": '{ agentScorecards(filter: {from: "2031-01-01", to: "2032-01-01"}) { agentId compositeScore tier } }',
    "agentScorecards overall per week, a year": '{ agentScorecards(filter: {from: "2031-01-01", to: "2032-01-01"}, groupBy: OVERALL, bucket: WEEK) { periodStart compositeScore } }',
    "agentBottlenecks, a month": '{ agentBottlenecks(filter: {from: "2031-03-01", to: "2031-04-01"}) { agentId day metric } }',
    "staffingBacktest, one month": '{ staffingBacktest(queue: "anonymous-bank", from: "1999-02-01", to: "1999-03-01") { errors { model serviceLevelMae } } }',
}
print(f"queries, warm, {runs} runs each (target p95 < 150 ms):")
for name, q in queries.items():
    p50, p95 = client.latency(q, runs)
    print(f"  {name:44s} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  {'PASS' if p95 < 150 else 'MISS'}")
