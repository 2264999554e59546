#!/usr/bin/env bash
# run-browser-tests.sh — Helder's pages in headless Chromium, as each role
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage:  bash tests/browser/run-browser-tests.sh [BUILD_DIR]   (default: build)
#    or:  meson test -C BUILD_DIR browser -v
#
# What it does:
#   1. installs playwright-core and axe-core (the exact versions of
#      package-lock.json) with `npm ci` into BUILD_DIR/tests/browser/node_modules,
#      only when that folder is missing or the lock file changed;
#   2. makes a temporary database with `helder init --demo`;
#   3. starts `helder serve --port 0` on it and reads its address from the
#      first line it prints;
#   4. issues one-time login links for the advisor (Sanne de Boer, person 4),
#      HR (Yvonne Peeters, person 5), an employee whose role change was
#      discussed and one whose change is still a draft;
#   5. runs walk.mjs with node: it signs in as each role, walks that role's
#      pages without JavaScript, runs axe-core (WCAG 2.1 A and AA) on each,
#      creates and approves a moment through the form, and saves screenshots
#      to BUILD_DIR/tests/browser/screenshots;
#   6. at the end lets Helder deliver the week's e-mail into a Maildir, and
#      signs the employee in from the link in theirs;
#   7. stops the server.
# Exit status: walk.mjs's (0 all passed, 1 a check failed), 77 (skipped)
# when node, npm or Chromium is missing, 2 on a usage or set-up error.
# Environment: HELDER_CHROMIUM (default /usr/bin/chromium),
# HELDER_BROWSER_KEEP=1 keeps the temporary folder (database, server log).

set -euo pipefail

