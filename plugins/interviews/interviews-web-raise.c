/* interviews-web-raise.c — raising a concern from one's own page
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST /me/concerns (the form of the panel on /me: the text, a theme, the
 * groups it concerns, "my name may be added", unticked) and POST
 * /api/v1/me/concerns (the same as JSON). Not named, the concern is raised
 * without the person and without an audit entry (concern_raise()), the
 * request leaves no line in the access log (who asked, and when, would
 * name them), and the API's answer has no id that would tie it to them. A
 * refusal comes back on a page of its own with the form as it was.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "concern-service.h"
#include "interviews-web-private.h"

/* Who raises an anonymous concern: nobody (concern_raise() writes no
 * audit entry for it). */
static const HelderAuditActor anonymous_actor = { 0, "anonymous", "employee" };

#define MAX_TEXT 4000

/* ---- raising a concern ---------------------------------------------------------- */

static gboolean
raise_concern (HelderWebRequest *request,
               const char *text,
               const char *theme,
               const char *const *groups,
               gboolean named,
               gint64 *id,
               GError **error)
{
  HelderAuditActor actor = { 0 };
  ConcernDraft draft = {
    .text = text,
    .theme = theme != NULL && *theme ? theme : NULL,
    .groups = groups,
    .person = named ? helder_web_request_get_person (request) : 0,
    .named = named,
    .via = "personal-page",
  };

  if (helder_web_blank (text))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "text",
                        _ ("text: write your question or concern"));
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > MAX_TEXT)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "text", _ ("%s: is longer than %d characters"),
                        "text", MAX_TEXT);
      return FALSE;
    }
  if (theme != NULL && g_utf8_strlen (theme, -1) > 100)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "theme", _ ("%s: is too long"), "theme");
      return FALSE;
    }
  if (!named)
    helder_web_request_unlogged (request);
  if (!named)
    return concern_raise (helder_web_request_get_store (request), &anonymous_actor, &draft, id,
                          error);
  helder_web_request_actor (request, &actor);
  return concern_raise (helder_web_request_get_store (request), &actor, &draft, id, error);
}

/* The form's context: themes, groups, what was typed. */
gboolean
iv_web_concern_form_context (HelderWebRequest *request,
                             JsonObject *context,
                             GHashTable *form,
                             GError **error)
{
  JsonArray *themes = iv_web_theme_options (request, helder_web_form_text (form, "theme"), error);
  JsonArray *groups;

  if (themes == NULL)
    return FALSE;
  json_object_set_array_member (context, "themes", themes);
  groups = iv_web_group_checkboxes (request, form, error);
  if (groups == NULL)
    return FALSE;
  json_object_set_array_member (context, "groups", groups);
  json_object_set_string_member (context, "text", helder_web_form_text (form, "text"));
  json_object_set_boolean_member (context, "named",
                                  form != NULL && g_hash_table_contains (form, "named"));
  return TRUE;
}

/* POST /me/concerns */
void
iv_web_handle_me_concern (HelderWebRequest *request)
{
  g_autoptr (GHashTable) form = helder_web_read_form (request);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) groups = NULL;
  g_autofree char *text = NULL;
  g_autoptr (JsonObject) context = NULL;
  gint64 id = 0;

  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  text = helder_web_form_multiline (form, "text");
  groups = iv_web_groups_ticked (request, form, NULL);
  if (raise_concern (request, text, helder_web_form_text (form, "theme"),
                     (const char *const *) groups, g_hash_table_contains (form, "named"), &id,
                     &error))
    {
      helder_web_redirect (request, "/me?concern=sent#concern");
      return;
    }
  /* Back on a page of its own with the form as it was, the field named. */
  context = json_object_new ();
  {
    g_autoptr (GError) inner = NULL;

    if (!iv_web_concern_form_context (request, context, form, &inner))
      {
        helder_web_respond_gerror (request, NULL, inner);
        return;
      }
  }
  helder_web_add_errors (context, error, NULL);
  json_object_set_boolean_member (context, "standalone", TRUE);
  helder_web_respond_page (request, helder_web_status_of (error, NULL), "interviews/me-panel",
                           _ ("Ask a question or share a concern"), context);
}

/* POST /api/v1/me/concerns {text, theme, groups: [slug], named} */
void
iv_web_api_me_concern (HelderWebRequest *request)
{
  g_autoptr (JsonObject) body = helder_web_read_json (request);
  g_autoptr (GError) error = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) groups = NULL;
  g_autoptr (JsonObject) answer = NULL;
  JsonNode *node;
  const char *text, *theme;
  gboolean named = FALSE;
  gint64 id = 0;

  if (body == NULL)
    return;
  text = iv_web_string (body, "text");
  theme = iv_web_string (body, "theme");
  if ((node = json_object_get_member (body, "theme")) != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      theme == NULL)
    helder_error_set (&error, HELDER_ERROR_INVALID, "theme", _ ("theme: must be a text"));
  if (error == NULL && (node = json_object_get_member (body, "named")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        helder_error_set (&error, HELDER_ERROR_INVALID, "named",
                          _ ("named: must be true or false"));
      else
        named = json_node_get_boolean (node);
    }
  if (error == NULL && (node = json_object_get_member (body, "groups")) != NULL)
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      if (array == NULL || json_array_get_length (array) > 100)
        helder_error_set (&error, HELDER_ERROR_INVALID, "groups",
                          _ ("groups: must be a list of group slugs"));
      for (guint i = 0; array != NULL && error == NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *g = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (g) || json_node_get_value_type (g) != G_TYPE_STRING)
            helder_error_set (&error, HELDER_ERROR_INVALID, "groups",
                              _ ("groups: must be a list of group slugs"));
          else
            g_strv_builder_add (builder, json_node_get_string (g));
        }
    }
  groups = g_strv_builder_end (builder);
  if (error == NULL && text == NULL)
    helder_error_set (&error, HELDER_ERROR_INVALID, "text",
                      _ ("text: write your question or concern"));
  if (error != NULL ||
      !raise_concern (request, text, theme, (const char *const *) groups, named, &id, &error))
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  answer = json_object_new ();
  json_object_set_boolean_member (answer, "named", named);
  /* An anonymous concern's id would tie it to the one who raised it. */
  if (named)
    json_object_set_int_member (answer, "id", id);
  helder_web_respond_object (request, SOUP_STATUS_CREATED, answer);
}
