#!/usr/bin/env python3
# reducer.py
import sys
current, total = None, 0
for line in sys.stdin.buffer:
    word, _, count = line.rstrip(b"\n").partition(b"\t")
    if word != current:
        if current is not None:
            sys.stdout.buffer.write(current + b"\t%d\n" % total)
        current, total = word, 0
    total += int(count)
if current is not None:
    sys.stdout.buffer.write(current + b"\t%d\n" % total)
