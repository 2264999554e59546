#!/usr/bin/env bash
# run-delivery-bench.sh — how fast Helder queues digests and delivers e-mail
# Usage: bash tests/bench/run-delivery-bench.sh [BUILD]   (or: ninja -C BUILD bench-delivery)
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# On a generated programme of HELDER_BENCH_PEOPLE (default 10,000) people,
# every one with an e-mail address and a weekly digest:
#   - compose and queue all weekly digests (`helder send --queue-only
#     --digests-now`), target ≤ 3 s
#   - deliver them to Postfix's smtp-sink on loopback with the rate limit
#     off (`helder send --no-rate-limit`), target ≥ 1,000 messages/s and at
#     least half the rate of Postfix's smtp-source against the same sink in
#     the same run, with as many sessions as Helder's delivery.workers,
#     messages of the same size, connections reused (-d)
#   - the peak RSS of both `helder send` runs (GNU time)
# Postfix (smtp-sink, smtp-source) and GNU time are installed when missing.
set -euo pipefail

BUILD=${1:-build}
if [[ ! -d $BUILD ]]; then
  echo "run-delivery-bench.sh: $BUILD: no such build folder (run meson setup first)" >&2
  exit 2
fi
BUILD=$(cd "$BUILD" && pwd)
HELDER=$BUILD/core/helder
PEOPLE=${HELDER_BENCH_PEOPLE:-10000}
WORKERS=${HELDER_BENCH_WORKERS:-4}
[[ -x $HELDER ]] || { echo "run-delivery-bench.sh: build first (ninja -C $BUILD)" >&2; exit 2; }
[[ $PEOPLE =~ ^[1-9][0-9]*$ ]] || { echo "run-delivery-bench.sh: HELDER_BENCH_PEOPLE: “$PEOPLE” is not a positive number" >&2; exit 2; }

die () {
  echo "run-delivery-bench.sh: $*" >&2
  exit 1
}

if ! command -v smtp-sink >/dev/null || ! command -v smtp-source >/dev/null || [[ ! -x /usr/bin/time ]]; then
  echo "Installing postfix (for smtp-sink and smtp-source) and time …"
  SUDO=; [[ $(id -u) -eq 0 ]] || SUDO=sudo
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends postfix time >/dev/null ||
    die "could not install postfix and time"
fi
SINK=$(command -v smtp-sink)
SOURCE=$(command -v smtp-source)

WORK=$(mktemp -d /tmp/helder-delivery-bench-XXXXXX)
SINK_PID=
cleanup () {
  [[ -n $SINK_PID ]] && kill "$SINK_PID" 2>/dev/null && wait "$SINK_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export HELDER_PLUGIN_PATH=$BUILD/plugins
export HELDER_LOCALEDIR=$BUILD/po
export XDG_DATA_HOME=$WORK/xdg
export LC_ALL=C.UTF-8
export LANGUAGE=
unset HELDER_DB
DB=$WORK/helder.db
PORT=$((20000 + RANDOM % 20000))

seconds () {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}

echo "Helder delivery benchmark: $("$HELDER" --version), $PEOPLE people, $(nproc) cores, $WORKERS workers"
"$HELDER" --db "$DB" init --demo --people "$PEOPLE" >/dev/null
sqlite3 "$DB" "UPDATE person SET digest = 'weekly', email = coalesce(email, 'p' || id || '@voorbeeld.nl');
               DELETE FROM person_channel; INSERT INTO person_channel SELECT id, 'email' FROM person;"
"$HELDER" --db "$DB" config set delivery.workers "$WORKERS" >/dev/null
"$HELDER" --db "$DB" config set smtp.url "smtp://127.0.0.1:$PORT" >/dev/null
"$HELDER" --db "$DB" config set email.from "Programma Wolk <wolk@voorbeeld.nl>" >/dev/null

# 1. compose and queue the digests
t0=$(date +%s%N)
/usr/bin/time -f '%M' -o "$WORK/queue.rss" "$HELDER" --db "$DB" --json send --queue-only --no-moments --digests-now >"$WORK/queue.json"
t1=$(date +%s%N)
QUEUED=$(sqlite3 "$DB" "SELECT count(*) FROM delivery WHERE source LIKE 'digest:%'")
QUEUE_S=$(seconds "$t0" "$t1")
[[ $QUEUED -eq $PEOPLE ]] || die "expected $PEOPLE digests, queued $QUEUED"
SIZE=$(sqlite3 "$DB" "SELECT CAST (avg (length (body)) AS INTEGER) * 2 + 1200 FROM delivery_message")

# 2. the sink, and the ceiling: smtp-source against it
"$SINK" -u nobody -c "127.0.0.1:$PORT" 1000 >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
t0=$(date +%s%N)
"$SOURCE" -d -m "$PEOPLE" -s "$WORKERS" -l "$SIZE" -f wolk@voorbeeld.nl -t p@voorbeeld.nl "127.0.0.1:$PORT"
t1=$(date +%s%N)
CEILING_S=$(seconds "$t0" "$t1")

# 3. Helder delivers the digests to the same sink
t0=$(date +%s%N)
/usr/bin/time -f '%M' -o "$WORK/send.rss" "$HELDER" --db "$DB" --json send --no-rate-limit --no-moments --no-digests >"$WORK/send.json"
t1=$(date +%s%N)
SEND_S=$(seconds "$t0" "$t1")
SENT=$(sqlite3 "$DB" "SELECT count(*) FROM delivery WHERE status = 'sent'")
[[ $SENT -eq $QUEUED ]] || die "sent $SENT of $QUEUED: $(cat "$WORK/send.json")"

awk -v people="$PEOPLE" -v q="$QUEUE_S" -v s="$SEND_S" -v c="$CEILING_S" -v size="$SIZE" \
    -v rq="$(cat "$WORK/queue.rss")" -v rs="$(cat "$WORK/send.rss")" -v w="$WORKERS" 'BEGIN {
  rate = people / s; ceiling = people / c
  printf "digests-compose-and-queue-%d: %.3f s (target ≤ 3 s) %s\n", people, q, (q <= 3 ? "ok" : "OVER")
  printf "deliver-%d-to-smtp-sink: %.3f s = %.0f messages/s (target ≥ 1000/s) %s\n", people, s, rate, (rate >= 1000 ? "ok" : "UNDER")
  printf "smtp-source-ceiling-%d: %.3f s = %.0f messages/s (%d sessions, -d, %d bytes)\n", people, c, ceiling, w, size
  printf "deliver-vs-ceiling: %.0f %% (target ≥ 50 %%) %s\n", 100 * rate / ceiling, (rate >= ceiling / 2 ? "ok" : "UNDER")
  printf "peak-rss-queue: %.1f MB\npeak-rss-send: %.1f MB\n", rq / 1024, rs / 1024
}'
