/* interviews-web-concerns.c — the advisor's concerns, and everyone's
 * questions and answers
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /concerns lists the concerns (?status=, ?theme=, ?group=, ?late=1)
 * with their age in working days and the late flag, each with a form to
 * answer it (POST /concerns/{id}/answer: a direct answer, or a moment or
 * a commitment that answers it, published on the questions-and-answers
 * page with a rephrased question), and the themes with a form to add one
 * (POST /concerns/themes). GET /qa shows the published answers by theme,
 * without anyone's name. Refusals come back on the page, nothing changed.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "concern-service.h"
#include "interviews-web-private.h"

static const char *const statuses[] = { "open", "answered", "withdrawn", NULL };

static gboolean
slug_exists (HelderWebRequest *request, const char *sql, const char *slug)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (helder_web_request_get_store (request), sql, NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
refuse (HelderWebRequest *request, const char *field, char *message)
{
  helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", field, message);
  g_free (message);
  return FALSE;
}

/* The list's filter from the query; FALSE after answering 400. */
static gboolean
read_filter (HelderWebRequest *request,
             const char **status,
             const char **theme,
             const char **group,
             gboolean *late)
{
  const char *late_text = helder_web_query_text (request, "late");

  *status = helder_web_query_text (request, "status");
  *theme = helder_web_query_text (request, "theme");
  *group = helder_web_query_text (request, "group");
  if (!iv_web_check_length (request, "theme", *theme, 100) ||
      !iv_web_check_length (request, "group", *group, 100))
    return FALSE;
  if (**status && !g_strv_contains (statuses, *status))
    return refuse (
      request, "status",
      g_strdup_printf (_ ("status: “%s” is not open, answered or withdrawn"), *status));
  if (**theme && !slug_exists (request, "SELECT 1 FROM concern_theme WHERE slug = ?1", *theme))
    return refuse (request, "theme", g_strdup_printf (_ ("theme: there is no theme “%s”"), *theme));
  if (**group && !slug_exists (request, "SELECT 1 FROM stakeholder_group WHERE slug = ?1", *group))
    return refuse (request, "group", g_strdup_printf (_ ("group: there is no group “%s”"), *group));
  if (*late_text && !g_str_equal (late_text, "1") && !g_str_equal (late_text, "0"))
    return refuse (request, "late",
                   g_strdup_printf (_ ("%s: “%s” is not 1 or 0"), "late", late_text));
  *late = g_str_equal (late_text, "1");
  return TRUE;
}

/* The groups' names by slug. */
static GHashTable *
group_names (HelderWebRequest *request)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    helder_web_request_get_store (request), "SELECT slug, name FROM stakeholder_group", NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  return names;
}

static char *
groups_text (JsonObject *c, GHashTable *names)
{
  JsonArray *groups = iv_web_array (c, "groups");
  GString *out = g_string_new (NULL);

  for (guint i = 0; groups != NULL && i < json_array_get_length (groups); i++)
    {
      const char *slug = json_array_get_string_element (groups, i);
      const char *name = slug != NULL ? g_hash_table_lookup (names, slug) : NULL;

      g_string_append_printf (out, "%s%s", out->len ? ", " : "", name != NULL ? name : slug);
    }
  return g_string_free (out, FALSE);
}

