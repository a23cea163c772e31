#!/usr/bin/env python3
"""Writes the 1,000,000-line `gs1 check` input of benchmarks/RESULTS.md to standard output:
80 % valid bracketed codes, 10 % scanner data with ]d2, 10 % with a bad month (seeded, repeatable)."""
import random
import sys

random.seed(1)
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
out = sys.stdout
for _ in range(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000):
    serial = "".join(random.choice(ALPHABET) for _ in range(12))
    batch = "B" + str(random.randint(1, 99999))
    r = random.random()
    if r < 0.8:
        out.write(f"(90)DKL2600000001A1(10){batch}(17)281231(21){serial}\n")
    elif r < 0.9:
        out.write(f"]d290DKL2600000001A1\x1d10{batch}17281231\x1d21{serial}\n")
    else:
        out.write(f"(90)DKL2600000001A1(10){batch}(17)281331(21){serial}\n")
