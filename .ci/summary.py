#!/usr/bin/env python3
"""Counts test cases in meson's test logs and prints `tests: N passed, N failed`.

A TAP test program counts once per `ok` / `not ok` line; a test program that
died before finishing its plan counts each case it never reached as failed.
Any other test counts once, by its result.  Pass one or more testlog.json.
"""
import json
import re
import sys


def count(entry):
    out = entry.get("stdout") or ""
    oks = len(re.findall(r"^ok \d+", out, re.M))
    skips = len(re.findall(r"^ok \d+.*# SKIP", out, re.M | re.I))
    not_oks = len(re.findall(r"^not ok \d+", out, re.M))
    plan = re.search(r"^1\.\.(\d+)", out, re.M)
    if oks or not_oks or plan:
        failed = not_oks
        if entry["result"] not in ("OK", "EXPECTEDFAIL", "SKIP"):
            reached = oks + not_oks
            expected = int(plan.group(1)) if plan else reached + 1
            failed += max(expected - reached, 0 if not_oks else 1)
        return oks - skips, failed
    if entry["result"] in ("OK", "EXPECTEDFAIL"):
        return 1, 0
    return 0, 0 if entry["result"] == "SKIP" else 1


passed = failed = 0
for log in sys.argv[1:] or ["_build/meson-logs/testlog.json"]:
    with open(log, encoding="utf-8") as f:
        for line in f:
            p, n = count(json.loads(line))
            passed += p
            failed += n

print(f"tests: {passed} passed, {failed} failed")