static JsonObject *
concern_row (JsonObject *c, gint64 answering, GHashTable *form, GHashTable *names)
{
  JsonObject *row = json_object_new ();
  gint64 id = json_object_get_int_member_with_default (c, "id", 0);
  g_autofree char *theme = iv_web_text_of (c, "theme_name");
  g_autofree char *groups = groups_text (c, names);
  g_autofree char *person = iv_web_text_of (c, "person_name");
  g_autofree char *answer = iv_web_text_of (c, "answer");
  const char *raised = iv_web_string (c, "raised_on");
  g_autofree char *raised_text = raised != NULL ? helder_web_format_date (raised) : g_strdup ("");
  const char *status = iv_web_string (c, "status");
  gboolean mine = answering == id && form != NULL;

  json_object_set_int_member (row, "id", id);
  json_object_set_string_member (row, "text", iv_web_string (c, "text"));
  json_object_set_string_member (row, "theme", *theme ? theme : _ ("no theme yet"));
  json_object_set_string_member (row, "groups", groups);
  json_object_set_string_member (row, "person", *person ? person : _ ("anonymous"));
  json_object_set_string_member (row, "via", iv_web_word (iv_web_string (c, "via")));
  json_object_set_string_member (row, "raised", raised_text);
  json_object_set_int_member (row, "age",
                              json_object_get_int_member_with_default (c, "age_working_days", 0));
  json_object_set_boolean_member (row, "late",
                                  json_object_get_boolean_member_with_default (c, "late", FALSE));
  json_object_set_string_member (row, "status", iv_web_word (status));
  json_object_set_string_member (row, "status_class", status != NULL ? status : "");
  json_object_set_boolean_member (row, "open", g_strcmp0 (status, "open") == 0);
  if (*answer)
    {
      g_autofree char *html = helder_web_markdown (answer);
      json_object_set_string_member (row, "answer_html", html);
    }
  json_object_set_string_member (row, "answer_moment", iv_web_string (c, "answer_moment_title"));
  json_object_set_string_member (row, "answer_commitment",
                                 iv_web_string (c, "answer_commitment_text"));
  json_object_set_string_member (row, "form_text", mine ? helder_web_form_text (form, "text") : "");
  json_object_set_string_member (row, "form_moment",
                                 mine ? helder_web_form_text (form, "moment") : "");
  json_object_set_string_member (row, "form_commitment",
                                 mine ? helder_web_form_text (form, "commitment") : "");
  json_object_set_string_member (row, "form_public_question",
                                 mine ? helder_web_form_text (form, "public_question") : "");
  json_object_set_boolean_member (row, "form_publish",
                                  mine && g_hash_table_contains (form, "publish"));
  json_object_set_boolean_member (row, "answering", mine);
  return row;
}

static JsonArray *
themes_view (HelderWebRequest *request, GError **error)
{
  HelderStore *store = helder_web_request_get_store (request);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT t.slug, t.name, t.name_en,"
    " (SELECT count (*) FROM concern c WHERE c.theme = t.id AND c.status = 'open')"
    " FROM concern_theme t ORDER BY t.name",
    error);
  g_autoptr (JsonArray) themes = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *t = json_object_new ();

      json_object_set_string_member (t, "slug", (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (t, "name", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_string_member (t, "name_en", (const char *) sqlite3_column_text (stmt, 2));
      json_object_set_int_member (t, "open", sqlite3_column_int64 (stmt, 3));
      json_array_add_object_element (themes, t);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&themes);
}

static void
respond_concerns (HelderWebRequest *request,
                  guint code,
                  gint64 answering,
                  GHashTable *form,
                  const GError *problem)
{
  const char *status, *theme, *group;
  gboolean late;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) all = NULL;
  g_autoptr (JsonObject) context = NULL;
  JsonArray *rows, *themes, *theme_options, *groups;
  g_autoptr (GHashTable) names = NULL;
  gint64 late_count = 0;

  if (!read_filter (request, &status, &theme, &group, &late))
    return;
  all = concern_list (helder_web_request_get_store (request), *status ? status : NULL,
                      *theme ? theme : NULL, *group ? group : NULL,
                      helder_web_request_get_today (request), &error);
  if (all == NULL || (themes = themes_view (request, &error)) == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  context = json_object_new ();
  json_object_set_array_member (context, "themes", themes);
  names = group_names (request);
  rows = json_array_new ();
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *c = json_array_get_object_element (all, i);
      gboolean is_late = json_object_get_boolean_member_with_default (c, "late", FALSE);

      if (late && !is_late)
        continue;
      late_count += is_late;
      json_array_add_object_element (rows, concern_row (c, answering, form, names));
    }
  json_object_set_array_member (context, "concerns", rows);
  json_object_set_int_member (context, "count", json_array_get_length (rows));
  json_object_set_int_member (context, "late_count", late_count);
  json_object_set_boolean_member (context, "has_concerns", json_array_get_length (rows) > 0);
  json_object_set_array_member (context, "statuses",
                                iv_web_options (statuses, iv_web_word, status));
  theme_options = iv_web_theme_options (request, theme, &error);
  groups = theme_options != NULL ? iv_web_group_checkboxes (request, NULL, &error) : NULL;
  if (groups == NULL)
    {
      g_clear_pointer (&theme_options, json_array_unref);
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *g = json_array_get_object_element (groups, i);
      json_object_set_boolean_member (g, "selected",
                                      g_strcmp0 (iv_web_string (g, "value"), group) == 0);
    }
  json_object_set_array_member (context, "theme_options", theme_options);
  json_object_set_array_member (context, "groups", groups);
  json_object_set_boolean_member (context, "late", late);
  json_object_set_string_member (context, "new_slug",
                                 answering < 0 ? helder_web_form_text (form, "slug") : "");
  json_object_set_string_member (context, "new_name",
                                 answering < 0 ? helder_web_form_text (form, "name") : "");
  json_object_set_string_member (context, "new_name_en",
                                 answering < 0 ? helder_web_form_text (form, "name_en") : "");
  json_object_set_boolean_member (context, "saved",
                                  g_str_equal (helder_web_query_text (request, "saved"), "1"));
  if (problem != NULL)
    helder_web_add_errors (context, problem, NULL);
  helder_web_respond_page (request, code, "interviews/concerns", _ ("Concerns and questions"),
                           context);
}

