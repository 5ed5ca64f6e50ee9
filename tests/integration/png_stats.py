#!/usr/bin/env python3
"""png_stats.py - what a PNG screenshot shows, decoded with the standard library (zlib).

usage: png_stats.py FILE [--min-ink PCT] [--colour RRGGBB:MIN_PIXELS]...

Prints the size, the share of pixels that are not (near) white, the number of distinct
colours, and the pixel count of each --colour (within a tolerance of 12 per channel). Exit 0
when the image has at least --min-ink percent of non-white pixels (default 1) and every
--colour appears at least MIN_PIXELS times; 1 otherwise; 2 when the file is not a PNG this
decoder reads (8-bit RGB or RGBA, not interlaced).
"""
import argparse
import struct
import sys
import zlib


def chunks(data):
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        yield kind, data[pos + 8:pos + 8 + length]
        pos += 12 + length


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def unfilter(raw, width, height, bpp):
    stride = width * bpp
    rows, prev, pos = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 255
            elif kind == 4:
                line[i] = (line[i] + paeth(a, b, c)) & 255
        rows.append(line)
        prev = line
    return rows


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG (no signature)")
    idat, header = b"", None
    for kind, body in chunks(data):
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError("depth %d, colour type %d, interlace %d: not read here"
                         % (depth, colour, interlace))
    bpp = 3 if colour == 2 else 4
    return width, height, bpp, unfilter(zlib.decompress(idat), width, height, bpp)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--min-ink", type=float, default=1.0)
    ap.add_argument("--colour", action="append", default=[])
    args = ap.parse_args()
    try:
        width, height, bpp, rows = decode(args.file)
    except (OSError, ValueError, TypeError, zlib.error) as e:
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
