#!/usr/bin/env python3
"""The layer check refuses what it promises to, and passes a clean tree.

Builds small trees of src/core in a scratch folder: a clean one, then one
each with an include pointing up a layer, an outside library in the wrong
layer, a file with no log domain and a unit outside any layer folder.
"""

import pathlib
import subprocess
import sys
import tempfile

CHECK = pathlib.Path(sys.argv[1])

GOOD = {
    'store/cq-store.h': '#pragma once\n',
    'store/cq-store.c': '#define G_LOG_DOMAIN "cq-store"\n#include <sqlite3.h>\n#include "cq-store.h"\n',
    'formats/cq-feed.c': '#define G_LOG_DOMAIN "cq-parse"\n#include "cq-item.h"\n',
    'model/cq-item.h': '#pragma once\n',
    'text/.keep': '', 'time/.keep': '', 'sync/.keep': '',
}


def run(extra):
    with tempfile.TemporaryDirectory() as scratch:
        core = pathlib.Path(scratch) / 'src' / 'core'
        for name, text in {**GOOD, **extra}.items():
            path = core / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding='utf-8')
        done = subprocess.run([sys.executable, CHECK, core], capture_output=True, text=True)
        return done.returncode, done.stderr


def expect_refused(extra, words):
    code, said = run(extra)
    assert code == 1, f'{extra} was not refused'
    assert words in said, f'{words!r} not in {said!r}'


code, said = run({})
assert code == 0, said

expect_refused({'formats/cq-bad.c': '#define G_LOG_DOMAIN "cq-parse"\n#include "cq-store.h"\n'},
               'src/core/formats/cq-bad.c:2: the formats layer includes cq-store.h from store')
expect_refused({'formats/cq-bad.c': '#define G_LOG_DOMAIN "cq-parse"\n#include <sqlite3.h>\n'},
               'the formats layer may not include sqlite3.h')
expect_refused({'model/cq-bad.c': '#define G_LOG_DOMAIN "cq-model"\n#include <gtk/gtk.h>\n'},
               'the model layer may not include gtk/gtk.h')
expect_refused({'model/cq-quiet.c': '#include "cq-item.h"\n'},
               'src/core/model/cq-quiet.c: sets no G_LOG_DOMAIN')
expect_refused({'cq-stray.c': '#define G_LOG_DOMAIN "cq"\n'},
               'src/core/cq-stray.c: every core unit belongs in a layer folder')
print('layer check: refuses all five, passes the clean tree')
