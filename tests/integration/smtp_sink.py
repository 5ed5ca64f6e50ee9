#!/usr/bin/env python3
"""smtp_sink.py - a tiny SMTP server for the notification tests (asyncio, standard library).

Listens on 127.0.0.1 (port 0: the kernel picks one, printed on stdout once listening) and
accepts every message: EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT. Each message is
written to --out-dir as NNN.eml (the data, dot-unstuffed) and NNN.json (the envelope: mail
from and rcpt to). It offers no STARTTLS and no AUTH. Stop it with SIGTERM.
"""
import argparse
import asyncio
import json
import os
import sys

COUNT = [0]


def store(out_dir, sender, rcpts, data):
    COUNT[0] += 1
    base = os.path.join(out_dir, "%03d" % COUNT[0])
    with open(base + ".eml.part", "wb") as f:
        f.write(data)
    os.replace(base + ".eml.part", base + ".eml")
    with open(base + ".json", "w", encoding="utf-8") as f:
        json.dump({"mail_from": sender, "rcpt_to": rcpts}, f)


async def read_data(reader):
    lines = []
    while True:
        line = await reader.readline()
        if not line or line in (b".\r\n", b".\n"):
            return b"".join(lines)
        lines.append(line[1:] if line.startswith(b"..") else line)


async def session(reader, writer, out_dir):
    def say(text):
        writer.write((text + "\r\n").encode())

    say("220 sink.test ESMTP ready")
    sender, rcpts = None, []
    while True:
        line = await reader.readline()
        if not line:
            break
        cmd = line.decode("latin-1").strip()
        verb = cmd.split(" ", 1)[0].upper()
        if verb == "EHLO":
            say("250-sink.test")
            say("250 8BITMIME")
        elif verb == "HELO":
            say("250 sink.test")
        elif verb == "MAIL":
            sender, rcpts = cmd.split(":", 1)[1].strip(), []
            say("250 OK")
        elif verb == "RCPT":
            rcpts.append(cmd.split(":", 1)[1].strip())
            say("250 OK")
        elif verb == "DATA":
            say("354 end with <CRLF>.<CRLF>")
            await writer.drain()
            store(out_dir, sender, rcpts, await read_data(reader))
            say("250 OK queued")
        elif verb in ("RSET", "NOOP"):
            say("250 OK")
        elif verb == "QUIT":
            say("221 bye")
            await writer.drain()
            break
        else:
            say("502 not implemented")
        await writer.drain()
    writer.close()


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out-dir", required=True)
    args = ap.parse_args()
    server = await asyncio.start_server(lambda r, w: session(r, w, args.out_dir), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    sys.exit(0)
