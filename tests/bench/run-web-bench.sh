#!/usr/bin/env bash
# run-web-bench.sh — how fast `helder serve` answers with 10,000 people
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage:  bash tests/bench/run-web-bench.sh [BUILD_DIR]      (default: build)
#    or:  ninja -C BUILD_DIR bench-web
#
# Not part of the pass/fail suite: it prints figures, one a line, such as
#   web-api-me: 5874 req/s, p50 8.2 ms, p99 9.6 ms, 88 % of static, 15683 bytes,
#     alone p50 0.24 ms (target ≥ 50 % of static and p99 < 10 ms) ok
# then a summary table. On a generated programme of HELDER_BENCH_PEOPLE
# (default 10,000) people, `helder serve --quiet` runs on a free loopback
# port and wrk (2 threads, 50 connections, HELDER_BENCH_SECONDS = 10 s each,
# after a 2 s warm-up) asks for:
#   - web-static: the stylesheet /static/helder.css, the ceiling;
#   - web-api-me: an employee's own JSON, /api/v1/me, with a bearer token;
#   - web-me-page: the same employee's page /me, with a session cookie got
#     by POSTing a one-time login code to /login;
#   - web-dashboard: the advisor's dashboard /dashboard, with the advisor's
#     session cookie;
#   - web-people, web-people-search, web-people-last: the advisor's list of
#     people /people (first page of 50), a search regardless of case and
#     accents /people?q=JANSE, and the list's last page; each read is
#     audited, so each request also writes an audit entry;
#   - web-hr, web-hr-last: HR's board /hr (five names per role, pages of
#     50 people to place and placements) and its last page of people to
#     place, with the HR adviser's (person 5) session cookie; audited too;
# and, for each, the median latency with a single connection ("alone": what
# one request costs the server, without queueing behind 49 others; with 50
# connections p50 is about 50 / (req/s) by Little's law). Last, the server's
# resident memory (VmRSS, and the peak VmHWM) after the runs. Each address
# is first fetched with curl and must answer 200; a run in which wrk saw a
# non-2xx/3xx answer or a connect/read/write error is marked ERRORS; requests
# still unanswered after wrk's 2 s are counted on the figure's line.
# The employee is the first one whose role change was discussed (their page
# has a future role, promises and moments). Everything happens in a
# temporary folder under /tmp that is removed at the end. Exit status: 0 when
# every run worked (whether or not the targets were met), 1 when one failed,
# 2 on a usage error or a missing tool.

set -euo pipefail

