#!/usr/bin/env bash
# run-bench.sh — how fast Helder is with a programme of 10,000 people
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage:  bash tests/bench/run-bench.sh [BUILD_DIR]      (default: build)
#    or:  ninja -C BUILD_DIR bench
#
# Not part of the pass/fail suite: it prints figures, one a line, such as
#   csv-import-10000-people-added: 0.412 s ± 0.010 (target < 1 s) ok
# then a summary table. What is measured, on a generated programme of
# HELDER_BENCH_PEOPLE (default 10,000) people:
#   - a CSV staff list of that many people imported into a database holding
#     the demo's groups and roles, once with new e-mail addresses (added)
#     and once with known ones whose names changed (updated);
#   - `helder export` of the whole programme, and importing that export
#     into an empty database (checked to round-trip byte for byte);
#   - `helder status`;
#   - `helder moment audience ID --count` for a moment addressed to every
#     group, and the same resolution in-process (bench-core, median of 20
#     runs), since the command's figure includes starting a process;
#   - `helder --help` with the plugins of BUILD_DIR/tests/plugins loaded.
# Commands are timed with hyperfine (mean ± σ over its runs; it subtracts
# the shell's own start-up) and, where it is missing, with a loop around
# `date +%s%N` (also when HELDER_BENCH_HYPERFINE is set empty). Everything happens in a temporary folder under /tmp that is
# removed at the end. Exit status: 0 when every command ran (whether or
# not the targets were met), 1 when one failed, 2 on a usage error.

set -euo pipefail

