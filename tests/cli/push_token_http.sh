#!/usr/bin/env bash
# push_token_http: benchgate push with BENCHGATE_TELEMETRY_TOKEN to a plain http:// Pushgateway
# is refused with exit 2 before anything is sent (a listener on the port sees no connection,
# the token is in no message); without the token the same URL is pushed to.
mkdir "$TMP/run" && cp "$SRC/fixtures/results/small/result.json" "$TMP/run/"
"$PY" - "$TMP" <<'PY' &
import socket, sys
tmp = sys.argv[1]
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
open(tmp + "/port.tmp", "w").write(str(s.getsockname()[1]))
__import__("os").rename(tmp + "/port.tmp", tmp + "/port")
s.settimeout(15)
seen = 0
try:
    while True:
        c, _ = s.accept()
        data = b""
        c.settimeout(5)
        while b"\r\n\r\n" not in data:
            chunk = c.recv(65536)
            if not chunk:
                break
            data += chunk
        seen += 1
        open(tmp + "/requests", "a").write(data.split(b"\r\n")[0].decode() + "\n")
        c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        c.close()
        if b"Authorization" not in data:
            break
except socket.timeout:
    pass
PY
server=$!
for _ in $(seq 100); do [ -f "$TMP/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$TMP/port")"
BENCHGATE_TELEMETRY_TOKEN=s3cret "$BENCHGATE" push "$TMP/run" --telemetry-url="$url" \
    --telemetry-timeout=5 2>"$TMP/push.err"
echo "token over http: exit $?"
sed "s|$url|URL|" "$TMP/push.err" >&2
grep -c s3cret "$TMP/push.err"
echo "requests before: $( { cat "$TMP/requests" 2>/dev/null || true; } | wc -l)"
"$BENCHGATE" push "$TMP/run" --telemetry-url="$url" --telemetry-timeout=5 >/dev/null
echo "no token over http: exit $?"
wait "$server"
echo "requests after: $(wc -l <"$TMP/requests")"
