/* helder-web-hr-slice.c — which part of HR's board a request asks for
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With 10,000 people the board's lists run to thousands of rows, so GET
 * /hr shows a page of 50 of each (?unplaced_page=N, ?placements_page=N,
 * and ?placements_role=SLUG for one role's placements) with their full
 * totals, and GET /api/v1/hr/board pages them with limit and offset per
 * list. The counts are never cut (services/views/helder-hr.h).
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/access/helder-audit.h"
#include "web/helder-web-hr-slice.h"

#define API_LIMIT     50
#define API_MAX       500
#define API_NAMES_MAX 100

/* The text of query parameter @name, "" when it is not UTF-8, NULL when
 * it is not there. */
static const char *
query_text (HelderWebRequest *request, const char *name)
{
  const char *text = helder_web_query (request, name);

  if (text == NULL && request->query != NULL && g_hash_table_contains (request->query, name))
    return "";
  return text;
}

/* A whole number from @min to @max in parameter @name, or @fallback when it
 * is not there; answers 400 itself. */
static gboolean
read_number (HelderWebRequest *request,
             const char *name,
             guint64 min,
             guint64 max,
             guint64 fallback,
             guint64 *value)
{
  const char *text = query_text (request, name);
  g_autofree char *message = NULL;
  g_autofree char *shown = NULL;

  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }
  if (g_ascii_string_to_unsigned (text, 10, min, max, value, NULL))
    return TRUE;
  shown = g_utf8_make_valid (text, MIN (strlen (text), 40));
  message = g_strdup_printf (_ ("%s: “%s” is not a whole number from %u to %u"), name, shown,
                             (guint) min, (guint) max);
  helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name, message);
  return FALSE;
}

/* ?placements_role=SLUG: a role to fill, or 400. */
static gboolean
read_role (HelderWebRequest *request, char **role)
{
  const char *text = query_text (request, "placements_role");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) counts = NULL;
  JsonArray *roles;
  g_autofree char *message = NULL;
  g_autofree char *shown = NULL;

  *role = NULL;
  if (text == NULL)
    return TRUE;
  counts = helder_hr_counts (request->store, &error);
  if (counts == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return FALSE;
    }
  roles = json_object_get_array_member (counts, "roles");
  for (guint i = 0; i < json_array_get_length (roles); i++)
    if (g_str_equal (
          json_object_get_string_member (json_array_get_object_element (roles, i), "slug"), text))
      {
        *role = g_strdup (text);
        return TRUE;
      }
  shown = g_utf8_make_valid (text, MIN (strlen (text), 60));
  /* TRANSLATORS: a query parameter that names no new or regie role */
  message = g_strdup_printf (_ ("%s: “%s” is not a role to fill"), "placements_role", shown);
  helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", "placements_role",
                            message);
  return FALSE;
}

/**
 * helder_web_hr_pages_read:
 *
 * Returns: %TRUE with @pages filled in, or %FALSE when the request was
 *   answered with 400
 */
gboolean
helder_web_hr_pages_read (HelderWebRequest *request, HelderWebHrPages *pages)
{
  const guint64 max = G_MAXUINT32 / HELDER_WEB_HR_PAGE_SIZE;

  memset (pages, 0, sizeof *pages);
  if (!read_number (request, "unplaced_page", 1, max, 1, &pages->unplaced_page) ||
      !read_number (request, "placements_page", 1, max, 1, &pages->placements_page) ||
      !read_role (request, &pages->placements_role))
    return FALSE;
  pages->slice.names = HELDER_WEB_HR_NAMES;
  pages->slice.unplaced_limit = HELDER_WEB_HR_PAGE_SIZE;
  pages->slice.unplaced_offset = (guint) ((pages->unplaced_page - 1) * HELDER_WEB_HR_PAGE_SIZE);
  pages->slice.placements_limit = HELDER_WEB_HR_PAGE_SIZE;
  pages->slice.placements_offset = (guint) ((pages->placements_page - 1) * HELDER_WEB_HR_PAGE_SIZE);
  pages->slice.placements_role = pages->placements_role;
  return TRUE;
}

/* "/hr?unplaced_page=2&placements_page=3#placements": the board with one
 * list's page changed and the other kept. */
static char *
page_href (HelderWebHrPages *pages, gboolean unplaced, guint64 page)
{
  GString *href = g_string_new ("/hr");
  guint64 u = unplaced ? page : pages->unplaced_page;
  guint64 p = unplaced ? pages->placements_page : page;
  char sep = '?';

  if (u > 1)
    {
      g_string_append_printf (href, "%cunplaced_page=%" G_GUINT64_FORMAT, sep, u);
      sep = '&';
    }
  if (p > 1)
    {
      g_string_append_printf (href, "%cplacements_page=%" G_GUINT64_FORMAT, sep, p);
      sep = '&';
    }
  if (pages->placements_role != NULL)
    {
      g_autofree char *role = g_uri_escape_string (pages->placements_role, NULL, FALSE);
      g_string_append_printf (href, "%cplacements_role=%s", sep, role);
    }
  g_string_append (href, unplaced ? "#unplaced" : "#placements");
  return g_string_free (href, FALSE);
}

