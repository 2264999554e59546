/* test-digest-news.c — a digest that says what is new, and one for partners
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 11, points 4 and 5, with the clock pinned: the weekly digest opens
 * with what changed since the person's previous digest; an unchanged week
 * sends nothing; kept and withdrawn promises settled before the previous
 * digest are a count with a link, open and late ones are in full; earlier
 * messages are only those since the previous digest; every count in it is
 * recomputed from the tables; an external person's digest has no role
 * section, is off by default and goes once they choose it.
 *
 * "Last week" is a scheduler run seven days before the clock, so that the
 * digests are of two ISO weeks whatever day the clock is pinned on.
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "model/helder-entity.h"
#include "model/helder-language.h"
#include "services/delivery/helder-digest.h"
#include "services/delivery/helder-scheduler.h"
#include "services/repo/helder-commitment.h"
#include "services/repo/helder-repo.h"
#include "services/transfer/helder-person-data.h"
#include "services/views/helder-personal.h"

typedef struct
{
  char *path;
  HelderStore *store;
  char *now;       /* the clock, UTC */
  char *last_week; /* seven days before it */
} Fixture;

static char *
shifted (const char *utc, GTimeSpan by)
{
  g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (utc, NULL);
  g_autoptr (GDateTime) moved = g_date_time_add (t, by);

  return g_date_time_format (moved, "%Y-%m-%dT%H:%M:%SZ");
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->store = helder_test_store_new (&f->path);
  helder_test_seed (f->store);
  f->now = helder_clock_now_utc ();
  f->last_week = shifted (f->now, -7 * G_TIME_SPAN_DAY);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->path);
  g_free (f->path);
  g_free (f->now);
  g_free (f->last_week);
}

static gint64
scalar (HelderStore *store, const char *sql, const char *arg)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
exec (HelderStore *store, const char *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

/* Queues the digests as the scheduler does at @now (NULL: the clock). */
static void
digests_at (Fixture *f, const char *now, HelderScheduleReport *report)
{
  g_autoptr (GError) error = NULL;
  HelderScheduleOptions options = {
    .digests = TRUE,
    .force_digests = TRUE,
    .now = now,
    .base_url = "https://helder.voorbeeld.nl",
    .digest_weekday = 1,
    .digest_hour = 0,
  };

  g_assert_true (helder_scheduler_run (f->store, &options, report, &error));
  g_assert_no_error (error);
}

/* The newest digest of @person: its subject and body, and since when its
 * news runs (the previous digest's queue time); NULL when none. */
static char *
newest_digest (Fixture *f, gint64 person, char **subject, char **since)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    f->store,
    "SELECT m.subject, m.body, (SELECT p.created_at FROM delivery p WHERE p.person = d.person"
    "   AND p.fingerprint IS NOT NULL AND p.source < d.source ORDER BY p.source DESC LIMIT 1)"
    " FROM delivery d JOIN delivery_message m ON m.delivery = d.id"
    " WHERE d.person = ?1 AND d.fingerprint IS NOT NULL ORDER BY d.source DESC LIMIT 1",
    NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, person);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  if (subject != NULL)
    *subject = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (since != NULL)
    *since = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  return g_strdup ((const char *) sqlite3_column_text (stmt, 1));
}

/* The section of @body under "## @heading…", up to the next heading. */
static char *
section (const char *body, const char *heading)
{
  g_autofree char *mark = g_strconcat ("## ", heading, NULL);
  const char *start = strstr (body, mark);
  const char *end;

  if (start == NULL)
    return NULL;
  end = strstr (start + 3, "\n## ");
  if (end == NULL)
    end = strstr (start, "\n---\n");
  return g_strndup (start, end != NULL ? (gsize) (end - start) : strlen (start));
}

static guint
count_items (const char *text)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, "\n- ")) != NULL; p++)
    n++;
  return n;
}

