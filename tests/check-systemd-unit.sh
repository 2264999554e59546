#!/usr/bin/env bash
# check-systemd-unit.sh — is data/helder.service a unit systemd accepts, and
# sandboxed well enough?
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/check-systemd-unit.sh verify|security UNIT HELDER [MAX]
#
#   verify    `systemd-analyze verify` on a copy of UNIT whose ExecStart is
#             HELDER (the built binary: verify checks that the programme
#             exists, and the installed one may not be there yet); fails on
#             any complaint about the unit.
#   security  `systemd-analyze security --offline=true` on UNIT; prints the
#             table and fails when the overall exposure is above MAX
#             (default 2.0; 0 is fully sandboxed, 10 not at all).
#
# Exits 77 (skipped) when systemd-analyze is missing (Debian package
# systemd); ./run test installs it.
set -euo pipefail

mode=${1:?verify or security}
unit=${2:?the generated helder.service}
helder=${3:?the built helder binary}
max=${4:-2.0}

if ! command -v systemd-analyze > /dev/null; then
  echo "systemd-analyze is not installed (Debian package systemd)"
  exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/helder-unit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The unit under its own name, ExecStart at the built binary.
sed "s|^ExecStart=[^ ]*/helder |ExecStart=$helder |" "$unit" > "$tmp/helder.service"
if ! grep -q "^ExecStart=$helder serve" "$tmp/helder.service"; then
  echo "no ExecStart=…/helder serve line in $unit" >&2
  exit 1
fi

case $mode in
  verify)
    # verify also reports on units this one names (network-online.target)
    # and on the host; only what it says about helder.service counts.
    status=0
    out=$(SYSTEMD_LOG_COLOR=0 systemd-analyze verify "$tmp/helder.service" 2>&1) || status=$?
    printf '%s\n' "$out"
    if [ "$status" -ne 0 ] || printf '%s\n' "$out" | grep -q 'helder\.service'; then
      echo "systemd-analyze verify complains about helder.service (exit status $status)" >&2
      exit 1
    fi
    echo "systemd-analyze verify: helder.service is fine"
    ;;
  security)
    out=$(SYSTEMD_LOG_COLOR=0 systemd-analyze security --no-pager --offline=true "$tmp/helder.service" 2>&1)
    printf '%s\n' "$out"
    score=$(printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for helder\.service: \([0-9.]*\).*/\1/p')
    if [ -z "$score" ]; then
      echo "systemd-analyze security gave no overall exposure level" >&2
      exit 1
    fi
    if awk -v s="$score" -v m="$max" 'BEGIN { exit !(s > m) }'; then
      echo "exposure $score is above $max: sandbox helder.service more" >&2
      exit 1
    fi
    echo "exposure $score (at most $max)"
    ;;
  *)
    echo "usage: $0 verify|security UNIT HELDER [MAX]" >&2
    exit 2
    ;;
esac
