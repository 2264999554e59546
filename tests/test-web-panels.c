/* test-web-panels.c — plugins' panels on the personal page and the dashboard
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test addin (tests/plugins/testaddin/testaddin-panels.c) puts, through
 * helder.h only, a form on /me that posts to its own route with the
 * session's CSRF token, a panel only the board's roles see, one that is
 * also on the advisor's view of someone's page, and one on the dashboard.
 * Used here as people use them, over HTTP on a real server: the form
 * works and refuses what it should without changing anything, a panel that
 * fails is left out and logged while the page stands, and unloading the
 * addin takes its panels away.
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "engine/helder-context.h"
#include "engine/helder-engine.h"

static void
add_note (HelderWebTest *web, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    web->store, "INSERT INTO testaddin_note (text, created_at) VALUES (?1, '2026-12-01T09:00:00Z')",
    &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  g_assert_true (helder_store_step_done (web->store, stmt, &error));
  g_assert_no_error (error);
}

static HelderWebTestResponse *
page (HelderWebTest *web, const char *path, HelderWebTestUser *user)
{
  HelderWebTestResponse *response =
    helder_web_test_request (web, "GET", path, user, "cookie", NULL, NULL, 0, NULL);

  g_assert_cmpuint (response->status, ==, 200);
  return response;
}

static gint64
notes (HelderWebTest *web)
{
  return helder_web_test_scalar (web, "SELECT count(*) FROM testaddin_note");
}

/* Nothing to show: no panel, and no trace of one. */
static void
test_nothing_to_show (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autoptr (HelderWebTestResponse) me = page (web, "/me", &web->employee);
  g_autoptr (HelderWebTestResponse) dashboard = page (web, "/dashboard", &web->advisor);

  helder_web_test_assert_lacks (me, "data-panel=");
  helder_web_test_assert_lacks (dashboard, "data-panel=");
  helder_web_test_stop (web);
}

/* The form on /me carries the session's token and posts to the addin's
 * route, which adds the note and sends the person back to their page. */
static void
test_me_form (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autoptr (HelderWebTestResponse) me = NULL;
  g_autoptr (HelderWebTestResponse) posted = NULL;
  g_autoptr (HelderWebTestResponse) again = NULL;
  g_autofree char *token = NULL;

  add_note (web, "eerste");
  me = page (web, "/me", &web->employee);
  helder_web_test_assert_contains (me, "data-panel=\"testaddin-note-form\"");
  helder_web_test_assert_contains (me, "action=\"/testaddin/panel-note\"");
  helder_web_test_assert_contains (me, "Notes kept by the test addin: 1");
  token = g_strdup_printf ("name=\"csrf\" value=\"%s\"", web->employee.csrf);
  helder_web_test_assert_contains (me, token);
  /* below core's sections, above the choice of the weekly overview */
  g_assert_true (strstr (me->text, "data-panel=") > strstr (me->text, "id=\"decisions\""));
  g_assert_true (strstr (me->text, "data-panel=") < strstr (me->text, "id=\"digest\""));

  posted = helder_web_test_post_form (web, "/testaddin/panel-note", &web->employee,
                                      "text=Vraag+over+de+verhuizing");
  g_assert_cmpuint (posted->status, ==, 303);
  g_assert_cmpstr (soup_message_headers_get_one (posted->headers, "Location"), ==,
                   "/me#testaddin-note-form");
  g_assert_cmpint (notes (web), ==, 2);
  g_assert_cmpint (
    helder_web_test_scalar (
      web, "SELECT count(*) FROM testaddin_note WHERE text = 'Vraag over de verhuizing'"),
    ==, 1);
  again = page (web, "/me", &web->employee);
  helder_web_test_assert_contains (again, "Notes kept by the test addin: 2");
  helder_web_test_stop (web);
}

/* The form's route refuses a missing or wrong token and an empty text,
 * and changes nothing. */
