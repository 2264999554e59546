#!/usr/bin/env bash
# run-clock-matrix.sh — the suites that depend on the date and the hour, at
# other times and in other process time zones than the ordinary run.
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   tests/run-clock-matrix.sh BUILD [LOG]
#
# Each line of MATRIX pins Helder's clock (HELDER_NOW, local time of the
# demo's zone, Europe/Amsterdam) and sets the process's TZ, then runs the
# suites that run the demo, the server, the scheduler, digests, calendars
# and the notifier: unit, cli, web, email and the notifier's tests of what
# it shows (not those that wait out real back-off intervals). Together
# the lines cover 00:30, 11:30 and 23:30 local time, both days the clocks
# change, New Year's Eve (and ISO week 53), and TZ=UTC, Europe/Amsterdam
# and America/New_York. The crash tests and the browser run once, in the
# ordinary run: they do not depend on the hour. Prints one line a case and
# exits non-zero when any case failed; the failing case's log is printed.
set -uo pipefail

BUILD=${1:?usage: run-clock-matrix.sh BUILD [LOG]}
LOG=${2:-$BUILD/meson-logs/clock-matrix.txt}

# HELDER_NOW                      TZ of the process   why
MATRIX=(
  "2026-12-04T00:30:00+01:00      UTC                 half past midnight: UTC is still the day before"
  "2026-12-04T11:30:00+01:00      Europe/Amsterdam    late morning: the demo's 11:00 moment is due"
  "2026-12-04T23:30:00+01:00      America/New_York    late evening: New York is six hours behind"
  "2027-03-28T03:30:00+02:00      America/New_York    the night the clocks go forward"
  "2026-10-25T02:30:00+01:00      UTC                 the second 02:30 of the night the clocks go back"
  "2026-12-31T23:30:00+01:00      Europe/Amsterdam    New Year's Eve, in ISO week 53"
)

: > "$LOG"
failed=0
for line in "${MATRIX[@]}"; do
  read -r now zone why <<< "$line"
  started=$(date +%s)
  case_log=$(mktemp)
  ok=1
  {
    echo "=== HELDER_NOW=$now TZ=$zone ($why)"
    HELDER_NOW=$now TZ=$zone meson test -C "$BUILD" --no-rebuild --print-errorlogs --logbase clock-matrix \
      --suite unit --suite cli --suite web --suite email || ok=0
    # The notifier's tests that read the demo and the outbox; the others
    # wait out real back-off intervals (40 s) and do not look at the hour.
    HELDER_NOW=$now TZ=$zone meson test -C "$BUILD" --no-rebuild --print-errorlogs --logbase clock-matrix notifier \
      --test-args "-s /notifier/running-with-action -s /notifier/server-trouble -s /notifier/server-down" || ok=0
  } > "$case_log" 2>&1
  cat "$case_log" >> "$LOG"
  if [ "$ok" -eq 1 ]; then
    printf 'clock-matrix: ok    %s TZ=%-17s %3ss  %s\n' "$now" "$zone" "$(($(date +%s) - started))" "$why"
  else
    printf 'clock-matrix: FAIL  %s TZ=%-17s %3ss  %s\n' "$now" "$zone" "$(($(date +%s) - started))" "$why"
    grep -E '^ *[0-9]+/[0-9]+ .*(FAIL|ERROR|TIMEOUT)|assert|FATAL|Bail out' "$case_log" | head -n 40
    failed=$((failed + 1))
  fi
  rm -f "$case_log"
done
echo "clock-matrix: ${#MATRIX[@]} cases, $failed failed (log: $LOG)"
[ "$failed" -eq 0 ]
