"""HTTP helpers the Python benches share: POST with timing, GraphQL, warm p50/p95."""
import json
import os
import time
import urllib.request


class Client:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"

    def post(self, path, body, ctype):
        """(seconds, parsed JSON answer) of one POST."""
        req = urllib.request.Request(self.base + path, data=body, headers={"content-type": ctype, "X-Api-Key": os.environ["BENCH_API_KEY"]}, method="POST")
        t = time.perf_counter()
        with urllib.request.urlopen(req, timeout=600) as r:
            data = json.load(r)
        return time.perf_counter() - t, data

    def gql(self, query):
        """Seconds one GraphQL query took; stops the bench on a GraphQL error."""
        t = time.perf_counter()
        _, data = self.post("/graphql", json.dumps({"query": query}).encode(), "application/json")
        if data.get("errors"):
            raise SystemExit(f"GraphQL error: {data['errors']}")
        return time.perf_counter() - t

    def latency(self, query, runs, warmup=5):
        """(p50 ms, p95 ms) of `runs` warm runs of a query."""
        for _ in range(warmup):
            self.gql(query)
        s = sorted(self.gql(query) for _ in range(runs))
        return s[len(s) // 2] * 1000, s[int(len(s) * 0.95) - 1] * 1000
