/* test-survey-messages.c — a survey's invitations, reminders and housekeeping,
 * through the real `helder send`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A survey of the demo programme, on the test addin's channel, opened at a
 * pinned clock: the real scheduler and sender deliver its invitation to the
 * whole audience when the round opens, and its reminder to exactly those
 * who have not answered (by brute force over the audience minus
 * survey_answered); nothing goes out for a cancelled round; a reminder
 * whose filter is missing (surveys disabled) is held and reported; `--as`
 * names who changed a survey. Housekeeping at a clock past retention
 * reduces the answers to their aggregate with an audit entry, and leaves
 * the write-ahead log empty.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "helder-test-utils.h"
#include "surveys-private.h"

#define NOW          "HELDER_NOW=2026-12-04T10:00:00+01:00"
#define OPENED       "HELDER_NOW=2026-12-07T09:05:00+01:00"
#define BEFORE_CLOSE "HELDER_NOW=2026-12-09T17:05:00+01:00"
#define AUDIENCE_SQL                                                                       \
  "SELECT group_concat (id) FROM (SELECT DISTINCT p.id FROM person p"                      \
  " JOIN person_group pg ON pg.person = p.id WHERE pg.grp IN ('servicedesk', 'key-users')" \
  " AND p.email <> '' ORDER BY p.id)"
#define GOVERNANCE                                                                   \
  "--purpose", "Weten hoe het met medewerkers gaat", "--legal-basis", "public_task", \
    "--works-council", "not_required", "--retention-months", "1"

typedef struct
{
  char *dir;
  char *db;
  HelderStore *store;
} Fixture;

static int
run_at (Fixture *f,
        const char *now,
        const char *extra,
        char **out,
        char **err,
        const char *const *args)
{
  const char *env[] = { now, extra, NULL };

  return helder_test_runv (f->db, env, args, out, err);
}

static char *
ok_at (Fixture *f, const char *now, const char *extra, const char *const *args)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_at (f, now, extra, &out, &err, args);

  if (status != 0)
    g_error ("helder %s %s: %s", args[0], args[1] ? args[1] : "", err);
  return g_steal_pointer (&out);
}
#define OK(now, ...) g_free (ok_at (f, now, NULL, (const char *const[]){ __VA_ARGS__, NULL }))

static gint64
scalar (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (f->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
text (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (f->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value != NULL ? value : g_strdup ("");
}

static void
exec (Fixture *f, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (helder_store_get_db (f->store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Who got moment @id, sent on the test addin's channel, as "1,5,9". */
static char *
delivered (Fixture *f, gint64 id)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT group_concat (person) FROM (SELECT person FROM delivery WHERE source = 'moment:%" G_GINT64_FORMAT
    "' AND channel = 'testchannel' AND status = 'sent' ORDER BY person)",
    id);

  return text (f, sql);
}

/* A pulse of the servicedesk and key users on the test addin's channel. */
static void
new_survey (Fixture *f, const char *slug, const char *every)
{
  g_autofree char *sql = NULL;

  if (every == NULL)
    OK (NOW, "survey", "new", "--template", "pulse", "--title", "Pulse", "--slug", slug, "--groups",
        "servicedesk,key-users", "--opens", "2026-12-07 09:00", "--closes", "2026-12-11 17:00",
        "--remind-days", "2", GOVERNANCE);
  else
    OK (NOW, "survey", "new", "--template", "pulse", "--title", "Pulse", "--slug", slug, "--groups",
        "servicedesk,key-users", "--opens", "2026-12-07 09:00", "--closes", "2026-12-11 17:00",
        "--every", every, "--until", "2027-01-31", "--remind-days", "2", GOVERNANCE);
  sql = g_strdup_printf ("INSERT INTO survey_channel (survey, channel)"
                         " SELECT id, 'testchannel' FROM survey WHERE slug = '%s'",
                         slug);
  exec (f, sql);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("helder-survey-messages-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "helder.db", NULL);
  OK (NOW, "init", "--demo");
  OK (NOW, "survey", "list");
  f->store = helder_store_open (f->db, &error);
  g_assert_no_error (error);
  /* Without the demo's own surveys (survey-demo.c) and their messages:
   * these tests count every round and every message of a survey. */
  exec (f, "UPDATE moment SET status = 'cancelled' WHERE id IN"
           " (SELECT invitation FROM survey_round UNION SELECT reminder FROM survey_round);"
           " DELETE FROM survey; DELETE FROM audit_entry WHERE entity = 'survey'");
  /* Everyone also takes the test addin's channel, the surveys' one here. */
  exec (f, "INSERT INTO person_channel SELECT id, 'testchannel' FROM person");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->db);
  g_free (f->db);
  g_free (f->dir);
}

