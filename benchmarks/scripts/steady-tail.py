#!/usr/bin/env python3
"""Issue 18: the slow requests of an `e2e steady` run beside what the server and Postgres did then.

usage: python3 benchmarks/scripts/steady-tail.py DIR [threshold_ms]

DIR is the run's -Dsteady.out directory: trace.csv (every request), probe.jsonl (samples every
50 ms), server-gc.log, server-jit.log, server-stderr.log (Postgres's log). Prints a line a second
(requests, p50, p99, max, the busiest server threads), then every stall (consecutive requests
slower than the threshold, default 50 ms) with the GC pauses, safepoints, checkpoints, JIT
compilations and Postgres waits that overlap it.
"""
import csv
import json
import re
import sys
from datetime import datetime, timezone

d = sys.argv[1]
threshold = float(sys.argv[2]) if len(sys.argv) > 2 else 50.0

trace = []
with open(d + "/trace.csv") as f:
    for row in csv.DictReader(f):
        trace.append({k: float(v) for k, v in row.items()})
trace.sort(key=lambda r: r["due_ms"])
t0 = trace[0]["due_ms"]

probe = []
with open(d + "/probe.jsonl") as f:
    for line in f:
        probe.append(json.loads(line))


def rel(ms):
    return (ms - t0) / 1000.0


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(p * len(v)))] if v else 0


# GC pauses and safepoints: [<timemillis>ms][<uptime>ms][gc] GC(3) Pause Young (Normal) ... 12.345ms
gc = []
sp = []
for line in open(d + "/server-gc.log", errors="replace"):
    m = re.match(r"\[(\d+)ms\]\[\d+ms\]\[([^\]]+)\]\s*(.*)", line)
    if not m:
        continue
    at, tags, text = int(m.group(1)), m.group(2).strip(), m.group(3)
    if tags == "gc" and "Pause" in text:
        ms = re.search(r"([\d.]+)ms$", text.strip())
        if ms:
            gc.append((at - float(ms.group(1)), at, text.strip()))
    if tags.startswith("safepoint") and "Total:" in text:
        tot = re.search(r"Total: (\d+) ns", text)
        if tot:
            ns = int(tot.group(1))
            sp.append((at - ns / 1e6, at, ns / 1e6, text.split(",")[0]))

# Postgres log lines: 2026-12-02 17:10:11.123 UTC [123] LOG:  checkpoint starting: wal
pglog = []
for line in open(d + "/server-stderr.log", errors="replace"):
    m = re.search(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) (UTC|GMT)? ?\[\d+\] (LOG|WARNING|ERROR):\s+(.*)", line)
    if m:
        at = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=timezone.utc).timestamp() * 1000
        pglog.append((at, m.group(4).strip()))

jit = []
try:
    for line in open(d + "/server-jit.log", errors="replace"):
        m = re.match(r"\[(\d+)ms\]\[\d+ms\]\s*(.*)", line)
        if m:
            jit.append((int(m.group(1)), m.group(2)))
except FileNotFoundError:
    pass


def groups(cpu):
    out = {}
    for k, v in cpu.items():
        g = k
        for prefix in ("C2 Compiler", "C1 Compiler", "GC Thread", "G1 ", "vert.x-eventloo", "vert.x-worker",
                       "vert.x-internal"):
            if k.startswith(prefix):
                g = prefix.strip()
        out[g] = out.get(g, 0) + v
    return out


print("second  sent  p50  p99  max (ms from send) | machine busy of 200 ticks a second | CPU ticks (10 ms) by thread / process")
by_second = {}
for r in trace:
    by_second.setdefault(int(rel(r["due_ms"])), []).append(r["latency_ms"])
