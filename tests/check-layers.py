#!/usr/bin/env python3
# check-layers.py — every include in core/ points to its own layer or one below
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/check-layers.py [SRCDIR]
#
# The layers of libhelder, lowest first (DESIGN.md §4, core/meson.build and
# core/services/meson.build). A file may include headers of its own layer
# and of the layers before it; an include that points up, or to a plugin,
# is printed with its file and line, and the check fails. So is SQL run
# from the engine, the web server or the CLI.
import os
import re
import sys

LAYERS = [
    '',                    # helder-error, helder-clock: the foundation
    'store',
    'model',
    'services/util',
    'services/repo',
    'services/access',
    'services/views',
    'services/delivery',
    'services/transfer',
    'engine',
    'web',
    'cli',
]


def layer_of(path):
    folder = os.path.dirname(path)
    if folder not in LAYERS:
        return None
    return LAYERS.index(folder)


def main():
    srcdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    core = os.path.join(srcdir, 'core')
    include = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
    problems = []
    for root, _dirs, files in os.walk(core):
        for name in sorted(files):
            if not name.endswith(('.c', '.h')):
                continue
            path = os.path.relpath(os.path.join(root, name), core)
            if path == 'helder.h':
                # The umbrella header of the plugin API stands above every
                # layer: it includes all of them, and no file of core
                # includes it (checked below, as an include in no layer).
                continue
            own = layer_of(path)
            if own is None:
                problems.append(f'core/{path}: in no layer of check-layers.py')
                continue
            with open(os.path.join(root, name), encoding='utf-8') as f:
                for number, line in enumerate(f, 1):
                    m = include.match(line)
                    if not m or m.group(1) == 'config.h':
                        continue
                    target = m.group(1)
                    if 'plugins/' in target:
                        problems.append(f'core/{path}:{number}: includes a plugin: {target}')
                        continue
                    if target == 'helder.h':
                        problems.append(f'core/{path}:{number}: includes helder.h, the plugins\' umbrella header')
                        continue
                    if '/' not in target:
                        target = os.path.join(os.path.dirname(path), target)
                    theirs = layer_of(target)
                    if theirs is None:
                        problems.append(f'core/{path}:{number}: includes {m.group(1)}, in no layer')
                    elif theirs > own:
                        problems.append(f'core/{path}:{number}: includes {m.group(1)}, '
                                        f'a layer above ({LAYERS[theirs]} over {LAYERS[own] or "core"})')
    # SQL lives in the store and the services only (DESIGN.md §4): the
    # engine, the web server and the CLI ask a service.
    sql = re.compile(r'\b(helder_store_prepare|helder_store_exec|sqlite3_prepare\w*|sqlite3_exec)\s*\(')
    for layer in ('engine', 'web', 'cli'):
        folder = os.path.join(core, layer)
        for name in sorted(os.listdir(folder)):
            if not name.endswith('.c'):
                continue
            with open(os.path.join(folder, name), encoding='utf-8') as f:
                for number, line in enumerate(f, 1):
                    if sql.search(line):
                        problems.append(f'core/{layer}/{name}:{number}: runs SQL; SQL belongs in store/ and services/')
    for p in problems:
        print(p)
    if problems:
        print(f'check-layers: {len(problems)} include(s) point up', file=sys.stderr)
        return 1
    print('check-layers: every include points down')
    return 0


if __name__ == '__main__':
    sys.exit(main())