static gint64
commitment (Fixture *f, const char *text, int made, int due, const char *to)
{
  g_autofree char *made_on = helder_test_day (made);
  g_autofree char *due_on = helder_test_day (due);
  g_autofree char *json =
    g_strdup_printf ("{\"text\":\"%s\",\"made_by\":\"Directie\",\"made_on\":\"%s\","
                     "\"due_on\":\"%s\",%s}",
                     text, made_on, due_on, to);
  g_autoptr (JsonObject) row = helder_test_create (f->store, "commitment", json);

  return json_object_get_int_member (row, "id");
}

static void
record (Fixture *f, gint64 id, const char *status, const char *note)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr (JsonObject) row =
    helder_commitment_record (f->store, HELDER_TEST_ACTOR, key, status, note, "Adviseur", &error);

  g_assert_no_error (error);
  g_assert_nonnull (row);
}

/* A moment to the group beheer that was sent at @at (UTC). */
static void
sent_moment (Fixture *f, const char *title, const char *at)
{
  g_autofree char *json = g_strdup_printf (
    "{\"title\":\"%s\",\"scheduled_at\":\"%s\",\"channels\":[\"email\"],\"groups\":[\"beheer\"]}",
    title, at);
  g_autoptr (JsonObject) row = helder_test_create (f->store, "moment", json);
  g_autofree char *sql = g_strdup_printf (
    "UPDATE moment SET status = 'sent', updated_at = '%s' WHERE id = %" G_GINT64_FORMAT, at,
    json_object_get_int_member (row, "id"));

  exec (f->store, sql);
}

/* ---- what is new comes first -------------------------------------------------- */

static void
test_update_first (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) before = { 0 };
  g_auto (HelderScheduleReport) report = { 0 };
  g_autofree char *old = shifted (f->now, -30 * G_TIME_SPAN_DAY);
  g_autofree char *sql = NULL;
  g_autofree char *body = NULL;
  g_autofree char *since = NULL;
  g_autofree char *news = NULL;
  const char *first_heading;
  const char *first_item;
  gint64 id;

  /* A promise to Anna, recorded a month ago. */
  id = commitment (f, "Iedereen krijgt een opleidingsbudget", -30, 30, "\"persons\":[1]");
  sql = g_strdup_printf ("UPDATE commitment SET created_at = '%s', updated_at = '%s'", old, old);
  exec (f->store, sql);
  digests_at (f, f->last_week, &before);
  g_assert_cmpuint (before.digests, ==, 3); /* Anna, Bram, Cor: first digests */

  /* This week: only an update of that promise. */
  record (f, id, NULL, "Het budget is vrijgegeven.");
  digests_at (f, NULL, &report);
  g_assert_cmpuint (report.digests, ==, 1);
  g_assert_cmpuint (report.digests_unchanged, ==, 2);

  body = newest_digest (f, 1, NULL, &since);
  g_assert_nonnull (body);
  g_assert_cmpstr (since, ==, f->last_week);
  /* The greeting, then what is new, whose first item is the update. */
  first_heading = strstr (body, "\n## ");
  g_assert_nonnull (first_heading);
  g_assert_true (g_str_has_prefix (first_heading, "\n## New since your previous overview of "));
  first_item = strstr (first_heading, "\n- ");
  g_assert_nonnull (first_item);
  g_assert_true (
    g_str_has_prefix (first_item, "\n- **Promise updated:** Iedereen krijgt een opleidingsbudget"));
  news = section (body, "New since");
  g_assert_cmpuint (count_items (news), ==, 1);
  g_assert_nonnull (strstr (news, "Het budget is vrijgegeven."));
}

static void
test_unchanged_week (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) before = { 0 };
  g_auto (HelderScheduleReport) report = { 0 };
  gint64 queued;

  digests_at (f, f->last_week, &before);
  g_assert_cmpuint (before.digests, ==, 3);
  queued = scalar (f->store, "SELECT count(*) FROM delivery", NULL);

  digests_at (f, NULL, &report);
  g_assert_cmpuint (report.digests, ==, 0);
  g_assert_cmpuint (report.digests_unchanged, ==, 3);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery", NULL), ==, queued);
}

/* ---- the picture in short, and its counts from the tables ---------------------- */