static void
test_me_form_refuses (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  static const struct
  {
    const char *form;
    guint status;
    const char *field;
  } cases[] = {
    { "text=x&csrf=", 403, "csrf" }, { "text=x&csrf=not-the-token", 403, "csrf" },
    { "text=", 400, "text" },        { "text=+++", 400, "text" },
    { "other=x", 400, "text" },
  };

  add_note (web, "eerste");
  before = helder_test_fingerprint (web->store);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (HelderWebTestResponse) response =
        helder_web_test_post_form (web, "/testaddin/panel-note", &web->employee, cases[i].form);

      g_test_message ("form %s", cases[i].form);
      g_assert_cmpuint (response->status, ==, cases[i].status);
      g_assert_nonnull (strstr (response->text, cases[i].field));
    }
  {
    /* without a session at all: sign in first */
    g_autoptr (HelderWebTestResponse) anonymous =
      helder_web_test_post_form (web, "/testaddin/panel-note", NULL, "text=x");
    g_assert_cmpuint (anonymous->status, ==, 401);
  }
  after = helder_test_fingerprint (web->store);
  g_assert_cmpstr (before, ==, after);
  helder_web_test_stop (web);
}

/* A panel with a permission is there only for roles that hold it. */
static void
test_permission (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autoptr (HelderWebTestResponse) employee = NULL;
  g_autoptr (HelderWebTestResponse) advisor = NULL;

  add_note (web, "eerste");
  employee = page (web, "/me", &web->employee);
  advisor = page (web, "/me", &web->advisor);
  helder_web_test_assert_lacks (employee, "testaddin-board-panel");
  helder_web_test_assert_contains (advisor, "data-panel=\"testaddin-board-panel\"");
  helder_web_test_assert_contains (advisor, "Only the board sees this panel.");
  helder_web_test_stop (web);
}

/* The advisor's view of someone's page shows only the panels that ask to
 * be there, made for the person whose page it is. */
static void
test_preview (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autoptr (HelderWebTestResponse) own = NULL;
  g_autoptr (HelderWebTestResponse) preview = NULL;
  g_autofree char *path = g_strdup_printf ("/people/%" G_GINT64_FORMAT, web->employee.person);
  g_autofree char *own_text = g_strdup_printf ("The page of person %" G_GINT64_FORMAT
                                               ", seen by person %" G_GINT64_FORMAT ".",
                                               web->employee.person, web->employee.person);
  g_autofree char *preview_text = g_strdup_printf ("The page of person %" G_GINT64_FORMAT
                                                   ", seen by person %" G_GINT64_FORMAT ".",
                                                   web->employee.person, web->advisor.person);

  add_note (web, "eerste");
  own = page (web, "/me", &web->employee);
  helder_web_test_assert_contains (own, own_text);
  preview = page (web, path, &web->advisor);
  helder_web_test_assert_contains (preview, preview_text);
  helder_web_test_assert_lacks (preview, "testaddin-note-form");
  helder_web_test_assert_lacks (preview, "testaddin-board-panel");
  helder_web_test_stop (web);
}

static void
test_dashboard (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autoptr (HelderWebTestResponse) dashboard = NULL;
  g_autoptr (HelderWebTestResponse) me = NULL;

  add_note (web, "eerste");
  add_note (web, "tweede");
  dashboard = page (web, "/dashboard", &web->advisor);
  helder_web_test_assert_contains (dashboard, "data-panel=\"testaddin-dashboard\"");
  helder_web_test_assert_contains (dashboard, "The test addin keeps 2 notes.");
  /* the /me panels stay on /me, the dashboard's on the dashboard */
  helder_web_test_assert_lacks (dashboard, "testaddin-note-form");
  me = page (web, "/me", &web->advisor);
  helder_web_test_assert_lacks (me, "testaddin-dashboard");
  helder_web_test_stop (web);
}

/* A panel that fails is left out and logged; the page and the other
 * panels stand. */
