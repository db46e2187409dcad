#!/usr/bin/env python3
"""Replays a generated day on the floor into Callsight's event API, live (python3 stdlib only).

    bench/replay.py [--url http://127.0.0.1:8080] [--speed 60 | --rate N] [--hours 8] [--agents 30]

A simulated outbound floor: agents log in (READY), the dialer rings leads for them, ~35% of the
calls are answered (the rest No Answer, Voicemail, Busy, Failed), an answered call puts the agent
ON_CALL, then WRAP_UP, then READY again, now and then PAUSED for a break; ~9% of the answered calls
end Interested (these become verified feed leads of the campaign's advertiser), the others Not
Interested, Callback (dialled again later), Wrong Number or DNC. Leads are retried up to 6 times.
Each call goes to POST /api/events/calls when it ends and each state change to
POST /api/events/agent-states when it happens, with dial_time / at = the real time of sending, so the
wallboard's "today" moves while you watch.

Pacing: --speed S plays S simulated seconds per real second (60 = a simulated hour per real minute;
30 agents then send ~15 calls/s); --rate N sends N events per second whatever the simulated clock
says. The run ends after --hours simulated hours or --duration real seconds (or Ctrl-C); every agent
is then LOGGED_OUT.

Campaigns, advertisers and agents: those the server already has (GraphQL campaigns / agents, e.g.
the demo data of `make run`) unless --own; else (or with an INGEST key, which may not read GraphQL)
its own 3 advertisers, 6 campaigns (LIVE-*) and agents.

Credentials: --api-key or $CALLSIGHT_API_KEY (an ADMIN or INGEST key), else a login (--user, default
admin) with --password or $CALLSIGHT_ADMIN_PASSWORD, else $CALLSIGHT_DEMO_PASSWORD, else the demo
default 'callsight-demo' (what `make run` with demo data gives the admin).

--dry-run prints the events as NDJSON instead of sending them. The Floor and Api classes are reused
by bench/live_bench.py.
"""
import argparse
import datetime as dt
import heapq
import http.client
import itertools
import json
import math
import os
import queue
import random
import signal
import sys
import threading
import time
import urllib.parse

# Own dimensions when the server has none (or --own): advertiser id, name
OWN_ADVERTISERS = [("LIVE-ADV-1", "Harbor Auto Insurance"), ("LIVE-ADV-2", "Sunrise Solar"),
                   ("LIVE-ADV-3", "Keystone Home Loans")]
# campaign id, name, advertiser index, volume weight
OWN_CAMPAIGNS = [("LIVE-CMP-1", "Auto Insurance Live", 0, 0.25), ("LIVE-CMP-2", "Home Insurance Live", 0, 0.15),
                 ("LIVE-CMP-3", "Solar Residential Live", 1, 0.20), ("LIVE-CMP-4", "Solar Battery Live", 1, 0.10),
                 ("LIVE-CMP-5", "Refinance Live", 2, 0.20), ("LIVE-CMP-6", "First Home Live", 2, 0.10)]
FIRST = ["Ada", "Ben", "Cleo", "Dev", "Esme", "Finn", "Gia", "Hugo", "Iris", "Jon", "Kira", "Leo", "Mia", "Nils",
         "Oona", "Pia", "Quin", "Rosa", "Sol", "Tess", "Uri", "Vera", "Wes", "Xia", "Yuri", "Zoe"]
LAST = ["Abbott", "Banks", "Cruz", "Dale", "Ennis", "Frost", "Gill", "Hale", "Ives", "Jain", "Kerr", "Lund", "Moss",
        "Nash", "Ortiz", "Park", "Quade", "Roth", "Shaw", "Toth", "Underwood", "Voss", "Webb", "Yates", "Zhou"]
PAUSE_REASONS = ["Break", "Lunch", "Coaching", "Meeting", "Technical issue"]


def iso_now():
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def iso(ts):
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


