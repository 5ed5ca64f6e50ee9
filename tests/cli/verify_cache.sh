#!/usr/bin/env bash
# verify_cache
# the second verify hashes nothing; --no-cache hashes every file; a change is hashed again
cp -R "$SRC/fixtures/datasets/tiny" "$TMP/tiny" && chmod 0444 "$TMP"/tiny/tiny-v1/*.csv || exit 9
v() { "$BENCHGATE" verify --dataset=tiny --root="$TMP/tiny" --verbose "$@" | grep '^cache:'; }
v; v; v --no-cache
echo "entries: $(grep -c 'tiny-v1/' "$TMP/tiny/.benchgate-verify-cache")"
grep -q "^fa39f85dc698e8c03824b0af3de7bc534da1cdf3905d1e8a585352854f5a7767	16	" "$TMP/tiny/.benchgate-verify-cache" && echo 'values.csv cached with its size'
touch "$TMP/tiny/tiny-v1/values.csv"
v