static void
send_at (Fixture *f, const char *now)
{
  OK (now, "send", "--no-rate-limit", "--no-digests");
}

/* The invitation reaches the whole audience when the round opens; the
 * reminder exactly those who have not answered. */
static void
test_invitation_and_reminder (Fixture *f, gconstpointer data)
{
  g_autofree char *audience = text (f, AUDIENCE_SQL);
  g_autofree char *invited = NULL;
  g_autofree char *reminded = NULL;
  g_autofree char *unanswered = NULL;
  g_autofree char *title = NULL;
  g_autofree char *expected = NULL;
  g_auto (GStrv) rest = NULL;
  gint64 invitation, reminder, round;

  new_survey (f, "pulse-msg", NULL);
  OK (NOW, "survey", "open", "pulse-msg");
  round = scalar (f, "SELECT id FROM survey_round");
  invitation = scalar (f, "SELECT invitation FROM survey_round");
  reminder = scalar (f, "SELECT reminder FROM survey_round");
  g_assert_cmpint (invitation, >, 0);
  g_assert_cmpint (reminder, >, invitation);
  title = text (f, "SELECT title || ' | ' || title_en || ' | ' || scheduled_at || ' | ' ||"
                   " status FROM moment WHERE id = (SELECT invitation FROM survey_round)");
  g_assert_cmpstr (title, ==,
                   "Vragenlijst: Pulse — vul hem in vóór 11 december 2026 om 17:00 | Survey: "
                   "Pulse — please answer before 11 December 2026 at 17:00 | "
                   "2026-12-07T08:00:00Z | approved");
  g_free (title);
  title = text (f, "SELECT scheduled_at || ' ' || audience_filter FROM moment"
                   " WHERE id = (SELECT reminder FROM survey_round)");
  expected = g_strdup_printf ("2026-12-09T16:00:00Z surveys.unanswered:%" G_GINT64_FORMAT, round);
  g_assert_cmpstr (title, ==, expected);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment m JOIN survey_round r"
                              " ON m.id = r.invitation WHERE m.body LIKE"
                              " '%](http://127.0.0.1:8080/surveys/rounds/' || r.id || '/answer)%'"),
                   ==, 1);

  /* Not before the round opens. */
  send_at (f, NOW);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE source LIKE 'moment:%'"
                              " AND source IN (SELECT 'moment:' || invitation FROM survey_round)"),
                   ==, 0);
  send_at (f, OPENED);
  invited = delivered (f, invitation);
  g_assert_cmpstr (invited, ==, audience);
  g_assert_cmpuint (strlen (audience), >, 0);

  /* About half the audience answers (who, at random). */
  {
    g_auto (GStrv) ids = g_strsplit (audience, ",", -1);
    g_autoptr (GString) rest = g_string_new (NULL);

    for (guint i = 0; ids[i] != NULL; i++)
      {
        if (g_test_rand_bit ())
          {
            g_autofree char *sql = g_strdup_printf (
              "INSERT INTO survey_answered (round, person) VALUES (%" G_GINT64_FORMAT ", %s)",
              round, ids[i]);
            exec (f, sql);
          }
        else
          g_string_append_printf (rest, "%s%s", rest->len ? "," : "", ids[i]);
      }
    unanswered = g_strdup (rest->str);
  }
  send_at (f, BEFORE_CLOSE);
  reminded = delivered (f, reminder);
  g_assert_cmpstr (reminded, ==, unanswered);
  /* Sending again sends nothing twice. */
  send_at (f, BEFORE_CLOSE);
  g_assert_cmpint (
    scalar (f, "SELECT count(*) FROM delivery WHERE source = 'moment:' ||"
               " (SELECT reminder FROM survey_round)"),
    ==, unanswered[0] ? (gint64) g_strv_length (rest = g_strsplit (unanswered, ",", -1)) : 0);
}

/* Closing cancels the reminder of the open round and every message of the
 * planned ones; nothing is sent for them. */
