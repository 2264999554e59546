#!/usr/bin/env bash
# run-survey-bench.sh — 10,000 people answering a 12-question pulse through HTTP
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage:  bash tests/bench/run-survey-bench.sh [BUILD_DIR]      (default: build)
#    or:  ninja -C BUILD_DIR bench-surveys
#
# Not part of the pass/fail suite: it prints figures, one a line:
#   survey-answers: 10000 answers in 3.9 s: 2560 answers/s acknowledged (201),
#     p50 18.2 ms, p99 41.0 ms (target ≥ 2000/s) ok
#   survey-results: p50 21.3 ms, p99 25.0 ms over 10000 responses,
#     12 questions (target < 50 ms) ok
# On a generated programme of HELDER_BENCH_PEOPLE (default 10,000) people a
# pulse (the template's six questions and six more agreement questions) is
# made for every group and opened with the real `helder survey` commands;
# every invited person gets an API token of their own (written straight
# into access_token as BLAKE2b-256 hashes, as `helder token issue` stores
# them, since 10,000 process starts would take minutes); then wrk (2
# threads, 50 connections, keep-alive) POSTs each person's answers once to
# /api/v1/me/surveys/ROUND/answers, each request with another token, and
# stops when the tokens are used; the time is from the first to the last
# acknowledged answer in the server's access log. An answer is acknowledged with 201 only
# after its transaction committed (synchronous=FULL). Afterwards the
# database must hold exactly one "has answered" row and one response per
# acknowledged answer. Last, the advisor's GET /api/v1/surveys/ID/results
# (every breakdown over all responses) alone, one connection, for
# HELDER_BENCH_SECONDS (default 5) seconds. Everything happens in a
# temporary folder under /tmp that is removed at the end. Exit status: 0
# when every run worked (whether or not the targets were met), 1 when one
# failed, 2 on a usage error or a missing tool.

set -euo pipefail

