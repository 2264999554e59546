#!/usr/bin/env bash
# run-invite-bench.sh — how fast `helder invite --all` queues invitations
# Usage: bash tests/bench/run-invite-bench.sh [BUILD]   (or: ninja -C BUILD bench-invite)
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# On a generated programme of HELDER_BENCH_PEOPLE (default 10,000) people,
# none with access yet: `helder invite --all` issues a one-time sign-in
# link and queues one invitation per person with an address, in one
# transaction, audited per person. Target < 2 s. A second run, which
# invites nobody, is timed too.
set -euo pipefail

BUILD=${1:-build}
[[ -d $BUILD ]] || { echo "run-invite-bench.sh: $BUILD: no such build folder" >&2; exit 2; }
BUILD=$(cd "$BUILD" && pwd)
HELDER=$BUILD/core/helder
PEOPLE=${HELDER_BENCH_PEOPLE:-10000}
# Changes on the command line are audited with who made them (README:
# the operator): here the demo's first person.
export HELDER_OPERATOR=${HELDER_OPERATOR:-1}
[[ -x $HELDER ]] || { echo "run-invite-bench.sh: build first (ninja -C $BUILD)" >&2; exit 2; }
[[ $PEOPLE =~ ^[1-9][0-9]*$ ]] || { echo "run-invite-bench.sh: HELDER_BENCH_PEOPLE: “$PEOPLE” is not a positive number" >&2; exit 2; }

WORK=$(mktemp -d /tmp/helder-invite-bench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export HELDER_PLUGIN_PATH=$BUILD/plugins
export HELDER_LOCALEDIR=$BUILD/po
export XDG_DATA_HOME=$WORK/xdg
export LC_ALL=C.UTF-8
export LANGUAGE=
DB=$WORK/helder.db

echo "Helder invite benchmark: $("$HELDER" --version), $PEOPLE people, $(nproc) cores"
"$HELDER" --db "$DB" init --demo --people "$PEOPLE" >/dev/null

timed () {
  local start end
  start=$(date +%s.%N)
  "$HELDER" --db "$DB" --json invite --all >"$WORK/report.json"
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

first=$(timed)
invited=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"]["invited"])' "$WORK/report.json")
second=$(timed)
again=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"]["invited"])' "$WORK/report.json")
queued=$(sqlite3 "$DB" "SELECT count(*) FROM delivery WHERE source LIKE 'invite:%'")

printf 'invite --all: %d invited, %d queued in %.2f s (target < 2 s)\n' "$invited" "$queued" "$first"
printf 'invite --all again: %d invited in %.2f s\n' "$again" "$second"
[[ $again -eq 0 ]] || { echo "run-invite-bench.sh: the second run invited $again people" >&2; exit 1; }
awk -v t="$first" 'BEGIN { exit !(t < 2.0) }' || { echo "run-invite-bench.sh: over the target" >&2; exit 1; }
