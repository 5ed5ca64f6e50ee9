#!/usr/bin/env python3
"""flaky_server.py - an HTTP server for the download tests that fails on purpose.

Serves the files under --dir on 127.0.0.1 (port 0: the kernel picks one; the port is printed on
stdout as soon as the server listens). The first --fail requests for each path fail in the
chosen --mode; later ones succeed:

  503       answer 503 Service Unavailable
  drop      close the connection without answering
  truncate  announce the full Content-Length, send half the body, close
  corrupt   send the full body with one byte flipped
  slow      send the headers and half the body, then stall for --stall seconds
  none      never fail

Range requests (bytes=N-) are answered 206 with Content-Range, also while failing. Every request
is logged to --log as one tab-separated line, written when the request arrives:
  arrival time (s, epoch)  request number for the path  method  path  Range header or -
  status  action
Standard library only. Stop it with SIGTERM.
"""
import argparse
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

ARGS = None
COUNTS = {}
LOCK = threading.Lock()


def log(line):
    with LOCK:
        with open(ARGS.log, "a", encoding="utf-8") as f:
            f.write(line + "\n")


def local_file(url_path):
    """The file under --dir that url_path names, or None (never outside --dir)."""
    rel = unquote(urlsplit(url_path).path).lstrip("/")
    root = os.path.realpath(ARGS.dir)
    full = os.path.realpath(os.path.join(root, rel))
    if not full.startswith(root + os.sep) or not os.path.isfile(full):
        return None
    return full


def parse_range(header, length):
    """The first byte asked for by 'bytes=N-', or None; -1 when it cannot be satisfied."""
    if not header:
        return None
    if not header.startswith("bytes=") or not header.endswith("-"):
        return -1
    try:
        start = int(header[len("bytes="):-1])
    except ValueError:
        return -1
    return start if 0 <= start < length else -1


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: the log file is the record
        pass

    def plan(self, data):
        """(request number for the path, status, body, first byte, action) for this request."""
        with LOCK:
            n = COUNTS.get(self.path, 0) + 1
            COUNTS[self.path] = n
        failing = ARGS.mode != "none" and n <= ARGS.fail
        start = parse_range(self.headers.get("Range"), len(data))
        if start == -1:
            return n, 416, b"", 0, "range"
        status = 200 if start is None else 206
        start = start or 0
        if failing and ARGS.mode == "503":
            return n, 503, b"try again later\n", start, "503"
        return n, status, data[start:], start, ARGS.mode if failing else "ok"

    def do_GET(self):
        arrived = time.time()
        path = local_file(self.path)
        data = b""
        if path is not None:
            with open(path, "rb") as f:
                data = f.read()
        n, status, body, start, action = self.plan(data)
        if path is None:
            status, body, action = 404, b"not found\n", "404"
        log("%.6f\t%d\tGET\t%s\t%s\t%d\t%s" % (arrived, n, self.path,
                                             self.headers.get("Range") or "-", status, action))
        if action == "drop":
            self.close_connection = True
            return
        if action == "corrupt" and body:
            middle = len(body) // 2
            body = body[:middle] + bytes([body[middle] ^ 0xFF]) + body[middle + 1:]
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        if status == 206:
            self.send_header("Content-Range",
                             "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))
        self.end_headers()
        self.send_body(body, action)

    def send_body(self, body, action):
        try:
            if action in ("truncate", "slow"):
                self.wfile.write(body[:len(body) // 2])
                self.wfile.flush()
                if action == "slow":
                    time.sleep(ARGS.stall)
                    self.wfile.write(body[len(body) // 2:])
                self.close_connection = True
                return
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--fail", type=int, default=0)
    ap.add_argument("--mode", default="none",
                    choices=["503", "drop", "truncate", "corrupt", "slow", "none"])
    ap.add_argument("--stall", type=float, default=5.0)
    ARGS = ap.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
