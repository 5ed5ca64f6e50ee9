#!/usr/bin/env python3
"""png_stats.py - what a PNG screenshot shows, read by matplotlib (matplotlib.image.imread,
through Pillow: a real PNG decoder, any bit depth, palette or interlace).

usage: png_stats.py FILE [--min-ink PCT] [--colour RRGGBB:MIN_PIXELS]...

Prints the size, the share of pixels that are not (near) white, the number of distinct
colours, and the pixel count of each --colour (within a tolerance of 12 per channel). Exit 0
when the image has at least --min-ink percent of non-white pixels (default 1) and every
--colour appears at least MIN_PIXELS times; 1 otherwise; 2 when the file is not a PNG;
77 when matplotlib is missing (Debian: python3-matplotlib, for /usr/bin/python3).
"""
import argparse
import sys

from system_python import require  # noqa: E402

mpimg = require("matplotlib.image", "matplotlib (python3-matplotlib)")


def decode(path):
    """@return width, height, bytes per pixel and the rows as bytearrays of 8-bit channels."""
    with open(path, "rb") as f:
        if f.read(8) != b"\x89PNG\r\n\x1a\n":
            raise ValueError("not a PNG (no signature)")
    image = mpimg.imread(path, format="png")  # floats 0..1, rows of pixels
    height, width = image.shape[0], image.shape[1]
    bpp = image.shape[2] if image.ndim == 3 else 1
    if bpp == 1:
        image = image.reshape(height, width, 1).repeat(3, axis=2)
        bpp = 3
    scale = 255 if image.dtype.kind == "f" else 1
    rows = [bytearray(int(round(v * scale)) & 255 for v in row.reshape(-1)) for row in image]
    return width, height, bpp, rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--min-ink", type=float, default=1.0)
    ap.add_argument("--colour", action="append", default=[])
    args = ap.parse_args()
    try:
        width, height, bpp, rows = decode(args.file)
    except (OSError, ValueError, TypeError, SyntaxError) as e:
        print("png_stats.py: %s: %s" % (args.file, e), file=sys.stderr)
        return 2
    wanted = []
    for spec in args.colour:
        rgb, count = spec.split(":")
        wanted.append(([int(rgb[i:i + 2], 16) for i in (0, 2, 4)], int(count), [0]))
    ink, colours = 0, set()
    for line in rows:
        for x in range(0, width * bpp, bpp):
            r, g, b = line[x], line[x + 1], line[x + 2]
            colours.add((r, g, b))
            if r < 235 or g < 235 or b < 235:
                ink += 1
            for rgb, _, seen in wanted:
                if abs(r - rgb[0]) <= 12 and abs(g - rgb[1]) <= 12 and abs(b - rgb[2]) <= 12:
                    seen[0] += 1
    share = 100.0 * ink / (width * height)
    print("%s: %dx%d, %.1f%% non-white pixels, %d colours" % (args.file, width, height, share,
                                                              len(colours)))
    ok = share >= args.min_ink
    for rgb, count, seen in wanted:
        print("  colour %02x%02x%02x: %d pixels (want >= %d)" % (rgb[0], rgb[1], rgb[2], seen[0],
                                                                count))
        ok = ok and seen[0] >= count
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