/* Commitments made to person 1 (Anna) or her groups. */
#define ANNAS                                                                 \
  "(SELECT cg.commitment AS id FROM person_group pg JOIN commitment_group cg" \
  "  ON cg.grp = pg.grp WHERE pg.person = 1"                                  \
  " UNION SELECT cp.commitment FROM commitment_person cp WHERE cp.person = 1)"
#define LATEST_UPDATE                                                                  \
  "(SELECT u.id FROM commitment_update u WHERE u.commitment = c.id ORDER BY u.id DESC" \
  " LIMIT 1)"

static void
test_short_picture (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) before = { 0 };
  g_auto (HelderScheduleReport) report = { 0 };
  g_autofree char *previous = shifted (f->now, G_TIME_SPAN_HOUR);
  g_autofree char *week_later = shifted (f->now, 7 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR);
  g_autofree char *long_ago = shifted (f->now, -20 * G_TIME_SPAN_DAY);
  g_autofree char *between = shifted (f->now, 3 * G_TIME_SPAN_DAY);
  g_autofree char *body = NULL;
  g_autofree char *since = NULL;
  g_autofree char *promises = NULL;
  g_autofree char *earlier = NULL;
  g_autofree char *news = NULL;
  g_autofree char *sentence = NULL;
  g_autoptr (HelderStmt) texts = NULL;
  gint64 kept1, kept2, gone, late, settled, in_full, expected_news;

  kept1 = commitment (f, "Een opleidingsbudget", -60, -10, "\"groups\":[\"beheer\"]");
  kept2 = commitment (f, "Een sociaal plan", -60, -20, "\"persons\":[1]");
  gone = commitment (f, "Een dag in het datacenter", -60, 20, "\"groups\":[\"beheer\"]");
  late = commitment (f, "Functiebeschrijvingen klaar", -60, -3, "\"groups\":[\"beheer\"]");
  commitment (f, "De servicedesk blijft", -60, 200, "\"groups\":[\"beheer\"]");
  commitment (f, "Niet voor Anna", -60, 200, "\"groups\":[\"servicedesk\"]");
  record (f, kept1, "kept", "Toegekend.");
  record (f, kept2, "kept", "Afgestemd.");
  record (f, gone, "withdrawn", "Kan niet om veiligheidsredenen.");
  record (f, late, NULL, "Vier van de zes zijn klaar.");
  sent_moment (f, "Oude nieuwsbrief", long_ago);

  /* Last week's digest came after all that; this week one message more. */
  digests_at (f, previous, &before);
  sent_moment (f, "Nieuwe nieuwsbrief", between);
  digests_at (f, week_later, &report);
  body = newest_digest (f, 1, NULL, &since);
  g_assert_nonnull (body);
  g_assert_cmpstr (since, ==, previous);

  /* Kept and withdrawn before the previous digest: one count, one link. */
  settled = scalar (f->store,
                    "SELECT count(*) FROM commitment c WHERE c.id IN " ANNAS
                    " AND (SELECT u.status FROM commitment_update u WHERE u.id = " LATEST_UPDATE
                    ") IN ('kept', 'withdrawn')"
                    " AND (SELECT u.created_at FROM commitment_update u WHERE u.id = " LATEST_UPDATE
                    ") <= ?1",
                    since);
  g_assert_cmpint (settled, ==, 3);
  sentence = g_strdup_printf ("[%" G_GINT64_FORMAT
                              " kept or withdrawn promises from before are on your own page.]"
                              "(<https://helder.voorbeeld.nl/me#promises>)",
                              settled);
  promises = section (body, "Promises made to you");
  g_assert_nonnull (promises);
  g_assert_nonnull (strstr (promises, sentence));
  /* Every other promise in full, each once; none of the settled ones. */
  in_full =
    scalar (f->store,
            "SELECT count(*) FROM commitment c WHERE c.id IN " ANNAS
            " AND coalesce ((SELECT u.status FROM commitment_update u WHERE u.id = " LATEST_UPDATE
            "), c.status) NOT IN ('kept', 'withdrawn')",
            NULL);
  g_assert_cmpint (in_full, ==, 2);
  g_assert_cmpuint (count_items (promises), ==, (guint) in_full);
  texts = helder_store_prepare (f->store,
                                "SELECT c.text, c.status IN ('kept', 'withdrawn') FROM commitment c"
                                " WHERE c.id IN " ANNAS,
                                NULL);
  while (sqlite3_step (texts) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (texts, 0);

      if (sqlite3_column_int (texts, 1))
        g_assert_null (strstr (body, text));
      else
        g_assert_nonnull (strstr (promises, text));
    }
  g_assert_null (strstr (body, "Niet voor Anna"));
  g_assert_nonnull (strstr (promises, "**late, "));

  /* Earlier messages: only since the previous digest. */
  earlier = section (body, "Earlier messages");
  g_assert_nonnull (earlier);
  g_assert_cmpuint (count_items (earlier), ==,
                    scalar (f->store,
                            "SELECT count(*) FROM moment m JOIN moment_group mg ON mg.moment = m.id"
                            " JOIN person_group pg ON pg.grp = mg.grp AND pg.person = 1"
                            " WHERE m.status = 'sent' AND m.scheduled_at > ?1",
                            since));
  g_assert_nonnull (strstr (earlier, "Nieuwe nieuwsbrief"));
  g_assert_null (strstr (body, "Oude nieuwsbrief"));

  /* What is new: recounted from the tables. */
  expected_news = scalar (
    f->store,
    "SELECT (SELECT count(*) FROM commitment c WHERE c.id IN " ANNAS
    "         AND (c.created_at > ?1 OR EXISTS (SELECT 1 FROM commitment_update u"
    "              WHERE u.commitment = c.id AND u.created_at > ?1)))"
    " + (SELECT count(*) FROM moment m JOIN moment_group mg ON mg.moment = m.id"
    "     JOIN person_group pg ON pg.grp = mg.grp AND pg.person = 1"
    "     WHERE m.updated_at > ?1 AND m.scheduled_at > ?1)"
    " + (SELECT count(*) FROM gate g JOIN gate_group gg ON gg.gate = g.slug"
    "     JOIN person_group pg ON pg.grp = gg.grp AND pg.person = 1 WHERE g.decided_at > ?1)",
    since);
  news = section (body, "New since");
  g_assert_nonnull (news);
  g_assert_cmpint (expected_news, ==, 1);
  g_assert_cmpuint (count_items (news), ==, (guint) expected_news);
  g_assert_nonnull (strstr (news, "**Sent to you:** Nieuwe nieuwsbrief"));
}

