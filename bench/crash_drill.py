#!/usr/bin/env python3
"""The long crash drill (python3 stdlib + psql); bench/crash-drill.sh prepares the app, PostgreSQL and files.

    bench/crash_drill.py --app-dir DIR --pg-port P --csv BIG.csv --base-csv BASE.csv --work DIR
                         [--points a,b,...] [--db-drill] --pg-stop-cmd CMD --pg-start-cmd CMD

Kill points: for each one a fresh database (a copy of a template that holds the schema and the base file),
the packaged service started on it (with CALLSIGHT_DRILL_PAUSE_AT when the point is a hook), the big file
sent, SIGKILL at the point, the service started again without the hook, then checked: the batch's state
(SQL and GraphQL), the file's rows visible (0 or all), no batch RUNNING; the file sent again: the fact
then holds exactly its rows, once; the consistency check (bench/consistency_check.py) clean.

Database drill: PostgreSQL stopped (immediate) under a load of small ingests and GraphQL reads, started
again 15 s later: the answers during the outage (503 DATABASE_UNAVAILABLE), readiness DOWN then UP with
no restart of the service, every answered ingest stored whole and every refused one absent, no batch left
RUNNING, the consistency check clean.
"""
import argparse
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
KEY = os.environ.get("BENCH_API_KEY", "cs_crashdrill_0123456789abcdefghijklmn")
MARKER = "CRASH DRILL: paused at "

# name, how (hook | upload | insert), hook point or fraction
POINTS = [
    ("upload-10%", "upload", 0.10),
    ("upload-60%", "upload", 0.60),
    ("copy-start", "hook", "COPY_START"),
    ("copy-middle", "hook", "COPY_ROW:{half}"),
    ("after-copy", "hook", "AFTER_COPY"),
    ("insert-start", "hook", "BEFORE_INSERT"),
    ("insert-middle", "insert", None),
    ("before-commit", "hook", "BEFORE_COMMIT"),
    ("after-commit", "hook", "AFTER_COMMIT"),
    ("answer", "hook", "ANSWER"),
]


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


