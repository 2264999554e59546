/* test-plugin-platform.c — what a plugin adds reaches every door, and goes again
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test addin (tests/plugins/testaddin) adds, through helder.h only, a
 * permission, a page with its own template and gettext domain, an API
 * route with its part of the OpenAPI document, a navigation entry and a
 * personal-page section. These tests use them as people do, over HTTP on a
 * real server, and check that unloading the addin — which has no unload of
 * its own — leaves no trace in any registry.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <glib/gstdio.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "engine/helder-context.h"
#include "engine/helder-engine.h"
#include "web/helder-web-private.h"

static void
sql (HelderStore *store, const char *format, ...)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_true (helder_store_exec (store, text, &error));
  g_assert_no_error (error);
}

static void
test_page_and_domain (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autoptr (HelderWebTestResponse) en = NULL;
  g_autoptr (HelderWebTestResponse) nl = NULL;
  g_autoptr (HelderWebTestResponse) hr = NULL;
  g_autoptr (HelderWebTestResponse) employee = NULL;
  g_autoptr (HelderWebTestResponse) anonymous = NULL;

  sql (web->store, "INSERT INTO testaddin_note (text, created_at) "
                   "VALUES ('one', '2026-12-01T09:00:00Z'), ('two', '2026-12-01T09:00:00Z')");
  en = helder_web_test_request (web, "GET", "/testaddin/board", &web->advisor, "bearer", NULL, NULL,
                                0, "Accept-Language", "en", NULL);
  g_assert_cmpuint (en->status, ==, 200);
  g_assert_nonnull (strstr (en->text, "Notes kept by the test addin: 2"));
  /* Inside core's layout, with the plugin's entry in the navigation. */
  g_assert_nonnull (strstr (en->text, "href=\"/testaddin/board\""));
  g_assert_nonnull (strstr (en->text, "href=\"/dashboard\""));

  /* Dutch from the plugin's own domain: "Audit log" is the testaddin's
   * "Logboek van de testaddin" on its page, and core's own elsewhere. */
  sql (web->store, "UPDATE person SET locale = 'nl' WHERE id = %" G_GINT64_FORMAT,
       web->advisor.person);
  nl = helder_web_test_get (web, "/testaddin/board", &web->advisor);
  g_assert_cmpuint (nl->status, ==, 200);
  g_assert_nonnull (strstr (nl->text, "Notities van de testaddin: 2"));
  g_assert_nonnull (strstr (nl->text, "Logboek van de testaddin"));
  g_assert_nonnull (strstr (nl->text, ">Testbord<"));

  /* HR holds the permission too; an employee does not; nobody signed in
   * is asked to sign in. */
  hr = helder_web_test_get (web, "/testaddin/board", &web->hr);
  g_assert_cmpuint (hr->status, ==, 200);
  g_assert_null (strstr (hr->text, "href=\"/audit\""));
  employee = helder_web_test_get (web, "/testaddin/board", &web->employee);
  g_assert_cmpuint (employee->status, ==, 403);
  anonymous = helder_web_test_get (web, "/testaddin/board", NULL);
  g_assert_cmpuint (anonymous->status, ==, 401);
  helder_web_test_stop (web);
}

static void
test_navigation (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autoptr (HelderWebTestResponse) me = helder_web_test_get (web, "/me", &web->employee);
  g_autoptr (HelderWebTestResponse) board = helder_web_test_get (web, "/hr", &web->hr);

  g_assert_cmpuint (me->status, ==, 200);
  g_assert_null (strstr (me->text, "href=\"/testaddin/board\""));
  g_assert_cmpuint (board->status, ==, 200);
  g_assert_nonnull (strstr (board->text, "href=\"/testaddin/board\""));
  /* By position: HR board (30) before the plugin's entry (50) before My page (90). */
  g_assert_true (strstr (board->text, "href=\"/hr\"") <
                 strstr (board->text, "href=\"/testaddin/board\""));
  g_assert_true (strstr (board->text, "href=\"/testaddin/board\"") <
                 strstr (board->text, "href=\"/me\""));
  helder_web_test_stop (web);
}

static void
test_api_and_openapi (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autoptr (HelderWebTestResponse) summary =
    helder_web_test_get (web, "/api/v1/testaddin/summary", &web->advisor);
  g_autoptr (HelderWebTestResponse) refused =
    helder_web_test_get (web, "/api/v1/testaddin/summary", &web->employee);
  g_autoptr (HelderWebTestResponse) doc = helder_web_test_get (web, "/api/v1/openapi.json", NULL);
  g_autoptr (JsonNode) summary_json = NULL;
  g_autoptr (JsonNode) doc_json = NULL;
  JsonObject *paths, *schemas;
  const HelderWebRoute *routes;
  guint n_routes;

  g_assert_cmpuint (summary->status, ==, 200);
  summary_json = helder_web_test_json (summary);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (summary_json), "notes"), ==,
                   0);
  helder_web_test_assert_error (refused, 403, NULL, NULL);

  /* Every API route the server has, core's and the plugin's, is in the
   * document it serves, with a schema for what it refers to. */
  g_assert_cmpuint (doc->status, ==, 200);
  doc_json = helder_web_test_json (doc);
  paths = json_object_get_object_member (json_node_get_object (doc_json), "paths");
  schemas = json_object_get_object_member (
    json_object_get_object_member (json_node_get_object (doc_json), "components"), "schemas");
  g_assert_true (json_object_has_member (schemas, "TestaddinSummary"));
  g_assert_true (json_object_has_member (schemas, "Phase"));
  routes = helder_web_route_table_get (helder_web_server_get_routes (web->server), &n_routes);
  for (guint i = 0; i < n_routes; i++)
    {
      g_autofree char *method = g_ascii_strdown (routes[i].method, -1);
      JsonObject *item;

      if (!g_str_has_prefix (routes[i].pattern, "/api/v1/"))
        continue;
      if (!json_object_has_member (paths, routes[i].pattern))
        g_error ("the served OpenAPI document does not describe %s", routes[i].pattern);
      item = json_object_get_object_member (paths, routes[i].pattern);
      if (!json_object_has_member (item, method))
        g_error ("the served OpenAPI document does not describe %s %s", routes[i].method,
                 routes[i].pattern);
    }
  helder_web_test_stop (web);
}

