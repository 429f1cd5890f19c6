#!/usr/bin/env python3
# mapper.py
import sys
for line in sys.stdin.buffer:                  # bytes: any encoding passes through
    for word in line.split():
        sys.stdout.buffer.write(word + b"\t1\n")
