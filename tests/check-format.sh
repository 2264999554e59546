#!/usr/bin/env bash
# check-format.sh — every C file of the tree is formatted as .clang-format says
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/check-format.sh SRCDIR
#
# Runs clang-format --dry-run --Werror on the C sources and headers of core/,
# plugins/ and tests/ that git tracks (or, outside a git checkout, that are
# there), and names each file that differs. Exits 77 (skipped) when
# clang-format is not installed; `./run` installs it.
set -euo pipefail

srcdir=${1:?usage: check-format.sh SRCDIR}
cd "$srcdir"

format=$(command -v clang-format || command -v clang-format-14 || true)
[ -n "$format" ] || { echo "check-format: clang-format is not installed: skipped"; exit 77; }

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files 'core/*.[ch]' 'plugins/*.[ch]' 'tests/*.[ch]')
else
  mapfile -t files < <(find core plugins tests -name '*.[ch]' | sort)
fi

# One clang-format for all files (one per file took half a minute on two
# busy cores); its complaints name the files that differ.
present=()
for f in "${files[@]}"; do
  [ -f "$f" ] && present+=("$f")
done
bad=0
if ! report=$("$format" --dry-run --Werror "${present[@]}" 2>&1); then
  mapfile -t differ < <(printf '%s\n' "$report" | grep -o '^[^:]*\.[ch]:[0-9]*:[0-9]*: error' | cut -d: -f1 | sort -u)
  [ "${#differ[@]}" -gt 0 ] || { printf '%s\n' "$report" >&2; exit 1; }
  for f in "${differ[@]}"; do
    echo "check-format: $f is not formatted: clang-format -i $f"
  done
  bad=${#differ[@]}
fi
if [ "$bad" -gt 0 ]; then
  echo "check-format: $bad of ${#files[@]} file(s) differ from .clang-format" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files formatted as .clang-format says ($("$format" --version | grep -o 'version [0-9.]*'))"
