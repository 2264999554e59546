/* test-concern-cli.c — concerns through `helder concern`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real plugin, loaded by the real binary, on the demo programme with
 * the clock pinned: themes; raising, answering (text, moment, commitment),
 * publishing and withdrawing; the questions-and-answers page names no
 * one; every wrong option refused with nothing changed; lateness in
 * working days around weekends, Christmas and New Year, against a
 * day-by-day walk; the summary recomputed by brute force; the answer in
 * the digest of a named person and of nobody for an anonymous concern.
 */
#include "config.h"

#include <string.h>

#include "interview-fixture.h"

static void
test_themes (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonNode) list = NULL;
  g_autofree char *long_name = g_strnfill (101, 'x');

  OK ("concern", "theme", "add", "werkplek", "--name", "Werkplek", "--name-en", "Workplace");
  list = JSON ("concern", "theme", "list");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  REFUSED ("already", "concern", "theme", "add", "werkplek", "--name", "Nog eens");
  REFUSED ("SLUG: “Werk Plek”", "concern", "theme", "add", "Werk Plek", "--name", "X");
  REFUSED ("--name is required", "concern", "theme", "add", "x");
  REFUSED ("--name: a theme needs a name", "concern", "theme", "add", "x", "--name", "  ");
  REFUSED ("--name", "concern", "theme", "add", "x", "--name", long_name);
  REFUSED ("--name-en", "concern", "theme", "add", "x", "--name", "X", "--name-en", long_name);
  REFUSED ("SLUG", "concern", "theme", "add");
  REFUSED ("theme add", "concern", "theme", "remove", "werkplek");
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM audit_entry WHERE"
                                      " entity = 'concern_theme'"),
                   ==, 1);
}

