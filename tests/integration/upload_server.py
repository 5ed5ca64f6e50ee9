#!/usr/bin/env python3
"""upload_server.py - an HTTPS server for the upload tests (scripts/upload_results.sh and
`benchgate upload`).

Listens on 127.0.0.1 (port 0: the kernel picks one, printed on stdout once listening) with the
certificate --cert and key --key. Every POST is recorded under --log-dir as NNN.json: the
method, path, headers, and the multipart form parsed into fields (text) and files (name,
filename, content type, SHA-256, size, and the bytes as latin-1 text). Answers:

  --mode=retry     the first --fail requests get 503 (with Retry-After: 0), then 201
  --mode=always    every request gets 503
  --mode=refuse    401 Unauthorized (final: not to be retried)

--delay=S holds each answer S seconds (so that a test can look at the process list while an
upload runs). Standard library only. Stop it with SIGTERM.
"""
import argparse
import hashlib
import json
import os
import ssl
import sys
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARGS = None
LOCK = threading.Lock()
COUNT = [0]


def parse_form(content_type, body):
    """(fields, files) of a multipart/form-data body."""
    msg = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body)
    fields, files = {}, {}
    for part in msg.iter_parts() if msg.is_multipart() else []:
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is None:
            fields[name] = data.decode("utf-8", "replace")
        else:
            files[name] = {"filename": filename, "type": part.get_content_type(),
                           "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                           "text": data.decode("latin-1")}
    return fields, files


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, code, text, extra=None):
        body = (text + "\n").encode()
        self.send_response(code)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        with LOCK:
            COUNT[0] += 1
            n = COUNT[0]
        fields, files = parse_form(self.headers.get("Content-Type", ""), body)
        record = {"n": n, "time": time.time(), "method": "POST", "path": self.path,
                  "headers": {k: v for k, v in self.headers.items()},
                  "fields": fields, "files": files}
        with open(os.path.join(ARGS.log_dir, "%03d.json" % n), "w", encoding="utf-8") as f:
            json.dump(record, f)
        time.sleep(ARGS.delay)
        if ARGS.mode == "refuse":
            self.answer(401, "bad token")
        elif ARGS.mode == "always" or (ARGS.mode == "retry" and n <= ARGS.fail):
            self.answer(503, "busy, try later", {"Retry-After": "0"})
        else:
            self.answer(201, "stored run %s" % fields.get("run_id", "?"))


def main():
    global ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--log-dir", required=True)
    ap.add_argument("--mode", choices=("retry", "always", "refuse"), default="retry")
    ap.add_argument("--fail", type=int, default=2)
    ap.add_argument("--delay", type=float, default=0.0)
    ARGS = ap.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(ARGS.cert, ARGS.key)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
