#!/usr/bin/env python3
"""Fails when a file with translatable strings is missing from po/POTFILES.in,
when POTFILES.in names a file that does not exist or has none, or when it is
not sorted."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
listed = [line.strip() for line in (root / "po" / "POTFILES.in").read_text().splitlines()
          if line.strip() and not line.startswith("#")]

marker = re.compile(r'^(?:Name|GenericName|Comment|Keywords)=|\b(?:_|N_|C_|NC_|g_dngettext|g_dpgettext2)\s*\(|translatable="yes"|<(?:summary|description|name|p|li)>', re.M)
wanted = set()
for path in list(root.glob("src/**/*")) + list(root.glob("data/**/*")):
    if path.suffix not in (".c", ".ui", ".in") or not path.is_file():
        continue
    if marker.search(path.read_text(encoding="utf-8")):
        wanted.add(str(path.relative_to(root)))

problems = []
for name in sorted(wanted - set(listed)):
    problems.append(f"{name} has translatable strings but is not in po/POTFILES.in")
for name in listed:
    if not (root / name).exists():
        problems.append(f"po/POTFILES.in lists {name}, which does not exist")
    elif name not in wanted:
        problems.append(f"po/POTFILES.in lists {name}, which has no translatable strings")
if listed != sorted(listed):
    problems.append("po/POTFILES.in is not sorted")

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