/* A first digest: the past week is new (HELDER_PERSONAL_FIRST_DAYS). */
static void
test_first_digest (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (HelderDigest) digest = { 0 };
  g_autofree char *today = helder_clock_today ();
  g_autofree char *since = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *week_ago = helder_test_day (-HELDER_PERSONAL_FIRST_DAYS);
  gboolean first = FALSE;

  since = helder_digest_since (f->store, 1, "2999-W01", today, &first, &error);
  g_assert_no_error (error);
  g_assert_true (first);
  expected = helder_clock_day_start_utc (week_ago);
  g_assert_cmpstr (since, ==, expected);

  commitment (f, "Nieuw deze week", -1, 30, "\"persons\":[1]");
  g_assert_true (
    helder_digest_compose (f->store, 1, "2999-W01", today, NULL, NULL, &digest, &error));
  g_assert_no_error (error);
  g_assert_true (digest.first);
  g_assert_cmpuint (digest.news, ==, 1);
  g_assert_nonnull (strstr (digest.body, "## New in the past week\n\n- **New promise:** Nieuw"));
}

/* ---- external people -------------------------------------------------------- */

static void
test_supplier (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) off = { 0 };
  g_auto (HelderScheduleReport) on = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) changes = helder_test_object ("{\"digest\":\"weekly\"}");
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GDateTime) local = helder_clock_now_local ();

  commitment (f, "De testomgeving staat klaar", -2, 20, "\"groups\":[\"leverancier\"]");
  digests_at (f, NULL, &off);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery WHERE person = 4", NULL), ==,
                   0);
  g_assert_cmpint (
    scalar (f->store, "SELECT count(*) FROM person WHERE id = 4 AND digest = 'default'", NULL), ==,
    1);

  /* She asks for it (the CLI and the API write the same field). */
  row = helder_repo_update (f->store, helder_entity_lookup ("person"), "4", changes,
                            HELDER_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "digest"), ==, "weekly");
  exec (f->store, "DELETE FROM digest_week");
  digests_at (f, NULL, &on);
  g_assert_cmpuint (on.digests, ==, 1);

  body = newest_digest (f, 4, &subject, NULL);
  g_assert_nonnull (body);
  expected = g_strdup_printf ("What is happening for Nimbus B.V. in week %d",
                              g_date_time_get_week_of_year (local));
  g_assert_cmpstr (subject, ==, expected);
  g_assert_true (g_str_has_prefix (body, "Hello Dewi Pranoto, here is what is happening for "
                                         "Nimbus B.V. in week"));
  g_assert_null (strstr (body, "Your role now"));
  g_assert_null (strstr (body, "Your future role"));
  g_assert_null (strstr (body, "your transition"));
  g_assert_null (strstr (body, "Your transition"));
  g_assert_nonnull (strstr (body, "## Commitments to Nimbus B.V."));
  g_assert_nonnull (strstr (body, "De testomgeving staat klaar"));
}

