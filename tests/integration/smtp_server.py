#!/usr/bin/env python3
"""smtp_server.py - a real SMTP server (aiosmtpd, Debian's python3-aiosmtpd) for the
notification tests, with a handler that keeps each message.

Listens on 127.0.0.1 on a free port, printed on stdout once it accepts connections. Each message
is written to --out-dir as NNN.eml (the data as received, dot-unstuffed by aiosmtpd) and NNN.json
(the envelope: mail_from and rcpt_to as aiosmtpd parsed them). Stop it with SIGTERM.
Exit 77 with a message when aiosmtpd is not installed.
"""
import argparse
import json
import os
import signal
import socket
import sys
import threading

try:
    from aiosmtpd.controller import Controller
except ImportError:
    print("SKIP: python3-aiosmtpd not installed (apt-get install python3-aiosmtpd)", file=sys.stderr)
    sys.exit(77)


class Keep:
    """Writes every message it is handed to out_dir."""

    def __init__(self, out_dir):
        self.out_dir, self.count = out_dir, 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.out_dir, "%03d" % self.count)
        with open(base + ".eml.part", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.replace(base + ".eml.part", base + ".eml")
        with open(base + ".json", "w", encoding="utf-8") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_to": envelope.rcpt_tos}, f)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out-dir", required=True)
    args = ap.parse_args()
    port = free_port()
    controller = Controller(Keep(args.out_dir), hostname="127.0.0.1", port=port)
    controller.start()
    print(port, flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
