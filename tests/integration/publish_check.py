#!/usr/bin/python3
"""publish_check.py SITE [REPO_URL] - the static checks of a benchgate publish site.

Every page parses; every href to a local file names a file of the site; nothing is fetched
when a page is viewed (no src, no url(), no @import, no link element; scripts inline only);
outside URLs are only the repository's commit links (REPO_URL/commit/SHA) and the SVG
namespace; every benchmark page has an SVG plot with a polyline and a <title> per commit.
Exit 0 pass, 1 fail (the reason printed).
"""
import os
import re
import sys
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.tags, self.titles = [], [], 0
        self.in_svg_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        assert tag not in ("link", "img", "iframe", "object", "embed"), "element <%s>" % tag
        assert "src" not in a and "xlink:href" not in a and "action" not in a, \
            "fetching attribute on <%s>" % tag
        for name, value in attrs:
            assert not name.startswith("on"), "attribute %s on <%s>" % (name, tag)
            assert "url(" not in (value or ""), "url() in %s" % name
        if "href" in a:
            self.hrefs.append(a["href"])
        if tag == "title" and "svg" in self.tags:
            self.titles += 1


def main():
    site, repo = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else None)
    pages = [os.path.join(d, f) for d, _, fs in os.walk(site) for f in fs if f.endswith(".html")]
    assert os.path.isfile(os.path.join(site, "index.html")), "no index.html"
    assert os.path.isfile(os.path.join(site, "changes.html")), "no changes.html"
    benches = [p for p in pages if os.sep + "b" + os.sep in p]
    assert benches, "no benchmark page"
    outside = 0
    for path in pages:
        text = open(path, encoding="utf-8").read()
        p = Page()
        p.feed(text)
        assert "@import" not in text and "url(" not in text, "%s: CSS fetches" % path
        urls = set(re.findall(r"https?://[^\"' <]*", text)) - {"http://www.w3.org/2000/svg"}
        for u in urls:
            assert repo and re.fullmatch(re.escape(repo) + r"/commit/[0-9a-f]{7,64}", u), \
                "%s: outside URL %s" % (path, u)
            outside += 1
        for h in p.hrefs:
            if h.startswith("https://") or h.startswith("http://"):
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(path), h.split("#")[0]))
            assert os.path.isfile(target), "%s: href %s names no file" % (path, h)
        if path in benches:
            assert "<polyline" in text and p.titles > 0, "%s: no plot or no tooltips" % path
    assert repo is None or outside > 0, "no commit links to %s" % repo
    print("publish_check.py: %d page(s), %d benchmark page(s), %d commit link(s): ok"
          % (len(pages), len(benches), outside))


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        sys.exit("publish_check.py: FAIL: %s" % e)
