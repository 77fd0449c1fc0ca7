#!/usr/bin/env python3
"""Checks the Flatpak manifests, since the GNOME runtime cannot be fetched to
build them here: valid JSON, the app id, only the permissions Communiqué
needs, and meson options the build accepts."""
import json
import pathlib
import re
import sys

source = pathlib.Path(sys.argv[1])
allowed = {"--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"}
options = set(re.findall(r"option\('([^']+)'", (source / "meson_options.txt").read_text()))
options |= {"buildtype", "prefix", "libdir", "werror", "b_sanitize"}
problems = []

for name, app_id, development in [("io.github.communique.Communique.json", "io.github.communique.Communique", False),
                                  ("io.github.communique.Communique.Devel.json", "io.github.communique.Communique.Devel", True)]:
    path = source / "flatpak" / name
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        problems.append(f"{name}: {error}")
        continue
    if manifest.get("id") != app_id:
        problems.append(f"{name}: id is {manifest.get('id')!r}, not {app_id!r}")
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        problems.append(f"{name}: runtime and sdk must be org.gnome.Platform and org.gnome.Sdk")
    if manifest.get("command") != "communique":
        problems.append(f"{name}: command must be communique")
    finish = set(manifest.get("finish-args", []))
    if finish != allowed:
        problems.append(f"{name}: finish-args {sorted(finish)} differ from the allow-list {sorted(allowed)}")
    app = manifest.get("modules", [{}])[-1]
    if app.get("buildsystem") != "meson":
        problems.append(f"{name}: the app module must build with meson")
    for opt in app.get("config-opts", []):
        key = opt[2:].split("=")[0] if opt.startswith("-D") else None
        if key is None or key not in options:
            problems.append(f"{name}: config-opt {opt!r} is not an option the build accepts")
    if development != ("-Ddevelopment=true" in app.get("config-opts", [])):
        problems.append(f"{name}: -Ddevelopment=true must be set exactly in the .Devel manifest")

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