if [[ $# -gt 1 || ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '4,5p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD=${1:-build}
if [[ ! -d $BUILD ]]; then
  echo "run-browser-tests.sh: $BUILD: no such build folder (run meson setup first)" >&2
  exit 2
fi
BUILD=$(cd "$BUILD" && pwd)
HELDER=$BUILD/core/helder
OUT=$BUILD/tests/browser
# Every helder this script starts runs on one pinned clock (HELDER_NOW from
# the caller, else the suite's Friday morning), never the machine's date.
export HELDER_NOW=${HELDER_NOW:-2026-12-04T10:00:00+01:00}
export HELDER_NOW_SINCE=${HELDER_NOW_SINCE:-$(date +%s)}
CHROMIUM=${HELDER_CHROMIUM:-/usr/bin/chromium}
# Changes on the command line are audited with who made them (README:
# the operator): here the demo's advisor, Sanne de Boer.
export HELDER_OPERATOR=${HELDER_OPERATOR:-4}
PY=/usr/bin/python3

skip () {
  echo "run-browser-tests.sh: SKIP: $*" >&2
  exit 77
}

# ---- what the test needs ------------------------------------------------------
command -v node >/dev/null || skip "node is not installed (apt-get install nodejs)"
command -v npm >/dev/null || skip "npm is not installed (apt-get install npm)"
[[ -x $CHROMIUM ]] || skip "$CHROMIUM is missing (apt-get install chromium, or set HELDER_CHROMIUM)"
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
((NODE_MAJOR >= 20)) || skip "node $(node --version) is too old: playwright-core needs node 20 or later"
if [[ ! -x $HELDER ]]; then
  echo "run-browser-tests.sh: $HELDER is missing; build first (ninja -C $BUILD)" >&2
  exit 2
fi

# ---- playwright-core and axe-core, in the build folder --------------------------
mkdir -p "$OUT"
if [[ ! -d $OUT/node_modules/playwright-core || ! -f $OUT/node_modules/axe-core/axe.min.js ]] ||
   ! cmp -s "$SRC/package-lock.json" "$OUT/package-lock.json"; then
  cp "$SRC/package.json" "$SRC/package-lock.json" "$OUT/"
  echo "# npm ci in $OUT"
  if ! (cd "$OUT" && npm ci --no-audit --no-fund --loglevel=error >"$OUT/npm-ci.log" 2>&1); then
    cat "$OUT/npm-ci.log" >&2
    rm -rf "$OUT/node_modules"
    skip "npm ci could not install playwright-core and axe-core (no registry reachable?); see above"
  fi
fi

WORK=$(mktemp -d /tmp/helder-browser-XXXXXX)
SERVER_PID=
SINK_PID=
# shellcheck disable=SC2317  # run by the trap
cleanup () {
  if [[ -n $SINK_PID ]]; then
    kill "$SINK_PID" 2>/dev/null || true
    wait "$SINK_PID" 2>/dev/null || true
  fi
  if [[ -n $SERVER_PID ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ -n ${HELDER_BROWSER_KEEP:-} ]]; then
    echo "# kept $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

export HELDER_LOCALEDIR=$BUILD/po
# The test plugins, and those of the build tree: their channels are the
# demo's and the forms'.
export HELDER_PLUGIN_PATH=$BUILD/tests/plugins:$BUILD/plugins
export XDG_DATA_HOME=$WORK/xdg
export LC_ALL=C.UTF-8
export LANGUAGE=
unset HELDER_DB

die () {
  echo "run-browser-tests.sh: $*" >&2
  exit 2
}

# ---- the programme ----------------------------------------------------------------
DB=$WORK/demo.db
"$HELDER" --db "$DB" init --demo >/dev/null || die "helder init --demo failed"

# The first employee with a discussed role change, the first with a draft;
# a draft moment, a commitment and a gate to open.
"$HELDER" --db "$DB" --json role-change list >"$WORK/changes.json" || die "helder role-change list failed"
"$HELDER" --db "$DB" --json moment list >"$WORK/moments.json" || die "helder moment list failed"
"$HELDER" --db "$DB" --json commitment list >"$WORK/commitments.json" || die "helder commitment list failed"
"$HELDER" --db "$DB" --json gate list >"$WORK/gates.json" || die "helder gate list failed"
read -r DISCUSSED DRAFT MOMENT COMMITMENT GATE < <("$PY" - "$WORK" <<'EOF'
import json, sys
w = sys.argv[1]
changes = json.load(open(w + "/changes.json"))
def first(status):
    # An employee: not the advisor (4) nor HR (5).
    return next(c["person"] for c in changes if c["status"] == status and c["person"] not in (4, 5))
moments = json.load(open(w + "/moments.json"))
commitments = json.load(open(w + "/commitments.json"))
gates = json.load(open(w + "/gates.json"))
draft_moment = next(m["id"] for m in moments if m["status"] == "draft")
print(first("discussed"), first("draft"), draft_moment, commitments[0]["id"], gates[0]["slug"])
EOF
) || die "the demo has no discussed and draft role change, draft moment, commitment or gate"

# ---- the server ---------------------------------------------------------------------
# No delivery in the background: walk.mjs delivers the week's e-mail itself,
# with `helder send`, once the server's address is known (server.base_url).
"$HELDER" --db "$DB" serve --port 0 --no-delivery >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE=
for _ in $(seq 100); do
  # The line that says where it serves (a warning about server.base_url may come first).
  BASE=$(grep -m 1 'Ctrl+C' "$WORK/server.log" | grep -o 'http://[^ ]*' || true)
  [[ -n $BASE ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
if [[ -z $BASE ]]; then
  cat "$WORK/server.log" >&2
  die "helder serve did not print its address"
fi
echo "# helder serve at $BASE (pid $SERVER_PID)"

# A real SMTP server on loopback (tests/smtp-sink.py) that stores what it
# receives in a Maildir: walk.mjs has the week's e-mail sent to it and opens
# the link of one message.
"$PY" "$SRC/../smtp-sink.py" --maildir "$WORK/sink" --port 0 >"$WORK/sink.port" 2>"$WORK/sink.log" &
SINK_PID=$!
SMTP_PORT=
for _ in $(seq 100); do
  SMTP_PORT=$(head -n 1 "$WORK/sink.port" 2>/dev/null || true)
  [[ -n $SMTP_PORT ]] && break
  kill -0 "$SINK_PID" 2>/dev/null || break
  sleep 0.1
done
[[ -n $SMTP_PORT ]] || { cat "$WORK/sink.log" >&2; die "the SMTP sink did not start"; }

# The meeting invitations of the coming week, with their answer links at
# the server's address (server.base_url); the employee whose role change was
# discussed answers one (walk.mjs).
"$HELDER" --db "$DB" config set server.base_url "$BASE" >/dev/null || die "helder config set failed"
"$HELDER" --db "$DB" send --queue-only --no-digests >/dev/null || die "helder send --queue-only failed"
"$HELDER" --db "$DB" --json outbox --channel email --limit 1000 >"$WORK/outbox.json" ||
  die "helder outbox failed"
INVITATION=$("$PY" - "$WORK/outbox.json" "$DISCUSSED" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1]))["items"]
print(next((r["id"] for r in rows
            if r["person"] == int(sys.argv[2]) and r["source"].startswith("meeting:")), ""))
EOF
) || die "could not read the outbox"
RSVP=
if [[ -n $INVITATION ]]; then
  "$HELDER" --db "$DB" --json outbox show "$INVITATION" >"$WORK/invitation.json" ||
    die "helder outbox show $INVITATION failed"
  RSVP=$("$PY" - "$WORK/invitation.json" <<'EOF'
import json, re, sys
m = re.search(r"https?://[^/]+(/rsvp/[^>)\s]+answer=yes)", json.load(open(sys.argv[1]))["body"])
print(m.group(1) if m else "")
EOF
) || die "could not read invitation $INVITATION"
fi


# issue PERSON ROLE: prints the one-time login link; its code and the API
# token go to $WORK/secrets.txt, to look for in the server's log.
issue () {
  "$HELDER" --db "$DB" --json token issue "$1" --role "$2" --days 1 --base-url "$BASE" |
    "$PY" -c 'import json, sys
t = json.load(sys.stdin)
with open(sys.argv[1], "a") as f:
    print(t["token"], file=f)
    print(t["login_link"].rsplit("/", 1)[1], file=f)
print(t["login_link"])' "$WORK/secrets.txt"
}
ADVISOR_LINK=$(issue 4 advisor) || die "could not issue a token for the advisor"
HR_LINK=$(issue 5 hr) || die "could not issue a token for HR"
DISCUSSED_LINK=$(issue "$DISCUSSED" employee) || die "could not issue a token for person $DISCUSSED"
DRAFT_LINK=$(issue "$DRAFT" employee) || die "could not issue a token for person $DRAFT"

"$PY" - "$WORK/walk.json" <<EOF
import json, sys
json.dump({
    "base": "$BASE",
    "screenshots": "$OUT/screenshots",
    "chromium": "$CHROMIUM",
    "node_modules": "$OUT/node_modules",
    "moment": $MOMENT,
    "commitment": $COMMITMENT,
    "gate": "$GATE",
    "helder": "$HELDER",
    "db": "$DB",
    "work": "$WORK",
    "smtp": "smtp://127.0.0.1:$SMTP_PORT",
    "sink": "$WORK/sink",
    "rsvp": "$RSVP",
    "rsvp_person": $DISCUSSED,
    "logins": [
        {"name": "advisor", "role": "advisor", "person": 4, "link": "$ADVISOR_LINK"},
        {"name": "hr", "role": "hr", "person": 5, "link": "$HR_LINK"},
        {"name": "employee-discussed", "role": "employee", "person": $DISCUSSED, "link": "$DISCUSSED_LINK"},
        {"name": "employee-draft", "role": "employee", "person": $DRAFT, "link": "$DRAFT_LINK"},
    ],
}, open(sys.argv[1], "w"), indent=2)
EOF

# ---- the walk -------------------------------------------------------------------------
STATUS=0
node "$SRC/walk.mjs" "$WORK/walk.json" || STATUS=$?

kill "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" || true
SERVER_PID=

# No secret is ever logged (issue 9): not the sign-in codes and tokens
# issued above, nor any token or session the walk was given (hld_…, hls_…
# with more than the four characters a redacted one keeps).
while read -r secret; do
  if [[ -n $secret ]] && grep -qF -- "$secret" "$WORK/server.log"; then
    echo "# the server's log holds a secret it issued (${secret:0:8}…)" >&2
    STATUS=1
  fi
done <"$WORK/secrets.txt"
if grep -qE '(hld|hls)_[A-Za-z0-9_-]{5}' "$WORK/server.log"; then
  echo "# the server's log holds a token or session:" >&2
  grep -E '(hld|hls)_[A-Za-z0-9_-]{5}' "$WORK/server.log" | sed 's/^/#   /' | head -n 5 >&2
  STATUS=1
fi
if ((STATUS != 0)); then
  echo "# the last lines the server logged:" >&2
  tail -n 20 "$WORK/server.log" | sed 's/^/#   /' >&2
fi
exit "$STATUS"
