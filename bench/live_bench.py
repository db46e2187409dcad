#!/usr/bin/env python3
"""Driver of bench/live-bench.sh: the live floor under load (python3 stdlib only).

    live_bench.py --port P --pg-port Q [--seconds 300] [--call-rate 500] [--state-rate 50] [--clients 20]

Against a running app (ADMIN key in $BENCH_API_KEY) with its embedded PostgreSQL on --pg-port:

1. A webhook receiver (in this process, one thread per connection) for each of the bench's three
   advertisers; it checks every request's HMAC signature and notes when each lead (by callId) got its
   2xx. setWebhook (GraphQL) points the advertisers at it.
2. Warm-up: --warmup seconds at the full rate (not measured), then until the journal is applied.
3. A liveFloor subscription over WebSocket (graphql-transport-ws), as the admin (one subscription),
   or - when the admin's floor does not answer (--sub-scope auto) or with --sub-scope advertiser - one
   per advertiser with an ADVERTISER API key (each floor counts only its advertiser's calls).
4. --seconds of single-event POSTs: call events at --call-rate plus agent-state events at
   --state-rate, from --clients threads, each with one keep-alive connection. Open loop: event i has
   a fixed send time (t0 + i / rate); a free client takes the next event and sends it at that time, or
   at once when it is already late, so a slow server shows up as latency, never as a lower rate
   (every latency below runs from the event's scheduled send time).
5. After the last event: waits until the journal is applied, the floor counts everything and the
   receiver has every feed lead (bounded), then prints the figures and checks "0 lost" with psql:
   every call event answered 2xx/accepted is in the call table exactly once.

Subscription latency, approximately: calls are applied in the order they were accepted (journal
order = group-commit order), so the k-th accepted event (by 2xx time) of a floor is counted once
that floor's today.totalCalls - baseline >= k; its latency is the arrival of the first such push
minus the event's scheduled send time.
"""
import argparse
import bisect
import collections
import hashlib
import hmac
import json
import os
import re
import resource
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import live_ws  # noqa: E402
from replay import OWN_ADVERTISERS, OWN_CAMPAIGNS, Api, Floor, iso_now  # noqa: E402

FLOOR_QUERY = "subscription { liveFloor { asOf today { totalCalls } } }"


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def pct(values, p):
    """The p-th percentile (nearest rank) of values, or None."""
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(p / 100.0 * len(s) + 0.5)) - 1))]


def ms(v):
    return "n/a" if v is None else f"{v * 1000:.1f} ms"


