#!/usr/bin/env python3
"""Lead-quality speed: snapshot ingest (+ checks) and funnel latency, against a running app.

usage: lead_quality_bench.py PORT TESTDATA_DIR [SNAPSHOTS=50] [RUNS=50]

Loads leads.parquet, then SNAPSHOTS daily snapshots made from the five real CRM files (cycled; each
day a few hundred leads move one stage further and the rows are shuffled, so every file is new
content of the same real shape, ~3,700 rows), timing each POST (ingest + data-quality checks, one
transaction). Then times the funnel queries (warm, p50/p95 over RUNS).
"""
import csv, io, json, os, random, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_client import Client

port, testdata = sys.argv[1], sys.argv[2]
snapshots = int(sys.argv[3]) if len(sys.argv) > 3 else 50
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 50
client = Client(port)
post = client.post

lq = os.path.join(testdata, "lead-quality")
secs, r = post("/api/ingest/leads", open(os.path.join(lq, "leads.parquet"), "rb").read(), "application/octet-stream")
print(f"leads.parquet: {r['rowsRead']} rows in {secs*1000:.0f} ms")

files = ["data_1.csv", "data_10.csv", "data_11.csv", "data_13.csv", "data_16.csv"]
texts = [open(os.path.join(lq, "crm-snapshots", f), newline="").read() for f in files]
rng = random.Random(7)
times = []
rows_total = 0
for i in range(snapshots):
    lines = texts[i % len(texts)].split("\r\n" if "\r\n" in texts[i % len(texts)] else "\n")
    header, body = lines[0], [l for l in lines[1:] if l]
    rng.shuffle(body)
    # a few hundred leads move on: their Dispo becomes Sale (keeps the row shape)
    cols = next(csv.reader([header]))
    dispo = cols.index("Dispo")
    for j in rng.sample(range(len(body)), min(300, len(body))):
        f = next(csv.reader([body[j]]))
        if f[0] != "-----":
            f[dispo] = "Sale"
            out = io.StringIO(); csv.writer(out, lineterminator="").writerow(f); body[j] = out.getvalue()
    content = ("\n".join([header] + body) + "\n").encode()
    day = f"2023-{1 + i // 28:02d}-{1 + i % 28:02d}"
    secs, r = post(f"/api/ingest/crm-snapshots?source=bench&reportDate={day}&fileName=bench-{day}.csv", content, "text/csv")
    assert not r["alreadyLoaded"], r
    times.append(secs)
    rows_total += r["rowsLoaded"]
print(f"{snapshots} snapshots ({rows_total} rows, ~{rows_total // snapshots} per snapshot): total {sum(times):.1f} s "
      f"(target < 60 s), per snapshot median {statistics.median(times)*1000:.0f} ms, max {max(times)*1000:.0f} ms (target < 2 s)")

queries = {
    "funnel (latest)": '{ leadQualityFunnel(filter: {source: "bench"}) { deliveredLeads matchedLeads appointmentsSet demos sales conversionRate } }',
    "funnel by STATE": '{ leadQualityFunnel(filter: {source: "bench"}, groupBy: [STATE]) { state deliveredLeads sales } }',
    "funnel by ENTRY_MONTH, DISPO": '{ leadQualityFunnel(filter: {source: "bench"}, groupBy: [ENTRY_MONTH, DISPO]) { entryMonth dispo deliveredLeads } }',
    "funnel as of a past day": '{ leadQualityFunnel(filter: {source: "bench", asOf: "2023-01-20"}) { deliveredLeads sales } }',
    "funnel per snapshot": '{ leadQualityFunnel(filter: {source: "bench"}, groupBy: [SNAPSHOT_DATE]) { snapshotDate deliveredLeads sales } }',
    "funnel by CAMPAIGN": '{ leadQualityFunnel(filter: {source: "bench"}, groupBy: [CAMPAIGN]) { campaignId deliveredLeads sales } }',
}
print(f"funnel latency with {snapshots} snapshots loaded, warm, {runs} runs each (target p95 < 200 ms):")
for name, q in queries.items():
    p50, p95 = client.latency(q, runs)
    print(f"  {name:32s} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  {'PASS' if p95 < 200 else 'MISS'}")