static void
test_cancelled_rounds_send_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *status = NULL;

  new_survey (f, "pulse-weekly", "7");
  OK (NOW, "survey", "open", "pulse-weekly");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_round"), >=, 4);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_round WHERE invitation IS NULL"
                              " OR reminder IS NULL"),
                   ==, 0);
  send_at (f, OPENED);
  OK ("HELDER_NOW=2026-12-08T12:00:00+01:00", "survey", "close", "pulse-weekly");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment WHERE status = 'cancelled' AND id IN"
                              " (SELECT invitation FROM survey_round UNION"
                              "  SELECT reminder FROM survey_round)"),
                   ==, scalar (f, "SELECT 2 * count(*) - 1 FROM survey_round"));
  /* The invitation of round 1 went; it stays sent. */
  status = text (f, "SELECT status FROM moment WHERE id ="
                    " (SELECT invitation FROM survey_round WHERE number = 1)");
  g_assert_cmpstr (status, ==, "sent");
  send_at (f, "HELDER_NOW=2026-12-14T09:05:00+01:00");
  send_at (f, "HELDER_NOW=2026-12-21T09:05:00+01:00");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE source IN"
                              " (SELECT 'moment:' || invitation FROM survey_round WHERE number > 1"
                              "  UNION SELECT 'moment:' || reminder FROM survey_round)"),
                   ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM audit_entry WHERE action = 'cancel'"
                              " AND entity = 'moment'"),
                   ==, scalar (f, "SELECT 2 * count(*) - 1 FROM survey_round"));
}

/* Without the plugin, a reminder's filter is missing: it is held and
 * reported, and goes out once the plugin is back. */
static void
test_missing_filter_held (Fixture *f, gconstpointer data)
{
  const char *const send_json[] = { "--json", "send", "--no-rate-limit", "--no-digests", NULL };
  g_autofree char *out = NULL;
  g_autoptr (JsonObject) report = NULL;
  g_autofree char *status = NULL;
  gint64 reminder;

  new_survey (f, "pulse-held", NULL);
  OK (NOW, "survey", "open", "pulse-held");
  reminder = scalar (f, "SELECT reminder FROM survey_round");
  send_at (f, OPENED);
  out = ok_at (f, BEFORE_CLOSE, "HELDER_DISABLED_PLUGINS=surveys", send_json);
  report = helder_test_object (out);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report, "queued"),
                                               "moments_unfiltered"),
                   ==, 1);
  g_assert_nonnull (strstr (out, "surveys.unanswered"));
  status = text (f, "SELECT status FROM moment WHERE id = (SELECT reminder FROM survey_round)");
  g_assert_cmpstr (status, ==, "approved");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE source = 'moment:' ||"
                              " (SELECT reminder FROM survey_round)"),
                   ==, 0);
  send_at (f, BEFORE_CLOSE);
  {
    g_autofree char *audience = text (f, AUDIENCE_SQL);
    g_autofree char *got = delivered (f, reminder);

    g_assert_cmpstr (got, ==, audience);
  }
}

/* `helder --as PERSON survey …` audits the change as that person; an
 * unknown person is refused with nothing changed. */
static void
test_operator_as (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *name = NULL;
  g_autofree char *expected = NULL;

  new_survey (f, "pulse-as", NULL);
  before = helder_test_fingerprint (f->store);
  {
    const char *const argv[] = { "--as", "niemand-bekend", "survey", "open", "pulse-as", NULL };

    g_assert_cmpint (run_at (f, NOW, NULL, &out, &err, argv), !=, 0);
    g_assert_nonnull (strstr (err, "niemand-bekend"));
  }
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
  g_free (
    ok_at (f, NOW, NULL, (const char *const[]){ "--as", "2", "survey", "open", "pulse-as", NULL }));
  name = text (f, "SELECT actor_name FROM audit_entry WHERE action = 'open' AND entity = 'survey'");
  expected = text (f, "SELECT name FROM person WHERE id = 2");
  g_assert_cmpstr (name, ==, expected);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM audit_entry WHERE entity = 'moment'"
                              " AND action = 'create' AND actor = 2"),
                   ==, 2);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

/* Six answers to the first question and who gave them, as the answering
 * service writes them (a random id, no person, no time). */
static void
answer_six (Fixture *f)
{
  for (int i = 0; i < 6; i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO survey_response (id, round) SELECT randomblob (16), id FROM survey_round;"
        "INSERT INTO survey_answer (response, question, choice, round)"
        " SELECT r.id, (SELECT min (id) FROM survey_question), %d, r.round FROM survey_response r"
        " WHERE r.id NOT IN (SELECT response FROM survey_answer);"
        "INSERT INTO survey_answered (round, person) SELECT (SELECT id FROM survey_round),"
        " (SELECT id FROM person WHERE id NOT IN (SELECT person FROM survey_answered)"
        " ORDER BY id LIMIT 1);",
        1 + i % 5);
      exec (f, sql);
    }
}