static void
test_raise_answer (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonNode) published = NULL;
  g_autoptr (JsonNode) shown = NULL;
  g_autofree char *text = NULL;
  JsonObject *first;

  OK ("concern", "theme", "add", "werkgelegenheid", "--name", "Werkgelegenheid");
  OK ("concern", "raise", "Wat gebeurt er met mijn baan als Pieter?", "--theme", "Werkgelegenheid",
      "--groups", "systeem-netwerkbeheer,servicedesk", "--person", "10", "--named");
  OK ("concern", "raise", "Krijgen we een opleiding?", "--person", "11");
  OK ("concern", "raise", "Wie is straks mijn leidinggevende?");
  OK ("concern", "answer", "1", "--text", "Iedereen houdt werk; zie de toezegging.", "--commitment",
      "1", "--publish", "--public-question", "Wat gebeurt er met onze banen?");
  OK ("concern", "answer", "2", "--moment", "1", "--publish");
  OK ("concern", "answer", "3", "--text", "Dat hoor je in januari.");
  OK ("concern", "withdraw", "3");
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM concern WHERE status = 'answered'"
                                      " AND published = 1 AND answered_on = '2026-12-04'"),
                   ==, 2);
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM concern WHERE status = 'withdrawn'"
                                      " AND published = 0"),
                   ==, 1);
  published = JSON ("concern", "published");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (published)), ==, 2);
  text = json_to_string (published, FALSE);
  /* The public question, never who raised it nor the words they used. */
  g_assert_nonnull (strstr (text, "Wat gebeurt er met onze banen?"));
  g_assert_null (strstr (text, "Pieter"));
  g_assert_null (strstr (text, "person"));
  g_assert_null (strstr (text, "via"));
  shown = JSON ("concern", "show", "1");
  first = json_node_get_object (shown);
  g_assert_true (json_object_get_boolean_member (first, "named"));
  g_assert_cmpint (json_object_get_int_member (first, "person"), ==, 10);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "groups")), ==, 2);
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM audit_entry WHERE entity = 'concern'"),
                   ==, 7);
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM audit_entry WHERE entity = 'concern'"
                                      " AND subject = 10"),
                   ==, 2);
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *long_text = g_strnfill (4001, 'x');

  OK ("concern", "raise", "Een vraag");
  OK ("concern", "raise", "Een tweede vraag");
  OK ("concern", "withdraw", "2");
  OK ("interview", "plan", "--kind", "employee", "--person", "10");
  REFUSED ("give the concern’s text", "concern", "raise");
  REFUSED ("give the concern’s text", "concern", "raise", "a", "b");
  REFUSED ("TEXT: the concern is empty", "concern", "raise", "   ");
  REFUSED ("TEXT", "concern", "raise", long_text);
  REFUSED ("TEXT", "concern", "raise", "a\x01");
  REFUSED ("--theme: there is no theme “nope”", "concern", "raise", "x", "--theme", "nope");
  REFUSED ("--groups: there is no group “nope”", "concern", "raise", "x", "--groups",
           "servicedesk,nope");
  REFUSED ("--person", "concern", "raise", "x", "--person", "Niemand Bestaat", "--named");
  REFUSED ("--named needs --person", "concern", "raise", "x", "--named");
  REFUSED ("--via: “personal-page”", "concern", "raise", "x", "--via", "personal-page");
  REFUSED ("--via: “telefoon”", "concern", "raise", "x", "--via", "telefoon");
  REFUSED ("--interview", "concern", "raise", "x", "--via", "interview");
  REFUSED ("--interview", "concern", "raise", "x", "--via", "conversation", "--interview", "1");
  REFUSED ("no interview “9”", "concern", "raise", "x", "--interview", "9");
  REFUSED ("which concern", "concern", "answer", "--text", "x");
  REFUSED ("“x” is no concern number", "concern", "answer", "x", "--text", "x");
  REFUSED ("no concern 9", "concern", "answer", "9", "--text", "x");
  REFUSED ("answer with a text, a moment or a commitment", "concern", "answer", "1");
  REFUSED ("--moment: “een”", "concern", "answer", "1", "--moment", "een");
  REFUSED ("--moment: there is no moment 999", "concern", "answer", "1", "--moment", "999");
  REFUSED ("--commitment: there is no commitment 999", "concern", "answer", "1", "--commitment",
           "999");
  REFUSED ("--commitment: “-1”", "concern", "answer", "1", "--commitment", "-1");
  REFUSED ("--text", "concern", "answer", "1", "--text", "a\x01");
  REFUSED ("--public-question: only a published", "concern", "answer", "1", "--text", "x",
           "--public-question", "y");
  REFUSED ("--public-question", "concern", "answer", "1", "--text", "x", "--publish",
           "--public-question", "een\nregel");
  REFUSED ("withdrawn", "concern", "answer", "2", "--text", "x");
  REFUSED ("withdrawn already", "concern", "withdraw", "2");
  REFUSED ("no concern 9", "concern", "withdraw", "9");
  REFUSED ("no concern 9", "concern", "show", "9");
  REFUSED ("--status: “laat”", "concern", "list", "--status", "laat");
  REFUSED ("--theme: there is no theme", "concern", "list", "--theme", "nope");
  REFUSED ("--group: there is no group", "concern", "list", "--group", "nope");
  REFUSED ("no verb", "concern", "nope");
  REFUSED ("1 to 60", "config", "set", "concerns.late_working_days", "0");
  REFUSED ("1 to 60", "config", "set", "concerns.late_working_days", "61");
  REFUSED ("concerns.late_working_days", "config", "set", "concerns.late_working_days", "tien");
}

/* ---- lateness ------------------------------------------------------------ */

/* Working days after @from up to and including @to, walking day by day:
 * weekends and the public holidays of this stretch off. */
static guint
walk (const char *from, const char *to)
{
  static const char *const holidays[] = { "2026-12-25", "2026-12-26", "2027-01-01", NULL };
  GDate day, end;
  guint n = 0;

  g_date_clear (&day, 1);
  g_date_clear (&end, 1);
  g_date_set_parse (&day, from);
  g_date_set_parse (&end, to);
  while (g_date_compare (&day, &end) < 0)
    {
      char text[16];

      g_date_add_days (&day, 1);
      g_date_strftime (text, sizeof text, "%Y-%m-%d", &day);
      if (g_date_get_weekday (&day) < G_DATE_SATURDAY && !g_strv_contains (holidays, text))
        n++;
    }
  return n;
}

