#!/usr/bin/env python3
"""Refuses an include that points up a layer of src/core, or at GTK, and a
file of src/ that sets no G_LOG_DOMAIN.

Each folder of src/core is a layer; it may include the headers of the layers
below it (LOWER), its own, and the outside libraries it is allowed (OUTSIDE).
Run by meson at configure time with src/core as its argument; prints each
offending include with its file and line, and exits 1.
"""

import pathlib
import re
import sys

LOWER = {
    'text': set(),
    'time': set(),
    'model': {'text', 'time'},
    'formats': {'model', 'text', 'time'},
    'store': {'model', 'text', 'time'},
    'sync': {'store', 'formats', 'model', 'text', 'time'},
    'record': {'store', 'model', 'text', 'time'},
}

# Outside headers that only some layers may use, by path prefix.
OUTSIDE = {
    'sqlite3.h': {'store'},
    'libsoup/': {'sync'},
    'libxml/': {'text', 'model', 'formats', 'sync'},
    'json-glib/': {'text', 'model', 'formats'},
    'libgweather/': {'time'},
    'pango/': {'record'},
    'cairo': {'record'},
    'gtk/': set(),
    'gdk/': set(),
    'gsk/': set(),
    'adwaita.h': set(),
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def main(core):
    headers = {}
    for layer in LOWER:
        for header in (core / layer).glob('*.h'):
            headers[header.name] = layer

    problems = []
    for layer, allowed in LOWER.items():
        for source in sorted((core / layer).glob('*.[ch]')):
            for number, line in enumerate(source.read_text(encoding='utf-8').splitlines(), 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                name = match.group(2)
                where = f'{source.relative_to(core.parent.parent)}:{number}'
                owner = headers.get(name)
                if owner is not None and owner != layer and owner not in allowed:
                    problems.append(f'{where}: the {layer} layer includes {name} from {owner}, a layer above or beside it')
                for prefix, users in OUTSIDE.items():
                    if name.startswith(prefix) and layer not in users:
                        problems.append(f'{where}: the {layer} layer may not include {name}')

    # Every file logs under its subsystem's domain (STYLE.md), never GLib's
    # anonymous default.
    for source in sorted(core.parent.rglob('*.c')):
        if '#define G_LOG_DOMAIN' not in source.read_text(encoding='utf-8'):
            problems.append(f'{source.relative_to(core.parent.parent)}: sets no G_LOG_DOMAIN')

    stray = [p.name for p in core.glob('*.[ch]')]
    for name in stray:
        problems.append(f'src/core/{name}: every core unit belongs in a layer folder')

    if problems:
        print('src/core breaks its layers (see src/DESIGN.md):', file=sys.stderr)
        for problem in problems:
            print('  ' + problem, file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(pathlib.Path(sys.argv[1])))