if [[ $# -gt 1 || ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '4,5p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

BUILD=${1:-build}
if [[ ! -d $BUILD ]]; then
  echo "run-bench.sh: $BUILD: no such build folder (run meson setup first)" >&2
  exit 2
fi
BUILD=$(cd "$BUILD" && pwd)
HELDER=$BUILD/core/helder
BENCH_CORE=$BUILD/tests/bench/bench-core
PEOPLE=${HELDER_BENCH_PEOPLE:-10000}
PY=/usr/bin/python3
# Changes on the command line are audited with who made them (README:
# the operator): here the demo's first person.
export HELDER_OPERATOR=${HELDER_OPERATOR:-1}
for exe in "$HELDER" "$BENCH_CORE"; do
  if [[ ! -x $exe ]]; then
    echo "run-bench.sh: $exe is missing; build first (ninja -C $BUILD)" >&2
    exit 2
  fi
done
if [[ ! $PEOPLE =~ ^[1-9][0-9]*$ ]]; then
  echo "run-bench.sh: HELDER_BENCH_PEOPLE: “$PEOPLE” is not a positive number" >&2
  exit 2
fi

WORK=$(mktemp -d /tmp/helder-bench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

export HELDER_PLUGIN_PATH=$BUILD/tests/plugins
export HELDER_LOCALEDIR=$BUILD/po
export XDG_DATA_HOME=$WORK/xdg
export LC_ALL=C.UTF-8
export LANGUAGE=
unset HELDER_DB

HYPERFINE=${HELDER_BENCH_HYPERFINE-$(command -v hyperfine || true)}
SUMMARY=()

die () {
  echo "run-bench.sh: $*" >&2
  exit 1
}

# A fresh copy of database $1 at $2, without the journal of an earlier run.
copy_db () {
  rm -f "$2" "$2-wal" "$2-shm"
  cp "$1" "$2"
}

# Formats seconds $1 in unit $2 (s or ms).
in_unit () {
  awk -v v="$1" -v u="$2" 'BEGIN { printf (u == "ms" ? "%.1f" : "%.3f"), (u == "ms" ? v * 1000 : v) }'
}

# record NAME MEAN_S SIGMA_S UNIT TARGET_S [NOTE]: prints the figure and
# adds it to the summary. TARGET_S may be "-" for a figure without target.
record () {
  local name=$1 mean=$2 sigma=$3 unit=$4 target=$5 note=${6:-}
  local shown sd verdict target_text
  shown=$(in_unit "$mean" "$unit")
  sd=$(in_unit "$sigma" "$unit")
  if [[ $target == - ]]; then
    target_text="no target"
    verdict=""
  else
    target_text="target < $(awk -v t="$target" -v u="$unit" 'BEGIN { printf "%g", (u == "ms" ? t * 1000 : t) }') $unit"
    verdict=$(awk -v m="$mean" -v t="$target" 'BEGIN { print (m < t ? "ok" : "OVER") }')
  fi
  if [[ $sigma == - ]]; then
    printf '%s: %s %s (%s)%s\n' "$name" "$shown" "$unit" "$target_text" "${note:+ $note}"
    sd="-"
  else
    printf '%s: %s %s ± %s (%s)%s%s\n' "$name" "$shown" "$unit" "$sd" "$target_text" \
      "${verdict:+ $verdict}" "${note:+ $note}"
  fi
  SUMMARY+=("$name|$shown $unit|$sd|${target_text#target }|${verdict:--}")
}

# measure NAME UNIT TARGET_S RUNS WARMUP PREPARE COMMAND
# Times the shell command COMMAND (its output discarded), running PREPARE
# (may be empty) untimed before each run.
measure () {
  local name=$1 unit=$2 target=$3 runs=$4 warmup=$5 prepare=$6 command=$7
  local json=$WORK/$name.json stats

  if [[ -n $HYPERFINE ]]; then
    local args=(--style none --runs "$runs" --warmup "$warmup" --export-json "$json")
    [[ -n $prepare ]] && args+=(--prepare "$prepare")
    "$HYPERFINE" "${args[@]}" "$command" >/dev/null 2>"$WORK/$name.err" ||
      die "$name: the command failed: $command
$(cat "$WORK/$name.err")"
    stats=$("$PY" -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(r["mean"], r["stddev"] or 0)' "$json")
  else
    local i t0 t1 times=()
    for ((i = 0; i < warmup + runs; i++)); do
      [[ -n $prepare ]] && sh -c "$prepare"
      t0=$(date +%s%N)
      sh -c "$command" >/dev/null || die "$name: the command failed: $command"
      t1=$(date +%s%N)
      ((i >= warmup)) && times+=($((t1 - t0)))
    done
    stats=$(printf '%s\n' "${times[@]}" | awk '
      { s += $1; q += $1 * $1; n++ }
      END { m = s / n; v = n > 1 ? (q - n * m * m) / (n - 1) : 0; if (v < 0) v = 0
            printf "%.9f %.9f\n", m / 1e9, sqrt (v) / 1e9 }')
  fi
  record "$name" "${stats% *}" "${stats#* }" "$unit" "$target" "(${runs} runs)"
}

# Quotes $1 for use inside the shell commands given to measure.
q () {
  printf '%q' "$1"
}

H=$(q "$HELDER")
if [[ -n $HYPERFINE ]]; then
  TIMER="hyperfine $("$HYPERFINE" --version | cut -d' ' -f2)"
else
  TIMER="a date +%s%N loop (hyperfine not found)"
fi
echo "Helder benchmarks: $("$HELDER" --version), $PEOPLE people, $(nproc) cores," \
     "load $(cut -d' ' -f1 /proc/loadavg), timed with $TIMER"
echo

# ---- the programme ----------------------------------------------------------
PROG=$WORK/programme.db
t0=$(date +%s%N)
"$HELDER" --db "$PROG" init --demo --people "$PEOPLE" >/dev/null || die "helder init --demo --people $PEOPLE failed"
t1=$(date +%s%N)
record "demo-generate-$PEOPLE-people" "$(awk -v d=$((t1 - t0)) 'BEGIN { print d / 1e9 }')" - s - "(one run)"

# A moment addressed to every group, a week from now (inside the horizon
# of `helder status`, which counts its audience too).
ALL_GROUPS=$("$HELDER" --db "$PROG" --json group list |
         "$PY" -c 'import json, sys; print(",".join(g["slug"] for g in json.load(sys.stdin)))')
WHEN="$(date -d '+7 days' +%Y-%m-%d) 09:00"
MOMENT=$("$HELDER" --db "$PROG" --json moment add --title "Iedereen: stand van de migratie" \
           --scheduled-at "$WHEN" --channels email --groups "$ALL_GROUPS" |
         "$PY" -c 'import json, sys; print(json.load(sys.stdin)["id"])') ||
  die "could not add a moment to all groups"
REACH=$("$HELDER" --db "$PROG" moment audience "$MOMENT" --count)
[[ $REACH -gt 0 ]] || die "the moment to all groups reaches nobody"

# ---- CSV import -------------------------------------------------------------
# The staff list: the generated people under new e-mail addresses, in a
# database that holds the demo programme's groups and roles.
BASE=$WORK/base.db
"$HELDER" --db "$BASE" init --demo >/dev/null || die "helder init --demo failed"
"$HELDER" --db "$PROG" --json person list >"$WORK/people.json"
"$PY" - "$WORK/people.json" "$WORK/added.csv" "$WORK/updated.csv" <<'EOF'
import json, sys
people = json.load(open(sys.argv[1]))
for path, suffix in ((sys.argv[2], ""), (sys.argv[3], " (bijgewerkt)")):
    with open(path, "w", encoding="utf-8") as out:
        out.write("name;email;groups;role;organisation\n")
        for i, p in enumerate(people):
            out.write("%s%s;bench%05d.%s;%s;%s;%s\n" % (
                p["name"], suffix, i, p["email"] or "zonder@adres.example",
                "|".join(p["groups"]), p["role"] or "", p["organisation"]))
EOF
copy_db "$BASE" "$WORK/check.db"
ADDED=$("$HELDER" --db "$WORK/check.db" --json import "$WORK/added.csv" |
        "$PY" -c 'import json, sys; print(json.load(sys.stdin)["added"])') ||
  die "the CSV import failed"
[[ $ADDED -eq $PEOPLE ]] || die "the CSV import added $ADDED people, expected $PEOPLE"
copy_db "$WORK/check.db" "$WORK/imported.db"
UPDATED=$("$HELDER" --db "$WORK/check.db" --json import "$WORK/updated.csv" |
          "$PY" -c 'import json, sys; print(json.load(sys.stdin)["updated"])')
[[ $UPDATED -eq $PEOPLE ]] || die "the second CSV import updated $UPDATED people, expected $PEOPLE"

CSVDB=$(q "$WORK/csv.db")
measure "csv-import-$PEOPLE-people-added" s 1 10 1 \
  "rm -f $CSVDB $CSVDB-wal $CSVDB-shm && cp $(q "$BASE") $CSVDB" \
  "$H --db $CSVDB import $(q "$WORK/added.csv")"
measure "csv-import-$PEOPLE-people-updated" s 1 10 1 \
  "rm -f $CSVDB $CSVDB-wal $CSVDB-shm && cp $(q "$WORK/imported.db") $CSVDB" \
  "$H --db $CSVDB import $(q "$WORK/updated.csv")"

# ---- export and import of the whole programme ------------------------------
EXPORT=$WORK/export.json
measure "json-export-$PEOPLE-people" s 1 10 2 "" \
  "$H --db $(q "$PROG") export > $(q "$EXPORT")"
EXPORT_BYTES=$(stat -c %s "$EXPORT")

# An empty, migrated database to import into: what `helder` makes of a new file.
"$HELDER" --db "$WORK/empty.db" person list >/dev/null
IMPDB=$(q "$WORK/import.db")
measure "json-import-$PEOPLE-people" s 1 10 1 \
  "rm -f $IMPDB $IMPDB-wal $IMPDB-shm && cp $(q "$WORK/empty.db") $IMPDB" \
  "$H --db $IMPDB import $(q "$EXPORT")"
"$HELDER" --db "$WORK/import.db" export >"$WORK/again.json"
if cmp -s "$EXPORT" "$WORK/again.json"; then
  ROUND_TRIP="identical ($EXPORT_BYTES bytes)"
else
  ROUND_TRIP="DIFFERENT (export $EXPORT_BYTES bytes, re-export $(stat -c %s "$WORK/again.json") bytes)"
fi

# ---- status and audience ----------------------------------------------------
measure "status-$PEOPLE-people" ms 0.1 30 3 "" "$H --db $(q "$PROG") status"
measure "audience-count-$PEOPLE-people" ms 0.05 30 3 "" \
  "$H --db $(q "$PROG") moment audience $MOMENT --count"

# In-process: no process start, no plugin loading.
"$BENCH_CORE" "$PROG" "$MOMENT" 20 >"$WORK/core.txt" || die "bench-core failed"
cat "$WORK/core.txt"
while IFS= read -r line; do
  name=${line%%:*}
  [[ $name == *-first ]] && continue
  value=$(sed -E 's/^[^:]*: ([0-9.]+) ms.*/\1/' <<<"$line")
  target=$(sed -E 's/.*target < ([0-9.]+) ms.*/\1/' <<<"$line")
  verdict=$(awk -v m="$value" -v t="$target" 'BEGIN { print (m < t ? "ok" : "OVER") }')
  SUMMARY+=("$name|$value ms|median of 20|< $target ms|$verdict")
done <"$WORK/core.txt"

# ---- start-up ---------------------------------------------------------------
"$HELDER" --help | grep -q '^  note ' ||
  die "the test addin did not load from $HELDER_PLUGIN_PATH (build it: ninja -C $BUILD)"
measure "help-with-plugins" ms 0.03 30 3 "" "$H --help"
measure "version-no-plugins" ms - 30 3 "" "$H --version"

# ---- summary ----------------------------------------------------------------
echo
echo "The moment to all groups reaches $REACH of $PEOPLE people; the export is $EXPORT_BYTES bytes;"
echo "export → import → export: $ROUND_TRIP."
echo
{
  echo "figure|mean|± σ|target|verdict"
  echo "------|----|---|------|-------"
  printf '%s\n' "${SUMMARY[@]}"
} | column -t -s '|'