static void
test_lateness (Fixture *f, gconstpointer data)
{
  GDate day;

  OK ("concern", "raise", "Voor kerst gesteld");
  fixture_ok (f, "HELDER_NOW=2026-12-24T16:00:00+01:00",
              (const char *const[]){ "concern", "raise", "Op kerstavond gesteld", NULL });
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 4, G_DATE_DECEMBER, 2026);
  for (guint i = 0; i < 40; i += (i < 14 ? 1 : 3))
    {
      GDate now = day;
      char today[16], env[64];
      g_autoptr (JsonNode) list = NULL;
      JsonArray *rows;

      g_date_add_days (&now, i);
      g_date_strftime (today, sizeof today, "%Y-%m-%d", &now);
      g_snprintf (env, sizeof env, "HELDER_NOW=%sT23:30:00+01:00", today);
      list = fixture_json (f, env, (const char *const[]){ "concern", "list", "--json", NULL });
      rows = json_node_get_array (list);
      for (guint r = 0; r < json_array_get_length (rows); r++)
        {
          JsonObject *row = json_array_get_object_element (rows, r);
          const char *raised = json_object_get_string_member (row, "raised_on");
          guint expected = g_strcmp0 (today, raised) > 0 ? walk (raised, today) : 0;

          g_assert_cmpuint (strlen (raised), ==, 10);
          g_assert_cmpint (json_object_get_int_member (row, "age_working_days"), ==, expected);
          g_assert_cmpint (json_object_get_boolean_member (row, "late"), ==, expected > 10);
        }
    }
  /* Ten working days after Friday 4 December is Friday 18 December: not
   * yet late; Monday 21 December it is. Late after 3 days with the setting. */
  {
    g_autoptr (JsonNode) friday =
      fixture_json (f, "HELDER_NOW=2026-12-18T12:00:00+01:00",
                    (const char *const[]){ "concern", "list", "--status", "late", "--json", NULL });
    g_autoptr (JsonNode) monday =
      fixture_json (f, "HELDER_NOW=2026-12-21T12:00:00+01:00",
                    (const char *const[]){ "concern", "list", "--status", "late", "--json", NULL });
    g_autoptr (JsonNode) soon = NULL;

    g_assert_cmpuint (json_array_get_length (json_node_get_array (friday)), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (monday)), ==, 1);
    OK ("config", "set", "concerns.late_working_days", "3");
    soon =
      fixture_json (f, "HELDER_NOW=2026-12-10T12:00:00+01:00",
                    (const char *const[]){ "concern", "list", "--status", "late", "--json", NULL });
    g_assert_cmpuint (json_array_get_length (json_node_get_array (soon)), ==, 1);
  }
}

/* ---- the summary, recomputed -------------------------------------------- */

static JsonObject *
find (JsonArray *buckets, const char *key)
{
  for (guint i = 0; i < json_array_get_length (buckets); i++)
    if (g_str_equal (
          json_object_get_string_member (json_array_get_object_element (buckets, i), "key"), key))
      return json_array_get_object_element (buckets, i);
  return NULL;
}

static void
check_bucket (JsonArray *buckets, const char *key, gint64 open, gint64 late, gint64 oldest)
{
  JsonObject *b = find (buckets, key);

  if (open == 0)
    {
      g_assert_null (b);
      return;
    }
  g_assert_nonnull (b);
  g_assert_cmpint (json_object_get_int_member (b, "open"), ==, open);
  g_assert_cmpint (json_object_get_int_member (b, "late"), ==, late);
  g_assert_cmpint (json_object_get_int_member (b, "oldest_age_working_days"), ==, oldest);
}