class Drill:
    def __init__(self, a):
        self.a = a
        self.port = a.http_port
        self.proc = None
        self.logf = None
        self.csv_rows = count_rows(a.csv)

    # ---- PostgreSQL
    def psql(self, sql, db="postgres"):
        out = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                              str(self.a.pg_port), "-U", "postgres", db, "-c", sql], capture_output=True, text=True,
                             env=dict(os.environ, PGPASSWORD="postgres"))
        if out.returncode != 0:
            raise RuntimeError(f"psql {sql!r}: {out.stderr.strip()}")
        return out.stdout.strip()

    def scalar(self, sql, db):
        return int(self.psql(sql, db) or 0)

    # ---- the service
    def start(self, db, hook=None, name="app"):
        env = {k: v for k, v in os.environ.items() if not k.startswith("QUARKUS_DATASOURCE")}
        env.update(QUARKUS_DATASOURCE_JDBC_URL=f"jdbc:postgresql://127.0.0.1:{self.a.pg_port}/{db}",
                   QUARKUS_DATASOURCE_USERNAME="postgres", QUARKUS_DATASOURCE_PASSWORD="postgres",
                   QUARKUS_HTTP_PORT=str(self.port), QUARKUS_HTTP_HOST="127.0.0.1",
                   CALLSIGHT_DATA_DIR=os.path.join(self.a.work, "data"), CALLSIGHT_DEMO="off",
                   CALLSIGHT_BOOTSTRAP_API_KEY=KEY, CALLSIGHT_FEED_DELIVERY="false",
                   CALLSIGHT_FORECAST_CRON="0 0 3 1 1 ? 2099", CALLSIGHT_FORECAST_REFRESH_AT_START="false")
        env.pop("CALLSIGHT_DRILL_PAUSE_AT", None)
        if hook:
            env["CALLSIGHT_DRILL_PAUSE_AT"] = hook
        self.log_path = os.path.join(self.a.work, f"{name}.log")
        self.logf = open(self.log_path, "ab")
        self.logf.write(f"==== start on {db}, hook {hook}\n".encode())
        self.logf.flush()
        t0 = time.time()
        self.proc = subprocess.Popen(["java", "-Xmx1g", "-jar", os.path.join(self.a.app_dir, "quarkus-run.jar")],
                                     env=env, stdout=self.logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        while time.time() - t0 < 240:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the service exited during startup; log {self.log_path}")
            if self.http_status("/q/health/ready") == 200 and self.listening():
                return time.time() - t0
            time.sleep(0.3)
        raise RuntimeError("the service was not ready in 240 s")

    def listening(self):
        """True when this process (not another one on a port taken meanwhile) logged that it listens."""
        self.logf.flush()
        with open(self.log_path, "rb") as f:
            return f"Listening on: http://127.0.0.1:{self.port}".encode() in f.read() and self.proc.poll() is None

    def kill(self):
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)
        self.logf.close()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if self.logf:
            self.logf.close()

    def http_status(self, path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=3) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code
        except OSError:
            return None

    def request(self, method, path, body=None, ctype="application/json", timeout=3600):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=body, method=method,
                                     headers={"X-Api-Key": KEY, "Content-Type": ctype})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def gql(self, query, variables=None):
        status, body = self.request("POST", "/graphql", json.dumps({"query": query, "variables": variables or {}})
                                    .encode())
        return status, json.loads(body) if body else {}

    def ingest_file(self, path):
        with open(path, "rb") as f:
            data = f.read()
        status, body = self.request("POST", f"/api/ingest/calls?fileName={os.path.basename(path)}", data, "text/csv")
        return status, json.loads(body) if body.startswith("{") else {"raw": body[:300]}

    def consistency(self):
        r = subprocess.run([sys.executable, os.path.join(HERE, "consistency_check.py"), "--url",
                            f"http://127.0.0.1:{self.port}", "--api-key", KEY], capture_output=True, text=True)
        return r.returncode, r.stdout.strip()

    # ---- sending the big file
    def send_async(self, path, fraction=1.0):
        """POSTs the file (or its first fraction, then holds the connection); returns (thread, state)."""
        size = os.path.getsize(path)
        state = {"sent": 0, "answer": None, "hold": threading.Event()}

        def run():
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=3600)
                conn.putrequest("POST", f"/api/ingest/calls?fileName={os.path.basename(path)}")
                conn.putheader("X-Api-Key", KEY)
                conn.putheader("Content-Type", "text/csv")
                conn.putheader("Content-Length", str(size))
                conn.endheaders()
                limit = int(size * fraction)
                with open(path, "rb") as f:
                    while state["sent"] < limit:
                        chunk = f.read(min(1 << 20, limit - state["sent"]))
                        if not chunk:
                            break
                        conn.send(chunk)
                        state["sent"] += len(chunk)
                    if fraction < 1.0:
                        state["hold"].wait()  # until killed: the socket errors out
                        return
                r = conn.getresponse()
                state["answer"] = f"HTTP {r.status}"
            except OSError as e:
                state["answer"] = f"no answer ({type(e).__name__})"

        t = threading.Thread(target=run, daemon=True)
        t.start()
        return t, state

    def wait_marker(self, offset, hook, timeout=900):
        t0 = time.time()
        while time.time() - t0 < timeout:
            with open(self.log_path, "rb") as f:
                f.seek(offset)
                if (MARKER + hook).encode() in f.read():
                    return
            if self.proc.poll() is not None:
                raise RuntimeError("the service died before the marker")
            time.sleep(0.1)
        raise RuntimeError(f"no marker {hook} in {timeout} s")

    def copy_progress(self, db):
        return self.scalar("SELECT coalesce(max(tuples_processed), -1) FROM pg_stat_progress_copy", db)

    def wait_copy_settled(self, db, state, target_bytes, timeout=600):
        t0, last = time.time(), -2
        while time.time() - t0 < timeout:
            now = self.copy_progress(db)
            if state["sent"] >= target_bytes and now > 0 and now == last:
                return now
            last = now
            time.sleep(1.0)
        raise RuntimeError("the held upload's COPY did not settle")

    def wait_insert(self, db, seconds, timeout=900):
        t0 = time.time()
        sql = ("SELECT coalesce(max(extract(epoch FROM now() - query_start)), -1)::int FROM pg_stat_activity "
               "WHERE state = 'active' AND query LIKE 'WITH ins AS (INSERT INTO call%'")
        while time.time() - t0 < timeout:
            running = self.scalar(sql, db)
            if running >= seconds:
                return running
            time.sleep(0.2)
        raise RuntimeError("the insert statement did not run long enough")

    def backends_gone(self, db, timeout=120):
        t0 = time.time()
        while time.time() - t0 < timeout:
            n = self.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()", db)
            if n == 0:
                return time.time() - t0
            time.sleep(0.2)
        return None

    # ---- one kill point
    def kill_point(self, i, name, how, arg):
        db = f"crashdrill_{i}"
        self.psql(f"DROP DATABASE IF EXISTS {db}")
        self.psql(f"CREATE DATABASE {db} TEMPLATE crashdrill_template STRATEGY = FILE_COPY")
        base = self.scalar("SELECT count(*) FROM call", db)
        hook = arg.format(half=self.csv_rows // 2) if how == "hook" else None
        self.start(db, hook, name=f"point-{i}")
        offset = os.path.getsize(self.log_path)
        t_send = time.time()
        detail = ""
        if how == "upload":
            t, state = self.send_async(self.a.csv, arg)
            copied = self.wait_copy_settled(db, state, int(os.path.getsize(self.a.csv) * arg))
            detail = f"{state['sent'] >> 20} MB sent, {copied} rows in the COPY"
        elif how == "insert":
            t, state = self.send_async(self.a.csv)
            ran = self.wait_insert(db, self.a.insert_seconds)
            detail = f"insert statement running for {ran} s"
        else:
            t, state = self.send_async(self.a.csv)
            self.wait_marker(offset, hook)
            detail = f"hook {hook}"
        at = time.time() - t_send
        self.kill()
        state["hold"].set()
        t.join(30)
        gone = self.backends_gone(db)
        restart = self.start(db, None, name=f"point-{i}")
        rows_after = self.scalar("SELECT count(*) FROM call", db) - base
        batch = self.psql("SELECT batch_id || ' ' || status FROM ingest_batch WHERE file_name = "
                          f"'{os.path.basename(self.a.csv)}' ORDER BY batch_id DESC LIMIT 1", db).split()
        batch_id, status = (batch + ["-", "none"])[:2] if batch else ("-", "none")
        gql_status = "-"
        if batch_id != "-":
            code, r = self.gql("query($id: ID!) { ingestBatch(id: $id) { status } }", {"id": batch_id})
            gql_status = r.get("data", {}).get("ingestBatch", {}).get("status", f"HTTP {code}")
        running = self.scalar("SELECT count(*) FROM ingest_batch WHERE status = 'RUNNING'", db)
        code, res = self.ingest_file(self.a.csv)
        rows_resend = self.scalar("SELECT count(*) FROM call", db) - base
        cons, _ = self.consistency()
        self.stop()
        self.psql(f"DROP DATABASE IF EXISTS {db}")
        ok = (status in ("FAILED", "COMPLETED") and gql_status == status and running == 0
              and rows_after in (0, self.csv_rows) and (rows_after == self.csv_rows) == (status == "COMPLETED")
              and code == 200 and rows_resend == self.csv_rows and cons == 0)
        return dict(point=name, detail=detail, killed_after_s=round(at, 1), client=state["answer"],
                    backends_gone_s=None if gone is None else round(gone, 1), restart_s=round(restart, 1),
                    batch=status, graphql=gql_status, running=running, rows_visible=rows_after,
                    resend=f"HTTP {code}: {res.get('accepted')} accepted, {res.get('duplicates')} duplicates",
                    rows_after_resend=rows_resend, consistency="ok" if cons == 0 else f"NOT OK ({cons})",
                    result="held" if ok else "BROKEN")

    # ---- PostgreSQL stopped under load
    def db_drill(self):
        db = "crashdrill_dbstop"
        self.psql(f"DROP DATABASE IF EXISTS {db}")
        self.psql(f"CREATE DATABASE {db} TEMPLATE crashdrill_template STRATEGY = FILE_COPY")
        base = self.scalar("SELECT count(*) FROM call", db)
        self.start(db, None, name="db-stop")
        stop = threading.Event()
        events = []  # (t, kind, status, code, extra)
        lock = threading.Lock()
        seq = [0]
        header = ("Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,"
                  "Customer Call Duration,Attempt No,Call Dial Time,To Number\n")

        def ingester(w):
            while not stop.is_set():
                with lock:
                    seq[0] += 1
                    n = seq[0]
                prefix = f"DB{n:05d}"
                rows = "".join(f"{prefix}~{k},{prefix}-L{k},DBCMP,DBADV,DBAG{k % 7},Answered,Interested,{30 + k},1,"
                               f"2026-11-20 10:{k // 60 % 60:02d}:{k % 60:02d},+1555{k:07d}\n" for k in range(400))
                t = time.time()
                try:
                    status, body = self.request("POST", f"/api/ingest/calls?fileName={prefix}.csv",
                                                (header + rows).encode(), "text/csv", timeout=60)
                    code = json.loads(body).get("code") if body.startswith("{") else None
                    acc = json.loads(body).get("accepted") if status == 200 else None
                except OSError as e:
                    status, code, acc = None, type(e).__name__, None
                events.append((t, "ingest", status, code, (prefix, acc)))

        def reader(w):
            while not stop.is_set():
                t = time.time()
                try:
                    status, r = self.gql("{ ingestBatches(first: 5) { edges { node { id status } } } }")
                    code = r.get("code") or ((r.get("errors") or [{}])[0].get("extensions", {}).get("code")
                                             if r.get("errors") else None)
                except (OSError, ValueError) as e:
                    status, code = None, type(e).__name__
                events.append((t, "graphql", status, code, None))
                time.sleep(0.05)

        health = []

        def prober():
            while not stop.is_set():
                health.append((time.time(), self.http_status("/q/health/ready"), self.http_status("/q/health/live")))
                time.sleep(0.25)

        threads = [threading.Thread(target=ingester, args=(w,), daemon=True) for w in range(2)]
        threads += [threading.Thread(target=reader, args=(w,), daemon=True) for w in range(2)]
        threads += [threading.Thread(target=prober, daemon=True)]
        for t in threads:
            t.start()
        time.sleep(8)
        t_stop = time.time()
        log("stopping PostgreSQL (immediate) under load")
        subprocess.run(self.a.pg_stop_cmd, shell=True, check=True, stdout=subprocess.DEVNULL)
        time.sleep(15)
        t_start = time.time()
        log("starting PostgreSQL again")
        subprocess.run(self.a.pg_start_cmd, shell=True, check=True, stdout=subprocess.DEVNULL)
        t_up = None
        while time.time() - t_start < 120:
            if health and health[-1][0] > t_start and health[-1][1] == 200:
                t_up = health[-1][0]
                break
            time.sleep(0.1)
        time.sleep(8)
        stop.set()
        for t in threads:
            t.join(70)
        # the batches the outage caught RUNNING (their end could not be written) close within the sweep
        t0 = time.time()
        while self.scalar("SELECT count(*) FROM ingest_batch WHERE status = 'RUNNING'", db) > 0 and time.time() - t0 < 90:
            time.sleep(1)
        running_closed = time.time() - t0
        running = self.scalar("SELECT count(*) FROM ingest_batch WHERE status = 'RUNNING'", db)
        # every answered ingest whole, every refused one absent
        stored = dict(line.split("|") for line in self.psql(
            "SELECT split_part(call_id, '~', 1), count(*) FROM call WHERE call_id LIKE 'DB%' GROUP BY 1", db)
            .splitlines() if line)
        half = 0
        wrong = 0
        for (t, kind, status, code, extra) in events:
            if kind != "ingest":
                continue
            n = int(stored.get(extra[0], 0))
            if n not in (0, 400):
                half += 1
            if status == 200 and n != 400 or status != 200 and status is not None and n != 0:
                wrong += 1
        during = [e for e in events if t_stop + 1 < e[0] < t_start]
        by = {}
        for e in during:
            k = f"{e[1]} {e[2]} {e[3] or ''}".strip()
            by[k] = by.get(k, 0) + 1
        ready_during = sorted({h[1] for h in health if t_stop + 1 < h[0] < t_start}, key=str)
        live_during = sorted({h[2] for h in health if t_stop + 1 < h[0] < t_start}, key=str)
        after = [e for e in events if t_up and e[0] > t_up + 1]
        after_ok = sum(1 for e in after if e[2] == 200)
        after_failed = [f"{e[1]} {e[2]} {e[3] or ''} at +{e[0] - t_up:.1f} s".strip() for e in after if e[2] != 200]
        cons, _ = self.consistency()
        total = self.scalar("SELECT count(*) FROM call", db) - base
        self.stop()
        self.psql(f"DROP DATABASE IF EXISTS {db}")
        ok = (all(k.endswith("DATABASE_UNAVAILABLE") for k in by) and ready_during == [503]
              and live_during == [200] and t_up is not None and after and after_ok == len(after)
              and running == 0 and half == 0 and wrong == 0 and cons == 0)
        return dict(requests=len(events), answers_during_outage=by, ready_during=ready_during,
                    live_during=live_during,
                    ready_again_s=None if t_up is None else round(t_up - t_start, 1),
                    after_recovery=f"{after_ok}/{len(after)} answered 200", failed_after_recovery=after_failed[:10],
                    running_left=running, running_closed_within_s=round(running_closed, 1),
                    half_written_files=half, answer_vs_stored_mismatches=wrong, calls_stored=total,
                    consistency="ok" if cons == 0 else f"NOT OK ({cons})", result="held" if ok else "BROKEN")


def count_rows(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f) - 1


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--app-dir", required=True)
    p.add_argument("--pg-port", type=int, required=True)
    p.add_argument("--http-port", type=int, required=True)
    p.add_argument("--csv", required=True)
    p.add_argument("--base-csv", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--points", default=",".join(n for n, _, _ in POINTS))
    p.add_argument("--insert-seconds", type=int, default=5, help="insert-middle: kill after the statement ran this long")
    p.add_argument("--db-drill", action="store_true")
    p.add_argument("--pg-stop-cmd", required=True)
    p.add_argument("--pg-start-cmd", required=True)
    a = p.parse_args()
    d = Drill(a)
    # the template: schema (the service's migrations) and the base file, copied for every point
    d.psql("DROP DATABASE IF EXISTS crashdrill_template")
    d.psql("CREATE DATABASE crashdrill_template")
    took = d.start("crashdrill_template", None, name="template")
    code, res = d.ingest_file(a.base_csv)
    d.stop()
    log(f"template database ready (first start {took:.1f} s, base file HTTP {code}, {res.get('accepted')} calls)")
    print(f"file: {os.path.basename(a.csv)}, {d.csv_rows} rows; base file: {res.get('accepted')} calls already stored")
    failures = 0
    rows = []
    wanted = [x.strip() for x in a.points.split(",") if x.strip()]
    for i, (name, how, arg) in enumerate(POINTS):
        if name not in wanted:
            continue
        log(f"kill point {name}")
        try:
            r = d.kill_point(i, name, how, arg)
        except Exception as e:  # noqa: BLE001 - a drill that cannot run is a failure to report
            d.stop()
            r = dict(point=name, result=f"BROKEN: {e}")
        failures += r["result"] != "held"
        rows.append(r)
        print(json.dumps(r), flush=True)
    if a.db_drill:
        log("database drill")
        try:
            r = d.db_drill()
        except Exception as e:  # noqa: BLE001
            d.stop()
            r = dict(result=f"BROKEN: {e}")
        failures += r["result"] != "held"
        print("db-stop " + json.dumps(r), flush=True)
    print(f"\n{'kill point':<14} {'batch after restart':<20} {'rows visible':>12} {'rows after resend':>17} "
          f"{'consistency':<12} result")
    for r in rows:
        print(f"{r['point']:<14} {r.get('batch', '-'):<20} {r.get('rows_visible', '-'):>12} "
              f"{r.get('rows_after_resend', '-'):>17} {r.get('consistency', '-'):<12} {r['result']}")
    print("OVERALL: " + ("PASS" if failures == 0 else f"FAIL ({failures} broken)"), flush=True)
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
