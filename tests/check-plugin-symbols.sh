#!/usr/bin/env bash
# check-plugin-symbols.sh — does each plugin use only the plugin API?
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/check-plugin-symbols.sh PUBLIC-LIST PLUGIN.so…
#
# PUBLIC-LIST is the list of libhelder's node HELDER_0 that
# core/gen-symbols.py makes from the headers core/helder.h includes. Every
# helder_* symbol a plugin leaves undefined (nm -D --undefined-only) must
# be in it: a plugin that calls a function of HELDER_PRIVATE_0 (the helder
# program's and the tests' own) or a hidden one fails, named with the
# symbol. Tell the maintainers rather than widening core/helder.h.
set -euo pipefail

public=${1:?usage: check-plugin-symbols.sh PUBLIC-LIST PLUGIN.so…}
shift
[ $# -gt 0 ] || { echo "check-plugin-symbols: no plugin given" >&2; exit 1; }
[ -s "$public" ] || { echo "check-plugin-symbols: $public is empty" >&2; exit 1; }
command -v nm > /dev/null || { echo "check-plugin-symbols: nm is not installed (binutils)"; exit 77; }

bad=0
for plugin in "$@"; do
  used=0
  while read -r symbol; do
    used=$((used + 1))
    if ! grep -qxF "$symbol" "$public"; then
      echo "check-plugin-symbols: $(basename "$plugin") uses $symbol, which is not in core/helder.h's API (HELDER_0)"
      bad=$((bad + 1))
    fi
  done < <(nm -D --undefined-only "$plugin" | awk '{ print $2 }' | sed 's/@.*//' | grep '^helder_' | sort -u)
  echo "check-plugin-symbols: $(basename "$plugin"): $used libhelder function(s) used"
done
echo "check-plugin-symbols: $bad symbol(s) outside the plugin API"
[ "$bad" -eq 0 ]
