#!/usr/bin/env python3
"""A webhook receiver for feed-bench.sh: checks every request's signature, counts leads by idempotency key.

    feed_receiver.py PORT SECRET

POST /hook    a signed batch: 200 when the signature holds (401 otherwise)
GET  /stats   {"requests", "leads", "uniqueKeys", "badSignatures", "firstAt", "lastAt"}
Python stdlib only; HTTP/1.1 keep-alive, one thread per connection.
"""
import hashlib
import hmac
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, SECRET = int(sys.argv[1]), sys.argv[2].encode()
lock = threading.Lock()
stats = {"requests": 0, "leads": 0, "badSignatures": 0, "firstAt": None, "lastAt": None}
keys = set()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            out = dict(stats, uniqueKeys=len(keys))
        self.answer(200, out)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        ts = self.headers.get("X-Callsight-Timestamp", "")
        sig = self.headers.get("X-Callsight-Signature", "")
        expected = "v1=" + hmac.new(SECRET, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, sig):
            with lock:
                stats["badSignatures"] += 1
            return self.answer(401, {"error": "bad signature"})
        leads = json.loads(body).get("leads", [])
        now = time.time()
        with lock:
            stats["requests"] += 1
            stats["leads"] += len(leads)
            stats["firstAt"] = stats["firstAt"] or now
            stats["lastAt"] = now
            keys.update(lead["idempotencyKey"] for lead in leads)
        self.answer(200, {"ok": True, "received": len(leads)})


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
