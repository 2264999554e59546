/* testaddin-panels.c — the test addin's panels on the personal page and the dashboard
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a plugin puts on core's pages with helder_context_add_web_panel(),
 * through helder.h only, shown once the test addin keeps notes:
 *
 * - on /me, a form that adds a note, posted to the addin's own route
 *   POST /testaddin/panel-note with the session's CSRF token; it fails
 *   (and is left out) while a note says "panel fails";
 * - on /me, a panel only roles holding testaddin.board see;
 * - on /me, a panel also shown on the advisor's view of someone's page;
 * - on the dashboard, how many notes there are.
 */
#define G_LOG_DOMAIN "testaddin"

#include "config.h"

#include <libsoup/soup.h>

#include "helder.h"
#include "testaddin-private.h"

#define FAILING_NOTE "panel fails"

static gint64
count_notes (HelderStore *store, const char *text, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT count(*) FROM testaddin_note WHERE ?1 IS NULL OR text = ?1", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, "cannot count the notes");
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* A panel's context: its heading and one line; NULL while there are no
 * notes. */
static JsonObject *
panel_context (HelderWebRequest *request, const char *id, const char *title, GError **error)
{
  gint64 notes = count_notes (helder_web_request_get_store (request), NULL, error);
  JsonObject *context;

  if (notes <= 0)
    return NULL;
  context = json_object_new ();
  json_object_set_string_member (context, "id", id);
  json_object_set_string_member (context, "title", title);
  json_object_set_int_member (context, "notes", notes);
  return context;
}

static JsonObject *
note_form_panel (HelderWebRequest *request, gint64 person, gpointer user_data, GError **error)
{
  gint64 failing = count_notes (helder_web_request_get_store (request), FAILING_NOTE, error);

  if (failing < 0)
    return NULL;
  if (failing > 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, "a note says “%s”", FAILING_NOTE);
      return NULL;
    }
  return panel_context (request, "testaddin-note-form", "Add a note", error);
}

static JsonObject *
board_panel (HelderWebRequest *request, gint64 person, gpointer user_data, GError **error)
{
  JsonObject *context = panel_context (request, "testaddin-board-panel", "For the board", error);

  if (context != NULL)
    json_object_set_string_member (context, "text", "Only the board sees this panel.");
  return context;
}

static JsonObject *
preview_panel (HelderWebRequest *request, gint64 person, gpointer user_data, GError **error)
{
  JsonObject *context = panel_context (request, "testaddin-preview-panel", "Whose page", error);

  if (context != NULL)
    {
      g_autofree char *text = g_strdup_printf ("The page of person %" G_GINT64_FORMAT
                                               ", seen by person %" G_GINT64_FORMAT ".",
                                               person, helder_web_request_get_person (request));
      json_object_set_string_member (context, "text", text);
    }
  return context;
}

static JsonObject *
dashboard_panel (HelderWebRequest *request, gint64 person, gpointer user_data, GError **error)
{
  JsonObject *context = panel_context (request, "testaddin-dashboard", "Test addin notes", error);

  if (context != NULL)
    {
      g_autofree char *text = g_strdup_printf ("The test addin keeps %" G_GINT64_FORMAT " notes.",
                                               json_object_get_int_member (context, "notes"));
      json_object_set_string_member (context, "text", text);
    }
  return context;
}

/* POST /testaddin/panel-note text=…&csrf=…: the panel's form. */
static void
handle_panel_note (HelderWebRequest *request)
{
  g_autoptr (GHashTable) form = helder_web_read_form (request);
  g_autoptr (HelderStmt) insert = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *created_at = helder_clock_now_utc ();
  g_autofree char *text = NULL;
  HelderStore *store = helder_web_request_get_store (request);

  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  text = g_strstrip (g_strdup (
    g_hash_table_contains (form, "text") ? (const char *) g_hash_table_lookup (form, "text") : ""));
  if (text[0] == '\0')
    {
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", "text",
                                "text: a note needs a text");
      return;
    }
  if (!helder_store_begin (store, &error))
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  insert = helder_store_prepare (
    store, "INSERT INTO testaddin_note (text, created_at) VALUES (?1, ?2)", &error);
  if (insert != NULL)
    {
      sqlite3_bind_text (insert, 1, text, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, created_at, -1, SQLITE_STATIC);
    }
  if (insert == NULL || !helder_store_step_done (store, insert, &error) ||
      !helder_store_commit (store, &error))
    {
      helder_store_rollback (store);
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  helder_web_redirect (request, "/me#testaddin-note-form");
}

void
testaddin_panels_register (HelderContext *context)
{
  static const HelderWebRoute routes[] = {
    { "POST", "/testaddin/panel-note", "me.read", HELDER_ROUTE_PAGE, handle_panel_note,
      "the test addin's form on the personal page" },
  };
  static const HelderWebPanel panels[] = {
    { "testaddin-note-form", "me", "testaddin/panel-note", NULL, note_form_panel },
    { "testaddin-board-panel", "me", "testaddin/panel", "testaddin.board", board_panel },
    { "testaddin-preview-panel", "me", "testaddin/panel", NULL, preview_panel, NULL, TRUE },
    { "testaddin-dashboard", "dashboard", "testaddin/panel", NULL, dashboard_panel },
  };

  helder_context_add_routes (context, routes, G_N_ELEMENTS (routes));
  for (guint i = 0; i < G_N_ELEMENTS (panels); i++)
    helder_context_add_web_panel (context, &panels[i]);
}
