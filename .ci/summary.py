#!/usr/bin/env python3
"""Counts test cases in meson's test log and prints `tests: N passed, N failed`.

A TAP test program counts once per `ok` / `not ok` line; a test program that
died before finishing its plan counts each case it never reached as failed.
Any other test counts once, by its result.
"""
import json
import re
import sys

log = sys.argv[1] if len(sys.argv) > 1 else "_build/meson-logs/testlog.json"
passed = failed = 0

with open(log, encoding="utf-8") as f:
    for line in f:
        entry = json.loads(line)
        out = entry.get("stdout") or ""
        oks = len(re.findall(r"^ok \d+", out, re.M))
        skips = len(re.findall(r"^ok \d+.*# SKIP", out, re.M | re.I))
        not_oks = len(re.findall(r"^not ok \d+", out, re.M))
        plan = re.search(r"^1\.\.(\d+)", out, re.M)
        if oks or not_oks or plan:
            passed += oks - skips
            failed += not_oks
            if entry["result"] not in ("OK", "EXPECTEDFAIL", "SKIP"):
                reached = oks + not_oks
                expected = int(plan.group(1)) if plan else reached + 1
                failed += max(expected - reached, 1 if not not_oks else 0)
        elif entry["result"] in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif entry["result"] != "SKIP":
            failed += 1

print(f"tests: {passed} passed, {failed} failed")
