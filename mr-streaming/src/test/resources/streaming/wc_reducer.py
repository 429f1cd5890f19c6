#!/usr/bin/env python3
# WordCount's reduce: its input is sorted by word, so each word's counts are adjacent
import sys

out = sys.stdout.buffer
current, total = None, 0
for line in sys.stdin.buffer:
    word, _, count = line.rstrip(b"\n").partition(b"\t")
    if word != current:
        if current is not None:
            out.write(current + b"\t%d\n" % total)
        current, total = word, 0
    total += int(count)
if current is not None:
    out.write(current + b"\t%d\n" % total)
