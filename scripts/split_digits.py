#!/usr/bin/env python3
"""split_digits.py - builds datasets/baseline/digits-v1 from the digits copy (reproducibly).

Reads SOURCE/digits.csv.gz (1797 rows: 64 pixel values 0..16, then the label 0..9) and
SOURCE/digits.rst, and writes into OUT:
  digits.csv.gz, digits.rst   byte-for-byte copies of the sources
  train.csv, test.csv         header-less CSV, one row per image: 64 ints, then the label

The split is stratified and deterministic: within each class, in file order, every 5th sample
(the 5th, 10th, ...) goes to test.csv, the others to train.csv; both keep the file order.
Files are written through a temporary name and renamed, and made read-only (0444).

Usage: scripts/split_digits.py [--source=DIR] [--out=DIR]
  --source  the folder holding digits.csv.gz and digits.rst (default: the committed copy,
            datasets/baseline/digits-v1)
  --out     where to write (default: the same folder)
Standard library only; the output depends on nothing but the input bytes.
"""
import argparse
import gzip
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, os.pardir, "datasets", "baseline", "digits-v1")
TEST_EVERY = 5
EXPECTED_ROWS = 1797


def fail(msg):
    print("split_digits.py: error: " + msg, file=sys.stderr)
    sys.exit(2)


def read_rows(path):
    """The rows of the gzip'ed CSV as lists of ints, checked."""
    try:
        with gzip.open(path, "rt", encoding="ascii", newline="") as f:
            lines = f.read().splitlines()
    except (OSError, EOFError, UnicodeDecodeError) as e:
        fail("%s: cannot read: %s" % (path, e))
    rows = []
    for number, line in enumerate(lines, 1):
        fields = line.split(",")
        try:
            values = [int(float(v)) for v in fields]
        except ValueError:
            fail("%s:%d: not a row of numbers" % (path, number))
        if len(values) != 65 or any(not 0 <= v <= 16 for v in values[:64]) \
                or not 0 <= values[64] <= 9:
            fail("%s:%d: expected 64 pixel values 0..16 and a label 0..9" % (path, number))
        rows.append(values)
    if len(rows) != EXPECTED_ROWS:
        fail("%s: %d rows, expected %d" % (path, len(rows), EXPECTED_ROWS))
    return rows


def split(rows):
    """Every TEST_EVERY-th sample of each class (in file order) goes to test."""
    seen = [0] * 10
    train, test = [], []
    for row in rows:
        label = row[64]
        seen[label] += 1
        (test if seen[label] % TEST_EVERY == 0 else train).append(row)
    return train, test


def csv_bytes(rows):
    return "".join(",".join(str(v) for v in row) + "\n" for row in rows).encode("ascii")


def write_file(out_dir, name, data):
    """Writes data to out_dir/name through a temporary file, then 0444."""
    fd, tmp = tempfile.mkstemp(prefix="." + name + ".", dir=out_dir)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o444)
        os.replace(tmp, os.path.join(out_dir, name))
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main():
    ap = argparse.ArgumentParser(description="Split the digits dataset into train and test.")
    ap.add_argument("--source", default=DEFAULT_DIR)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    out = args.out or args.source
    os.makedirs(out, exist_ok=True)
    train, test = split(read_rows(os.path.join(args.source, "digits.csv.gz")))
    for name in ("digits.csv.gz", "digits.rst"):
        src = os.path.join(args.source, name)
        if not os.path.isfile(src):
            fail("%s: missing" % src)
        if not os.path.exists(os.path.join(out, name)) or \
                not os.path.samefile(src, os.path.join(out, name)):
            with open(src, "rb") as f:
                write_file(out, name, f.read())
    write_file(out, "train.csv", csv_bytes(train))
    write_file(out, "test.csv", csv_bytes(test))
    print("split_digits.py: %d train and %d test rows in %s" % (len(train), len(test), out))


if __name__ == "__main__":
    main()
