/* testaddin-web.c — the test addin's page, API route, navigation and permission
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a feature plugin adds to the web, through helder.h only: a
 * permission of its own ("testaddin.board", for the advisor and HR), a page
 * /testaddin/board rendered from its own template in its own gettext
 * domain, an API route /api/v1/testaddin/summary with its part of the
 * OpenAPI document, and a navigation entry. None of it is removed by hand:
 * the engine removes what a plugin registered when it unloads.
 */
#define G_LOG_DOMAIN "testaddin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "helder.h"
#include "testaddin-private.h"

#define TESTADDIN_DOMAIN "helder-testaddin"

static gint64
count_notes (HelderStore *store, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT count(*) FROM testaddin_note", error);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

static void
handle_board (HelderWebRequest *request)
{
  g_autoptr (JsonObject) context = json_object_new ();
  g_autoptr (GError) error = NULL;
  gint64 notes = count_notes (helder_web_request_get_store (request), &error);

  if (notes < 0)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  json_object_set_int_member (context, "notes", notes);
  json_object_set_boolean_member (context, "may_read_audit",
                                  helder_web_request_may (request, "audit.read"));
  helder_web_respond_page (request, SOUP_STATUS_OK, "testaddin/board",
                           g_dgettext (TESTADDIN_DOMAIN, "Test board"), context);
}

static void
handle_summary (HelderWebRequest *request)
{
  g_autoptr (JsonObject) body = json_object_new ();
  g_autoptr (GError) error = NULL;
  gint64 notes = count_notes (helder_web_request_get_store (request), &error);

  if (notes < 0)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  json_object_set_int_member (body, "notes", notes);
  helder_web_respond_object (request, SOUP_STATUS_OK, body);
}

static const char openapi[] =
  "{\"paths\": {\"/api/v1/testaddin/summary\": {\"get\": {"
  "  \"operationId\": \"getTestaddinSummary\","
  "  \"summary\": \"How many notes the test addin keeps\","
  "  \"tags\": [\"testaddin\"],"
  "  \"description\": \"Needs the permission testaddin.board.\","
  "  \"responses\": {"
  "    \"200\": {\"description\": \"the count\", \"content\": {\"application/json\": {"
  "      \"schema\": {\"$ref\": \"#/components/schemas/TestaddinSummary\"}}}},"
  "    \"401\": {\"$ref\": \"#/components/responses/Unauthorized\"},"
  "    \"403\": {\"$ref\": \"#/components/responses/Forbidden\"}}}}},"
  " \"components\": {\"schemas\": {\"TestaddinSummary\": {\"type\": \"object\","
  "  \"required\": [\"notes\"], \"properties\": {\"notes\": {\"type\": \"integer\"}}}}}}";

void
testaddin_web_register (HelderContext *context)
{
  static const HelderPermission board = {
    "testaddin.board",
    N_ ("see the test board"),
    HELDER_ROLE_ADVISOR | HELDER_ROLE_HR,
    TESTADDIN_DOMAIN,
  };
  static const HelderWebRoute routes[] = {
    { "GET", "/testaddin/board", "testaddin.board", HELDER_ROUTE_PAGE | HELDER_ROUTE_NO_STORE,
      handle_board, "the test addin's board" },
    { "GET", "/api/v1/testaddin/summary", "testaddin.board",
      HELDER_ROUTE_API | HELDER_ROUTE_NO_STORE, handle_summary,
      "how many notes the test addin keeps" },
  };
  static const HelderNavEntry nav = {
    "/testaddin/board", N_ ("Test board"), "testaddin.board", 50, TESTADDIN_DOMAIN,
  };
  static const HelderTemplates templates = {
    "/org/helder/testaddin/templates",
    "testaddin",
    TESTADDIN_DOMAIN,
  };

  bindtextdomain (TESTADDIN_DOMAIN, TESTADDIN_LOCALEDIR);
  bind_textdomain_codeset (TESTADDIN_DOMAIN, "UTF-8");
  helder_context_add_permission (context, &board);
  helder_context_add_routes (context, routes, G_N_ELEMENTS (routes));
  helder_context_add_nav_entry (context, &nav);
  helder_context_add_templates (context, &templates);
  helder_context_add_openapi (context, openapi);
}
