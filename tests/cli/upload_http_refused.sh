#!/usr/bin/env bash
# upload_http_refused: the token is only ever sent over https://
BENCHGATE_UPLOAD_TOKEN=secret-token "$BENCHGATE" upload http://bench.example.test/api "$SRC/fixtures/results/small"
