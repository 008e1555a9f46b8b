#!/usr/bin/env python3
"""Turns benchmarks/target/jmh-redaction.json into the MB/s / p99 / ratio table of docs/redaction.md."""
import json, sys

path = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/target/jmh-redaction.json"
rows = json.load(open(path))
by = {}
for r in rows:
    name = r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1]
    p = r.get("params", {})
    m = r["primaryMetric"]
    by[(name, p.get("kind"), p.get("size"))] = m

print("| input | size | Cordon MB/s (median) | Cordon MB/s (mean) | Cordon p50 / p99 µs | regex MB/s (median) | speed-up (median) |")
print("|---|---|---|---|---|---|---|")
for kind in ("clean", "dense"):
    for size in ("1024", "4096", "65536"):
        c = by.get(("RedactionBenchmark.cordon", kind, size))
        g = by.get(("RedactionBenchmark.regex", kind, size))
        if not c:
            continue
        mean = int(size) / c["score"]  # bytes per µs == MB/s
        p50 = c["scorePercentiles"]["50.0"]
        p99 = c["scorePercentiles"]["99.0"]
        g50 = g["scorePercentiles"]["50.0"]
        print(f"| {kind} | {int(size)//1024} KB | {int(size)/p50:.0f} | {mean:.0f} | {p50:.1f} / {p99:.1f} | {int(size)/g50:.1f} | {g50/p50:.0f}x |")

print()
print("| 1 MB input | Cordon ms | regex ms |")
print("|---|---|---|")
for kind in ("clean", "adversarial"):
    c = by.get(("RedactionAdversarialBenchmark.cordon", kind, None))
    g = by.get(("RedactionAdversarialBenchmark.regexOnClean", kind, None)) if kind == "clean" else None
    if c:
        print(f"| {kind} | {c['score']:.2f} | {g['score']:.1f} |" if g else f"| {kind} | {c['score']:.2f} | (see below) |")
print()
print("| adversarial | Cordon ms | regex ms |")
print("|---|---|---|")
for size in ("16384", "65536"):
    c = by.get(("RedactionAdversarialRegexBenchmark.cordon", None, size))
    g = by.get(("RedactionAdversarialRegexBenchmark.regex", None, size))
    if c and g:
        print(f"| {int(size)//1024} KB | {c['score']:.3f} | {g['score']:.1f} |")
