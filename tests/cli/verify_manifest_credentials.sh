#!/usr/bin/env bash
# verify_manifest_credentials: a URL with user:password@ in datasets.yaml is refused (the file is
# committed and its URLs are logged), and the password is not echoed back.
"$BENCHGATE" verify --dataset --manifest="$SRC/fixtures/datasets/bad/credentials_url.yaml" --root="$TMP" 2>"$TMP/err"
rc=$?
cat "$TMP/err" >&2
grep -q s3cret "$TMP/err" && echo "the password is in the message"
exit "$rc"
