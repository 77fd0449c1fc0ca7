#!/usr/bin/env python3
"""Runs every public feed and page of ../shared/corpus through communique-cli
(`parse --json` and `extract --json`) and fails if any crashes, is reported by
AddressSanitizer or UBSan, hangs, or (in a build without sanitizers) takes
over a second.  Skipped, saying so, when the corpus is not beside the project.

Usage: check-corpus-safety.py CLI CORPUS_DIR
"""

import os
import subprocess
import sys
import time

SKIP = 77
LIMIT = 1.0          # seconds, in a normal build
HANG = 30.0          # seconds: a hang, sanitizers or not


def main(cli, corpus):
    if not os.path.isdir(corpus):
        print(f'skipped: no corpus at {corpus} (it sits beside the project, in ../shared/corpus)')
        return SKIP

    sanitized = os.environ.get('CQ_SANITIZED') == '1'
    runs = []
    feeds = os.path.join(corpus, 'feeds')
    for name in sorted(os.listdir(feeds)):
        if not name.endswith('.tsv'):
            runs.append(['parse', os.path.join(feeds, name), '--json'])
    pages = os.path.join(corpus, 'pages')
    for name in sorted(os.listdir(pages)):
        source = os.path.join(pages, name, 'source.html')
        if os.path.exists(source):
            runs.append(['extract', source, '--json'])

    problems = []
    slowest = (0.0, None)
    env = dict(os.environ, LANG='C.UTF-8')
    for args in runs:
        start = time.monotonic()
        try:
            p = subprocess.run([cli] + args, capture_output=True, timeout=HANG, env=env)
        except subprocess.TimeoutExpired:
            problems.append(f'{args[1]}: still running after {HANG:.0f} s')
            continue
        took = time.monotonic() - start
        slowest = max(slowest, (took, args[1]))
        err = p.stderr.decode('utf-8', 'replace')
        if p.returncode < 0 or p.returncode > 2:
            problems.append(f'{args[1]}: exit status {p.returncode}: {err.strip()[:300]}')
        elif 'Sanitizer' in err or 'runtime error' in err:
            problems.append(f'{args[1]}: {err.strip()[:300]}')
        elif not sanitized and took > LIMIT:
            problems.append(f'{args[1]}: took {took:.2f} s (over {LIMIT:.0f} s)')

    print(f'{len(runs)} documents, slowest {slowest[0]:.2f} s ({slowest[1]})'
          + (' under the sanitizers' if sanitized else ''))
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