class Floor:
    """A discrete-event simulation of an outbound floor.

    events() yields (sim_seconds, kind, body) in simulated-time order; kind is "call" or "state".
    The bodies have no time yet: stamp(body) sets dial_time / at to now just before sending.
    campaigns: [(campaign_id, name, advertiser_id, weight)]; agents: [(agent_id, name)].
    """

    def __init__(self, campaigns, agents, seed=1, prefix="RP", answer_rate=0.38, interested_rate=0.09,
                 pause_rate=0.06, login_spread_s=600.0):
        self.rnd = random.Random(seed)
        self.prefix = prefix
        self.campaigns = []
        for cid, name, adv, weight in campaigns:
            # each campaign its own connect and conversion rate around the floor's
            connect = min(0.8, max(0.1, answer_rate * self.rnd.uniform(0.8, 1.2)))
            convert = min(0.5, max(0.01, interested_rate * self.rnd.uniform(0.7, 1.3)))
            did = f"+1{self.rnd.randint(200, 989)}555{self.rnd.randint(1000, 9999)}"
            self.campaigns.append({"id": cid, "name": name, "adv": adv, "w": weight, "connect": connect,
                                   "convert": convert, "did": did, "retries": []})
        self.camp_cum = list(itertools.accumulate(c["w"] for c in self.campaigns))
        self.agents = [{"id": a, "name": n, "camp": None} for a, n in agents]
        self.pause_rate = pause_rate
        self.login_spread_s = login_spread_s
        self.calls = 0
        self.leads = 0
        self.seq = itertools.count()
        self.heap = []

    # --- helpers -------------------------------------------------------------------------------
    def _campaign(self):
        r = self.rnd.random() * self.camp_cum[-1]
        for i, c in enumerate(self.camp_cum):
            if r <= c:
                return self.campaigns[i]
        return self.campaigns[-1]

    def _lead(self, camp, now):
        """A due retry of the campaign (40% of the dials when one is due) or a new lead."""
        retries = camp["retries"]
        if retries and retries[0][0] <= now and self.rnd.random() < 0.4:
            _, _, lead = heapq.heappop(retries)
            lead["attempt"] += 1
            return lead
        self.leads += 1
        # the lead arrived a few minutes to a few hours (real time) before its first dial
        created = time.time() - self.rnd.uniform(120, 4 * 3600)
        return {"id": f"{self.prefix}-L{self.leads:07d}", "attempt": 1, "created": iso(created),
                "phone": f"+1{self.rnd.randint(200, 989)}{self.rnd.randint(0, 9_999_999):07d}"}

    def _retry(self, camp, lead, now, delay):
        if lead["attempt"] < 6:
            heapq.heappush(camp["retries"], (now + delay, next(self.seq), lead))

    def _push(self, t, agent_idx, action, data=None):
        heapq.heappush(self.heap, (t, next(self.seq), agent_idx, action, data))

    def _state(self, agent, state, reason=None):
        body = {"agentId": agent["id"], "agentName": agent["name"], "state": state}
        if agent["camp"]:
            body["campaignId"] = agent["camp"]["id"]
        if reason:
            body["reason"] = reason
        return body

    def _call(self, agent, camp, lead, call_status, lead_status, agent_s, cust_s):
        self.calls += 1
        return {"call_id": f"{self.prefix}-C{self.calls:08d}", "lead_id": lead["id"], "campaign_id": camp["id"],
                "campaign_name": camp["name"], "advertiser_id": camp["adv"], "agent_id": agent["id"],
                "agent_name": agent["name"], "call_status": call_status, "lead_status": lead_status,
                "agent_call_duration": agent_s, "customer_call_duration": cust_s,
                "from_number": camp["did"], "to_number": lead["phone"], "attempt_no": lead["attempt"],
                "lead_created_at": lead["created"], "connected": call_status == "Answered"}

    # --- the simulation ------------------------------------------------------------------------
    def events(self):
        rnd = self.rnd
        for i, _ in enumerate(self.agents):
            self._push(rnd.uniform(0, self.login_spread_s), i, "login")
        while self.heap:
            t, _, i, action, data = heapq.heappop(self.heap)
            agent = self.agents[i]
            if action == "emit":
                yield (t, *data)
            elif action == "login":
                agent["camp"] = self._campaign()  # an agent works one campaign at a time
                yield t, "state", self._state(agent, "READY")
                self._push(t + rnd.uniform(1, 10), i, "dial")
            elif action == "dial":
                camp = agent["camp"]
                lead = self._lead(camp, t)
                ring = rnd.uniform(6, 30)
                if rnd.random() < camp["connect"] * (1 - 0.06 * (lead["attempt"] - 1)):
                    self._push(t + ring, i, "emit", ("state", self._state(agent, "ON_CALL")))
                    self._push(t + ring, i, "talk", (camp, lead, ring))
                    continue
                v = rnd.random()
                if v < 0.55:
                    status, lead_status, secs = "No Answer", "Not Answered", ring
                elif v < 0.80:
                    status, lead_status, secs = "Voicemail", "Voicemail", ring + rnd.uniform(10, 30)
                elif v < 0.95:
                    status, lead_status, secs = "Busy", "Busy", rnd.uniform(2, 6)
                else:
                    status, lead_status, secs = "Failed", "Not Answered", rnd.uniform(1, 3)
                self._push(t + secs, i, "emit", ("call", self._call(agent, camp, lead, status, lead_status,
                                                                    round(secs), 0)))
                if rnd.random() > 0.12:  # the dialler gives up on some leads
                    self._retry(camp, lead, t, rnd.uniform(1800, 4 * 3600))
                self._push(t + secs + rnd.uniform(1, 6), i, "dial")
            elif action == "talk":
                camp, lead, ring = data
                u = rnd.random()
                if u < camp["convert"]:
                    lead_status, talk = "Interested", rnd.lognormvariate(math.log(330), 0.45)
                elif u < camp["convert"] + 0.48:
                    lead_status, talk = "Not Interested", rnd.lognormvariate(math.log(70), 0.7)
                elif u < camp["convert"] + 0.76:
                    lead_status, talk = "Callback", rnd.lognormvariate(math.log(120), 0.6)
                elif u < camp["convert"] + 0.86:
                    lead_status, talk = "Wrong Number", rnd.lognormvariate(math.log(25), 0.5)
                else:
                    lead_status, talk = "DNC", rnd.lognormvariate(math.log(40), 0.5)
                end = t + talk
                self._push(end, i, "emit", ("state", self._state(agent, "WRAP_UP")))
                self._push(end, i, "emit", ("call", self._call(agent, camp, lead, "Answered", lead_status,
                                                              round(ring + talk), round(talk))))
                if lead_status == "Callback":
                    self._retry(camp, lead, end, rnd.uniform(900, 3 * 3600))
                wrap = rnd.lognormvariate(math.log(35), 0.4) * (1.5 if lead_status == "Interested" else 1)
                self._push(end + wrap, i, "ready")
            elif action == "ready":
                if rnd.random() < self.pause_rate:
                    yield t, "state", self._state(agent, "PAUSED", rnd.choice(PAUSE_REASONS))
                    self._push(t + rnd.uniform(180, 900), i, "resume")
                else:
                    yield t, "state", self._state(agent, "READY")
                    self._push(t + rnd.uniform(1, 8), i, "dial")
            elif action == "resume":
                yield t, "state", self._state(agent, "READY")
                self._push(t + rnd.uniform(1, 8), i, "dial")

    def logouts(self):
        return [self._state(a, "LOGGED_OUT") for a in self.agents if a["camp"] is not None]