/* 404 for @page past the last page of a list of @total; otherwise the
 * list's navigation in @context as @member. */
static gboolean
finish_list (HelderWebRequest *request,
             HelderWebHrPages *pages,
             gboolean unplaced,
             guint64 page,
             guint64 total,
             JsonObject *context,
             const char *member)
{
  const char *name = unplaced ? "unplaced_page" : "placements_page";
  guint64 n_pages = MAX ((total + HELDER_WEB_HR_PAGE_SIZE - 1) / HELDER_WEB_HR_PAGE_SIZE, 1);
  JsonObject *nav;
  g_autofree char *text = NULL;

  if (page > n_pages)
    {
      g_autofree char *message = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%s: there is no page %u; this list has %u page",
                     "%s: there is no page %u; this list has %u pages", (gulong) n_pages),
        name, (guint) page, (guint) n_pages);
      helder_web_respond_error (request, SOUP_STATUS_NOT_FOUND, "not_found", name, message);
      return FALSE;
    }
  nav = json_object_new ();
  json_object_set_boolean_member (nav, "has_pages", n_pages > 1);
  /* TRANSLATORS: page navigation: page 2 of 7 */
  text = g_strdup_printf (_ ("Page %u of %u"), (guint) page, (guint) n_pages);
  json_object_set_string_member (nav, "text", text);
  if (page > 1)
    {
      g_autofree char *prev = page_href (pages, unplaced, page - 1);
      json_object_set_string_member (nav, "prev_href", prev);
    }
  if (page < n_pages)
    {
      g_autofree char *next = page_href (pages, unplaced, page + 1);
      json_object_set_string_member (nav, "next_href", next);
    }
  json_object_set_object_member (context, member, nav);
  return TRUE;
}

/**
 * helder_web_hr_pages_finish:
 *
 * Returns: %FALSE when a page is past the end of its list (answered 404)
 */
gboolean
helder_web_hr_pages_finish (HelderWebRequest *request,
                            HelderWebHrPages *pages,
                            JsonObject *board,
                            JsonObject *context)
{
  JsonObject *totals = json_object_get_object_member (board, "totals");

  return finish_list (request, pages, TRUE, pages->unplaced_page,
                      (guint64) json_object_get_int_member (totals, "unplaced"), context,
                      "unplaced_nav") &&
         finish_list (request, pages, FALSE, pages->placements_page,
                      (guint64) json_object_get_int_member (board, "n_placements"), context,
                      "placements_nav");
}

void
helder_web_hr_pages_clear (HelderWebHrPages *pages)
{
  g_clear_pointer (&pages->placements_role, g_free);
}

/* ---- GET /api/v1/hr/board ------------------------------------------------- */

static gboolean
known_parameters (HelderWebRequest *request)
{
  static const char *const known[] = { "unplaced_limit",
                                       "unplaced_offset",
                                       "placements_limit",
                                       "placements_offset",
                                       "placements_role",
                                       "names",
                                       NULL };
  GHashTableIter iter;
  gpointer key;

  if (request->query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, request->query);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_strv_contains (known, key))
      {
        g_autofree char *name = g_utf8_make_valid (key, -1);
        /* TRANSLATORS: the parameters are names in the API, not translated */
        g_autofree char *message = g_strdup_printf (
          _ ("%s: unknown parameter (use unplaced_limit, unplaced_offset, placements_limit, "
             "placements_offset, placements_role and names)"),
          name);

        helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name, message);
        return FALSE;
      }
  return TRUE;
}

void
helder_web_handle_api_hr_board (HelderWebRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) board = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *role = NULL;
  HelderHrSlice slice = { 0 };
  guint64 ul, uo, pl, po, names;

  if (!known_parameters (request) ||
      !read_number (request, "unplaced_limit", 1, API_MAX, API_LIMIT, &ul) ||
      !read_number (request, "unplaced_offset", 0, G_MAXUINT32, 0, &uo) ||
      !read_number (request, "placements_limit", 1, API_MAX, API_LIMIT, &pl) ||
      !read_number (request, "placements_offset", 0, G_MAXUINT32, 0, &po) ||
      !read_number (request, "names", 1, API_NAMES_MAX, HELDER_WEB_HR_NAMES, &names) ||
      !read_role (request, &role))
    return;
  slice = (HelderHrSlice){ (guint) names, (guint) ul, (guint) uo, (guint) pl, (guint) po, role };
  board = helder_hr_board_slice (request->store, &slice, &error);
  if (board == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  json_object_set_int_member (board, "unplaced_limit", (gint64) ul);
  json_object_set_int_member (board, "unplaced_offset", (gint64) uo);
  json_object_set_int_member (board, "placements_limit", (gint64) pl);
  json_object_set_int_member (board, "placements_offset", (gint64) po);
  json_object_set_int_member (board, "names", (gint64) names);
  detail = g_strdup_printf ("%u roles to fill, %u people to place",
                            json_array_get_length (json_object_get_array_member (board, "roles")),
                            (guint) json_object_get_int_member (
                              json_object_get_object_member (board, "totals"), "unplaced"));
  helder_web_audit (request, "read", "hr_board", "", 0, detail);
  helder_web_respond_object (request, SOUP_STATUS_OK, board);
}
