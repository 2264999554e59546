/* interviews-web-panels.c — concerns on the personal page and the dashboard
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On /me, "Ask a question or share a concern": the form that posts to
 * /me/concerns (interviews-web-raise.c), with a plain statement of what
 * anonymous means, and the person's own named concerns with their
 * answers. On the dashboard: open concerns per theme and per group, the
 * oldest age and how many are late, with a link to the late ones.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "concern-service.h"
#include "interviews-web-private.h"

/* ---- the panels ---------------------------------------------------------------- */

static JsonArray *
own_concerns (HelderWebRequest *request, gint64 person, GError **error)
{
  g_autoptr (JsonArray) mine =
    concern_for_person (helder_web_request_get_store (request), person, error);
  JsonArray *rows;

  if (mine == NULL)
    return NULL;
  rows = json_array_new ();
  for (guint i = 0; i < json_array_get_length (mine); i++)
    {
      JsonObject *c = json_array_get_object_element (mine, i);
      JsonObject *row = json_object_new ();
      g_autofree char *answer = iv_web_text_of (c, "answer");
      g_autofree char *theme = iv_web_text_of (c, "theme_name");
      const char *raised = iv_web_string (c, "raised_on");
      g_autofree char *when = raised != NULL ? helder_web_format_date (raised) : g_strdup ("");

      json_object_set_string_member (row, "text", iv_web_string (c, "text"));
      json_object_set_string_member (row, "theme", theme);
      json_object_set_string_member (row, "raised", when);
      json_object_set_string_member (row, "status", iv_web_word (iv_web_string (c, "status")));
      if (*answer)
        {
          g_autofree char *html = helder_web_markdown (answer);
          json_object_set_string_member (row, "answer_html", html);
        }
      json_array_add_object_element (rows, row);
    }
  return rows;
}

static JsonObject *
me_panel (HelderWebRequest *request, gint64 person, gpointer user_data, GError **error)
{
  g_autoptr (JsonObject) context = json_object_new ();
  JsonArray *mine;

  if (!helder_web_request_may (request, "concerns.raise") || person <= 0)
    return NULL;
  if (!iv_web_concern_form_context (request, context, NULL, error))
    return NULL;
  mine = own_concerns (request, person, error);
  if (mine == NULL)
    return NULL;
  json_object_set_boolean_member (context, "has_mine", json_array_get_length (mine) > 0);
  json_object_set_array_member (context, "mine", mine);
  json_object_set_boolean_member (context, "sent",
                                  g_strcmp0 (helder_web_query (request, "concern"), "sent") == 0);
  return g_steal_pointer (&context);
}

/* The rows of a summary's "by_theme" or "by_group", as the template shows them. */
static JsonArray *
summary_rows (JsonObject *summary, const char *member)
{
  JsonArray *rows = iv_web_array (summary, member);
  JsonArray *out = json_array_new ();

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *r = json_array_get_object_element (rows, i);
      JsonObject *row = json_object_new ();
      g_autofree char *name = iv_web_text_of (r, "name");

      if (*name == '\0')
        {
          g_free (name);
          name = iv_web_text_of (r, "key");
        }
      json_object_set_string_member (row, "name", *name ? name : _ ("no theme yet"));
      json_object_set_int_member (row, "open",
                                  json_object_get_int_member_with_default (r, "open", 0));
      json_object_set_int_member (row, "late",
                                  json_object_get_int_member_with_default (r, "late", 0));
      json_object_set_int_member (
        row, "oldest", json_object_get_int_member_with_default (r, "oldest_age_working_days", 0));
      json_array_add_object_element (out, row);
    }
  return out;
}

static JsonObject *
dashboard_panel (HelderWebRequest *request, gint64 person, gpointer user_data, GError **error)
{
  g_autoptr (JsonObject) summary = concern_summary (helder_web_request_get_store (request),
                                                    helder_web_request_get_today (request), error);
  g_autoptr (JsonObject) context = NULL;

  if (summary == NULL)
    return NULL;
  context = json_object_new ();
  json_object_set_int_member (context, "open",
                              json_object_get_int_member_with_default (summary, "open", 0));
  json_object_set_int_member (context, "late",
                              json_object_get_int_member_with_default (summary, "late", 0));
  json_object_set_int_member (
    context, "oldest",
    json_object_get_int_member_with_default (summary, "oldest_age_working_days", 0));
  json_object_set_array_member (context, "by_theme", summary_rows (summary, "by_theme"));
  json_object_set_array_member (context, "by_group", summary_rows (summary, "by_group"));
  return g_steal_pointer (&context);
}

void
iv_web_add_panels (HelderContext *context)
{
  static const HelderWebPanel panels[] = {
    { .name = "interviews-concern",
      .page = "me",
      .template_name = "interviews/me-panel",
      .permission = "concerns.raise",
      .func = me_panel },
    { .name = "interviews-concerns",
      .page = "dashboard",
      .template_name = "interviews/dashboard-panel",
      .permission = "concerns.manage",
      .func = dashboard_panel },
  };

  for (guint i = 0; i < G_N_ELEMENTS (panels); i++)
    helder_context_add_web_panel (context, &panels[i]);
}
