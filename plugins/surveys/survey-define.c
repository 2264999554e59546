/* survey-define.c — creating, finding and changing a survey
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A survey starts as a draft, from a questionnaire template (its kind,
 * introduction and questions in the survey's language) or from scratch.
 * Its slug comes from the title when not given and is unique. While it is
 * a draft everything may change; once open only its governance record.
 * Every change is one transaction with its audit entry. Opening and
 * closing: survey-lifecycle.c.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>

#include "survey-rows.h"

static const char *const governance_columns[] = { "purpose",          "legal_basis",
                                                  "works_council",    "works_council_on",
                                                  "retention_months", NULL };

static gboolean
slug_taken (HelderStore *store, const char *slug, gint64 except, gboolean *taken, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT 1 FROM survey WHERE slug = ?1 AND id != ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except);
  rc = sqlite3_step (stmt);
  *taken = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || helder_store_propagate (store, rc, error);
}

/* "Pulspeiling Q1 — team Zuid" → "pulspeiling-q1-team-zuid", then -2, -3… */
static char *
slug_from_title (HelderStore *store, const char *title, GError **error)
{
  g_autofree char *folded = helder_text_fold (title);
  g_autoptr (GString) base = g_string_new (NULL);
  gboolean taken = TRUE;
  char *slug = NULL;

  for (const char *p = folded; *p != '\0' && base->len < 48; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (base, g_ascii_tolower (*p));
    else if (base->len > 0 && base->str[base->len - 1] != '-')
      g_string_append_c (base, '-');
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_assign (base, "survey");
  for (int n = 1; taken; n++)
    {
      g_free (slug);
      slug = n == 1 ? g_strdup (base->str) : g_strdup_printf ("%s-%d", base->str, n);
      if (!slug_taken (store, slug, 0, &taken, error))
        return (g_free (slug), NULL);
    }
  return slug;
}

static gboolean
check_slug (HelderStore *store, const char *slug, gint64 except, GError **error)
{
  gboolean taken = FALSE;

  if (slug[0] == '\0' || strspn (slug, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen (slug) ||
      g_ascii_isdigit (slug[0]))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "slug",
                        _ ("slug: “%s” must be lower-case letters, digits and dashes, starting "
                           "with a letter"),
                        slug);
      return FALSE;
    }
  if (!slug_taken (store, slug, except, &taken, error))
    return FALSE;
  if (taken)
    helder_error_set (error, HELDER_ERROR_CONFLICT, "slug",
                      _ ("slug: “%s” is already another survey’s"), slug);
  return !taken;
}