static void
test_failing_panel (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autoptr (HelderWebTestResponse) me = NULL;

  add_note (web, "panel fails");
  g_test_expect_message ("helder-web", G_LOG_LEVEL_WARNING,
                         "panel testaddin-note-form of person *: a note says “panel fails”");
  me = page (web, "/me", &web->employee);
  g_test_assert_expected_messages ();
  helder_web_test_assert_lacks (me, "testaddin-note-form");
  helder_web_test_assert_contains (me, "data-panel=\"testaddin-preview-panel\"");
  helder_web_test_assert_contains (me, "id=\"digest\"");
  helder_web_test_stop (web);
}

static guint
testaddin_panels (HelderContext *context, const char *page)
{
  g_autoptr (GPtrArray) panels = helder_context_list_web_panels (context, page);
  guint n = 0;

  for (guint i = 0; i < panels->len; i++)
    if (g_str_has_prefix (((HelderWebPanel *) g_ptr_array_index (panels, i))->name, "testaddin-"))
      n++;
  return n;
}

/* The panels go with the plugin that registered them. */
static void
test_unload (void)
{
  g_autofree char *dir = g_dir_make_tmp ("helder-panels-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "helder.db", NULL);
  g_autoptr (HelderContext) context = helder_context_new (db);
  HelderEngine *engine = helder_context_get_engine (context);

  g_assert_cmpuint (testaddin_panels (context, NULL), ==, 0);
  helder_engine_load_all (engine);
  g_assert_cmpuint (testaddin_panels (context, "me"), ==, 3);
  g_assert_cmpuint (testaddin_panels (context, "dashboard"), ==, 1);
  g_assert_cmpuint (testaddin_panels (context, NULL), ==, 4);
  helder_engine_unload_all (engine);
  g_assert_cmpuint (testaddin_panels (context, NULL), ==, 0);
  g_clear_object (&context);
  helder_test_remove_db (db);
}

/* A panel for a page that does not exist, or a name taken twice, is a
 * programming error: refused with a warning. */
static JsonObject *
never (HelderWebRequest *request, gint64 person, gpointer user_data, GError **error)
{
  return NULL;
}

static void
test_bad_registration (void)
{
  g_autoptr (HelderContext) context = helder_context_new (":memory:");
  const HelderWebPanel nowhere = { "x-nowhere", "home", "x/panel", NULL, never };
  const HelderWebPanel first = { "x-panel", "me", "x/panel", NULL, never };

  g_test_expect_message ("helder-engine", G_LOG_LEVEL_WARNING, "*x-nowhere*no page “home”*");
  helder_context_add_web_panel (context, &nowhere);
  g_test_assert_expected_messages ();
  helder_context_add_web_panel (context, &first);
  g_test_expect_message ("helder-engine", G_LOG_LEVEL_WARNING, "*x-panel*registered already*");
  helder_context_add_web_panel (context, &first);
  g_test_assert_expected_messages ();
  {
    g_autoptr (GPtrArray) all = helder_context_list_web_panels (context, NULL);
    g_assert_cmpuint (all->len, ==, 1);
  }
}

int
main (int argc, char **argv)
{
  /* The test addin's panels alone: the interviews plugin puts its own on
   * /me and the dashboard (plugins/interviews/tests test those). */
  g_setenv ("HELDER_DISABLED_PLUGINS", "interviews", TRUE);
  helder_test_init (&argc, &argv);
  g_test_add_func ("/web-panels/nothing-to-show", test_nothing_to_show);
  g_test_add_func ("/web-panels/me-form", test_me_form);
  g_test_add_func ("/web-panels/me-form-refuses", test_me_form_refuses);
  g_test_add_func ("/web-panels/permission", test_permission);
  g_test_add_func ("/web-panels/preview", test_preview);
  g_test_add_func ("/web-panels/dashboard", test_dashboard);
  g_test_add_func ("/web-panels/failing-panel", test_failing_panel);
  g_test_add_func ("/web-panels/unload", test_unload);
  g_test_add_func ("/web-panels/bad-registration", test_bad_registration);
  return g_test_run ();
}