def stamp(kind, body):
    body["dial_time" if kind == "call" else "at"] = iso_now()
    return body


class Api:
    """Callsight over one keep-alive HTTP connection: POST JSON, GraphQL, login; reconnects on errors."""

    def __init__(self, url, api_key=None, token=None, timeout=60):
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port or (443 if u.scheme == "https" else 80)
        self.https = u.scheme == "https"
        self.timeout = timeout
        self.api_key, self.token = api_key, token
        self.conn = None

    def headers(self):
        h = {"Content-Type": "application/json"}
        if self.api_key:
            h["X-Api-Key"] = self.api_key
        elif self.token:
            h["Authorization"] = "Bearer " + self.token
        return h

    def ws_auth(self):
        return "ApiKey " + self.api_key if self.api_key else "Bearer " + self.token

    def _connect(self):
        cls = http.client.HTTPSConnection if self.https else http.client.HTTPConnection
        self.conn = cls(self.host, self.port, timeout=self.timeout)
        self.conn.connect()
        if not self.https:
            import socket
            self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def request(self, method, path, body=None, headers=None):
        """(status, bytes); status 0 and the error text when the connection failed."""
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self._connect()
                self.conn.request(method, path, body=body, headers=headers or self.headers())
                r = self.conn.getresponse()
                data = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.close()
                return r.status, data
            except (http.client.HTTPException, OSError) as e:
                self.close()
                # a request that may have reached the server is not sent again (that is the caller's choice)
                if attempt == 2 or not isinstance(e, (http.client.RemoteDisconnected, BrokenPipeError,
                                                      ConnectionResetError)):
                    return 0, str(e).encode()
        return 0, b"unreachable"

    def post_json(self, path, obj):
        return self.request("POST", path, json.dumps(obj, separators=(",", ":")).encode())

    def gql(self, query, variables=None):
        status, data = self.post_json("/graphql", {"query": query, "variables": variables or {}})
        if status != 200:
            raise RuntimeError(f"GraphQL HTTP {status}: {data[:300]!r}")
        out = json.loads(data)
        if out.get("errors"):
            raise RuntimeError(f"GraphQL errors: {out['errors']}")
        return out["data"]

    def login(self, user, password):
        status, data = self.request("POST", "/api/auth/login", json.dumps({"username": user, "password": password})
                                    .encode(), {"Content-Type": "application/json"})
        if status != 200:
            raise RuntimeError(f"login as {user} answered HTTP {status}: {data[:300]!r}")
        self.token = json.loads(data)["token"]
        return self.token

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except OSError:
                pass
            self.conn = None