static void
test_personal_section (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autoptr (HelderWebTestResponse) before = helder_web_test_get (web, "/me", &web->employee);
  g_autoptr (HelderWebTestResponse) after = NULL;

  g_assert_cmpuint (before->status, ==, 200);
  g_assert_null (strstr (before->text, "Notes from the test addin"));
  sql (web->store,
       "INSERT INTO testaddin_note (text, created_at) VALUES ('x', '2026-12-01T09:00:00Z')");
  after = helder_web_test_get (web, "/me", &web->employee);
  g_assert_nonnull (strstr (after->text, "Notes from the test addin"));
  g_assert_nonnull (strstr (after->text, "There are 1 notes."));
  helder_web_test_stop (web);
}

/* Counts what @owner's registrations look like from outside. */
typedef struct
{
  gboolean permission;
  gboolean route;
  gboolean nav;
  gboolean templates;
  guint openapi;
  gboolean command;
  gboolean section;
} Seen;

static Seen
look (HelderContext *context)
{
  Seen seen = { 0 };
  g_autoptr (GPtrArray) routes = helder_context_list_routes (context);
  g_autoptr (GPtrArray) nav = helder_context_list_nav (context);
  g_autoptr (GPtrArray) openapi = helder_context_list_openapi (context);
  GPtrArray *sections = helder_context_get_digest_sections (context);

  seen.permission = helder_context_lookup_permission (context, "testaddin.board") != NULL;
  for (guint i = 0; i < routes->len; i++)
    if (g_str_has_prefix (((HelderWebRoute *) g_ptr_array_index (routes, i))->pattern,
                          "/testaddin/"))
      seen.route = TRUE;
  for (guint i = 0; i < nav->len; i++)
    if (g_str_equal (((HelderNavEntry *) g_ptr_array_index (nav, i))->href, "/testaddin/board"))
      seen.nav = TRUE;
  seen.templates = helder_context_find_templates (context, "testaddin") != NULL;
  seen.openapi = openapi->len;
  seen.command = helder_context_lookup_command (context, "note") != NULL;
  for (guint i = 0; i < sections->len; i++)
    if (g_str_equal (((HelderDigestSection *) g_ptr_array_index (sections, i))->name, "testaddin"))
      seen.section = TRUE;
  return seen;
}

static void
test_unload_removes_all (void)
{
  g_autofree char *dir = g_dir_make_tmp ("helder-platform-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "helder.db", NULL);
  g_autoptr (HelderContext) context = helder_context_new (db);
  HelderEngine *engine = helder_context_get_engine (context);
  g_autoptr (GPtrArray) permissions_before = helder_context_list_permissions (context);
  g_autoptr (GPtrArray) nav_before = helder_context_list_nav (context);
  g_autoptr (GPtrArray) permissions_after = NULL;
  g_autoptr (GPtrArray) nav_after = NULL;
  guint entities_before = 0, entities_after = 0;
  Seen loaded, unloaded;

  helder_entity_all (&entities_before);
  helder_engine_load_all (engine);
  loaded = look (context);
  g_assert_true (loaded.permission && loaded.route && loaded.nav && loaded.templates);
  g_assert_cmpuint (loaded.openapi, >=, 1);
  g_assert_true (loaded.command && loaded.section);

  helder_engine_unload_all (engine);
  unloaded = look (context);
  g_assert_false (unloaded.permission || unloaded.route || unloaded.nav || unloaded.templates);
  g_assert_cmpuint (unloaded.openapi, ==, 0);
  g_assert_false (unloaded.command || unloaded.section);
  /* Core's own are all still there, and the plugins' nouns are gone. */
  permissions_after = helder_context_list_permissions (context);
  nav_after = helder_context_list_nav (context);
  g_assert_cmpuint (permissions_after->len, ==, permissions_before->len);
  g_assert_cmpuint (nav_after->len, ==, nav_before->len);
  helder_entity_all (&entities_after);
  g_assert_cmpuint (entities_after, ==, entities_before);
  g_clear_object (&context);
  helder_test_remove_db (db);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/plugin-platform/page-and-domain", test_page_and_domain);
  g_test_add_func ("/plugin-platform/navigation", test_navigation);
  g_test_add_func ("/plugin-platform/api-and-openapi", test_api_and_openapi);
  g_test_add_func ("/plugin-platform/personal-section", test_personal_section);
  g_test_add_func ("/plugin-platform/unload-removes-all", test_unload_removes_all);
  return g_test_run ();
}