/* In Dutch too: "Wat er voor … speelt". */
static void
test_supplier_dutch (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (HelderDigest) digest = { 0 };
  g_autofree char *today = helder_clock_today ();

  exec (f->store, "UPDATE person SET locale = 'nl' WHERE id = 4");
  setlocale (LC_ALL, "");
  helder_language_begin ("nl");
  g_assert_true (
    helder_digest_compose (f->store, 4, "2026-W49", today, NULL, NULL, &digest, &error));
  helder_language_end ();
  helder_language_use ("");
  setlocale (LC_ALL, "C");
  g_assert_no_error (error);
  g_assert_cmpstr (digest.subject, ==, "Wat er voor Nimbus B.V. speelt in week 49");
  g_assert_null (strstr (digest.body, "overgang"));
  g_assert_null (strstr (digest.body, "Je huidige rol"));
  g_assert_null (strstr (digest.body, "Je toekomstige rol"));
  g_assert_nonnull (strstr (digest.body, "Toezeggingen aan Nimbus B.V."));
}

/* An internal person's choice is theirs too: off is off, default is weekly. */
static void
test_choice (Fixture *f, gconstpointer data)
{
  g_auto (HelderScheduleReport) off = { 0 };
  g_auto (HelderScheduleReport) back = { 0 };

  exec (f->store, "UPDATE person SET digest = 'off' WHERE id = 1");
  digests_at (f, NULL, &off);
  g_assert_cmpuint (off.digests, ==, 2); /* Bram, Cor */
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM delivery WHERE person = 1", NULL), ==,
                   0);
  exec (f->store, "UPDATE person SET digest = 'default' WHERE id = 1");
  exec (f->store, "DELETE FROM digest_week");
  digests_at (f, NULL, &back);
  g_assert_cmpuint (back.digests, ==, 1); /* Anna's first */
}

/* ---- plugins' sections ------------------------------------------------------ */

static char *
survey_section (HelderStore *store, gint64 person, const char *today, gpointer data, GError **error)
{
  return person == 1 ? g_strdup (*(const char **) data) : NULL;
}

/* What an addin adds keeps its place after core's sections, and a change
 * in it alone is reason enough to send. */
static void
test_addin_section (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sections = g_ptr_array_new ();
  const char *text = "## Open survey\n\nTell us how it goes.\n";
  HelderDigestSection survey = { "surveys", survey_section, &text };
  g_autofree char *week_later = shifted (f->now, 7 * G_TIME_SPAN_DAY);
  g_autofree char *two_weeks = shifted (f->now, 14 * G_TIME_SPAN_DAY);
  g_autofree char *body = NULL;
  HelderScheduleOptions options = {
    .digests = TRUE,
    .force_digests = TRUE,
    .base_url = "https://helder.voorbeeld.nl",
    .digest_weekday = 1,
  };

  g_ptr_array_add (sections, &survey);
  options.sections = sections;
  for (guint round = 0; round < 3; round++)
    {
      g_auto (HelderScheduleReport) report = { 0 };

      options.now = round == 0 ? f->now : round == 1 ? week_later : two_weeks;
      if (round == 2)
        text = "## Open survey\n\nThe second round is open.\n";
      g_assert_true (helder_scheduler_run (f->store, &options, &report, &error));
      g_assert_no_error (error);
      /* first digests; then nothing new; then Anna's survey changed */
      g_assert_cmpuint (report.digests, ==, round == 0 ? 3 : round == 1 ? 0 : 1);
    }
  body = newest_digest (f, 1, NULL, NULL);
  g_assert_nonnull (strstr (body, "\n## Open survey\n\nThe second round is open."));
  g_assert_true (strstr (body, "## Open survey") > strstr (body, "## Promises made to you"));
}