/* After the round closes, housekeeping keeps its aggregate and truncates
 * the write-ahead log; once retention ended, the answers are gone, the
 * aggregate stays and the audit log says so. */
static void
test_housekeeping_retention (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *aggregate = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *audit = NULL;

  new_survey (f, "pulse-kept", NULL);
  OK (NOW, "survey", "open", "pulse-kept");
  send_at (f, OPENED);
  answer_six (f);
  g_assert_cmpint (file_size (wal), >, 0);

  /* Answers since the last run: the log is checkpointed and truncated
   * (the job itself, on this connection, so that no write of the sender
   * after it lands in the log before we look). */
  g_assert_true (survey_housekeeping_run (f->store, "2026-12-10T09:00:00Z", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_size (wal), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT aggregate IS NULL FROM survey_round"), ==, 1);
  /* Nothing new within the minute: no checkpoint, the log keeps a write. */
  exec (f, "UPDATE survey SET intro = intro || ' '");
  g_assert_true (survey_housekeeping_run (f->store, "2026-12-10T09:00:30Z", NULL, &error));
  g_assert_cmpint (file_size (wal), >, 0);

  /* The round closed: its results are kept, the log is empty again. */
  g_assert_true (survey_housekeeping_run (f->store, "2026-12-12T09:00:00Z", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_size (wal), ==, 0);
  g_assert_cmpstr ((kept = text (f, "SELECT status FROM survey_round")), ==, "closed");
  aggregate = text (f, "SELECT aggregate FROM survey_round");
  g_assert_nonnull (strstr (aggregate, "\"questions\""));

  /* Retention (one month after closing) not yet ended: nothing deleted. */
  send_at (f, "HELDER_NOW=2027-01-11T10:00:00+01:00");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_response"), ==, 6);
  /* Ended: reduced to the aggregate, answers deleted, audited. */
  send_at (f, "HELDER_NOW=2027-01-12T10:00:00+01:00");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_response"), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM survey_answer"), ==, 0);
  g_clear_pointer (&kept, g_free);
  g_assert_cmpstr ((kept = text (f, "SELECT status FROM survey_round")), ==, "reduced");
  g_clear_pointer (&kept, g_free);
  kept = text (f, "SELECT aggregate FROM survey_round");
  g_assert_cmpstr (kept, ==, aggregate);
  audit = text (f, "SELECT actor_role || ' ' || detail FROM audit_entry WHERE action = 'reduce'"
                   " AND entity = 'survey_round'");
  g_assert_nonnull (strstr (audit, "system retention ended: round 1"));
  g_assert_nonnull (strstr (audit, "6 responses deleted"));
}

/* Refused with a message holding @needle, and nothing changed. */
static void
refused_at (Fixture *f, const char *now, const char *needle, const char *const *args)
{
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_at (f, now, NULL, &out, &err, args);

  if (status == 0 || strstr (err, needle) == NULL)
    g_error ("helder %s %s %s: status %d, wanted “%s” in: %s", args[0], args[1],
             args[2] ? args[2] : "", status, needle, err);
  g_assert_null (strstr (err, "CRITICAL"));
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}
#define REFUSED(now, needle, ...) \
  refused_at (f, now, needle, (const char *const[]){ __VA_ARGS__, NULL })

/* The follow-up goes to everyone invited, is linked to the round and shown
 * under its results; every wrong option is refused with nothing changed. */
static void
test_followup (Fixture *f, gconstpointer data)
{
  const char *const results_json[] = { "--json", "survey", "results", "pulse-loop", NULL };
  g_autofree char *audience = text (f, AUDIENCE_SQL);
  g_autofree char *out = NULL;
  g_autofree char *got = NULL;
  g_autofree char *title = NULL;
  g_autoptr (JsonObject) results = NULL;
  JsonObject *note;
  gint64 moment;

  new_survey (f, "pulse-loop", NULL);
  REFUSED (NOW, "no round of this survey has opened", "survey", "follow-up", "pulse-loop",
           "--title", "Wat je ons vertelde", "--body", "Dank je.");
  OK (NOW, "survey", "open", "pulse-loop");
  REFUSED (NOW, "round 1 is", "survey", "follow-up", "pulse-loop", "--round", "1", "--title", "T",
           "--body", "B");
  /* Bad input, case by case, after the round opened. */
  REFUSED (OPENED, "--title is required", "survey", "follow-up", "pulse-loop", "--body", "B");
  REFUSED (OPENED, "--body is required", "survey", "follow-up", "pulse-loop", "--title", "T");
  REFUSED (OPENED, "--title: give the text", "survey", "follow-up", "pulse-loop", "--title", " ",
           "--body", "B");
  REFUSED (OPENED, "--body: give the text", "survey", "follow-up", "pulse-loop", "--title", "T",
           "--body", "");
  REFUSED (OPENED, "--title-en: give the text", "survey", "follow-up", "pulse-loop", "--title", "T",
           "--body", "B", "--title-en", " ");
  REFUSED (OPENED, "--round: \"nul\"", "survey", "follow-up", "pulse-loop", "--round", "nul",
           "--title", "T", "--body", "B");
  REFUSED (OPENED, "--round: the survey has no round 9", "survey", "follow-up", "pulse-loop",
           "--round", "9", "--title", "T", "--body", "B");
  REFUSED (OPENED, "--at: “gisteren”", "survey", "follow-up", "pulse-loop", "--title", "T",
           "--body", "B", "--at", "gisteren");
  REFUSED (OPENED, "--at: “2026-12-01T23:00:00Z” has passed", "survey", "follow-up", "pulse-loop",
           "--title", "T", "--body", "B", "--at", "2026-12-02");
  REFUSED (OPENED, "no-such-survey", "survey", "follow-up", "no-such-survey", "--title", "T",
           "--body", "B");
  REFUSED (OPENED, "unexpected argument", "survey", "follow-up", "pulse-loop", "extra", "--title",
           "T", "--body", "B");

  OK ("HELDER_NOW=2026-12-12T10:00:00+01:00", "survey", "follow-up", "pulse-loop", "--title",
      "Wat je ons vertelde", "--body", "We gaan de bereikbaarheid verbeteren.", "--title-en",
      "What you told us", "--at", "2026-12-14 09:00");
  moment = scalar (f, "SELECT followup FROM survey_round");
  g_assert_cmpint (moment, >, 0);
  title = text (f, "SELECT title || ' | ' || title_en || ' | ' || status || ' | ' || scheduled_at"
                   " FROM moment WHERE id = (SELECT followup FROM survey_round)");
  g_assert_cmpstr (title, ==,
                   "Wat je ons vertelde | What you told us | approved | 2026-12-14T08:00:00Z");
  REFUSED ("HELDER_NOW=2026-12-12T10:00:00+01:00", "already has its follow-up", "survey",
           "follow-up", "pulse-loop", "--title", "T", "--body", "B");

  out = ok_at (f, "HELDER_NOW=2026-12-12T10:00:00+01:00", NULL, results_json);
  results = helder_test_object (out);
  note = json_object_get_object_member (results, "followup");
  g_assert_nonnull (note);
  g_assert_cmpint (json_object_get_int_member (note, "moment"), ==, moment);
  g_assert_cmpstr (json_object_get_string_member (note, "title"), ==, "Wat je ons vertelde");
  g_assert_cmpstr (json_object_get_string_member (note, "scheduled_at"), ==,
                   "2026-12-14T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (note, "status"), ==, "approved");

  send_at (f, "HELDER_NOW=2026-12-14T09:05:00+01:00");
  got = delivered (f, moment);
  g_assert_cmpstr (got, ==, audience);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add ("/survey-messages/invitation-and-reminder", Fixture, NULL, fixture_set_up,
              test_invitation_and_reminder, fixture_tear_down);
  g_test_add ("/survey-messages/cancelled-rounds", Fixture, NULL, fixture_set_up,
              test_cancelled_rounds_send_nothing, fixture_tear_down);
  g_test_add ("/survey-messages/missing-filter-held", Fixture, NULL, fixture_set_up,
              test_missing_filter_held, fixture_tear_down);
  g_test_add ("/survey-messages/operator-as", Fixture, NULL, fixture_set_up, test_operator_as,
              fixture_tear_down);
  g_test_add ("/survey-messages/housekeeping-retention", Fixture, NULL, fixture_set_up,
              test_housekeeping_retention, fixture_tear_down);
  g_test_add ("/survey-messages/follow-up", Fixture, NULL, fixture_set_up, test_followup,
              fixture_tear_down);
  return g_test_run ();
}