/* GET /concerns */
void
iv_web_handle_concerns (HelderWebRequest *request)
{
  respond_concerns (request, SOUP_STATUS_OK, 0, NULL, NULL);
}

static gint64
optional_id (GHashTable *form, const char *field, GError **error)
{
  const char *text = helder_web_form_text (form, field);
  gint64 id;

  if (helder_web_blank (text))
    return 0;
  id = helder_web_parse_id (text);
  if (id <= 0)
    helder_error_set (error, HELDER_ERROR_INVALID, field, _ ("%s: “%s” is not a number"), field,
                      text);
  return id;
}

/* POST /concerns/{id}/answer */
void
iv_web_handle_concern_answer (HelderWebRequest *request)
{
  gint64 id = iv_web_id_param (request, "concern", _ ("concern"));
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (GError) error = NULL;
  HelderAuditActor actor = { 0 };
  g_autofree char *text = NULL;
  ConcernAnswer answer = { 0 };

  if (id <= 0 || (form = helder_web_read_form (request)) == NULL ||
      !helder_web_check_csrf (request, form))
    return;
  helder_web_request_actor (request, &actor);
  text = helder_web_form_multiline (form, "text");
  answer.text = helder_web_blank (text) ? NULL : text;
  answer.publish = g_hash_table_contains (form, "publish");
  answer.public_question = helder_web_blank (helder_web_form_text (form, "public_question"))
                             ? NULL
                             : helder_web_form_text (form, "public_question");
  if (g_utf8_strlen (text, -1) > 10000)
    helder_error_set (&error, HELDER_ERROR_INVALID, "text", _ ("%s: is longer than %d characters"),
                      "text", 10000);
  else if (g_utf8_strlen (helder_web_form_text (form, "public_question"), -1) > 2000)
    helder_error_set (&error, HELDER_ERROR_INVALID, "public_question",
                      _ ("%s: is longer than %d characters"), "public_question", 2000);
  if (error == NULL)
    answer.moment = optional_id (form, "moment", &error);
  if (error == NULL)
    answer.commitment = optional_id (form, "commitment", &error);
  if (error == NULL && answer.text == NULL && answer.moment == 0 && answer.commitment == 0)
    helder_error_set (&error, HELDER_ERROR_INVALID, "text",
                      _ ("text: give an answer, or the moment or commitment that answers it"));
  if (error != NULL ||
      !concern_answer (helder_web_request_get_store (request), &actor, id, &answer, &error))
    {
      respond_concerns (request, helder_web_status_of (error, NULL), id, form, error);
      return;
    }
  helder_web_redirect (request, "/concerns?saved=1");
}

