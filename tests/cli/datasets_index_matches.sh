#!/usr/bin/env bash
# datasets_index_matches
# the committed datasets/datasets.index is what `benchgate datasets index` makes of datasets.yaml
"$BENCHGATE" datasets index --manifest="$SRC/datasets/datasets.yaml" >"$TMP/index" || exit $?
cmp "$TMP/index" "$SRC/datasets/datasets.index" || { diff "$SRC/datasets/datasets.index" "$TMP/index"; echo "datasets/datasets.index is stale: regenerate it (see datasets/datasets.yaml)"; exit 1; }
echo "index matches datasets.yaml"
