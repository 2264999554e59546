#!/usr/bin/env python3
# check-survey-crash.py — kill -9 the server while people answer: no acknowledged answer is lost
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The real `helder serve` answers a survey's API for the people of the demo,
# 16 at a time from threads of their own, and is killed with SIGKILL while
# answers are in flight (in a shared commit: helder_web_respond_after_commit).
# Afterwards every person who got a 201 has answered in the database, the
# database holds exactly one response per "has answered" row, every
# response has all its answers, and the database is intact. Three runs,
# killed after different numbers of acknowledged answers. The clock is
# pinned (HELDER_NOW) for the commands and the server alike.
#
# Usage: check-survey-crash.py HELDER_EXE

import datetime
import hashlib
import json
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request

NOW = "2026-12-09T10:00:00+01:00"


def run(helder, db, *args):
    env = dict(os.environ, HELDER_NOW=NOW, HELDER_OPERATOR="1")
    done = subprocess.run([helder, "--db", db, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("helder %s: %s%s" % (" ".join(args), done.stdout, done.stderr))
    return done.stdout


def prepare(helder, db):
    run(helder, db, "init", "--demo")
    groups = [r[0] for r in sqlite3.connect(db).execute(
        "SELECT slug FROM stakeholder_group WHERE kind = 'internal'")]
    run(helder, db, "survey", "new", "--template", "pulse", "--title", "Pulse crash",
        "--slug", "crash", "--groups", ",".join(groups), "--opens", "2026-12-08",
        "--closes", "2026-12-18", "--purpose", "Proef", "--legal-basis", "public_task",
        "--works-council", "not_required", "--retention-months", "12")
    run(helder, db, "survey", "open", "crash")
    con = sqlite3.connect(db)
    (survey,) = con.execute("SELECT id FROM survey WHERE slug = 'crash'").fetchone()
    (round_id,) = con.execute("SELECT id FROM survey_round WHERE survey = ?", (survey,)).fetchone()
    questions = con.execute("SELECT id, kind FROM survey_question WHERE survey = ?",
                            (survey,)).fetchall()
    people = [r[0] for r in con.execute(
        "SELECT DISTINCT person FROM person_group WHERE grp IN (%s) ORDER BY person"
        % ",".join("?" * len(groups)), groups)]
    now = datetime.datetime(2026, 12, 9, 9, 0, tzinfo=datetime.timezone.utc)
    tokens = {}
    for person in people:
        token = "hld_" + secrets.token_urlsafe(32)
        tokens[person] = token
        con.execute("INSERT INTO access_token (person, role, kind, hash, created_at, expires_at)"
                    " VALUES (?, 'employee', 'api', ?, ?, ?)",
                    (person, hashlib.blake2b(token.encode(), digest_size=32).hexdigest(),
                     now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                     (now + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")))
    con.commit()
    con.close()
    answers = {}
    for q, kind in questions:
        if kind == "agree5":
            answers[str(q)] = 3
        elif kind == "scale10":
            answers[str(q)] = 7
    return round_id, tokens, json.dumps({"answers": answers}).encode()


def serve(helder, db):
    env = dict(os.environ, HELDER_NOW=NOW)
    server = subprocess.Popen([helder, "--db", db, "serve", "--port", "0", "--quiet",
                               "--no-delivery"], env=env, stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    start = line.index("http://127.0.0.1:")
    return server, line[start:].split()[0].rstrip("/")


def crash_once(helder, kill_after):
    with tempfile.TemporaryDirectory(prefix="helder-survey-crash-") as folder:
        db = os.path.join(folder, "helder.db")
        round_id, tokens, body = prepare(helder, db)
        server, url = serve(helder, db)
        acknowledged = []
        lock = threading.Lock()
        people = list(tokens)
        enough = threading.Event()

        def worker(mine):
            for person in mine:
                request = urllib.request.Request(
                    "%s/api/v1/me/surveys/%d/answers" % (url, round_id), data=body,
                    headers={"Authorization": "Bearer " + tokens[person],
                             "Content-Type": "application/json"}, method="POST")
                try:
                    with urllib.request.urlopen(request, timeout=10) as reply:
                        if reply.status == 201:
                            with lock:
                                acknowledged.append(person)
                                if len(acknowledged) >= kill_after:
                                    enough.set()
                except (urllib.error.URLError, ConnectionError, OSError):
                    return

        threads = [threading.Thread(target=worker, args=(people[i::16],)) for i in range(16)]
        for t in threads:
            t.start()
        enough.wait(timeout=30)
        server.send_signal(signal.SIGKILL)
        server.wait()
        for t in threads:
            t.join()

        con = sqlite3.connect(db)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        answered = {r[0] for r in con.execute(
            "SELECT person FROM survey_answered WHERE round = ?", (round_id,))}
        (responses,) = con.execute("SELECT count(*) FROM survey_response WHERE round = ?",
                                   (round_id,)).fetchone()
        (partial,) = con.execute(
            "SELECT count(*) FROM survey_response r WHERE r.round = ? AND"
            " (SELECT count(*) FROM survey_answer a WHERE a.response = r.id) <> ?",
            (round_id, len(json.loads(body)["answers"]))).fetchone()
        con.close()
        lost = set(acknowledged) - answered
        assert not lost, "acknowledged but not stored: %s" % sorted(lost)
        assert responses == len(answered), "%d responses for %d answered" % (responses,
                                                                            len(answered))
        assert partial == 0, "%d responses lack answers" % partial
        assert len(acknowledged) < len(people), "the server was killed after everyone answered"
        print("ok: killed after %d acknowledged answers of %d; %d stored" %
              (len(acknowledged), len(people), len(answered)))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check-survey-crash.py HELDER_EXE")
    for kill_after in (1, 5, 15):
        crash_once(sys.argv[1], kill_after)


if __name__ == "__main__":
    main()
