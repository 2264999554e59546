#!/usr/bin/env bash
# run-inventory-bench.sh — 5,000 applications imported from CSV
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage:  bash tests/bench/run-inventory-bench.sh [BUILD_DIR]      (default: build)
#    or:  ninja -C BUILD_DIR bench-inventory
#
# Not part of the pass/fail suite: it prints figures, one a line:
#   inventory-import: helder item import (whole command): 5000 applications
#     in 0.61 s (8197 rows/s; target < 1 s) ok
# bench-inv-import (plugins/interviews/tests) generates an application list
# of HELDER_BENCH_ITEMS (default 5,000) rows and times the real `helder item
# import` and the in-process import on fresh databases under /tmp, removed
# at the end. Exit status: 0 when every run worked (whether or not the
# target was met), 1 when one failed, 2 on a usage error.

set -euo pipefail

if [[ $# -gt 1 || ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '4,5p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

BUILD=${1:-build}
if [[ ! -d $BUILD ]]; then
  echo "run-inventory-bench.sh: $BUILD: no such build folder (run meson setup first)" >&2
  exit 2
fi
BUILD=$(cd "$BUILD" && pwd)
BENCH=$BUILD/plugins/interviews/tests/bench-inv-import
if [[ ! -x $BENCH || ! -x $BUILD/core/helder ]]; then
  echo "run-inventory-bench.sh: $BENCH is missing; build first (ninja -C $BUILD)" >&2
  exit 2
fi
ITEMS=${HELDER_BENCH_ITEMS:-5000}
if [[ ! $ITEMS =~ ^[1-9][0-9]*$ ]]; then
  echo "run-inventory-bench.sh: HELDER_BENCH_ITEMS: “$ITEMS” is not a positive number" >&2
  exit 2
fi

export HELDER_EXE=$BUILD/core/helder
export HELDER_PLUGIN_PATH=$BUILD/plugins
export HELDER_LOCALEDIR=$BUILD/po
export HELDER_BENCH_ITEMS=$ITEMS
export LD_LIBRARY_PATH=$BUILD/core${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export XDG_CONFIG_HOME=${TMPDIR:-/tmp}/helder-inv-bench-config.$$
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT

"$BENCH"