/* ---- the personal page's visits ------------------------------------------ */

static char *
visit (Fixture *f, gint64 person, const char *now, gboolean record)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *today = helder_clock_today ();
  char *since = NULL;

  g_assert_true (helder_personal_visit (f->store, person, now, today, record, &since, &error));
  g_assert_no_error (error);
  return since;
}

/* A visit is written once per visit; someone else's look writes nothing;
 * the person's export holds it and erasure removes it. */
static void
test_visits (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *week_ago = helder_test_day (-HELDER_PERSONAL_FIRST_DAYS);
  g_autofree char *first_cut = helder_clock_day_start_utc (week_ago);
  g_autofree char *soon = shifted (f->now, 10 * G_TIME_SPAN_MINUTE);
  g_autofree char *later = shifted (f->now, 2 * G_TIME_SPAN_HOUR);
  g_autofree char *looked = NULL;
  g_autofree char *first = NULL;
  g_autofree char *same = NULL;
  g_autofree char *next = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (JsonObject) exported = NULL;
  HelderAuditActor actor = { 0, "Adviseur", "advisor" };

  /* Someone else's look at a page never seen: the first cut, nothing written. */
  before = helder_test_fingerprint (f->store);
  looked = visit (f, 1, f->now, FALSE);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (looked, ==, first_cut);
  g_assert_cmpstr (before, ==, after);

  first = visit (f, 1, f->now, TRUE);
  g_assert_cmpstr (first, ==, first_cut);
  g_clear_pointer (&before, g_free);
  before = helder_test_fingerprint (f->store);
  same = visit (f, 1, soon, TRUE); /* a reload ten minutes on: the same visit */
  g_clear_pointer (&after, g_free);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (same, ==, first_cut);
  g_assert_cmpstr (before, ==, after);
  next = visit (f, 1, later, TRUE); /* two hours on: new since the first visit */
  g_assert_cmpstr (next, ==, f->now);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person_visit WHERE person = 1", NULL),
                   ==, 1);

  exported = helder_person_data_export (f->store, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (exported, "visits")), ==,
                    1);
  g_assert_true (helder_person_data_erase (f->store, 1, NULL, &actor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person_visit", NULL), ==, 0);

  /* A day that is not one: an error, nothing written. */
  {
    char *since = NULL;

    g_assert_false (
      helder_personal_visit (f->store, 2, f->now, "2026-02-30", TRUE, &since, &error));
    g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
    g_assert_null (since);
    g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person_visit", NULL), ==, 0);
  }
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  /* The Dutch catalogue of the build tree, as the CLI binds it; the
   * other tests read English (no setlocale: gettext stays with C). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("HELDER_LOCALEDIR") != NULL
                                     ? g_getenv ("HELDER_LOCALEDIR")
                                     : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/digest-news/update-first", test_update_first);
  ADD ("/digest-news/unchanged-week", test_unchanged_week);
  ADD ("/digest-news/short-picture", test_short_picture);
  ADD ("/digest-news/first-digest", test_first_digest);
  ADD ("/digest-news/supplier", test_supplier);
  ADD ("/digest-news/supplier-dutch", test_supplier_dutch);
  ADD ("/digest-news/choice", test_choice);
  ADD ("/digest-news/visits", test_visits);
  ADD ("/digest-news/addin-section", test_addin_section);
  return g_test_run ();
}
