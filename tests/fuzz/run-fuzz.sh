#!/usr/bin/env bash
# run-fuzz.sh — every fuzz target for a bounded time on its seed corpus
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/fuzz/run-fuzz.sh [SRCDIR [BUILDDIR]]
#        (defaults: this tree and SRCDIR/build-fuzz)
#
# The fuzz targets are libFuzzer binaries, so they build only with clang:
# BUILDDIR is set up with CC=clang when it is not set up yet (and refused
# when it was set up with another compiler). Each tests/fuzz/fuzz-NAME.c
# then runs for HELDER_FUZZ_SECONDS (default 30) on
# tests/fuzz/corpus-NAME/, as many targets at once as there are cores
# (HELDER_FUZZ_JOBS), with the inputs it finds kept in
# BUILDDIR/tests/fuzz/corpus-NAME/. A crash, a leak, an input that takes
# longer than 10 s or more than 2 GB fails the run; the input is left in
# BUILDDIR/tests/fuzz/artifacts/ and named in the output, and the whole
# log of each target is in BUILDDIR/tests/fuzz/NAME.log.
#
# Prints, per target, executions per second and in total (libFuzzer's final
# stats) and exits non-zero when any target failed.
set -euo pipefail

srcdir=$(cd "${1:-"$(dirname "${BASH_SOURCE[0]}")/../.."}" && pwd)
builddir=${2:-"$srcdir/build-fuzz"}
seconds=${HELDER_FUZZ_SECONDS:-30}

[[ $seconds =~ ^[1-9][0-9]*$ ]] || {
  echo "run-fuzz: HELDER_FUZZ_SECONDS must be a whole number of seconds, not “$seconds”" >&2
  exit 2
}

# One target per tests/fuzz/fuzz-*.c: a file that meson does not build is a
# failure below, not a target silently left out.
targets=()
for source in "$srcdir"/tests/fuzz/fuzz-*.c; do
  name=$(basename "$source" .c)
  [ -d "$srcdir/tests/fuzz/corpus-${name#fuzz-}" ] || {
    echo "run-fuzz: $name has no seed corpus tests/fuzz/corpus-${name#fuzz-}/" >&2
    exit 1
  }
  targets+=("$name")
done
[ "${#targets[@]}" -gt 0 ] || {
  echo "run-fuzz: no tests/fuzz/fuzz-*.c in $srcdir" >&2
  exit 1
}

if [ ! -f "$builddir/meson-private/coredata.dat" ]; then
  CC=clang meson setup "$builddir" "$srcdir"
fi
# tests/fuzz/meson.build defines the targets only for clang.
intro=$(meson introspect "$builddir" --targets)
for name in "${targets[@]}"; do
  grep -q "\"name\": \"$name\"" <<< "$intro" || {
    echo "run-fuzz: $builddir has no target $name: is it set up with clang, and is $name in tests/fuzz/meson.build?" >&2
    exit 1
  }
done
meson compile -C "$builddir" "${targets[@]/#/tests/fuzz/}"

fuzzdir=$builddir/tests/fuzz
mkdir -p "$fuzzdir/artifacts"

# One target: its exit status goes to NAME.status next to its log.
fuzz_one () {
  local name=$1 corpus=corpus-${1#fuzz-} status=0
  mkdir -p "$fuzzdir/$corpus"
  env ASAN_OPTIONS=detect_leaks=1 G_DEBUG=fatal-criticals LC_ALL=C.UTF-8 \
    "$fuzzdir/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$fuzzdir/artifacts/$name-" \
    "$fuzzdir/$corpus" "$srcdir/tests/fuzz/$corpus" > "$fuzzdir/$name.log" 2>&1 || status=$?
  echo "$status" > "$fuzzdir/$name.status"
}

# As many targets at once as there are cores (HELDER_FUZZ_JOBS), each for
# its full time: the same fuzzing in a fraction of the wall-clock time.
jobs=${HELDER_FUZZ_JOBS:-$(nproc)}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || {
  echo "run-fuzz: HELDER_FUZZ_JOBS must be a whole number, not “$jobs”" >&2
  exit 2
}
running=0
for name in "${targets[@]}"; do
  printf '\n==> %s for %d s on tests/fuzz/corpus-%s/\n' "$name" "$seconds" "${name#fuzz-}"
  rm -f "$fuzzdir/$name.status"
  fuzz_one "$name" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

failed=()
summary=()
for name in "${targets[@]}"; do
  log=$fuzzdir/$name.log
  status=$(cat "$fuzzdir/$name.status" 2>/dev/null || echo 1)
  # stat::number_of_executed_units: 123   stat::average_exec_per_sec: 45
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  line=$(printf '%-16s %10s exec/s %12s execs' "$name" "${speed:-?}" "${runs:-?}")
  if [ "$status" -ne 0 ]; then
    failed+=("$name")
    line="$line   FAILED (exit $status)"
    tail -n 60 "$log"
    grep -h '^artifact_prefix=\|Test unit written to' "$log" || true
  fi
  echo "$line"
  summary+=("$line")
done

printf '\n==> Fuzzing, %d s per target (logs in %s/)\n' "$seconds" "$fuzzdir"
printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "run-fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
