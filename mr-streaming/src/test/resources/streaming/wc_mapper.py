#!/usr/bin/env python3
# WordCount's map: one "word<TAB>1" line per word; words are split at ASCII whitespace, as bytes
import sys

out = sys.stdout.buffer
for line in sys.stdin.buffer:
    for word in line.split():
        out.write(word + b"\t1\n")