if [[ $# -gt 1 || ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '4,5p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

BUILD=${1:-build}
if [[ ! -d $BUILD ]]; then
  echo "run-web-bench.sh: $BUILD: no such build folder (run meson setup first)" >&2
  exit 2
fi
BUILD=$(cd "$BUILD" && pwd)
HELDER=$BUILD/core/helder
PEOPLE=${HELDER_BENCH_PEOPLE:-10000}
# Changes on the command line are audited with who made them (README:
# the operator): here the demo's first person.
export HELDER_OPERATOR=${HELDER_OPERATOR:-1}
SECONDS_PER_RUN=${HELDER_BENCH_SECONDS:-10}
PY=/usr/bin/python3
if [[ ! -x $HELDER ]]; then
  echo "run-web-bench.sh: $HELDER is missing; build first (ninja -C $BUILD)" >&2
  exit 2
fi
if [[ ! $PEOPLE =~ ^[1-9][0-9]*$ ]]; then
  echo "run-web-bench.sh: HELDER_BENCH_PEOPLE: “$PEOPLE” is not a positive number" >&2
  exit 2
fi
if [[ ! $SECONDS_PER_RUN =~ ^[1-9][0-9]*$ ]]; then
  echo "run-web-bench.sh: HELDER_BENCH_SECONDS: “$SECONDS_PER_RUN” is not a positive number" >&2
  exit 2
fi
for tool in wrk curl; do
  if ! command -v "$tool" >/dev/null; then
    echo "run-web-bench.sh: $tool is not installed (apt-get install $tool)" >&2
    exit 2
  fi
done

WORK=$(mktemp -d /tmp/helder-web-bench-XXXXXX)
SERVER_PID=
# shellcheck disable=SC2317  # run by the trap
cleanup () {
  if [[ -n $SERVER_PID ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export HELDER_LOCALEDIR=$BUILD/po
export HELDER_PLUGIN_PATH=$BUILD/tests/plugins
export XDG_DATA_HOME=$WORK/xdg
export LC_ALL=C.UTF-8
export LANGUAGE=
unset HELDER_DB

SUMMARY=()
FAILED=0

die () {
  echo "run-web-bench.sh: $*" >&2
  exit 1
}

echo "Helder web benchmarks: $("$HELDER" --version), $PEOPLE people, $(nproc) cores," \
     "load $(cut -d' ' -f1 /proc/loadavg), $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)" \
     "-t2 -c50 -d${SECONDS_PER_RUN}s"
echo

# ---- the programme, the people and their tokens ---------------------------------
DB=$WORK/programme.db
"$HELDER" --db "$DB" init --demo --people "$PEOPLE" >/dev/null ||
  die "helder init --demo --people $PEOPLE failed"
EMPLOYEE=$("$HELDER" --db "$DB" --json role-change list |
           "$PY" -c '
import json, sys
changes = json.load(sys.stdin)
print(next(c["person"] for c in changes if c["status"] == "discussed" and c["person"] not in (4, 5)))') ||
  die "the programme has no employee with a discussed role change"

# wrk's 50 connections all come from 127.0.0.1, as a reverse proxy's would:
# without the cap of 32 connections per address (a proxy in
# server.trusted_proxies is not capped either), or 18 of them measure 503s.
"$HELDER" --db "$DB" serve --port 0 --quiet --max-connections-per-client 0 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE=
for _ in $(seq 100); do
  # The line that says where it serves (a warning about server.base_url may come first).
  BASE=$(grep -m 1 'Ctrl+C' "$WORK/server.log" | grep -o 'http://[^ ]*' || true)
  [[ -n $BASE ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
[[ -n $BASE ]] || die "helder serve did not print its address: $(cat "$WORK/server.log")"

# issue PERSON ROLE: prints "TOKEN LOGIN-CODE".
issue () {
  "$HELDER" --db "$DB" --json token issue "$1" --role "$2" --days 1 --base-url "$BASE" |
    "$PY" -c 'import json, sys; t = json.load(sys.stdin); print(t["token"], t["login_link"].rsplit("/", 1)[1])'
}
# session NAME CODE: signs in with the one-time code as a browser does (the
# sign-in page, then its form with the page's CSRF token and pre-session
# cookie), prints the Cookie header value; the answer's headers stay in
# $WORK/login-NAME.txt.
session () {
  local csrf
  : >"$WORK/login-$1.txt"
  csrf=$(curl -s -c "$WORK/jar-$1.txt" "$BASE/login/$2" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p')
  curl -s -o /dev/null -D "$WORK/login-$1.txt" -b "$WORK/jar-$1.txt" -X POST \
    --data-urlencode "code=$2" --data-urlencode "csrf=$csrf" "$BASE/login" || true
  sed -n 's/^[Ss]et-[Cc]ookie: \(helder_session=[^;]*\).*/\1/p' "$WORK/login-$1.txt" | tr -d '\r'
}
# login_failed NAME WHO: stops, with what /login answered and the server said.
login_failed () {
  local status
  status=$(head -n 1 "$WORK/login-$1.txt" | tr -d '\r')
  die "signing in as $2 with the login code gave no session cookie:" \
      "POST /login answered “${status:-nothing}”; the server's last words: $(tail -n 3 "$WORK/server.log")"
}
read -r EMPLOYEE_TOKEN EMPLOYEE_CODE < <(issue "$EMPLOYEE" employee) ||
  die "could not issue a token for person $EMPLOYEE"
read -r _ ADVISOR_CODE < <(issue 4 advisor) || die "could not issue a token for the advisor (person 4)"
# The server's first delivery round runs while we sign in: it queues the
# due moments and, once this week's digest time has come, composes everyone's
# digest. A sign-in must work meanwhile, as it must for a person signing in
# at that moment: when it failed ("database is locked" after 5 s, issue 8)
# the fault was the server's, so there is no retry here.
EMPLOYEE_COOKIE=$(session employee "$EMPLOYEE_CODE")
[[ -n $EMPLOYEE_COOKIE ]] || login_failed employee "person $EMPLOYEE"
ADVISOR_COOKIE=$(session advisor "$ADVISOR_CODE")
[[ -n $ADVISOR_COOKIE ]] || login_failed advisor "the advisor"
read -r _ HR_CODE < <(issue 5 hr) || die "could not issue a token for HR (person 5)"
HR_COOKIE=$(session hr "$HR_CODE")
[[ -n $HR_COOKIE ]] || login_failed hr "HR (person 5)"
# The board's last page of people to place: its total from the JSON API.
HR_LAST=$(curl -s -H "Cookie: $HR_COOKIE" "$BASE/api/v1/hr/board?unplaced_limit=1" |
          "$PY" -c 'import json, sys; print(max(1, (json.load(sys.stdin)["totals"]["unplaced"] + 49) // 50))') ||
  die "GET /api/v1/hr/board did not say how many people are to place"

# ---- the runs ---------------------------------------------------------------------
# Latency of wrk ("850.00us", "4.10ms", "1.02s") in milliseconds.
to_ms () {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
    printf "%.2f", n }'
}

STATIC_RPS=
# run NAME PATH HEADER TARGET_RATIO TARGET_P99_MS: prints one figure line.
# TARGET_RATIO and TARGET_P99_MS may be "-" for none.
run () {
  local name=$1 path=$2 header=$3 target_ratio=$4 target_p99=$5
  local out=$WORK/$name.txt status bytes rps p50 p99 alone ratio errors="" verdict=ok targets=()
  local s_connect s_read s_write
  local args=()
  [[ -n $header ]] && args=(-H "$header")

  read -r status bytes < <(curl -s -o "$WORK/$name.body" -w '%{http_code} %{size_download}\n' \
                                "${args[@]}" "$BASE$path")
  if [[ $status != 200 ]]; then
    echo "$name: $path answered $status before the run, not 200: $(head -c 300 "$WORK/$name.body")"
    SUMMARY+=("$name|$path|-|-|-|-|-|-|FAILED ($status)")
    FAILED=1
    return
  fi
  wrk -t2 -c50 -d2s "${args[@]}" "$BASE$path" >/dev/null 2>&1 || true
  if ! wrk -t2 -c50 -d"${SECONDS_PER_RUN}s" --latency "${args[@]}" "$BASE$path" >"$out" 2>&1; then
    echo "$name: wrk failed: $(cat "$out")"
    SUMMARY+=("$name|$path|-|-|-|-|-|-|FAILED (wrk)")
    FAILED=1
    return
  fi
  # The same address with one connection: what one request costs the
  # server, without waiting behind the 49 others.
  wrk -t1 -c1 -d2s --latency "${args[@]}" "$BASE$path" >"$WORK/$name-alone.txt" 2>&1 || true
  alone=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/$name-alone.txt")")
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  if grep -q 'Non-2xx or 3xx responses' "$out"; then
    errors="$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' "$out") non-2xx answers"
  fi
  # "Socket errors: connect 0, read 0, write 0, timeout 6": a timeout is a
  # request still unanswered after wrk's 2 s, which is slow, not wrong.
  local socket timeouts="" slow=""
  socket=$(sed -n 's/.*Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' "$out")
  if [[ -n $socket ]]; then
    read -r s_connect s_read s_write timeouts <<<"$socket"
    if ((s_connect + s_read + s_write > 0)); then
      errors="${errors:+$errors, }socket errors (connect $s_connect, read $s_read, write $s_write)"
    fi
    if ((timeouts > 0)); then
      slow=", $timeouts requests unanswered after 2 s"
    fi
  fi
  if [[ -z $STATIC_RPS ]]; then
    STATIC_RPS=$rps
  fi
  ratio=$(awk -v r="$rps" -v s="$STATIC_RPS" 'BEGIN { printf "%.0f", (s > 0 ? 100 * r / s : 0) }')

  if [[ $target_ratio != - ]]; then
    targets+=("≥ $target_ratio % of static")
    awk -v r="$ratio" -v t="$target_ratio" 'BEGIN { exit !(r >= t) }' || verdict=MISSED
  fi
  if [[ $target_p99 != - ]]; then
    targets+=("p99 < $target_p99 ms")
    awk -v p="$p99" -v t="$target_p99" 'BEGIN { exit !(p < t) }' || verdict=MISSED
  fi
  local target_text="no target"
  if ((${#targets[@]} > 0)); then
    target_text="target ${targets[0]}${targets[1]:+ and ${targets[1]}}"
  else
    verdict=-
  fi
  if [[ -n $errors ]]; then
    verdict="ERRORS: $errors"
    FAILED=1
  fi
  printf '%s: %s req/s, p50 %s ms, p99 %s ms%s, %s %% of static, %s bytes, alone p50 %s ms (%s)%s\n' \
    "$name" "$rps" "$p50" "$p99" "$slow" "$ratio" "$bytes" "$alone" "$target_text" "${verdict:+ $verdict}"
  SUMMARY+=("$name|$path|$rps|$p50|$p99|$alone|$ratio %|${target_text#target }|$verdict")
}

run web-static /static/helder.css "" - -
run web-api-me /api/v1/me "Authorization: Bearer $EMPLOYEE_TOKEN" 50 10
run web-me-page /me "Cookie: $EMPLOYEE_COOKIE" - -
run web-dashboard /dashboard "Cookie: $ADVISOR_COOKIE" - 100
run web-people /people "Cookie: $ADVISOR_COOKIE" - -
run web-people-search "/people?q=JANSE" "Cookie: $ADVISOR_COOKIE" - -
run web-people-last "/people?page=$(( (PEOPLE + 49) / 50 ))" "Cookie: $ADVISOR_COOKIE" - -
run web-hr /hr "Cookie: $HR_COOKIE" - -
run web-hr-last "/hr?unplaced_page=$HR_LAST" "Cookie: $HR_COOKIE" - -

# ---- memory ------------------------------------------------------------------------
RSS_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")
HWM_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
RSS_MB=$(awk -v k="$RSS_KB" 'BEGIN { printf "%.1f", k / 1024 }')
HWM_MB=$(awk -v k="$HWM_KB" 'BEGIN { printf "%.1f", k / 1024 }')
RSS_VERDICT=$(awk -v m="$RSS_MB" 'BEGIN { print (m < 60 ? "ok" : "MISSED") }')
echo "web-server-rss: $RSS_MB MB after the runs, peak $HWM_MB MB (target < 60 MB) $RSS_VERDICT"
SUMMARY+=("web-server-rss|-|-|-|-|-|-|< 60 MB|$RSS_MB MB (peak $HWM_MB) $RSS_VERDICT")

kill "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" || true
SERVER_PID=

# ---- summary -------------------------------------------------------------------------
echo
echo "Employee: person $EMPLOYEE of $PEOPLE; wrk -t2 -c50 -d${SECONDS_PER_RUN}s --latency on loopback," \
     "server and wrk share the $(nproc) cores."
echo
{
  echo "figure|path|req/s|p50 ms|p99 ms|alone p50 ms|of static|target|verdict"
  echo "------|----|-----|------|------|------------|---------|------|-------"
  printf '%s\n' "${SUMMARY[@]}"
} | column -t -s '|'
exit "$FAILED"