def dimensions(api, own, n_agents, rnd):
    """(campaigns, agents, where they came from) for the Floor."""
    campaigns, agents, source = [], [], "own"
    if not own:
        try:
            d = api.gql("{ campaigns { campaignId name advertiserId } agents { agentId name } }")
            campaigns = [(c["campaignId"], c["name"], c["advertiserId"], rnd.uniform(0.5, 1.5))
                         for c in d["campaigns"] if c["advertiserId"]]
            agents = [(a["agentId"], a["name"] or a["agentId"]) for a in d["agents"]][:n_agents]
            source = "the server's"
        except RuntimeError as e:
            print(f"replay: could not read the server's campaigns ({e}); using its own", file=sys.stderr)
    if not campaigns:
        campaigns = [(cid, name, OWN_ADVERTISERS[a][0], w) for cid, name, a, w in OWN_CAMPAIGNS]
        source = "own"
    for i in range(len(agents), n_agents):
        agents.append((f"LIVE-AG-{i + 1:03d}", f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}"))
    return campaigns, agents, source


def credentials(args):
    api = Api(args.url, api_key=args.api_key or os.environ.get("CALLSIGHT_API_KEY"))
    if not api.api_key:
        password = (args.password or os.environ.get("CALLSIGHT_ADMIN_PASSWORD")
                    or os.environ.get("CALLSIGHT_DEMO_PASSWORD") or "callsight-demo")
        api.login(args.user, password)
    return api


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.sent = {"call": 0, "state": 0}
        self.outcomes = {}
        self.errors = 0
        self.lat = []

    def record(self, kind, status, data, secs):
        with self.lock:
            self.sent[kind] += 1
            self.lat.append(secs)
            if status != 200:
                self.errors += 1
                if self.errors <= 5:
                    print(f"replay: {kind} event answered HTTP {status}: {data[:300]!r}", file=sys.stderr)
                return
            try:
                for e in json.loads(data)["events"]:
                    key = f"{kind} {e['outcome']}"
                    self.outcomes[key] = self.outcomes.get(key, 0) + 1
                    if e["outcome"] == "rejected" and self.outcomes[key] <= 5:
                        print(f"replay: {kind} rejected: {e}", file=sys.stderr)
            except (ValueError, KeyError):
                self.errors += 1

    def line(self, elapsed, sim_s):
        with self.lock:
            lat = sorted(self.lat)
            self.lat = []
            p95 = lat[int(len(lat) * 0.95)] * 1000 if lat else float("nan")
            sent = self.sent["call"] + self.sent["state"]
            return (f"[{elapsed:6.0f} s, sim {sim_s / 3600:5.2f} h] calls {self.sent['call']}, states "
                    f"{self.sent['state']}, {sent / max(elapsed, 1e-9):.1f} events/s, errors {self.errors}, "
                    f"p95 {p95:.0f} ms (last interval)")


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--url", default=os.environ.get("CALLSIGHT_URL", "http://127.0.0.1:8080"))
    p.add_argument("--api-key", help="ADMIN or INGEST key (default $CALLSIGHT_API_KEY)")
    p.add_argument("--user", default="admin")
    p.add_argument("--password", help="default $CALLSIGHT_ADMIN_PASSWORD, $CALLSIGHT_DEMO_PASSWORD, 'callsight-demo'")
    pace = p.add_mutually_exclusive_group()
    pace.add_argument("--speed", type=float, default=60.0, help="simulated seconds per real second (default 60)")
    pace.add_argument("--rate", type=float, help="events per real second instead of --speed")
    p.add_argument("--hours", type=float, default=8.0, help="simulated hours to play (default 8: a shift)")
    p.add_argument("--duration", type=float, help="stop after this many real seconds")
    p.add_argument("--agents", type=int, default=30, help="agents on the floor (default 30)")
    p.add_argument("--answer-rate", type=float, default=0.38, help="answer probability of a first attempt (default 0.38: ~35%% of all calls)")
    p.add_argument("--interested-rate", type=float, default=0.09, help="share of answered calls Interested")
    p.add_argument("--own", action="store_true", help="own LIVE-* campaigns and agents even if the server has some")
    p.add_argument("--clients", type=int, default=4, help="concurrent HTTP connections (default 4)")
    p.add_argument("--seed", type=int, help="random seed (default: from the clock)")
    p.add_argument("--prefix", help="call and lead id prefix (default RP<yymmddHHMMSS>)")
    p.add_argument("--dry-run", action="store_true", help="print the events as NDJSON, send nothing")
    p.add_argument("--quiet", action="store_true")
    a = p.parse_args(argv)
    seed = a.seed if a.seed is not None else int(time.time())
    prefix = a.prefix or "RP" + time.strftime("%y%m%d%H%M%S")
    rnd = random.Random(seed)

    api = None
    if a.dry_run:
        campaigns, agents, source = dimensions(None, True, a.agents, rnd)
    else:
        api = credentials(a)
        campaigns, agents, source = dimensions(api, a.own, a.agents, rnd)
    floor = Floor(campaigns, agents, seed=seed, prefix=prefix, answer_rate=a.answer_rate,
                  interested_rate=a.interested_rate)
    end_sim = a.hours * 3600
    print(f"replay: {len(agents)} agents, {len(campaigns)} campaigns ({source}), "
          + (f"{a.rate:g} events/s" if a.rate else f"speed {a.speed:g}x") + f", {a.hours:g} simulated h"
          + (f" or {a.duration:g} s" if a.duration else "") + f", ids {prefix}-*, seed {seed}"
          + ("" if a.dry_run else f" -> {a.url}"), file=sys.stderr)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stats = Stats()
    work = queue.Queue(maxsize=1000)

    def sender():
        mine = Api(a.url, api.api_key, api.token)
        while True:
            item = work.get()
            if item is None:
                return
            kind, body = item
            path = "/api/events/calls" if kind == "call" else "/api/events/agent-states"
            t = time.perf_counter()
            status, data = mine.post_json(path, stamp(kind, body))
            if status == 401 and not mine.api_key:  # the login token ran out
                mine.token = credentials(a).token
                status, data = mine.post_json(path, body)
            stats.record(kind, status, data, time.perf_counter() - t)

    threads = []
    if not a.dry_run:
        threads = [threading.Thread(target=sender, daemon=True) for _ in range(max(1, a.clients))]
        for th in threads:
            th.start()
    t0 = time.monotonic()
    next_report = t0 + 10
    sim_t = 0.0
    try:
        for k, (sim_t, kind, body) in enumerate(floor.events()):
            if sim_t > end_sim or stop.is_set():
                break
            due = t0 + (k / a.rate if a.rate else sim_t / a.speed)
            now = time.monotonic()
            if a.duration and due - t0 > a.duration:
                break
            if due > now and not a.dry_run:
                time.sleep(due - now)
            if a.dry_run:
                print(json.dumps({"kind": kind, "sim_seconds": round(sim_t, 1), "body": stamp(kind, body)}))
                continue
            work.put((kind, body))
            if not a.quiet and time.monotonic() >= next_report:
                next_report += 10
                print("replay: " + stats.line(time.monotonic() - t0, sim_t), file=sys.stderr)
    except KeyboardInterrupt:
        pass
    except BrokenPipeError:
        return 0
    if a.dry_run:
        return 0
    for body in floor.logouts():
        work.put(("state", body))
    for _ in threads:
        work.put(None)
    for th in threads:
        th.join(timeout=60)
    elapsed = time.monotonic() - t0
    print("replay: done. " + stats.line(elapsed, sim_t), file=sys.stderr)
    print("replay: outcomes " + json.dumps(dict(sorted(stats.outcomes.items()))), file=sys.stderr)
    return 1 if stats.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
