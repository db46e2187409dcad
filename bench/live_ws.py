"""A minimal GraphQL-over-WebSocket client (python3 stdlib only) for the live-floor benches.

RFC 6455 client side: HTTP/1.1 upgrade with a checked Sec-WebSocket-Accept, masked client frames,
text frames (fragmented messages reassembled), ping answered with pong, close answered with close.
On top, the graphql-transport-ws protocol: connection_init (credentials in the payload) ->
connection_ack, subscribe, next / error / complete, and its own {"type":"ping"} -> {"type":"pong"}.
No TLS (the benches talk to 127.0.0.1).

    ws = GraphQLWs("127.0.0.1", 8080, "/graphql", {"Authorization": "ApiKey cs_..."})
    ws.subscribe("1", "subscription { liveFloor { asOf today { totalCalls } } }")
    for kind, sub_id, payload in ws.messages():   # ("next", "1", {"data": ...}), ("error", ...), ...
        ...
"""
import base64
import hashlib
import json
import os
import socket
import struct
import threading

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA


class WsClosed(Exception):
    pass


class WebSocket:
    """One client connection: send_text(), recv_message() -> str (None once closed)."""

    def __init__(self, host, port, path, subprotocol=None, timeout=10.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""
        self.send_lock = threading.Lock()
        self.closed = False
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Upgrade: websocket", "Connection: Upgrade",
                 f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13"]
        if subprotocol:
            lines.append(f"Sec-WebSocket-Protocol: {subprotocol}")
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise WsClosed("connection closed during the WebSocket handshake")
            self.buf += chunk
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        status, *header_lines = head.decode("iso-8859-1").split("\r\n")
        if " 101 " not in status + " ":
            raise WsClosed(f"WebSocket upgrade refused: {status}")
        headers = {k.strip().lower(): v.strip() for k, v in (h.split(":", 1) for h in header_lines if ":" in h)}
        expected = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        if headers.get("sec-websocket-accept") != expected:
            raise WsClosed("bad Sec-WebSocket-Accept in the upgrade answer")
        self.subprotocol = headers.get("sec-websocket-protocol")
        self.sock.settimeout(None)

    def _send_frame(self, opcode, payload):
        n = len(payload)
        if n < 126:
            head = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
        elif n < 1 << 16:
            head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
        mask = os.urandom(4)
        # XOR with the repeated 4-byte mask as one big-integer operation
        m = (mask * (n // 4 + 1))[:n]
        masked = (int.from_bytes(payload, "big") ^ int.from_bytes(m, "big")).to_bytes(n, "big") if n else b""
        with self.send_lock:
            self.sock.sendall(head + mask + masked)

    def send_text(self, text):
        self._send_frame(OP_TEXT, text.encode())

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise WsClosed("connection closed by the server")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def recv_message(self):
        """The next text/binary message as str; answers pings; None after a close frame."""
        parts = []
        while True:
            b0, b1 = self._read(2)
            fin, opcode, masked, n = b0 & 0x80, b0 & 0x0F, b1 & 0x80, b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read(8))[0]
            mask = self._read(4) if masked else None
            payload = self._read(n)
            if mask:
                m = (mask * (n // 4 + 1))[:n]
                payload = (int.from_bytes(payload, "big") ^ int.from_bytes(m, "big")).to_bytes(n, "big")
            if opcode == OP_PING:
                self._send_frame(OP_PONG, payload)
                continue
            if opcode == OP_PONG:
                continue
            if opcode == OP_CLOSE:
                if not self.closed:
                    self.closed = True
                    try:
                        self._send_frame(OP_CLOSE, payload[:2])
                    except OSError:
                        pass
                return None
            parts.append(payload)
            if fin:
                return b"".join(parts).decode("utf-8")

    def close(self, code=1000):
        if not self.closed:
            self.closed = True
            try:
                self._send_frame(OP_CLOSE, struct.pack("!H", code))
            except OSError:
                pass
        try:
            self.sock.close()
        except OSError:
            pass


class GraphQLWs:
    """graphql-transport-ws over WebSocket: init with credentials, subscribe, iterate messages."""

    def __init__(self, host, port, path="/graphql", init_payload=None, timeout=10.0):
        self.ws = WebSocket(host, port, path, "graphql-transport-ws", timeout)
        self.ws.send_text(json.dumps({"type": "connection_init", "payload": init_payload or {}}))
        self.ws.sock.settimeout(timeout)
        while True:
            msg = self._next()
            if msg is None:
                raise WsClosed("closed before connection_ack (credentials refused?)")
            if msg.get("type") == "connection_ack":
                break
            if msg.get("type") == "ping":
                self.ws.send_text('{"type":"pong"}')
        self.ws.sock.settimeout(None)

    def _next(self):
        text = self.ws.recv_message()
        return None if text is None else json.loads(text)

    def subscribe(self, sub_id, query, variables=None):
        payload = {"query": query}
        if variables:
            payload["variables"] = variables
        self.ws.send_text(json.dumps({"id": sub_id, "type": "subscribe", "payload": payload}))

    def complete(self, sub_id):
        self.ws.send_text(json.dumps({"id": sub_id, "type": "complete"}))

    def messages(self):
        """Yields (type, id, payload) of next / error / complete messages until the socket closes."""
        while True:
            try:
                msg = self._next()
            except (WsClosed, OSError):
                return
            if msg is None:
                return
            t = msg.get("type")
            if t == "ping":
                self.ws.send_text('{"type":"pong"}')
            elif t in ("next", "error", "complete"):
                yield t, msg.get("id"), msg.get("payload")

    def close(self):
        self.ws.close()