if [[ $# -gt 1 || ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '4,5p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

BUILD=${1:-build}
if [[ ! -d $BUILD ]]; then
  echo "run-survey-bench.sh: $BUILD: no such build folder (run meson setup first)" >&2
  exit 2
fi
BUILD=$(cd "$BUILD" && pwd)
HELDER=$BUILD/core/helder
PEOPLE=${HELDER_BENCH_PEOPLE:-10000}
SECONDS_PER_RUN=${HELDER_BENCH_SECONDS:-5}
export HELDER_OPERATOR=${HELDER_OPERATOR:-1}
PY=/usr/bin/python3
if [[ ! -x $HELDER ]]; then
  echo "run-survey-bench.sh: $HELDER is missing; build first (ninja -C $BUILD)" >&2
  exit 2
fi
if [[ ! $PEOPLE =~ ^[1-9][0-9]*$ ]]; then
  echo "run-survey-bench.sh: HELDER_BENCH_PEOPLE: “$PEOPLE” is not a positive number" >&2
  exit 2
fi
if [[ ! $SECONDS_PER_RUN =~ ^[1-9][0-9]*$ ]]; then
  echo "run-survey-bench.sh: HELDER_BENCH_SECONDS: “$SECONDS_PER_RUN” is not a positive number" >&2
  exit 2
fi
for tool in wrk curl; do
  if ! command -v "$tool" >/dev/null; then
    echo "run-survey-bench.sh: $tool is not installed (apt-get install $tool)" >&2
    exit 2
  fi
done

WORK=$(mktemp -d /tmp/helder-survey-bench-XXXXXX)
SERVER_PID=
# shellcheck disable=SC2317  # run by the trap
cleanup () {
  if [[ -n $SERVER_PID ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
[[ -n ${HELDER_BENCH_KEEP:-} ]] && echo "keeping $WORK" && cleanup () { [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null; true; }
trap cleanup EXIT

export HELDER_LOCALEDIR=$BUILD/po
export HELDER_PLUGIN_PATH=$BUILD/plugins
export XDG_DATA_HOME=$WORK/xdg
export LC_ALL=C.UTF-8
export LANGUAGE=
unset HELDER_DB HELDER_NOW

die () {
  echo "run-survey-bench.sh: $*" >&2
  exit 1
}

to_ms () {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
    printf "%.1f", n }'
}

echo "Helder survey benchmarks: $("$HELDER" --version), $PEOPLE people, $(nproc) cores," \
     "load $(cut -d' ' -f1 /proc/loadavg), $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)"
echo

# ---- the programme and the survey ------------------------------------------------
DB=$WORK/programme.db
H=("$HELDER" --db "$DB")
"${H[@]}" init --demo --people "$PEOPLE" >/dev/null || die "helder init --demo --people $PEOPLE failed"
GROUPS_ALL=$("$PY" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(",".join(r[0] for r in db.execute("SELECT slug FROM stakeholder_group WHERE kind = '"'"'internal'"'"' ORDER BY slug")))' "$DB")
TODAY=$(date -u +%F)
CLOSES=$(date -u -d '+14 days' +%F)
"${H[@]}" survey new --template pulse --title "Pulse benchmark" --slug pulse-benchmark \
  --groups "$GROUPS_ALL" --opens "$TODAY" --closes "$CLOSES" --purpose "Benchmark" \
  --legal-basis public_task --works-council not_required --retention-months 12 >/dev/null ||
  die "helder survey new failed"
SURVEY=$("${H[@]}" --json survey show pulse-benchmark | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["id"])')
for i in 1 2 3 4 5 6; do
  "${H[@]}" survey-question add --survey "$SURVEY" --position $((6 + i)) --kind agree5 \
    --text "Extra stelling $i" --required 1 >/dev/null || die "helder survey-question add failed"
done
"${H[@]}" survey open pulse-benchmark >/dev/null || die "helder survey open failed"

# Every invited person's token, and the body of the answers: every scale
# question answered (values vary with the person), the comment left out.
"$PY" - "$DB" "$SURVEY" "$WORK" <<'EOF' || die "could not write the tokens"
import datetime, hashlib, json, os, secrets, sqlite3, sys
db_path, survey, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
db = sqlite3.connect(db_path)
(round_id,) = db.execute("SELECT id FROM survey_round WHERE survey = ? ORDER BY number LIMIT 1", (survey,)).fetchone()
questions = db.execute("SELECT id, kind FROM survey_question WHERE survey = ? ORDER BY position", (survey,)).fetchall()
groups = [r[0] for r in db.execute("SELECT grp FROM survey_group WHERE survey = ?", (survey,))]
people = [r[0] for r in db.execute(
    "SELECT DISTINCT person FROM person_group WHERE grp IN (%s) ORDER BY person" % ",".join("?" * len(groups)), groups)]
now = datetime.datetime.now(datetime.timezone.utc)
created = now.strftime("%Y-%m-%dT%H:%M:%SZ")
expires = (now + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
with open(os.path.join(work, "tokens.txt"), "w") as tokens, open(os.path.join(work, "bodies.txt"), "w") as bodies:
    rows = []
    for n, person in enumerate(people):
        token = "hld_" + secrets.token_urlsafe(32)
        rows.append((person, "employee", "api", hashlib.blake2b(token.encode(), digest_size=32).hexdigest(), created, expires))
        tokens.write(token + "\n")
        answers = {}
        for q, kind in questions:
            if kind == "agree5":
                answers[str(q)] = 1 + (n + q) % 5
            elif kind == "scale10":
                answers[str(q)] = (n * 7 + q) % 11
        bodies.write(json.dumps({"answers": answers}) + "\n")
    db.executemany("INSERT INTO access_token (person, role, kind, hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)", rows)
    db.commit()
with open(os.path.join(work, "round.txt"), "w") as f:
    f.write("%d %d %d\n" % (round_id, len(people), len(questions)))
EOF
read -r ROUND INVITED QUESTIONS <"$WORK/round.txt"
ADVISOR_TOKEN=$("${H[@]}" --json token issue 1 --role advisor --days 1 |
                "$PY" -c 'import json, sys; print(json.load(sys.stdin)["token"])') ||
  die "could not issue the advisor's token"

# ---- the server ---------------------------------------------------------------------
# No background delivery: it measures answering, not composing 10,000
# digests at the same time. The access log is kept only with HELDER_BENCH_KEEP.
QUIET=--quiet
[[ -n ${HELDER_BENCH_KEEP:-} ]] && QUIET=
"${H[@]}" serve --port 0 $QUIET --no-delivery --max-connections-per-client 0 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE=
for _ in $(seq 100); do
  BASE=$(grep -m 1 'Ctrl+C' "$WORK/server.log" | grep -o 'http://[^ ]*' || true)
  [[ -n $BASE ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
[[ -n $BASE ]] || die "helder serve did not print its address: $(cat "$WORK/server.log")"

# ---- answering ------------------------------------------------------------------------
# Each wrk thread takes every other token and body, sends each once and stops.
cat >"$WORK/answer.lua" <<EOF
local threads = {}
local counter = 0
function setup (thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init (args)
  tokens, bodies = {}, {}
  local n = 0
  local b = io.lines("$WORK/bodies.txt")
  for token in io.lines("$WORK/tokens.txt") do
    local body = b()
    if n % $((2)) == id then
      table.insert(tokens, token)
      table.insert(bodies, body)
    end
    n = n + 1
  end
  next_one, created, repeated, other, extra, answered = 1, 0, 0, 0, 0, 0
  statuses, sample = "", ""
end
function request ()
  -- wrk asks each thread for one request before its connections open and
  -- sends what it gets only sometimes: that one costs no token.
  if not started then
    started = true
    return wrk.format("GET", "/")
  end
  local i = next_one
  if i > #tokens then
    -- Every token used: the thread stops (the answers still on their way
    -- are counted from the server's access log), and this last request, a
    -- token again, is answered 409 if it is sent at all.
    wrk.thread:stop()
    i = #tokens
    extra = extra + 1
  end
  next_one = next_one + 1
  return wrk.format("POST", "/api/v1/me/surveys/$ROUND/answers",
                    { ["Authorization"] = "Bearer " .. tokens[i], ["Content-Type"] = "application/json" },
                    bodies[i])
end
function response (status, headers, body)
  answered = answered + 1
  if status == 201 or status == 200 then created = created + (status == 201 and 1 or 0)
  elseif status == 409 then repeated = repeated + 1
  else
    other = other + 1
    statuses = statuses .. " " .. status
    if sample == "" then sample = string.sub(body, 1, 200) end
  end
end
function done (summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other") + math.max(0, t:get("repeated") - t:get("extra"))
    if t:get("other") > 0 then
      io.write(string.format("thread: answers other than 201 and 409:%s %s\n",
                             string.sub(t:get("statuses"), 1, 200), t:get("sample")))
    end
  end
  io.write(string.format("wrk saw %d acknowledged, %d other\n", c, o))
end
EOF
# wrk runs this long whether or not its threads stopped: long enough for
# every answer at a tenth of the target rate.
ANSWER_SECONDS=$((INVITED / 200 + 5))
"$PY" - "$DB" "$ROUND" "$INVITED" "$ANSWER_SECONDS" >"$WORK/took.txt" <<'PYEOF' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=30)
start = time.monotonic()
count = 0
while time.monotonic() - start < int(sys.argv[4]):
    count = db.execute("SELECT count(*) FROM survey_answered WHERE round = ?", (int(sys.argv[2]),)).fetchone()[0]
    if count >= int(sys.argv[3]):
        break
    time.sleep(0.02)
print("%.3f" % (time.monotonic() - start))
PYEOF
POLLER=$!
wrk -t2 -c50 -d"${ANSWER_SECONDS}s" --timeout 30s --latency -s "$WORK/answer.lua" "$BASE" >"$WORK/answers.txt" 2>&1 ||
  die "wrk failed: $(cat "$WORK/answers.txt")"
wait "$POLLER" || true
TOOK=$(cat "$WORK/took.txt")
STORED=$("$PY" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
a = db.execute("SELECT count(*) FROM survey_answered WHERE round = ?", (int(sys.argv[2]),)).fetchone()[0]
r = db.execute("SELECT count(*) FROM survey_response WHERE round = ?", (int(sys.argv[2]),)).fetchone()[0]
print(a, r)' "$DB" "$ROUND")
read -r ANSWERED RESPONSES <<<"$STORED"
# Acknowledged: what the database holds (wrk stops a thread at its last
# token and does not count what was still on its way); other answers
# than 201 (and the 409 of a thread's one request after its last token):
# what wrk saw.
CREATED=$ANSWERED
OTHER=$(awk '/^wrk saw/ { print $5 }' "$WORK/answers.txt")
P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/answers.txt")")
P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/answers.txt")")
# The time: from wrk's start until the database holds every answer (a
# reader polling every 20 ms; readers do not block the writer in WAL mode).
RATE=$(awk -v n="$CREATED" -v t="$TOOK" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }')
VERDICT=ok
awk -v r="$RATE" 'BEGIN { exit !(r >= 2000) }' || VERDICT=MISSED
FAILED=0
grep '^thread:' "$WORK/answers.txt" || true
if [[ $CREATED != "$INVITED" || $ANSWERED != "$CREATED" || $RESPONSES != "$CREATED" || $OTHER != 0 ]]; then
  VERDICT="FAILED ($INVITED invited, $CREATED acknowledged, $OTHER other answers, $ANSWERED answered rows, $RESPONSES responses)"
  FAILED=1
fi
echo "survey-answers: $CREATED answers of $QUESTIONS questions in $TOOK s: $RATE answers/s acknowledged (201)," \
     "p50 $P50 ms, p99 $P99 ms (target ≥ 2000/s) $VERDICT"

# ---- results ----------------------------------------------------------------------------
RESULTS=/api/v1/surveys/$SURVEY/results
STATUS=$(curl -s -o "$WORK/results.json" -w '%{http_code}' -H "Authorization: Bearer $ADVISOR_TOKEN" "$BASE$RESULTS")
if [[ $STATUS != 200 ]]; then
  echo "survey-results: $RESULTS answered $STATUS: $(head -c 300 "$WORK/results.json")"
  exit 1
fi
wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" --latency -H "Authorization: Bearer $ADVISOR_TOKEN" "$BASE$RESULTS" \
  >"$WORK/results.txt" 2>&1 || die "wrk failed: $(cat "$WORK/results.txt")"
R50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/results.txt")")
R99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/results.txt")")
RVERDICT=ok
awk -v p="$R50" 'BEGIN { exit !(p < 50) }' || RVERDICT=MISSED
if grep -q 'Non-2xx or 3xx responses' "$WORK/results.txt"; then
  RVERDICT="FAILED (non-2xx answers)"
  FAILED=1
fi
echo "survey-results: p50 $R50 ms, p99 $R99 ms over $RESPONSES responses, $QUESTIONS questions," \
     "$(stat -c %s "$WORK/results.json") bytes (target < 50 ms) $RVERDICT"
exit $FAILED