static gboolean
add_question (HelderStore *store,
              gint64 survey,
              int position,
              JsonObject *q,
              const char *language,
              GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "INSERT INTO survey_question (survey, position, kind, text, text_en, options, options_en,"
    " required, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    error);
  g_autofree char *now = helder_clock_now_utc ();
  JsonObject *text = json_object_get_object_member (q, "text");
  JsonObject *options =
    json_object_has_member (q, "options") ? json_object_get_object_member (q, "options") : NULL;
  const char *other = g_str_equal (language, "en") ? "nl" : "en";
  g_autofree char *opts = NULL;
  g_autofree char *opts_other = NULL;

  if (stmt == NULL)
    return FALSE;
  if (options != NULL)
    {
      g_autoptr (GString) a = g_string_new (NULL);
      g_autoptr (GString) b = g_string_new (NULL);
      JsonArray *main = json_object_get_array_member (options, language);
      JsonArray *alt = json_object_get_array_member (options, other);

      for (guint i = 0; i < json_array_get_length (main); i++)
        g_string_append_printf (a, "%s%s", i ? "\n" : "", json_array_get_string_element (main, i));
      for (guint i = 0; i < json_array_get_length (alt); i++)
        g_string_append_printf (b, "%s%s", i ? "\n" : "", json_array_get_string_element (alt, i));
      opts = g_string_free (g_steal_pointer (&a), FALSE);
      opts_other = g_string_free (g_steal_pointer (&b), FALSE);
    }
  sqlite3_bind_int64 (stmt, 1, survey);
  sqlite3_bind_int (stmt, 2, position);
  sqlite3_bind_text (stmt, 3, json_object_get_string_member (q, "kind"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, json_object_get_string_member (text, language), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, json_object_get_string_member (text, other), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, opts ? opts : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, opts_other ? opts_other : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, json_object_get_boolean_member_with_default (q, "required", FALSE));
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

/* The template's kind, title, introduction and questions, in @language. */
static gboolean
apply_template (HelderStore *store,
                gint64 survey,
                JsonObject *template,
                const char *language,
                GError **error)
{
  JsonArray *questions = json_object_get_array_member (template, "questions");

  for (guint i = 0; i < json_array_get_length (questions); i++)
    if (!add_question (store, survey, (int) i + 1, json_array_get_object_element (questions, i),
                       language, error))
      return FALSE;
  return TRUE;
}

static gboolean
check_language (JsonObject *fields, GError **error)
{
  const char *language = json_object_get_string_member_with_default (fields, "language", "nl");

  if (g_str_equal (language, "nl") || g_str_equal (language, "en"))
    return TRUE;
  helder_error_set (error, HELDER_ERROR_INVALID, "language",
                    _ ("language: “%s” is not one of nl, en"), language);
  return FALSE;
}

static gboolean
check_phase (HelderStore *store, JsonObject *fields, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  const char *phase;
  int rc;

  if (!json_object_has_member (fields, "phase") || json_object_get_null_member (fields, "phase"))
    return TRUE;
  phase = json_object_get_string_member (fields, "phase");
  stmt = helder_store_prepare (store, "SELECT 1 FROM phase WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, phase, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (!helder_store_propagate (store, rc, error))
    return FALSE;
  helder_error_set (error, HELDER_ERROR_NOT_FOUND, "phase", _ ("phase: there is no “%s”"), phase);
  return FALSE;
}

/* The survey's row as it would be after @fields, checked. */
static gboolean
check_merged (HelderStore *store, JsonObject *old, JsonObject *fields, GError **error)
{
  g_autoptr (JsonObject) merged = json_object_new ();
  GList *members;

  if (old != NULL)
    {
      members = json_object_get_members (old);
      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (merged, l->data,
                                json_node_copy (json_object_get_member (old, l->data)));
      g_list_free (members);
    }
  members = json_object_get_members (fields);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (merged, l->data,
                            json_node_copy (json_object_get_member (fields, l->data)));
  g_list_free (members);
  return check_language (merged, error) && check_phase (store, fields, error) &&
         survey_check_fields (merged, error);
}

static gint64
insert_survey (HelderStore *store,
               JsonObject *fields,
               JsonObject *template,
               const char *template_name,
               GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *slug = NULL;
  const char *language = json_object_get_string_member_with_default (fields, "language", "nl");
  const char *title = json_object_get_string_member_with_default (fields, "title", NULL);
  gint64 id;

  if (title == NULL && template != NULL)
    title =
      json_object_get_string_member (json_object_get_object_member (template, "title"), language);
  if (title == NULL || !helder_text_has_visible (title))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "title", _ ("title: a survey needs a title"));
      return 0;
    }
  if (json_object_has_member (fields, "slug"))
    slug = g_strdup (json_object_get_string_member (fields, "slug"));
  else if ((slug = slug_from_title (store, title, error)) == NULL)
    return 0;
  if (!check_slug (store, slug, 0, error))
    return 0;
  stmt = helder_store_prepare (store,
                               "INSERT INTO survey (slug, title, kind, template, language, intro,"
                               " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                               error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3,
                     template ? json_object_get_string_member (template, "kind") : "custom", -1,
                     SQLITE_TRANSIENT);
  if (template_name != NULL)
    sqlite3_bind_text (stmt, 4, template_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6,
                     template ? json_object_get_string_member (
                                  json_object_get_object_member (template, "intro"), language)
                              : "",
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (helder_store_get_db (store));
  if (!survey_row_write (store, id, fields, error) ||
      !survey_joins_write (store, id, fields, error) ||
      (template != NULL && !apply_template (store, id, template, language, error)))
    return 0;
  return id;
}

/**
 * survey_create:
 * @fields: the survey's columns and audience (arrays "groups", "roles",
 *   "persons", "statuses", "channels"), as typed and parsed
 * @template_name: (nullable): a questionnaire template, or %NULL
 *
 * Returns: the new survey's id, or 0 with @error set and nothing written.
 */
gint64
survey_create (HelderStore *store,
               JsonObject *fields,
               const char *template_name,
               const HelderAuditActor *actor,
               GError **error)
{
  g_autoptr (JsonObject) template = NULL;
  gint64 id;

  if (template_name != NULL && (template = survey_template_load (template_name, error)) == NULL)
    return 0;
  if (!check_merged (store, NULL, fields, error) || !helder_store_begin (store, error))
    return 0;
  id = insert_survey (store, fields, template, template_name, error);
  if (id == 0 || !survey_audit (store, actor, "create", "survey", id, template_name, error) ||
      !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return 0;
    }
  return id;
}

/**
 * survey_get:
 *
 * Returns: the survey's row with its audience, or %NULL with @error set.
 */
JsonObject *
survey_get (HelderStore *store, gint64 survey, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (JsonObject) row =
    survey_row_query (store, "SELECT * FROM survey WHERE id = ?1", survey, &local);

  if (row == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        helder_error_set (error, HELDER_ERROR_NOT_FOUND, "survey",
                          _ ("there is no survey %" PRId64), survey);
      return NULL;
    }
  if (!survey_joins_read (store, survey, row, error))
    return NULL;
  return g_steal_pointer (&row);
}

/**
 * survey_resolve:
 * @text: an id, a slug, or a part of one survey's title (case and accents
 *   ignored)
 *
 * Returns: the survey's id, or 0 with @error naming what was typed (and
 * the candidates when more than one fits).
 */
gint64
survey_resolve (HelderStore *store, const char *text, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT id, slug, title FROM survey ORDER BY id", error);
  g_autoptr (GString) fits = g_string_new (NULL);
  gint64 found = 0, number = 0;
  guint n = 0;
  char *end = NULL;
  int rc;

  if (stmt == NULL)
    return 0;
  if (text != NULL && g_ascii_isdigit (text[0]))
    number = g_ascii_strtoll (text, &end, 10);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *slug = (const char *) sqlite3_column_text (stmt, 1);
      const char *title = (const char *) sqlite3_column_text (stmt, 2);

      if ((end != NULL && *end == '\0' && id == number) || g_strcmp0 (slug, text) == 0)
        {
          sqlite3_reset (stmt);
          return id;
        }
      if (text != NULL && text[0] != '\0' && helder_text_fold_contains (title, text))
        {
          found = id;
          g_string_append_printf (fits, "%s%s", n++ ? ", " : "", slug);
        }
    }
  if (!helder_store_propagate (store, rc, error))
    return 0;
  if (n == 1)
    return found;
  if (n > 1)
    helder_error_set (error, HELDER_ERROR_INVALID, "survey",
                      _ ("survey: “%s” fits more than one survey (%s); give its slug"), text,
                      fits->str);
  else
    helder_error_set (error, HELDER_ERROR_NOT_FOUND, "survey",
                      _ ("survey: there is no survey “%s”; `helder survey list` shows them"),
                      text != NULL ? text : "");
  return 0;
}

static gboolean
only_governance (JsonObject *fields, GError **error)
{
  GList *members = json_object_get_members (fields);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (governance_columns, l->data))
      {
        helder_error_set (error, HELDER_ERROR_CONFLICT, l->data,
                          _ ("%s: the survey is no longer a draft; only its governance (purpose, "
                             "legal basis, works council, retention) can still change"),
                          (const char *) l->data);
        g_list_free (members);
        return FALSE;
      }
  g_list_free (members);
  return TRUE;
}

/**
 * survey_update:
 *
 * Changes a draft survey's columns and audience; once it is open or
 * closed only its governance record.
 */
gboolean
survey_update (HelderStore *store,
               gint64 survey,
               JsonObject *fields,
               const HelderAuditActor *actor,
               GError **error)
{
  g_autoptr (JsonObject) old = survey_get (store, survey, error);

  if (old == NULL)
    return FALSE;
  if (!g_str_equal (json_object_get_string_member (old, "status"), "draft") &&
      !only_governance (fields, error))
    return FALSE;
  if (json_object_has_member (fields, "slug") &&
      !check_slug (store, json_object_get_string_member (fields, "slug"), survey, error))
    return FALSE;
  if (json_object_has_member (fields, "title") &&
      !helder_text_has_visible (json_object_get_string_member (fields, "title")))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "title", _ ("title: a survey needs a title"));
      return FALSE;
    }
  if (!check_merged (store, old, fields, error) || !helder_store_begin (store, error))
    return FALSE;
  if (!survey_row_write (store, survey, fields, error) ||
      !survey_joins_write (store, survey, fields, error) ||
      !survey_audit (store, actor, "update", "survey", survey, NULL, error) ||
      !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