static void
test_summary (Fixture *f, gconstpointer data)
{
  static const char *const days[] = { "2026-11-02", "2026-11-20", "2026-11-27", "2026-12-01",
                                      "2026-12-03" };
  static const char *const themes[] = { "werk", "plek", NULL };
  static const char *const groups[] = { "servicedesk", "key-users", "servicedesk,key-users", "" };
  const char *today = "2026-12-04";
  g_autoptr (JsonNode) summary_node = NULL;
  JsonObject *summary;
  sqlite3_stmt *stmt = NULL;
  const char *keys[] = { "werk", "plek", "", "servicedesk", "key-users" };
  gint64 open[5] = { 0 }, late[5] = { 0 }, oldest[5] = { 0 }, all_open = 0, all_late = 0;

  OK ("concern", "theme", "add", "werk", "--name", "Werk");
  OK ("concern", "theme", "add", "plek", "--name", "Plek");
  for (guint i = 0; i < 15; i++)
    {
      g_autofree char *env = g_strdup_printf ("HELDER_NOW=%sT09:00:00+01:00", days[i % 5]);
      g_autofree char *text = g_strdup_printf ("Zorg %u", i);
      GPtrArray *args = g_ptr_array_new ();

      g_ptr_array_add (args, "concern");
      g_ptr_array_add (args, "raise");
      g_ptr_array_add (args, text);
      if (themes[i % 3] != NULL)
        {
          g_ptr_array_add (args, "--theme");
          g_ptr_array_add (args, (char *) themes[i % 3]);
        }
      g_ptr_array_add (args, "--groups");
      g_ptr_array_add (args, (char *) groups[i % 4]);
      g_ptr_array_add (args, NULL);
      g_free (fixture_ok (f, env, (const char *const *) args->pdata));
      g_ptr_array_free (args, TRUE);
    }
  OK ("concern", "answer", "2", "--text", "Beantwoord");
  OK ("concern", "withdraw", "7");
  summary_node = JSON ("concern", "summary");
  summary = json_node_get_object (summary_node);
  /* By brute force from the rows themselves. */
  g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (f->store),
                                       "SELECT c.raised_on, coalesce (t.slug, ''),"
                                       " (SELECT group_concat (grp) FROM concern_group g"
                                       "  WHERE g.concern = c.id)"
                                       " FROM concern c LEFT JOIN concern_theme t ON t.id = c.theme"
                                       " WHERE c.status = 'open'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *raised = (const char *) sqlite3_column_text (stmt, 0);
      const char *theme = (const char *) sqlite3_column_text (stmt, 1);
      const char *grps = (const char *) sqlite3_column_text (stmt, 2);
      gint64 age = walk (raised, today);
      gboolean is_late = age > 10;

      all_open++;
      all_late += is_late;
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          gboolean in =
            k < 3 ? g_str_equal (theme, keys[k]) : grps != NULL && strstr (grps, keys[k]) != NULL;

          if (!in)
            continue;
          open[k]++;
          late[k] += is_late;
          oldest[k] = MAX (oldest[k], age);
        }
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (json_object_get_int_member (summary, "open"), ==, all_open);
  g_assert_cmpint (json_object_get_int_member (summary, "late"), ==, all_late);
  g_assert_cmpint (all_open, ==, 13);
  g_assert_cmpint (all_late, >, 0);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    check_bucket (json_object_get_array_member (summary, k < 3 ? "by_theme" : "by_group"), keys[k],
                  open[k], late[k], oldest[k]);
}

/* ---- the digest ------------------------------------------------------------ */

static void
test_digest (Fixture *f, gconstpointer data)
{
  g_autofree char *named = NULL;
  g_autofree char *anonymous = NULL;
  g_autofree char *before = NULL;
  gint64 people = fixture_scalar (f, "SELECT count(*) FROM person");

  OK ("concern", "raise", "Krijg ik een nieuwe laptop?", "--person", "10", "--named");
  OK ("concern", "raise", "Blijft de servicedesk in het stadhuis?", "--person", "11");
  before = OUT ("digest", "10");
  g_assert_null (strstr (before, "Antwoorden op je vragen"));
  OK ("concern", "answer", "1", "--text", "Ja, in het voorjaar van 2027.");
  OK ("concern", "answer", "2", "--text", "Ja, de balie blijft beneden.");
  named = OUT ("digest", "10");
  g_assert_nonnull (strstr (named, "Antwoorden op je vragen"));
  g_assert_nonnull (strstr (named, "Ja, in het voorjaar van 2027."));
  /* The anonymous concern's answer reaches nobody, not even who raised it:
   * they, their colleagues in the servicedesk and a sample of the others. */
  for (gint64 p = 1; p <= people; p += (p >= 9 && p < 12) || (p >= 23 && p < 26) ? 1 : 7)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, p);
      g_autofree char *out = OUT ("digest", id);

      g_assert_null (strstr (out, "de balie blijft beneden"));
      if (p != 10)
        g_assert_null (strstr (out, "Antwoorden op je vragen"));
    }
  /* A week later, after the digest of that week went out, it is no news. */
  anonymous = fixture_ok (f, "HELDER_NOW=2026-12-04T10:00:00+01:00",
                          (const char *const[]){ "digest", "10", "--on", "2026-12-04", NULL });
  g_assert_nonnull (strstr (anonymous, "Ja, in het voorjaar van 2027."));
}

int
main (int argc, char **argv)
{
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/concern/themes", test_themes);
  ADD ("/concern/raise-answer", test_raise_answer);
  ADD ("/concern/bad-input", test_bad_input);
  ADD ("/concern/lateness", test_lateness);
  ADD ("/concern/summary", test_summary);
  ADD ("/concern/digest", test_digest);
  return g_test_run ();
}
