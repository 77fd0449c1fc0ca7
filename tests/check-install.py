#!/usr/bin/env python3
"""Installs the build into a temporary DESTDIR and checks that everything a
GNOME desktop needs lands where it looks for it."""
import os
import pathlib
import subprocess
import sys
import tempfile

build_dir, prefix, app_id = sys.argv[1], sys.argv[2].lstrip("/"), sys.argv[3]
expected = [
    "bin/communique",
    "bin/communique-cli",
    f"share/applications/{app_id}.desktop",
    f"share/metainfo/{app_id}.metainfo.xml",
    f"share/glib-2.0/schemas/{app_id}.gschema.xml",
    f"share/icons/hicolor/scalable/apps/{app_id}.svg",
    f"share/icons/hicolor/symbolic/apps/{app_id}-symbolic.svg",
    "share/locale/ru/LC_MESSAGES/communique.mo",
]

with tempfile.TemporaryDirectory() as dest:
    result = subprocess.run(["meson", "install", "-C", build_dir, "--destdir", dest, "--no-rebuild", "--quiet"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout, result.stderr)
        sys.exit(1)
    root = pathlib.Path(dest) / prefix
    missing = [path for path in expected if not (root / path).is_file()]
    for path in missing:
        print(f"not installed: {prefix}/{path}")
    for binary in ("bin/communique", "bin/communique-cli"):
        if (root / binary).is_file() and not os.access(root / binary, os.X_OK):
            print(f"not executable: {prefix}/{binary}")
            missing.append(binary)
    sys.exit(1 if missing else 0)
