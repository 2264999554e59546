/* test-gate-measures.c — gate criteria a plugin computes
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test addin's measure "testaddin-count" (tests/plugins/testaddin) is
 * met with at least N notes. A criterion that names it is computed before
 * the CLI and the web show gates: failed with too few notes, met once
 * there are enough, open and flagged when the measure cannot tell, and
 * "cannot be computed" without the addin, its status left as it was. Its
 * status is never set by hand, and bad measures and arguments are refused
 * with nothing changed. Against a real server on loopback and the demo.
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "engine/helder-context.h"
#include "engine/helder-engine.h"
#include "services/repo/helder-gate-measure.h"

#define GATE "technische-infrastructuur"

typedef struct
{
  HelderWebTest *web;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  f->web = helder_web_test_start_in_english ();
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  helder_web_test_stop (f->web);
}

static int
run (Fixture *f, const char *const *env, char **out, char **err, const char *const *args)
{
  return helder_test_runv (f->web->db_path, env, args, out, err);
}

/* Adds a computed criterion on the command line; its id. */
static gint64
add_computed (Fixture *f, const char *text, const char *argument)
{
  const char *const args[] = { "criterion",     "add",    "--gate",    GATE,
                               "--text",        text,     "--measure", "testaddin-count",
                               "--measure-arg", argument, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM gate_criterion WHERE text = '%s'", text);

  g_assert_cmpint (run (f, NULL, &out, &err, args), ==, 0);
  return helder_web_test_scalar (f->web, sql);
}

static char *
column (Fixture *f, const char *name, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM gate_criterion WHERE id = ?1", name);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->web->store, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
add_notes (Fixture *f, guint n)
{
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_assert_true (helder_store_exec (f->web->store,
                                        "INSERT INTO testaddin_note (text, created_at)"
                                        " VALUES ('n', '2026-12-01T09:00:00Z')",
                                        &error));
      g_assert_no_error (error);
    }
}

#define ASSERT_COLUMN(f, name, id, expected)        \
  G_STMT_START                                      \
  {                                                 \
    g_autofree char *value_ = column (f, name, id); \
    g_assert_cmpstr (value_, ==, expected);         \
  }                                                 \
  G_STMT_END

/* Failed with too few notes, met once there are enough; each change of
 * status audited as the system; the CLI shows the value. */
static void
test_failed_then_met (Fixture *f, gconstpointer data)
{
  const char *const show[] = { "criterion", "show", NULL, NULL };
  const char *const list[] = { "gate", "show", GATE, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *key = NULL;
  gint64 id = add_computed (f, "Twee notities", "2");

  ASSERT_COLUMN (f, "status", id, "open");
  g_assert_cmpint (run (f, NULL, &out, &err, list), ==, 0);
  ASSERT_COLUMN (f, "status", id, "failed");
  ASSERT_COLUMN (f, "measure_state", id, "failed");
  ASSERT_COLUMN (f, "measure_value", id, "0 of 2 notes");
  ASSERT_COLUMN (f, "measure_link", id, "/testaddin/board");

  add_notes (f, 2);
  key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  {
    const char *const args[] = { show[0], show[1], key, NULL };

    g_assert_cmpint (run (f, NULL, &shown, &err, args), ==, 0);
  }
  g_assert_nonnull (strstr (shown, "2 of 2 notes"));
  ASSERT_COLUMN (f, "status", id, "met");
  g_assert_cmpint (helder_web_test_scalar (f->web,
                                           "SELECT count(*) FROM audit_entry"
                                           " WHERE entity = 'criterion'"
                                           " AND action = 'update' AND actor_role = 'system'"),
                   ==, 2);
}

/* The measure cannot tell: the criterion is open, and the gate page flags
 * it with the measure's value and source, linked. */
static void
test_unclear_on_the_page (Fixture *f, gconstpointer data)
{
  gint64 id = add_computed (f, "Genoeg antwoorden", "unclear");
  g_autoptr (HelderWebTestResponse) page = helder_web_test_browse (f->web, "/gates/" GATE);

  g_assert_cmpuint (page->status, ==, 200);
  ASSERT_COLUMN (f, "status", id, "open");
  ASSERT_COLUMN (f, "measure_state", id, "unclear");
  helder_web_test_assert_contains (page, "cannot be judged yet");
  helder_web_test_assert_contains (page, "too few notes to tell");
  helder_web_test_assert_contains (page, "<a href=\"/testaddin/board\">");
  helder_web_test_assert_contains (page, "Notes of the test addin, counted on");
}

/* The form offers the addin's measure and makes a computed criterion;
 * a bad measure or argument is refused, naming it, with nothing changed. */
static void
test_web_form (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) blank =
    helder_web_test_browse (f->web, "/gates/" GATE "/criteria/new");
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autoptr (HelderWebTestResponse) unknown = helder_web_test_post (
    f->web, "/gates/" GATE "/criteria", "text=Berekend&status=open&measure=nope&measure_arg=1");
  g_autoptr (HelderWebTestResponse) bad_arg =
    helder_web_test_post (f->web, "/gates/" GATE "/criteria",
                          "text=Berekend&status=open&measure=testaddin-count&measure_arg=-1");
  g_autoptr (HelderWebTestResponse) arg_only = helder_web_test_post (
    f->web, "/gates/" GATE "/criteria", "text=Berekend&status=open&measure=&measure_arg=3");
  g_autofree char *after = helder_test_fingerprint (f->web->store);
  g_autoptr (HelderWebTestResponse) added = NULL;
  gint64 id;

  g_assert_cmpuint (blank->status, ==, 200);
  helder_web_test_assert_contains (blank, "<option value=\"testaddin-count\">");
  helder_web_test_assert_contains (blank, "at least N notes of the test addin");
  g_assert_cmpuint (unknown->status, ==, 400);
  /* the loaded plugins' measures, the test addin's among them */
  helder_web_test_assert_contains (unknown, "no measure “nope”; known are: ");
  helder_web_test_assert_contains (unknown, "testaddin-count");
  g_assert_cmpuint (bad_arg->status, ==, 400);
  helder_web_test_assert_contains (bad_arg, "“-1” is not a number of notes");
  g_assert_cmpuint (arg_only->status, ==, 400);
  helder_web_test_assert_contains (arg_only, "only a computed criterion takes an argument");
  g_assert_cmpstr (before, ==, after);

  /* Made open whatever status was chosen: the measure decides. */
  added = helder_web_test_post (f->web, "/gates/" GATE "/criteria",
                                "text=Berekend&status=met&measure=testaddin-count&measure_arg=1");
  g_assert_cmpuint (added->status, ==, 303);
  id = helder_web_test_scalar (f->web, "SELECT id FROM gate_criterion WHERE text = 'Berekend'");
  ASSERT_COLUMN (f, "measure", id, "testaddin-count");
  ASSERT_COLUMN (f, "status", id, "open");
}

/* Its status is not set by hand: not on the command line, not on the web. */
static void
test_status_not_by_hand (Fixture *f, gconstpointer data)
{
  gint64 id = add_computed (f, "Drie notities", "3");
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *path = g_strdup_printf ("/gates/" GATE "/criteria/%s", key);
  const char *const args[] = { "criterion", "update", key, "--status", "met", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autoptr (HelderWebTestResponse) web = NULL;

  g_assert_cmpint (run (f, NULL, &out, &err, args), ==, 1);
  g_assert_nonnull (strstr (err, "computed by the measure “testaddin-count”"));
  web = helder_web_test_post (f->web, path, "status=met&note=");
  g_assert_cmpuint (web->status, ==, 400);
  helder_web_test_assert_contains (web, "computed by the measure");
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

/* Bad measures on the command line, each named, nothing changed. */
static void
test_cli_refuses (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *measure, *argument, *says;
  } cases[] = {
    { "nope", "1", "no measure “nope”; known are: " },
    { "testaddin-count", "veel", "“veel” is not a number of notes" },
    { "testaddin-count", "0", "“0” is not a number of notes" },
    { NULL, "3", "only a computed criterion takes an argument" },
    { "bad name!", "1", "no measure “bad name!”" },
  };
  g_autofree char *before = helder_test_fingerprint (f->web->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      const char *args[12] = { "criterion", "add", "--gate", GATE, "--text", "Slecht" };
      guint n = 6;

      if (cases[i].measure != NULL)
        {
          args[n++] = "--measure";
          args[n++] = cases[i].measure;
        }
      args[n++] = "--measure-arg";
      args[n++] = cases[i].argument;
      g_assert_cmpint (run (f, NULL, &out, &err, args), ==, 1);
      g_assert_nonnull (strstr (err, cases[i].says));
      after = helder_test_fingerprint (f->web->store);
      g_assert_cmpstr (before, ==, after);
    }
}

/* Without the addin: "cannot be computed", status as it was. */
static void
test_addin_not_loaded (Fixture *f, gconstpointer data)
{
  g_autofree char *plugins = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "plugins", NULL);
  g_autofree char *path = g_strconcat ("HELDER_PLUGIN_PATH=", plugins, NULL);
  const char *const env[] = { path, NULL };
  const char *const show[] = { "gate", "show", GATE, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  gint64 id = add_computed (f, "Een notitie", "1");
  g_autofree char *source = NULL;

  add_notes (f, 1);
  g_assert_cmpint (run (f, NULL, &out, &err, show), ==, 0);
  ASSERT_COLUMN (f, "status", id, "met");
  g_assert_cmpint (run (f, env, &out2, &err2, show), ==, 0);
  ASSERT_COLUMN (f, "status", id, "met");
  ASSERT_COLUMN (f, "measure_state", id, "unclear");
  source = column (f, "measure_source", id);
  g_assert_nonnull (strstr (source, "“testaddin-count” is not loaded"));
}

/* The measure goes when the addin unloads; nothing is written when a
 * refresh changes nothing. */
static void
test_unload_and_idle (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderContext) context = helder_context_new (f->web->db_path);
  HelderEngine *engine = helder_context_get_engine (context);
  g_autoptr (GPtrArray) loaded = NULL;
  g_autoptr (GPtrArray) unloaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *once = NULL;
  g_autofree char *twice = NULL;
  HelderStore *store;

  add_computed (f, "Stil", "2");
  helder_engine_load_all (engine);
  loaded = helder_context_list_gate_measures (context);
  g_assert_nonnull (helder_gate_measure_find (loaded, "testaddin-count"));
  store = helder_context_get_store (context, &error);
  g_assert_no_error (error);
  g_assert_true (helder_context_refresh_gate_measures (context, store, &error));
  g_assert_no_error (error);
  once = helder_test_fingerprint (store);
  g_assert_true (helder_context_refresh_gate_measures (context, store, &error));
  twice = helder_test_fingerprint (store);
  g_assert_cmpstr (once, ==, twice);
  helder_engine_unload_all (engine);
  unloaded = helder_context_list_gate_measures (context);
  g_assert_null (helder_gate_measure_find (unloaded, "testaddin-count"));
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
#define ADD(name, fn) g_test_add (name, Fixture, NULL, set_up, fn, tear_down)
  ADD ("/gate-measures/failed-then-met", test_failed_then_met);
  ADD ("/gate-measures/unclear-on-the-page", test_unclear_on_the_page);
  ADD ("/gate-measures/web-form", test_web_form);
  ADD ("/gate-measures/status-not-by-hand", test_status_not_by_hand);
  ADD ("/gate-measures/cli-refuses", test_cli_refuses);
  ADD ("/gate-measures/addin-not-loaded", test_addin_not_loaded);
  ADD ("/gate-measures/unload-and-idle", test_unload_and_idle);
#undef ADD
  return g_test_run ();
}
