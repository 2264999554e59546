#!/usr/bin/python3
# check-flatpak.py — lint the flatpak manifest without building it
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Flatpak cannot build here (no network), so this checks what can be
# checked offline: the JSON parses, the keys flatpak-builder needs are
# there, every downloaded source is pinned (archive/file: url + sha256;
# git: commit or tag), helder itself is the last module and is built from
# this tree. When flatpak-builder is installed, `flatpak-builder
# --show-manifest` must accept the file and warn about no unknown property.
#
# Usage: check-flatpak.py MANIFEST

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

REQUIRED_KEYS = ("runtime", "runtime-version", "sdk", "command", "modules")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
PINNED_TYPES = ("archive", "file")


def module_label(module, where):
    if isinstance(module, dict) and isinstance(module.get("name"), str):
        return module["name"]
    return where


def check_source(source, where, problems):
    if isinstance(source, str):
        # A path to a JSON file holding a source; it lives in the tree.
        return
    if not isinstance(source, dict):
        problems.append(f"{where}: a source must be an object, not {type(source).__name__}")
        return
    kind = source.get("type")
    if kind is None:
        problems.append(f"{where}: source has no “type”")
    elif kind in PINNED_TYPES:
        url = source.get("url")
        if not isinstance(url, str) or not url.startswith("https://"):
            problems.append(f"{where}: {kind} source needs an https “url”, has {url!r}")
        sha = source.get("sha256")
        if not isinstance(sha, str) or not SHA256.match(sha):
            problems.append(f"{where}: {kind} source {url} needs “sha256” of 64 hex digits, has {sha!r}")
    elif kind == "git":
        if not source.get("commit") and not source.get("tag"):
            problems.append(f"{where}: git source {source.get('url')} is not pinned: give “commit” or “tag”")
        if source.get("branch") and not source.get("commit"):
            problems.append(f"{where}: git source {source.get('url')} follows a branch without a “commit”")
    elif kind in ("dir", "patch", "shell", "script", "inline", "extra-data"):
        pass
    else:
        problems.append(f"{where}: unknown source type {kind!r}")


def check_module(module, where, problems):
    if isinstance(module, str):
        return
    if not isinstance(module, dict):
        problems.append(f"{where}: a module must be an object")
        return
    label = f"module “{module_label(module, where)}”"
    if not module.get("name"):
        problems.append(f"{where}: module has no “name”")
    sources = module.get("sources")
    if not isinstance(sources, list) or not sources:
        problems.append(f"{label}: no “sources”")
    else:
        for i, source in enumerate(sources):
            check_source(source, f"{label}, source {i + 1}", problems)
    for i, sub in enumerate(module.get("modules", [])):
        check_module(sub, f"{label}, module {i + 1}", problems)


def check_manifest(path):
    problems = []
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, UnicodeDecodeError) as e:
        return [f"{path}: cannot read: {e}"]
    except json.JSONDecodeError as e:
        return [f"{path}:{e.lineno}:{e.colno}: not valid JSON: {e.msg}"]

    if not isinstance(manifest, dict):
        return [f"{path}: the top level must be an object"]

    app_id = manifest.get("id", manifest.get("app-id"))
    if app_id != "org.helder.Helder":
        problems.append(f"{path}: “id” must be org.helder.Helder, is {app_id!r}")
    for key in REQUIRED_KEYS:
        if key not in manifest:
            problems.append(f"{path}: missing required key “{key}”")
    if manifest.get("command") not in (None, "helder"):
        problems.append(f"{path}: “command” must be helder, is {manifest.get('command')!r}")

    finish_args = manifest.get("finish-args", [])
    for wanted in ("--share=network", "--talk-name=org.freedesktop.Notifications"):
        if wanted not in finish_args:
            problems.append(f"{path}: “finish-args” lacks {wanted}")

    modules = manifest.get("modules")
    if isinstance(modules, list) and modules:
        for i, module in enumerate(modules):
            check_module(module, f"module {i + 1}", problems)
        last = modules[-1]
        if not isinstance(last, dict) or last.get("name") != "helder":
            problems.append(f"{path}: the last module must be helder, is "
                            f"{module_label(last, 'an unnamed module')!r}")
        elif not any(isinstance(s, dict) and s.get("type") == "dir" and s.get("path") == ".."
                     for s in last.get("sources", [])):
            problems.append(f"{path}: module helder must build this tree (source type dir, path ..)")
    elif "modules" in manifest:
        problems.append(f"{path}: “modules” must be a non-empty list")
    return problems


def check_with_flatpak_builder(path):
    builder = shutil.which("flatpak-builder")
    if builder is None:
        print("# flatpak-builder is not installed (Debian package flatpak-builder): "
              "its --show-manifest check was not run")
        return []
    # flatpak-builder leaves a .flatpak-builder/ state folder in its working
    # directory: give it a temporary one.
    with tempfile.TemporaryDirectory(prefix="helder-flatpak-") as workdir:
        proc = subprocess.run([builder, "--show-manifest", os.path.abspath(path)],
                              cwd=workdir, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, check=False)
    lines = [line.strip() for line in proc.stderr.splitlines() if line.strip()]
    if proc.returncode != 0:
        return [f"flatpak-builder --show-manifest {path} failed (rc {proc.returncode}):"] + \
               ["  " + line for line in lines]
    warnings = [line for line in lines if "WARNING" in line or "CRITICAL" in line]
    if warnings:
        return [f"flatpak-builder --show-manifest {path} warned:"] + \
               ["  " + line for line in warnings]
    return []


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} MANIFEST", file=sys.stderr)
        return 2
    path = argv[1]
    problems = check_manifest(path)
    if not problems:
        problems = check_with_flatpak_builder(path)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"{path}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