# --- webhook receiver ---------------------------------------------------------------------------------
class Receiver:
    """Signed-webhook receiver: first 2xx time (monotonic) per callId, per advertiser path /hook/<adv>."""

    def __init__(self):
        self.lock = threading.Lock()
        self.secrets = {}
        self.arrivals = {}
        self.keys = set()
        self.requests = 0
        self.leads = 0
        self.bad = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                adv = self.path.rsplit("/", 1)[-1]
                secret = receiver.secrets.get(adv, b"")
                ts = self.headers.get("X-Callsight-Timestamp", "")
                sig = self.headers.get("X-Callsight-Signature", "")
                expected = "v1=" + hmac.new(secret, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
                ok = hmac.compare_digest(expected, sig)
                now = time.monotonic()
                if ok:
                    leads = json.loads(body).get("leads", [])
                    with receiver.lock:
                        receiver.requests += 1
                        receiver.leads += len(leads)
                        for lead in leads:
                            receiver.keys.add(lead.get("idempotencyKey"))
                            receiver.arrivals.setdefault(lead.get("callId"), now)
                else:
                    with receiver.lock:
                        receiver.bad += 1
                data = b'{"ok":true}' if ok else b'{"error":"bad signature"}'
                self.send_response(200 if ok else 401)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        ThreadingHTTPServer.daemon_threads = True
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


# --- liveFloor subscriptions -----------------------------------------------------------------------------
class FloorWatch:
    """One liveFloor subscription: pushes as (monotonic arrival, today.totalCalls, asOf)."""

    def __init__(self, port, auth, name):
        self.name = name
        self.pushes = []
        self.errors = []
        self.first = threading.Event()
        self.ws = live_ws.GraphQLWs("127.0.0.1", port, "/graphql", {"Authorization": auth})
        self.ws.subscribe("1", FLOOR_QUERY)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        for kind, _, payload in self.ws.messages():
            now = time.monotonic()
            if kind == "next" and payload and payload.get("data") and payload["data"].get("liveFloor"):
                f = payload["data"]["liveFloor"]
                self.pushes.append((now, int(f["today"]["totalCalls"]), f["asOf"]))
                self.first.set()
            else:
                self.errors.append((kind, payload))
                self.first.set()

    def latest(self):
        return self.pushes[-1][1] if self.pushes else None

    def close(self):
        try:
            self.ws.complete("1")
        except OSError:
            pass
        self.ws.close()


# --- process CPU ------------------------------------------------------------------------------------------
CLK = os.sysconf("SC_CLK_TCK")


def proc_cpu(pid, children_too=False):
    """utime+stime (+ reaped children's) seconds of a pid, or 0."""
    try:
        f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    t = int(f[11]) + int(f[12]) + ((int(f[13]) + int(f[14])) if children_too else 0)
    return t / CLK


def postgres_cpu(pg_data):
    """CPU seconds of the postmaster of pg_data (with its reaped children) plus its live children."""
    try:
        pm = int(open(os.path.join(pg_data, "postmaster.pid")).readline())
    except (OSError, ValueError):
        return 0.0
    total = proc_cpu(pm, children_too=True)
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                st = open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(st[1]) == pm:
                total += (int(st[11]) + int(st[12])) / CLK
    return total


def metrics(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/q/metrics", timeout=30) as r:
            return r.read().decode()
    except OSError as e:
        return f"# unavailable: {e}"


def metric(text, name, labels=None):
    """Sum of the samples of `name` whose labels contain every `labels` substring."""
    total, found = 0.0, False
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            if labels and not all(l in line for l in labels):
                continue
            try:
                total += float(line.rsplit(" ", 1)[1])
                found = True
            except ValueError:
                pass
    return total if found else None


class PgSampler:
    """One long-lived psql beside the run: the journal's depth and age every second, and what the
    client backends are doing (wait event, statement) every 0.2 s: where the database time goes."""

    ACTIVITY = ("SELECT coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, '-'), "
                "regexp_replace(left(regexp_replace(query, '\\s+', ' ', 'g'), 90), '[0-9]+', 'N', 'g') "
                "FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend' "
                "AND pid <> pg_backend_pid();")
    JOURNAL = "SELECT count(*), coalesce(extract(epoch FROM now() - min(received_at)), 0) FROM call_event;"

    def __init__(self, pg_port):
        self.p = subprocess.Popen(["psql", "-X", "-q", "-At", "-F", "\t", "-h", "127.0.0.1", "-p", str(pg_port),
                                   "-U", "postgres", "postgres"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True, bufsize=1,
                                  env=dict(os.environ, PGPASSWORD="postgres"))
        self.samples = 0
        self.active = collections.Counter()
        self.journal = []  # (monotonic, events, oldest age s)
        self.running = False
        self.thread = None

    def query(self, sql):
        self.p.stdin.write(sql + "\n\\echo __end__\n")
        self.p.stdin.flush()
        rows = []
        for line in self.p.stdout:
            line = line.rstrip("\n")
            if line == "__end__":
                break
            rows.append(line.split("\t"))
        return rows

    def start(self):
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        n = 0
        while self.running:
            t = time.monotonic()
            try:
                for row in self.query(self.ACTIVITY):
                    if len(row) == 2:
                        self.active[(row[0], row[1])] += 1
                self.samples += 1
                if n % 5 == 0:
                    r = self.query(self.JOURNAL)
                    self.journal.append((t, int(r[0][0]), float(r[0][1])))
            except (OSError, ValueError, IndexError):
                return
            n += 1
            time.sleep(max(0.0, 0.2 - (time.monotonic() - t)))

    def stop(self):
        self.running = False
        if self.thread:
            self.thread.join(timeout=5)
        try:
            self.p.stdin.close()
            self.p.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.p.kill()

    def summary(self, top=10):
        lines = []
        if self.journal:
            depth = max(j[1] for j in self.journal)
            age = max(j[2] for j in self.journal)
            mean = sum(j[1] for j in self.journal) / len(self.journal)
            lines.append(f"journal (call_event, sampled every 1 s): mean {mean:.0f} events waiting, max {depth}, "
                         f"oldest waiting up to {age:.1f} s")
        if self.samples:
            busy = sum(self.active.values())
            lines.append(f"database client backends active, sampled every 0.2 s ({self.samples} samples): mean "
                         f"{busy / self.samples:.2f} at a time; top (share of samples, wait event, statement):")
            for (wait, q), n in self.active.most_common(top):
                lines.append(f"  {100.0 * n / self.samples:5.1f}%  {wait:28s} {q}")
        return lines


# --- the bench --------------------------------------------------------------------------------------------
class Bench:
    def __init__(self, a):
        self.a = a
        self.key = os.environ["BENCH_API_KEY"]
        self.url = f"http://127.0.0.1:{a.port}"
        self.api = Api(self.url, api_key=self.key, timeout=120)
        self.run_id = time.strftime("%H%M%S")
        self.campaigns = [(cid, name, OWN_ADVERTISERS[adv][0], w) for cid, name, adv, w in OWN_CAMPAIGNS]
        self.advertisers = [adv for adv, _ in OWN_ADVERTISERS]
        self.agents = [(f"LIVE-AG-{i + 1:03d}", f"Agent {i + 1}") for i in range(a.agents)]
        self.receiver = Receiver()
        self.accepted_ids = []  # every call id answered accepted, all phases
        self.sub_keys = {}
        self.watches = {}
        self.sampler = None
        self.lock = threading.Lock()

    def psql(self, sql, stdin=None):
        out = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                              str(self.a.pg_port), "-U", "postgres", "postgres", "-c", sql],
                             input=stdin, capture_output=True, text=True, env=dict(os.environ, PGPASSWORD="postgres"))
        if out.returncode != 0:
            raise RuntimeError(f"psql: {out.stderr.strip()}")
        return out.stdout.strip()

    # -- setup --
    def setup(self):
        # one call per campaign creates the advertisers and campaigns (dimensions come with calls)
        seed = [{"call_id": f"LB{self.run_id}-SEED-{cid}", "lead_id": f"LB{self.run_id}-SEED-{cid}",
                 "campaign_id": cid, "campaign_name": name, "advertiser_id": adv, "agent_id": self.agents[0][0],
                 "call_status": "No Answer", "lead_status": "Not Answered", "dial_time": iso_now()}
                for cid, name, adv, _ in self.campaigns]
        status, data = self.api.post_json("/api/events/calls", seed)
        if status != 200:
            raise SystemExit(f"seed events answered HTTP {status}: {data[:300]!r}")
        for e in json.loads(data)["events"]:
            if e["outcome"] == "accepted":
                self.accepted_ids.append(e.get("callId") or e.get("id"))
        self.wait_applied(60)
        for adv in self.advertisers:
            d = self.api.gql("mutation($a: String!, $w: WebhookInput!) { setWebhook(advertiserId: $a, webhook: $w) "
                             "{ newSecret } }",
                             {"a": adv, "w": {"url": f"http://127.0.0.1:{self.receiver.port}/hook/{adv}",
                                              "enabled": True, "batchSize": self.a.webhook_batch}})
            secret = d["setWebhook"]["newSecret"]
            if secret is None:  # the advertiser had a webhook (an earlier run on this database): new secret
                secret = self.api.gql("mutation($a: String!) { rotateWebhookSecret(advertiserId: $a) }",
                                      {"a": adv})["rotateWebhookSecret"]
            self.receiver.secrets[adv] = secret.encode()
        log(f"webhooks of {', '.join(self.advertisers)} -> receiver on port {self.receiver.port} "
            f"(batchSize {self.a.webhook_batch})")

    def journal_size(self):
        return int(self.psql("SELECT count(*) FROM call_event"))

    def wait_applied(self, timeout):
        """Waits until the call_event journal is empty; seconds waited."""
        t = time.monotonic()
        while self.journal_size() > 0:
            if time.monotonic() - t > timeout:
                log(f"journal still holds {self.journal_size()} events after {timeout} s")
                break
            time.sleep(0.2)
        return time.monotonic() - t

    def probe_floor(self):
        """Seconds one liveFloorNow query takes now (what one recompute of the pushed view costs), as the
        first subscriber's credentials."""
        if not self.sub_keys:
            return None
        api = Api(self.url, api_key=next(iter(self.sub_keys.values())), timeout=60)
        t = time.monotonic()
        try:
            api.gql("{ liveFloorNow { asOf today { totalCalls } } }")
            return time.monotonic() - t
        except RuntimeError:
            return None
        finally:
            api.close()

    def subscribe(self):
        scope = self.a.sub_scope
        self.watches = {}
        if scope == "none":
            self.sub_note = "no subscription (--sub-scope none: the ingest path without live views)"
            return
        if scope in ("auto", "admin"):
            w = FloorWatch(self.a.port, "ApiKey " + self.key, "admin")
            if w.first.wait(20) and w.pushes:
                self.watches["*"] = w
                self.sub_keys = {"*": self.key}
                self.sub_note = "one liveFloor subscription as ADMIN (every campaign)"
                return
            why = w.errors[:1] or "no value in 20 s"
            w.close()
            if scope == "admin":
                raise SystemExit(f"the admin's liveFloor subscription did not answer: {why}")
            log(f"the admin's liveFloor subscription did not answer ({json.dumps(why)[:400]}); "
                "falling back to one ADVERTISER subscription per advertiser")
            self.sub_note = ("one liveFloor subscription per advertiser with ADVERTISER API keys (the ADMIN floor "
                             f"failed: {json.dumps(why)[:300]})")
        else:
            self.sub_note = "one liveFloor subscription per advertiser with ADVERTISER API keys"
        for adv in self.advertisers:
            d = self.api.gql("mutation($n: String!, $a: String) { createApiKey(name: $n, role: ADVERTISER, "
                             "advertiserId: $a) { key } }", {"n": f"live-bench {adv} {self.run_id}", "a": adv})
            key = d["createApiKey"]["key"]
            w = FloorWatch(self.a.port, "ApiKey " + key, adv)
            if not (w.first.wait(20) and w.pushes):
                raise SystemExit(f"the liveFloor subscription of {adv} did not answer: {w.errors[:1]}")
            self.watches[adv] = w
            self.sub_keys[adv] = key

    # -- the load --
    def run_phase(self, seconds, prefix, measured):
        """Sends the open-loop schedule; returns the per-event records."""
        a = self.a
        n_calls, n_states = int(seconds * a.call_rate), int(seconds * a.state_rate)
        schedule = sorted([(i / a.call_rate, 0) for i in range(n_calls)] + [(j / a.state_rate, 1)
                                                                          for j in range(n_states)])
        floor = Floor(self.campaigns, self.agents, seed=a.seed + (1 if measured else 0), prefix=prefix,
                      login_spread_s=5)
        events = floor.events()
        pending = {"call": collections.deque(), "state": collections.deque(maxlen=5000)}

        def next_body(kind):
            # the floor makes ~1 state change per call; the bench sends fewer: the oldest are dropped
            q = pending[kind]
            while not q:
                _, k, body = next(events)
                pending[k].append(body)
            return q.popleft()

        calls, states = [], []  # (id, adv, interested, t_sched, t_sent, t_done, status, outcome)
        take = threading.Lock()
        cursor = [0]
        t0 = time.monotonic() + 0.5
        self.t0 = t0
        stop_at = [None]

        def worker():
            api = Api(self.url, api_key=self.key, timeout=60)
            while True:
                with take:
                    i = cursor[0]
                    if i >= len(schedule):
                        break
                    cursor[0] = i + 1
                    off, kind = schedule[i]
                    body = next_body("call" if kind == 0 else "state")
                t_sched = t0 + off
                delay = t_sched - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                if kind == 0:
                    body["dial_time"] = iso_now()
                    path = "/api/events/calls"
                else:
                    body["at"] = iso_now()
                    path = "/api/events/agent-states"
                payload = json.dumps(body, separators=(",", ":")).encode()
                t_sent = time.monotonic()
                status, data = api.request("POST", path, payload)
                t_done = time.monotonic()
                outcome = None
                if status == 200:
                    try:
                        outcome = json.loads(data)["events"][0]["outcome"]
                    except (ValueError, KeyError, IndexError):
                        outcome = "unreadable"
                elif status != 0 and len(errors) < 20:
                    errors.append(f"{path} HTTP {status}: {data[:200]!r}")
                elif status == 0 and len(errors) < 20:
                    errors.append(f"{path} connection error: {data[:200]!r}")
                if kind == 0:
                    calls.append((body["call_id"], body["advertiser_id"], body["lead_status"] == "Interested",
                                  t_sched, t_sent, t_done, status, outcome))
                else:
                    states.append((body["agentId"], None, False, t_sched, t_sent, t_done, status, outcome))
            api.close()

        errors = []
        threads = [threading.Thread(target=worker, daemon=True) for _ in range(a.clients)]
        timeline = []

        def monitor():
            last = 0
            tick = t0 + 10
            while any(th.is_alive() for th in threads):
                time.sleep(max(0.0, min(1.0, tick - time.monotonic())))
                if time.monotonic() < tick:
                    continue
                done = list(calls[last:])
                last += len(done)
                lat = [c[5] - c[3] for c in done if c[6] == 200]
                ok = sum(1 for c in done if c[6] == 200)
                sub = {k: w.latest() for k, w in self.watches.items()} if measured else {}
                jr = self.sampler.journal[-1] if measured and self.sampler and self.sampler.journal else None
                row = {"t": round(tick - t0), "calls_done": len(done), "calls_2xx": ok, "p95_accept": pct(lat, 95),
                       "load": open("/proc/loadavg").read().split()[0], "floor": sub}
                timeline.append(row)
                if jr:
                    row["journal"], row["journal_age"] = jr[1], round(jr[2], 2)
                if measured:
                    row["floor_now"] = self.probe_floor()
                log(f"  {row['t']:4d} s: {ok / 10:.0f} calls/s answered 2xx, p95 accepted {ms(row['p95_accept'])}, "
                    f"load {row['load']}" + (f", floor totals {sub}" if sub else "")
                    + (f", journal {jr[1]} (oldest {jr[2]:.1f} s)" if jr else "")
                    + (f", liveFloorNow {ms(row['floor_now'])}" if measured else ""))
                tick += 10

        for th in threads:
            th.start()
        mon = threading.Thread(target=monitor, daemon=True)
        mon.start()
        for th in threads:
            th.join()
        stop_at[0] = time.monotonic()
        mon.join(timeout=2)
        for c in calls:
            if c[6] == 200 and c[7] == "accepted":
                self.accepted_ids.append(c[0])
        return {"calls": calls, "states": states, "errors": errors, "t0": t0, "t_end": stop_at[0],
                "timeline": timeline}

    # -- measurements --
    def sub_latencies(self, calls, baselines):
        """Per floor: k-th accepted call (by 2xx time) seen when totalCalls - baseline >= k."""
        lat, unseen = [], 0
        for scope, w in self.watches.items():
            mine = sorted((c for c in calls if c[6] == 200 and c[7] == "accepted" and (scope == "*" or c[1] == scope)),
                          key=lambda c: c[5])
            pushes = [p for p in w.pushes if p[0] >= self.t0]
            counts = [p[1] - baselines[scope] for p in pushes]
            # first push index with count >= k: counts are non-decreasing within a day
            running = []
            m = -10 ** 18
            for c in counts:
                m = max(m, c)
                running.append(m)
            for k, c in enumerate(mine, start=1):
                j = bisect.bisect_left(running, k)
                if j >= len(pushes):
                    unseen += 1
                    continue
                lat.append((c[3], pushes[j][0] - c[3]))
        return lat, unseen

    def run(self):
        a = self.a
        self.setup()
        if a.warmup > 0:
            log(f"warm-up: {a.warmup} s at {a.call_rate} calls/s + {a.state_rate} states/s (not measured)")
            self.watches = {}
            w = self.run_phase(a.warmup, f"LB{self.run_id}W", measured=False)
            ok = sum(1 for c in w["calls"] if c[6] == 200)
            log(f"warm-up: {ok} of {len(w['calls'])} call events 2xx; applying the journal took "
                f"{self.wait_applied(300):.1f} s more")
            self.wait_receiver(self.expected_leads(w["calls"]), 60)
        self.subscribe()
        time.sleep(1.5)
        baselines = {k: w.latest() for k, w in self.watches.items()}
        log(f"subscribed: {self.sub_note}; baselines {baselines}")
        m0 = metrics(a.port)
        cpu0 = (proc_cpu(a.app_pid) if a.app_pid else 0.0, postgres_cpu(a.pg_data) if a.pg_data else 0.0,
                resource.getrusage(resource.RUSAGE_SELF))
        wall0 = time.monotonic()
        log(f"measuring: {a.seconds} s at {a.call_rate} call events/s + {a.state_rate} agent-state events/s, "
            f"{a.clients} clients")
        self.sampler = PgSampler(a.pg_port)
        self.sampler.start()
        r = self.run_phase(a.seconds, f"LB{self.run_id}M", measured=True)
        self.sampler.stop()
        wall1 = time.monotonic()
        cpu1 = (proc_cpu(a.app_pid) if a.app_pid else 0.0, postgres_cpu(a.pg_data) if a.pg_data else 0.0,
                resource.getrusage(resource.RUSAGE_SELF))
        m1 = metrics(a.port)
        load_end = open("/proc/loadavg").read().split()[:3]
        # drain: journal, floor, receiver
        t_drain = self.wait_applied(300)
        calls, states = r["calls"], r["states"]
        acc = [c for c in calls if c[6] == 200 and c[7] == "accepted"]
        want = {k: baselines[k] + sum(1 for c in acc if k == "*" or c[1] == k) for k in self.watches}
        t = time.monotonic()
        while any((w.latest() or 0) < want[k] for k, w in self.watches.items()) and time.monotonic() - t < 30:
            time.sleep(0.2)
        expected = self.expected_leads(calls)
        self.wait_receiver(expected, 60)
        for w in self.watches.values():
            w.close()
        return self.report(r, baselines, want, m0, m1, cpu0, cpu1, wall1 - wall0, t_drain, load_end, expected)

    def expected_leads(self, calls):
        return {c[0] for c in calls if c[2] and c[6] == 200 and c[7] == "accepted"}

    def wait_receiver(self, ids, timeout):
        t = time.monotonic()
        while time.monotonic() - t < timeout:
            with self.receiver.lock:
                missing = sum(1 for i in ids if i not in self.receiver.arrivals)
            if not missing:
                return
            time.sleep(0.25)
        log(f"receiver: {missing} of {len(ids)} feed leads not received after {timeout} s")

    def lost_check(self):
        path = os.path.join(self.a.work, f"accepted-{self.run_id}.txt")
        with open(path, "w") as f:
            f.write("\n".join(self.accepted_ids) + "\n")
        sql = (f"CREATE TEMP TABLE acc (call_id text); \\copy acc FROM '{path}'\n"
               f"SELECT (SELECT count(*) FROM acc), (SELECT count(DISTINCT call_id) FROM acc), "
               f"(SELECT count(*) FROM acc WHERE NOT EXISTS (SELECT 1 FROM call c WHERE c.call_id = acc.call_id)), "
               f"(SELECT count(*) FROM call WHERE call_id LIKE 'LB{self.run_id}%'), "
               f"(SELECT count(DISTINCT call_id) FROM call WHERE call_id LIKE 'LB{self.run_id}%'), "
               f"(SELECT count(*) FROM call_event);")
        out = subprocess.run(["psql", "-X", "-q", "-At", "-F", " ", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                              str(self.a.pg_port), "-U", "postgres", "postgres"], input=sql, capture_output=True,
                             text=True, env=dict(os.environ, PGPASSWORD="postgres"))
        if out.returncode != 0:
            raise RuntimeError(f"psql: {out.stderr.strip()}")
        n_acc, n_acc_distinct, missing, stored, stored_distinct, journal = map(int, out.stdout.split())
        return {"accepted": n_acc, "accepted_distinct": n_acc_distinct, "missing": missing, "stored": stored,
                "stored_distinct": stored_distinct, "journal_left": journal}

    def report(self, r, baselines, want, m0, m1, cpu0, cpu1, wall, t_drain, load_end, expected):
        a = self.a
        calls, states = r["calls"], r["states"]
        span = max(c[5] for c in calls + states) - r["t0"]
        ok_calls = [c for c in calls if c[6] == 200]
        ok_states = [s for s in states if s[6] == 200]
        call_out = {}
        for c in calls:
            k = str(c[7] if c[6] == 200 else f"HTTP {c[6]}")
            call_out[k] = call_out.get(k, 0) + 1
        state_out = {}
        for s in states:
            k = str(s[7] if s[6] == 200 else f"HTTP {s[6]}")
            state_out[k] = state_out.get(k, 0) + 1
        acc_lat = [c[5] - c[3] for c in ok_calls]
        svc_lat = [c[5] - c[4] for c in ok_calls]
        st_lat = [s[5] - s[3] for s in ok_states]
        late = [c[4] - c[3] for c in calls]
        sub_pairs, unseen = self.sub_latencies(calls, baselines)
        sub_lat = [x for _, x in sub_pairs]
        later = r["t0"] + a.steady_after  # "after the first minute": the JIT and start-up backlog left out
        acc_late = [c[5] - c[3] for c in ok_calls if c[3] >= later]
        sub_late = [x for t, x in sub_pairs if t >= later]
        rec_lat, rec_missing = [], 0
        sched = {c[0]: c[3] for c in calls}
        with self.receiver.lock:
            arrivals = dict(self.receiver.arrivals)
        rec_late = []
        for cid in expected:
            if cid in arrivals:
                rec_lat.append(arrivals[cid] - sched[cid])
                if sched[cid] >= later:
                    rec_late.append(arrivals[cid] - sched[cid])
            else:
                rec_missing += 1
        lost = self.lost_check()
        lost_n = lost["missing"]
        dup_n = lost["stored"] - lost["stored_distinct"]
        # server metrics over the measured phase
        gc_count = (metric(m1, "callsight_event_group_commit_seconds_count") or 0) - (
            metric(m0, "callsight_event_group_commit_seconds_count") or 0)
        gc_sum = (metric(m1, "callsight_event_group_commit_seconds_sum") or 0) - (
            metric(m0, "callsight_event_group_commit_seconds_sum") or 0)
        gc_max = metric(m1, "callsight_event_group_commit_seconds_max")
        gc_q = {q: metric(m1, "callsight_event_group_commit_seconds", [f'quantile="{q}"']) for q in ("0.5", "0.95", "0.99")}

        def http_m(uri):
            c = (metric(m1, "http_server_requests_seconds_count", [f'uri="{uri}"']) or 0) - (
                metric(m0, "http_server_requests_seconds_count", [f'uri="{uri}"']) or 0)
            s = (metric(m1, "http_server_requests_seconds_sum", [f'uri="{uri}"']) or 0) - (
                metric(m0, "http_server_requests_seconds_sum", [f'uri="{uri}"']) or 0)
            return c, (s / c if c else None), metric(m1, "http_server_requests_seconds_max", [f'uri="{uri}"'])

        lv_count = (metric(m1, "callsight_live_view_compute_seconds_count") or 0) - (
            metric(m0, "callsight_live_view_compute_seconds_count") or 0)
        lv_sum = (metric(m1, "callsight_live_view_compute_seconds_sum") or 0) - (
            metric(m0, "callsight_live_view_compute_seconds_sum") or 0)
        lv_q = {q: metric(m1, "callsight_live_view_compute_seconds", [f'quantile="{q}"']) for q in ("0.5", "0.95")}
        lv_max = metric(m1, "callsight_live_view_compute_seconds_max")
        hc = http_m("/api/events/calls")
        hs = http_m("/api/events/agent-states")
        app_cores = (cpu1[0] - cpu0[0]) / wall if a.app_pid else None
        pg_cores = (cpu1[1] - cpu0[1]) / wall if a.pg_data else None
        me_cores = ((cpu1[2].ru_utime + cpu1[2].ru_stime) - (cpu0[2].ru_utime + cpu0[2].ru_stime)) / wall
        pushes = sum(len([p for p in w.pushes if p[0] >= r["t0"]]) for w in self.watches.values())
        t_ok = lambda v, limit: "n/a" if v is None else ("PASS" if v < limit else "MISS")  # noqa: E731
        p95_acc, p95_sub, p95_rec = pct(acc_lat, 95), pct(sub_lat, 95), pct(rec_lat, 95)
        lines = [
            f"events sent: {len(calls)} call + {len(states)} agent-state in {span:.1f} s "
            f"(scheduled {a.seconds} s at {a.call_rate:g} + {a.state_rate:g}/s, {a.clients} clients, keep-alive, open loop)",
            f"  2xx: {len(ok_calls)} call ({json.dumps(call_out, sort_keys=True)}), {len(ok_states)} agent-state "
            f"({json.dumps(state_out, sort_keys=True)})",
            f"  non-2xx / errors: {len(calls) - len(ok_calls)} call, {len(states) - len(ok_states)} agent-state"
            + (f"; first: {r['errors'][0]}" if r["errors"] else ""),
            f"  achieved rate (2xx / span): {len(ok_calls) / span:.1f} call events/s, {len(ok_states) / span:.1f} "
            f"agent-state events/s; sends behind schedule: p50 {ms(pct(late, 50))}, p99 {ms(pct(late, 99))}, "
            f"max {ms(max(late) if late else None)}",
            f"event accepted (scheduled send -> 2xx), call events: p50 {ms(pct(acc_lat, 50))}, p95 {ms(p95_acc)}, "
            f"p99 {ms(pct(acc_lat, 99))}, max {ms(max(acc_lat) if acc_lat else None)}   [target p95 < 100 ms: "
            f"{t_ok(p95_acc, 0.1)}]",
            f"  events scheduled after the first {a.steady_after:g} s: p50 {ms(pct(acc_late, 50))}, p95 "
            f"{ms(pct(acc_late, 95))}, p99 {ms(pct(acc_late, 99))}",
            f"  on the wire only (request written -> 2xx): p50 {ms(pct(svc_lat, 50))}, p95 {ms(pct(svc_lat, 95))}, "
            f"p99 {ms(pct(svc_lat, 99))}",
            f"  agent-state events (scheduled -> 2xx): p50 {ms(pct(st_lat, 50))}, p95 {ms(pct(st_lat, 95))}, "
            f"p99 {ms(pct(st_lat, 99))}",
            f"event -> liveFloor push counting it: p50 {ms(pct(sub_lat, 50))}, p95 {ms(p95_sub)}, "
            f"p99 {ms(pct(sub_lat, 99))}, max {ms(max(sub_lat) if sub_lat else None)} over {len(sub_lat)} events, "
            f"{unseen} never counted   [target p95 < 1 s: {t_ok(p95_sub, 1.0)}]",
            f"  events scheduled after the first {a.steady_after:g} s: p50 {ms(pct(sub_late, 50))}, p95 "
            f"{ms(pct(sub_late, 95))}, p99 {ms(pct(sub_late, 99))}",
            f"  {self.sub_note}; {pushes} pushes in the measured phase; final totals "
            f"{ {k: w.latest() for k, w in self.watches.items()} } (expected {want})",
            f"event -> advertiser receiver 2xx (feed leads: accepted Interested calls): p50 {ms(pct(rec_lat, 50))}, "
            f"p95 {ms(p95_rec)}, p99 {ms(pct(rec_lat, 99))}, max {ms(max(rec_lat) if rec_lat else None)} over "
            f"{len(rec_lat)} leads, {rec_missing} not received   [target p95 < 2 s: {t_ok(p95_rec, 2.0)}]",
            f"  leads of events scheduled after the first {a.steady_after:g} s: p50 {ms(pct(rec_late, 50))}, p95 "
            f"{ms(pct(rec_late, 95))}, p99 {ms(pct(rec_late, 99))}",
            f"  receiver: {self.receiver.requests} POSTs, {self.receiver.leads} leads, {len(self.receiver.keys)} "
            f"distinct idempotency keys, {self.receiver.bad} bad signatures",
            f"lost: {lost_n} of {lost['accepted']} accepted call events (all phases) missing from the call table; "
            f"{dup_n} stored twice; journal left {lost['journal_left']}   "
            f"[target 0 lost: {'PASS' if lost_n == 0 and dup_n == 0 and lost['accepted'] == lost['accepted_distinct'] else 'MISS'}]"
            + ("" if lost["stored"] == lost["accepted"] else
               f" (call rows of the run: {lost['stored']}; the extra ones were answered non-2xx but stored)"),
            f"journal applied {t_drain:.1f} s after the last event was answered",
            f"server: group commits {gc_count:.0f} in the measured phase "
            f"({(len(ok_calls) / gc_count) if gc_count else 0:.1f} events each), mean "
            f"{ms(gc_sum / gc_count if gc_count else None)}; recent p50/p95/p99 "
            f"{ms(gc_q['0.5'])} / {ms(gc_q['0.95'])} / {ms(gc_q['0.99'])}, max {ms(gc_max)}",
            f"  live view computations (callsight_live_view_compute_seconds): {lv_count:.0f} in the measured phase, "
            f"mean {ms(lv_sum / lv_count if lv_count else None)}, recent p50/p95 {ms(lv_q['0.5'])} / {ms(lv_q['0.95'])}, "
            f"max {ms(lv_max)}",
            f"  http server: /api/events/calls {hc[0]:.0f} requests, mean {ms(hc[1])}, max {ms(hc[2])}; "
            f"/api/events/agent-states {hs[0]:.0f}, mean {ms(hs[1])}, max {ms(hs[2])}",
            f"CPU over the measured phase (cores of {os.cpu_count()}): app JVM "
            f"{'n/a' if app_cores is None else f'{app_cores:.2f}'}, PostgreSQL "
            f"{'n/a' if pg_cores is None else f'{pg_cores:.2f}'}, this driver {me_cores:.2f}; "
            f"load average at the end {' '.join(load_end)}",
        ] + self.sampler.summary()
        probes = [row["floor_now"] for row in r["timeline"] if row.get("floor_now") is not None]
        if probes:
            lines.insert(11, f"  liveFloorNow (one recompute of the floor, probed every 10 s): p50 {ms(pct(probes, 50))}, "
                            f"max {ms(max(probes))}")
        summary = {
            "sent_calls": len(calls), "sent_states": len(states), "ok_calls": len(ok_calls), "ok_states": len(ok_states),
            "rate_calls": len(ok_calls) / span, "rate_states": len(ok_states) / span,
            "accept_p95_after": pct(acc_late, 95), "sub_p95_after": pct(sub_late, 95),
            "recv_p95_after": pct(rec_late, 95), "steady_after": a.steady_after,
            "accept_p50": pct(acc_lat, 50), "accept_p95": p95_acc, "accept_p99": pct(acc_lat, 99),
            "sub_p50": pct(sub_lat, 50), "sub_p95": p95_sub, "sub_p99": pct(sub_lat, 99), "sub_unseen": unseen,
            "recv_p50": pct(rec_lat, 50), "recv_p95": p95_rec, "recv_p99": pct(rec_lat, 99),
            "recv_missing": rec_missing, "lost": lost, "group_commits": gc_count, "app_cores": app_cores,
            "pg_cores": pg_cores, "driver_cores": me_cores, "timeline": r["timeline"], "sub_scope": self.sub_note,
        }
        return lines, summary


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pg-port", type=int, required=True)
    p.add_argument("--app-pid", type=int)
    p.add_argument("--pg-data", help="the embedded PostgreSQL's data dir (for its CPU time)")
    p.add_argument("--seconds", type=float, default=300)
    p.add_argument("--warmup", type=float, default=30)
    p.add_argument("--steady-after", type=float, default=60,
                   help="also report the latencies of events scheduled this many seconds into the run (default 60)")
    p.add_argument("--call-rate", type=float, default=500)
    p.add_argument("--state-rate", type=float, default=50)
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--agents", type=int, default=50)
    p.add_argument("--webhook-batch", type=int, default=100)
    p.add_argument("--sub-scope", choices=["auto", "admin", "advertiser", "none"], default="auto",
                   help="admin: one ADMIN subscription; advertiser: one per advertiser (ADVERTISER keys); auto: admin, "
                        "else advertiser; none: no subscription (what the live views cost the ingest path)")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--work", default="/tmp")
    p.add_argument("--json", help="write the summary (with the 10 s timeline) here")
    a = p.parse_args(argv)
    bench = Bench(a)
    lines, summary = bench.run()
    print("\n".join(lines))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(summary, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