for sec in sorted(by_second):
    lat = by_second[sec]
    lo, hi = t0 + sec * 1000, t0 + (sec + 1) * 1000
    jvm, pg, har, oth, mach = {}, {}, {}, {}, {}
    for p in probe:
        if lo <= p["t"] < hi and "jvm" in p:
            for k, v in groups(p["jvm"]).items():
                jvm[k] = jvm.get(k, 0) + v
            for k, v in p["pg"].items():
                pg[k] = pg.get(k, 0) + v
            for k, v in groups(p.get("harness", {})).items():
                har[k] = har.get(k, 0) + v
            for k, v in p.get("others", {}).items():
                oth[k] = oth.get(k, 0) + v
            for k, v in p.get("machine", {}).items():
                mach[k] = mach.get(k, 0) + v

    def top(m, n):
        return " ".join("%s=%d" % kv for kv in sorted(m.items(), key=lambda kv: -kv[1])[:n])
    busy = sum(v for k, v in mach.items() if k not in ("idle", "iowait"))
    print("%5d %5d %5.1f %6.1f %6.1f | busy %3d steal %2d | server %s | pg %s | harness %s | others %s" % (
        sec, len(lat), pct(lat, 0.5), pct(lat, 0.99), max(lat), busy, mach.get("steal", 0),
        top(jvm, 4), top(pg, 2), top(har, 3), top(oth, 2)))

lat = [r["latency_ms"] for r in trace]
due = [r["from_due_ms"] for r in trace]
print("\nall: %d requests, from send p50 %.1f p99 %.1f max %.1f; from due p50 %.1f p99 %.1f max %.1f" % (
    len(lat), pct(lat, .5), pct(lat, .99), max(lat), pct(due, .5), pct(due, .99), max(due)))
print("slower than %.0f ms: %d (%.2f %%)" % (threshold, sum(1 for x in lat if x > threshold),
                                            100.0 * sum(1 for x in lat if x > threshold) / len(lat)))

# stalls: requests slower than the threshold whose [sent, answered] intervals overlap or touch
slow = sorted((r for r in trace if r["latency_ms"] > threshold), key=lambda r: r["sent_ms"])
stalls = []
for r in slow:
    if stalls and r["sent_ms"] <= stalls[-1]["end"] + 20:
        s = stalls[-1]
        s["end"] = max(s["end"], r["answered_ms"])
        s["n"] += 1
        s["max"] = max(s["max"], r["latency_ms"])
    else:
        stalls.append({"start": r["sent_ms"], "end": r["answered_ms"], "n": 1, "max": r["latency_ms"]})

print("\n%d stalls" % len(stalls))
for s in stalls:
    lo, hi = s["start"], s["end"]
    # the moment answers resumed: the first answer after the stall's start to a request sent at its start
    print("\n== stall at +%.2f s for %.0f ms: %d slow requests, worst %.0f ms" % (
        rel(lo), hi - lo, s["n"], s["max"]))
    for a, b, text in gc:
        if b >= lo - 50 and a <= hi:
            print("   GC      +%.3f..+%.3f %s" % (rel(a), rel(b), text))
    for a, b, ms, text in sp:
        if b >= lo - 50 and a <= hi and ms > 1:
            print("   safepoint +%.3f %.1f ms %s" % (rel(a), ms, text))
    for at, text in pglog:
        if lo - 30_000 <= at <= hi + 1000 and "checkpoint" in text:
            print("   pg      +%.3f %s" % (rel(at), text[:160]))
    n = sum(1 for at, _ in jit if lo - 200 <= at <= hi)
    if n:
        print("   JIT     %d compilation events in [-200 ms, end]" % n)
    for p in probe:
        if lo - 100 <= p["t"] <= hi + 50:
            waits = {k: v for k, v in p["waits"].items() if "client backend" in k or "checkpointer" in k
                     or "walwriter" in k}
            m = p.get("machine", {})
            print("   %+.3f busy %d steal %d | server %s | pg %s | harness %s | others %s | %s" % (
                rel(p["t"]), sum(v for k, v in m.items() if k not in ("idle", "iowait")), m.get("steal", 0),
                json.dumps(groups(p.get("jvm", {})), sort_keys=True), json.dumps(p.get("pg", {}), sort_keys=True),
                json.dumps(groups(p.get("harness", {})), sort_keys=True), json.dumps(p.get("others", {})),
                json.dumps(waits, sort_keys=True)))
