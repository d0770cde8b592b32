# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The HTTP server and fault injection shared by the fake marketplaces.

Usage::

    with FakeTopServer() as server:          # a subclass of FakeMarketplace
        server.add_order(...)
        server.inject("5xx")                 # the next request gets a 500
        adapter = TopAdapter({"endpoint": server.url, ...})

Faults (each consumed by one request, in the order injected):

``"5xx"``        HTTP 500 with an HTML body
``"timeout"``    the server sleeps ``fault_delay`` seconds before answering
``"rate_limit"`` the platform's rate-limit response (subclass decides)
``"malformed"``  HTTP 200 with a body that is not valid JSON
``"duplicate_page"`` the next order page repeats the previous page's orders
"""
import json
import socketserver
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit


class ThreadingHTTPServer(socketserver.ThreadingMixIn, HTTPServer):
    """One thread per request (``http.server.ThreadingHTTPServer`` exists
    only from Python 3.7)."""

    daemon_threads = True


class Request(object):
    """What a handler gets: method, path, query (dict of first values),
    headers, raw body, JSON body (or None), form (dict of first values)."""

    def __init__(self, method, path, query, headers, body):
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        try:
            self.json = json.loads(body.decode("utf-8")) if body else None
        except ValueError:
            self.json = None
        content_type = headers.get("Content-Type", "")
        self.form = {}
        if "application/x-www-form-urlencoded" in content_type:
            self.form = {k: v[0] for k, v in parse_qs(
                body.decode("utf-8"), keep_blank_values=True).items()}


class Response(object):
    def __init__(self, status=200, body=None, headers=None):
        self.status = status
        self.body = body
        self.headers = headers or {}


class FakeMarketplace(object):
    """A threaded HTTP server on 127.0.0.1 and a random port.  Subclasses
    implement ``handle(request) -> Response`` and ``rate_limit_response``.
    ``requests`` records every request (method, path, query, json/form)."""

    fault_delay = 3.0

    def __init__(self, port=0):
        self.lock = threading.RLock()
        self.faults = deque()
        self.requests = []
        self._port = port
        self.httpd = None
        self.thread = None

    # -- lifecycle -----------------------------------------------------
    def start(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes: without TCP_NODELAY a
            # keep-alive client waits for the delayed ACK (~40 ms a call),
            # which real platforms do not make it do.
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(
                    parts.query, keep_blank_values=True).items()}
                request = Request(self.command, parts.path, query,
                                  self.headers, body)
                response = fake._dispatch(request)
                payload = response.body
                if isinstance(payload, (dict, list)):
                    payload = json.dumps(payload, ensure_ascii=False)
                if isinstance(payload, str):
                    payload = payload.encode("utf-8")
                payload = payload or b""
                self.send_response(response.status)
                headers = {"Content-Type": "application/json; charset=utf-8"}
                headers.update(response.headers)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

        self.httpd = ThreadingHTTPServer(("127.0.0.1", self._port), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       daemon=True)
        self.thread.start()
        return self

    def stop(self):
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def port(self):
        return self.httpd.server_address[1]

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    # -- faults --------------------------------------------------------
    def inject(self, fault, count=1):
        """Queue ``count`` times the fault for the next requests."""
        with self.lock:
            for _ in range(count):
                self.faults.append(fault)

    def _dispatch(self, request):
        with self.lock:
            self.requests.append({
                "method": request.method, "path": request.path,
                "query": request.query, "json": request.json,
                "form": request.form})
            fault = self.faults.popleft() if self.faults else None
        if fault == "5xx":
            return Response(500, "<html><body>Internal Server Error</body></html>",
                            {"Content-Type": "text/html"})
        if fault == "timeout":
            time.sleep(self.fault_delay)
        if fault == "rate_limit":
            return self.rate_limit_response(request)
        if fault == "malformed":
            return Response(200, '{"truncated": ')
        with self.lock:
            self.duplicate_next_page = fault == "duplicate_page"
            return self.handle(request)

    duplicate_next_page = False

    def handle(self, request):
        raise NotImplementedError

    def rate_limit_response(self, request):
        return Response(429, {"errors": "Too many requests"},
                        {"Retry-After": "1"})
