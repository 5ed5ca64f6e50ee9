#!/usr/bin/env bash
# report_pair: two runs on one page: B (the second, the page's run) compared with baseline A;
# both run ids, a comparison row with medians, change and verdict, and both runs' bars side by
# side under one label with a legend; the default output is report.html beside B
cp -R "$SRC/fixtures/results/small" "$TMP/a" && cp -R "$SRC/fixtures/results/mixed" "$TMP/b" || exit 1
"$BENCHGATE" report --html "$TMP/a" "$TMP/b/result.json" || exit $?
page=$TMP/b/report.html
grep -o '<title>[^<]*</title>' "$page" | head -1
grep -o 'run B <code>[^<]*</code>' "$page"
grep -o 'compared with baseline A <code>[^<]*</code>' "$page"
grep -o '<tr><td><code>cpu/n=1024</code></td><td>time_ns</td>.*</tr>' "$page" | head -1
grep -o '<tr><td><code>cpu/n=x1</code></td><td>time_ns</td>.*</tr>' "$page" | grep -o 'badge b-error">error</span> <span class="msg">in B' # failed in B: never new or pass
grep -o '<h2>overhead</h2>' "$page"
grep -o '<text [^>]*>A (baseline): [^<]*</text>' "$page" | head -1
grep -o '<text [^>]*>B: [^<]*</text>' "$page" | head -1
# under the label cpu/n=1024: A's bar (grey), then B's (blue), each with its tooltip
sed -n '/text-anchor="end">cpu\/n=1024</,/<\/svg>/p' "$page" | grep -oE '<title>[^<]*</title>|<rect [^>]*>' | grep -oE '<title>.*|fill="#[0-9a-f]{6}"' | head -4
grep -o '<div class="card"><b>1</b>benchmark improved</div>' "$page"
