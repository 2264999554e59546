/* test-concern-anonymous.c — an anonymous concern keeps nobody
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The proof: every row of every table is read before and after a concern
 * is raised without the person's consent to be named — through `helder
 * concern raise --person P` (no --named) and through concern_raise() with
 * the person set, from their own page, with them as the actor. No row the
 * raise made or changed holds the person's id (in any column but a row's
 * own id), name or e-mail address; the concern's day is a day, no finer;
 * the audit log has no entry about them or by them. A named concern, by
 * contrast, does hold them: the check can see a link when there is one.
 */
#include "config.h"

#include <string.h>

#include "concern-service.h"
#include "interview-fixture.h"

/* Every row of every table, as "table|column=value|…" lines; a row's own
 * "id" is left out (it names the row, not a person). */
static GHashTable *
snapshot (Fixture *f)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3 *db = helder_store_get_db (f->store);
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%'",
                                       -1, &tables, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *line = g_string_new (table);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *value = (const char *) sqlite3_column_text (stmt, c);

              if (g_str_equal (sqlite3_column_name (stmt, c), "id"))
                continue;
              g_string_append_printf (line, "|%s=%s", sqlite3_column_name (stmt, c),
                                      value != NULL ? value : "\x01NULL");
            }
          g_hash_table_add (rows, g_string_free (line, FALSE));
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_finalize (tables);
  return rows;
}

/* The rows that are new (made or changed) since @before. */
static GPtrArray *
new_rows (GHashTable *before, GHashTable *after)
{
  GPtrArray *rows = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (before, key))
      g_ptr_array_add (rows, key);
  return rows;
}

/* Whether a line holds @person: a cell that is their id, or their name or
 * address anywhere. */
static gboolean
holds (const char *line, const char *id, const char *name, const char *email)
{
  g_auto (GStrv) cells = g_strsplit (line, "|", -1);

  if (strstr (line, name) != NULL || strstr (line, email) != NULL)
    return TRUE;
  for (guint i = 1; cells[i] != NULL; i++)
    {
      const char *eq = strchr (cells[i], '=');

      if (eq != NULL && g_str_equal (eq + 1, id))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  char *id, *name, *email;
} Who;

static void
who_clear (Who *w)
{
  g_free (w->id);
  g_free (w->name);
  g_free (w->email);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Who, who_clear)

/* A person whose id is no small number another column might hold. */
static void
pick (Fixture *f, Who *w)
{
  w->id = fixture_text (f, "SELECT max (id) FROM person");
  w->name = fixture_text (f, "SELECT name FROM person WHERE id = (SELECT max (id) FROM person)");
  w->email = fixture_text (f, "SELECT email FROM person WHERE id = (SELECT max (id) FROM person)");
  g_assert_cmpint (g_ascii_strtoll (w->id, NULL, 10), >, 40);
}

/* What the raise made: the concern, its groups and its audit entry, and
 * whether any of it holds @w. */
static guint
check_raise (Fixture *f, GHashTable *before, const Who *w, gboolean *linked)
{
  g_autoptr (GHashTable) after = snapshot (f);
  g_autoptr (GPtrArray) rows = new_rows (before, after);

  *linked = FALSE;
  for (guint i = 0; i < rows->len; i++)
    if (holds (rows->pdata[i], w->id, w->name, w->email))
      *linked = TRUE;
  return rows->len;
}

static void
check_day_only (Fixture *f)
{
  g_autofree char *raised = fixture_text (f, "SELECT raised_on FROM concern ORDER BY id DESC");
  GDate day;

  g_assert_cmpuint (strlen (raised), ==, 10);
  g_date_clear (&day, 1);
  g_date_set_parse (&day, raised);
  g_assert_true (g_date_valid (&day));
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_auto (Who) w = { 0 };
  g_autoptr (GHashTable) before = NULL;
  gboolean linked = TRUE;

  pick (f, &w);
  before = snapshot (f);
  OK ("concern", "raise", "Ik durf dit niet op naam te vragen: blijft mijn plek?", "--person", w.id,
      "--groups", "servicedesk,werkplekondersteuning", "--via", "conversation");
  /* The concern, its two groups and one audit entry. */
  g_assert_cmpuint (check_raise (f, before, &w, &linked), ==, 4);
  g_assert_false (linked);
  check_day_only (f);
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM concern WHERE person IS NOT NULL"), ==,
                   0);

  /* The same with --named holds them: the check sees a link. */
  g_hash_table_unref (g_steal_pointer (&before));
  before = snapshot (f);
  OK ("concern", "raise", "Op naam", "--person", w.id, "--named");
  check_raise (f, before, &w, &linked);
  g_assert_true (linked);
}

static void
test_service (Fixture *f, gconstpointer data)
{
  g_auto (Who) w = { 0 };
  g_autoptr (GHashTable) before = NULL;
  g_autoptr (GError) error = NULL;
  const char *groups[] = { "servicedesk", NULL };
  ConcernDraft draft = { 0 };
  HelderAuditActor self = { 0 };
  gboolean linked = TRUE;
  gint64 id = 0;

  pick (f, &w);
  /* From their own page, signed in: they are the actor. */
  self.person = g_ascii_strtoll (w.id, NULL, 10);
  self.name = w.name;
  self.role = "employee";
  draft.text = "Wordt mijn werk straks vanuit een ander land gedaan?";
  draft.groups = groups;
  draft.person = self.person;
  draft.named = FALSE;
  draft.via = "personal-page";
  before = snapshot (f);
  g_assert_true (concern_raise (f->store, &self, &draft, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (check_raise (f, before, &w, &linked), ==, 3);
  g_assert_false (linked);
  check_day_only (f);
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM audit_entry WHERE entity = 'concern'"
                                      " AND actor IS NULL AND subject IS NULL"),
                   ==, 1);
  /* Via a conversation, raised by an advisor who names no one. */
  draft.via = "conversation";
  g_hash_table_unref (g_steal_pointer (&before));
  before = snapshot (f);
  g_assert_true (concern_raise (f->store, HELDER_TEST_ACTOR, &draft, NULL, &error));
  g_assert_no_error (error);
  check_raise (f, before, &w, &linked);
  g_assert_false (linked);
}

int
main (int argc, char **argv)
{
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
  g_test_add ("/concern/anonymous/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/concern/anonymous/service", Fixture, NULL, fixture_set_up, test_service,
              fixture_tear_down);
  return g_test_run ();
}