/* POST /concerns/themes */
void
iv_web_handle_theme_add (HelderWebRequest *request)
{
  g_autoptr (GHashTable) form = helder_web_read_form (request);
  g_autoptr (GError) error = NULL;
  HelderAuditActor actor = { 0 };
  const char *slug, *name, *name_en;

  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  helder_web_request_actor (request, &actor);
  slug = helder_web_form_text (form, "slug");
  name = helder_web_form_text (form, "name");
  name_en = helder_web_form_text (form, "name_en");
  if (g_utf8_strlen (name, -1) > 100 || g_utf8_strlen (name_en, -1) > 100 ||
      g_utf8_strlen (slug, -1) > 60)
    {
      const char *field = g_utf8_strlen (slug, -1) > 60    ? "slug"
                          : g_utf8_strlen (name, -1) > 100 ? "name"
                                                           : "name_en";
      helder_error_set (&error, HELDER_ERROR_INVALID, field, _ ("%s: is too long"), field);
    }
  if (error != NULL || !concern_theme_add (helder_web_request_get_store (request), &actor, slug,
                                           name, *name_en ? name_en : NULL, &error))
    {
      respond_concerns (request, helder_web_status_of (error, NULL), -1, form, error);
      return;
    }
  helder_web_redirect (request, "/concerns?saved=1");
}

/* ---- questions and answers ---------------------------------------------------------- */

static JsonObject *
qa_entry (JsonObject *c)
{
  JsonObject *entry = json_object_new ();
  g_autofree char *question = iv_web_text_of (c, "question");
  g_autofree char *answer = iv_web_text_of (c, "answer");
  g_autofree char *html = helder_web_markdown (answer);
  const char *answered = iv_web_string (c, "answered_on");
  g_autofree char *when = answered != NULL ? helder_web_format_date (answered) : g_strdup ("");
  g_autofree char *moment = iv_web_text_of (c, "answer_moment_title");
  g_autofree char *commitment = iv_web_text_of (c, "answer_commitment_text");

  if (*question == '\0')
    {
      g_free (question);
      question = iv_web_text_of (c, "text");
    }
  json_object_set_string_member (entry, "question", question);
  json_object_set_string_member (entry, "answer_html", html);
  json_object_set_string_member (entry, "answered", when);
  json_object_set_string_member (entry, "moment", moment);
  json_object_set_string_member (entry, "commitment", commitment);
  return entry;
}

/* The published answers grouped by theme, in the order they come. */
static JsonArray *
qa_themes (JsonArray *published)
{
  JsonArray *themes = json_array_new ();
  g_autoptr (GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (published); i++)
    {
      JsonObject *c = json_array_get_object_element (published, i);
      JsonArray *inner = iv_web_array (c, "questions");
      g_autofree char *theme = iv_web_text_of (c, "theme_name");
      JsonObject *group;
      JsonArray *entries;

      if (inner == NULL)
        inner = iv_web_array (c, "items");
      if (*theme == '\0')
        {
          g_free (theme);
          theme = g_strdup (_ ("Other questions"));
        }
      group = g_hash_table_lookup (by_name, theme);
      if (group == NULL)
        {
          group = json_object_new ();
          json_object_set_string_member (group, "theme", theme);
          json_object_set_array_member (group, "entries", json_array_new ());
          json_array_add_object_element (themes, group);
          g_hash_table_insert (by_name, (gpointer) json_object_get_string_member (group, "theme"),
                               group);
        }
      entries = json_object_get_array_member (group, "entries");
      if (inner != NULL)
        for (guint q = 0; q < json_array_get_length (inner); q++)
          json_array_add_object_element (entries,
                                         qa_entry (json_array_get_object_element (inner, q)));
      else
        json_array_add_object_element (entries, qa_entry (c));
    }
  return themes;
}

/* GET /qa */
void
iv_web_handle_qa (HelderWebRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) published = concern_published (
    helder_web_request_get_store (request), helder_web_request_get_lang (request), &error);
  g_autoptr (JsonObject) context = NULL;
  JsonArray *themes;

  if (published == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  context = json_object_new ();
  themes = qa_themes (published);
  json_object_set_boolean_member (context, "has_themes", json_array_get_length (themes) > 0);
  json_object_set_array_member (context, "themes", themes);
  json_object_set_boolean_member (context, "may_raise",
                                  helder_web_request_may (request, "concerns.raise"));
  helder_web_respond_page (request, SOUP_STATUS_OK, "interviews/qa", _ ("Questions and answers"),
                           context);
}
