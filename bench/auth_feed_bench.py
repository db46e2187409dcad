#!/usr/bin/env python3
"""Access control and pull-feed speed against a running app with demo data and users.

usage: auth_feed_bench.py PORT DEMO_PASSWORD [RUNS=200]

1. verifiedLeads pages of 500: advertiser1 (token) pages through its whole feed, then reads the
   first page RUNS times; an admin reads pages of one advertiser. p50/p95/max per case.
2. What access control adds to a report: the 30-day campaignPerformance with a login token and
   with an API key (end to end, p50/p95), and the server's own timers of the auth steps
   (callsight_auth_seconds in /q/metrics: token verification, API-key lookup, role check).
"""
import json, os, sys, time, urllib.request

port, password = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 200
base = f"http://127.0.0.1:{port}"


def call(path, body=None, headers=None):
    req = urllib.request.Request(base + path, data=body, headers=headers or {}, method="POST" if body else "GET")
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as r:
        raw = r.read()
    return time.perf_counter() - t, raw


def login(user):
    _, raw = call("/api/auth/login", json.dumps({"username": user, "password": password}).encode(),
                  {"content-type": "application/json"})
    return json.loads(raw)["token"]


def gql(auth, query, variables=None):
    s, raw = call("/graphql", json.dumps({"query": query, "variables": variables or {}}).encode(),
                  {"content-type": "application/json", **auth})
    data = json.loads(raw)
    if data.get("errors"):
        raise SystemExit(f"GraphQL error: {data['errors']}")
    return s, data["data"]


def stats(xs):
    s = sorted(xs)
    return f"p50 {s[len(s) // 2] * 1000:.1f} ms, p95 {s[max(0, int(len(s) * 0.95) - 1)] * 1000:.1f} ms, " \
           f"max {s[-1] * 1000:.1f} ms (n={len(s)})"


admin = {"Authorization": "Bearer " + login("admin")}
adv = {"Authorization": "Bearer " + login("advertiser1")}
key = {"X-Api-Key": os.environ["BENCH_API_KEY"]}

PAGE = "query($a: String) { verifiedLeads(first: 500, after: $a) { edges { node { seq leadId advertiserId campaignId " \
       "campaignName verifiedAt callId agentId agentName talkSeconds attempt phone deliveryStatus deliveredAt " \
       "returnedAt returnReason returnableUntil idempotencyKey } } pageInfo { hasNextPage endCursor } } }"
for _ in range(5):
    gql(adv, PAGE)
times, after, leads = [], None, 0
while True:
    s, d = gql(adv, PAGE, {"a": after})
    times.append(s)
    leads += len(d["verifiedLeads"]["edges"])
    if not d["verifiedLeads"]["pageInfo"]["hasNextPage"]:
        break
    after = d["verifiedLeads"]["pageInfo"]["endCursor"]
print(f"verifiedLeads, advertiser1 paging its whole feed ({leads} leads, pages of 500): {stats(times)}")
print(f"verifiedLeads, advertiser1 first page x{runs}: {stats([gql(adv, PAGE)[0] for _ in range(runs)])}")
ADMIN_PAGE = PAGE.replace("query($a: String)", "query($a: String, $adv: String)").replace(
    "verifiedLeads(first: 500, after: $a)", "verifiedLeads(advertiserId: $adv, first: 500, after: $a)")
_, first_adv = gql(admin, "{ me { username } advertisers { advertiserId } }")
adv_id = first_adv["advertisers"][0]["advertiserId"]
print(f"verifiedLeads, admin reading {adv_id} first page x{runs}: "
      f"{stats([gql(admin, ADMIN_PAGE, {'adv': adv_id})[0] for _ in range(runs)])}")

REPORT = "query($f: DateTime, $t: DateTime) { campaignPerformance(filter: {from: $f, to: $t}) { campaignId totalCalls " \
         "uniqueLeads leadsConverted qualifiedLeads conversionRate leadsReturned returnRate } }"
now = time.time()
window = {"f": time.strftime("%Y-%m-%dT00:00:00Z", time.gmtime(now - 30 * 86400)),
          "t": time.strftime("%Y-%m-%dT00:00:00Z", time.gmtime(now + 86400))}
for who, auth in (("token", admin), ("API key", key)):
    for _ in range(10):
        gql(auth, REPORT, window)
    print(f"campaignPerformance (30 days) with {who}: {stats([gql(auth, REPORT, window)[0] for _ in range(runs)])}")
print(f"me (authentication + role check, no report) with token: {stats([gql(admin, '{ me { username } }')[0] for _ in range(runs)])}")

_, metrics = call("/q/metrics")
print("server-side auth timers (callsight_auth_seconds, sliding window):")
for line in metrics.decode().splitlines():
    if line.startswith("callsight_auth_seconds{") and 'quantile="0.95"' in line:
        step = line.split('step="')[1].split('"')[0]
        print(f"  {step}: p95 {float(line.rsplit(' ', 1)[1]) * 1000:.3f} ms")
    if line.startswith("callsight_auth_seconds_max{"):
        step = line.split('step="')[1].split('"')[0]
        print(f"  {step}: max {float(line.rsplit(' ', 1)[1]) * 1000:.3f} ms")
