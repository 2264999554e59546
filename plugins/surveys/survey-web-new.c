/* survey-web-new.c — the advisor's forms: a new survey, and a survey's
 * governance record
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GET shows the form, a POST checks the form token and every field the
 * page itself can judge (numbers, dates), then hands the values to
 * survey_create() or survey_update(), which apply the rules the CLI
 * shares and write in one audited transaction. With a problem the form
 * comes back with what was typed and each problem next to its field, and
 * nothing is stored. Checkboxes are one field each ("group-SLUG"), so
 * that the form reads as a plain table of names and values.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "survey-define.h"
#include "survey-web-private.h"

static const char *const templates[] = { "pulse", "readiness", "experience", "evaluation" };
static const char *const bases[] = { "public_task", "legitimate_interest", "legal_obligation" };
static const char *const councils[] = { "agreed", "not_required", "pending", "refused" };
static const char *const statuses[] = { "draft", "decided", "discussed", "accepted", "objection" };

/* ---- what the form shows -------------------------------------------------------- */

static JsonArray *
choices (const char *const *values, guint n, const char *chosen, const char *prefix)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_object_new ();
      g_autofree char *id = g_strdup_printf ("%s-%s", prefix, values[i]);

      json_object_set_string_member (item, "id", id);
      json_object_set_string_member (item, "value", values[i]);
      json_object_set_string_member (item, "label", survey_web_word (values[i]));
      json_object_set_boolean_member (item, "checked", g_strcmp0 (chosen, values[i]) == 0);
      json_array_add_object_element (array, item);
    }
  return array;
}

/* The rows of @sql (slug, name) as checkboxes "PREFIX-SLUG". */
static JsonArray *
row_checkboxes (HelderStore *store,
                const char *sql,
                const char *prefix,
                GHashTable *typed,
                GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  g_autoptr (JsonArray) array = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *item = json_object_new ();
      const char *slug = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *name = g_strdup_printf ("%s-%s", prefix, slug);

      json_object_set_string_member (item, "name", name);
      json_object_set_string_member (item, "label", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_boolean_member (item, "checked",
                                      helder_web_form_text (typed, name)[0] != '\0');
      json_array_add_object_element (array, item);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&array);
}

static JsonArray *
status_checkboxes (GHashTable *typed)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      JsonObject *item = json_object_new ();
      g_autofree char *name = g_strdup_printf ("status-%s", statuses[i]);

      json_object_set_string_member (item, "name", name);
      json_object_set_string_member (item, "label", survey_web_word (statuses[i]));
      json_object_set_boolean_member (item, "checked",
                                      helder_web_form_text (typed, name)[0] != '\0');
      json_array_add_object_element (array, item);
    }
  return array;
}

static const char *const text_fields[] = {
  "title",     "opens_at", "closes_at",        "repeat_days",
  "threshold", "purpose",  "works_council_on", "retention_months",
};

static JsonObject *
typed_values (GHashTable *typed)
{
  JsonObject *form = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    json_object_set_string_member (form, text_fields[i],
                                   helder_web_form_text (typed, text_fields[i]));
  return form;
}

/* ---- reading the form ---------------------------------------------------------- */

typedef struct
{
  GString *messages;
  GString *fields;
} Problems;

static void
problem (Problems *problems, const char *field, const char *message)
{
  g_string_append_printf (problems->messages, "%s%s", problems->messages->len ? "\n" : "", message);
  g_string_append_printf (problems->fields, "%s%s", problems->fields->len ? "\n" : "", field);
}

static void
read_number (GHashTable *typed,
             const char *field,
             const char *label,
             JsonObject *fields,
             Problems *problems)
{
  const char *text = g_strstrip (g_strdup (helder_web_form_text (typed, field)));
  guint64 value;

  if (*text == '\0')
    {
      g_free ((char *) text);
      return;
    }
  if (strlen (text) <= 6 && g_ascii_string_to_unsigned (text, 10, 0, 999999, &value, NULL))
    json_object_set_int_member (fields, field, (gint64) value);
  else
    {
      g_autofree char *message =
        g_strdup_printf (_ ("%s: “%s” is not a whole number"), label, text);
      problem (problems, field, message);
    }
  g_free ((char *) text);
}

static void
read_when (GHashTable *typed,
           const char *field,
           gboolean end_of_day,
           JsonObject *fields,
           Problems *problems)
{
  const char *text = helder_web_form_text (typed, field);
  g_autoptr (GError) error = NULL;
  g_autofree char *utc = NULL;

  if (*text == '\0')
    return;
  utc = survey_parse_when (field, text, end_of_day, &error);
  if (utc == NULL)
    problem (problems, field, error->message);
  else
    json_object_set_string_member (fields, field, utc);
}

static void
read_choice (GHashTable *typed,
             const char *field,
             const char *const *values,
             guint n,
             JsonObject *fields,
             Problems *problems)
{
  const char *text = helder_web_form_text (typed, field);

  if (*text == '\0')
    return;
  for (guint i = 0; i < n; i++)
    if (g_str_equal (text, values[i]))
      {
        json_object_set_string_member (fields, field, text);
        return;
      }
  {
    g_autofree char *message =
      g_strdup_printf (_ ("%s: “%s” is not one of the choices"), field, text);
    problem (problems, field, message);
  }
}

/* The checked "PREFIX-VALUE" fields as an array of VALUE. */
static JsonArray *
read_checked (GHashTable *typed, const char *prefix)
{
  JsonArray *array = json_array_new ();
  g_autofree char *start = g_strconcat (prefix, "-", NULL);
  g_autoptr (GList) keys = g_hash_table_get_keys (typed);

  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, start) && helder_web_form_text (typed, l->data)[0] != '\0')
      json_array_add_string_element (array, (const char *) l->data + strlen (start));
  return array;
}

static void
read_governance (GHashTable *typed, JsonObject *fields, Problems *problems)
{
  g_autofree char *purpose = helder_web_form_multiline (typed, "purpose");
  const char *council_on = helder_web_form_text (typed, "works_council_on");

  json_object_set_string_member (fields, "purpose", g_strstrip (purpose));
  read_choice (typed, "legal_basis", bases, G_N_ELEMENTS (bases), fields, problems);
  read_choice (typed, "works_council", councils, G_N_ELEMENTS (councils), fields, problems);
  if (*council_on != '\0')
    json_object_set_string_member (fields, "works_council_on", council_on);
  read_number (typed, "retention_months", _ ("retention (months)"), fields, problems);
}

static JsonObject *
read_new (GHashTable *typed, GError **error)
{
  g_autoptr (JsonObject) fields = json_object_new ();
  Problems problems = { g_string_new (NULL), g_string_new (NULL) };
  g_autofree char *title = g_strstrip (g_strdup (helder_web_form_text (typed, "title")));
  gboolean ok;

  json_object_set_string_member (fields, "title", title);
  read_when (typed, "opens_at", FALSE, fields, &problems);
  read_when (typed, "closes_at", TRUE, fields, &problems);
  read_number (typed, "repeat_days", _ ("every how many days"), fields, &problems);
  read_number (typed, "threshold", _ ("threshold"), fields, &problems);
  json_object_set_array_member (fields, "groups", read_checked (typed, "group"));
  json_object_set_array_member (fields, "roles", read_checked (typed, "role"));
  json_object_set_array_member (fields, "statuses", read_checked (typed, "status"));
  read_governance (typed, fields, &problems);
  ok = problems.messages->len == 0;
  if (!ok)
    helder_error_set (error, HELDER_ERROR_INVALID, problems.fields->str, "%s",
                      problems.messages->str);
  g_string_free (problems.messages, TRUE);
  g_string_free (problems.fields, TRUE);
  return ok ? g_steal_pointer (&fields) : NULL;
}

/* ---- the new survey ------------------------------------------------------------- */

static void
respond_new (HelderWebRequest *request, guint status, GHashTable *typed, const GError *problem_)
{
  HelderStore *store = helder_web_request_get_store (request);
  g_autoptr (JsonObject) context = json_object_new ();
  JsonObject *form = typed_values (typed);
  g_autoptr (GError) error = NULL;
  JsonArray *groups, *roles;

  json_object_set_object_member (context, "form", form);
  groups = row_checkboxes (store, "SELECT slug, name FROM stakeholder_group ORDER BY name", "group",
                           typed, &error);
  if (groups == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  json_object_set_array_member (form, "groups", groups);
  roles =
    row_checkboxes (store, "SELECT slug, name FROM role ORDER BY name", "role", typed, &error);
  if (roles == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  json_object_set_array_member (form, "roles", roles);
  json_object_set_array_member (form, "statuses", status_checkboxes (typed));
  json_object_set_array_member (form, "templates",
                                choices (templates, G_N_ELEMENTS (templates),
                                         helder_web_form_text (typed, "template"), "template"));
  json_object_set_array_member (form, "bases",
                                choices (bases, G_N_ELEMENTS (bases),
                                         helder_web_form_text (typed, "legal_basis"),
                                         "legal_basis"));
  json_object_set_array_member (form, "councils",
                                choices (councils, G_N_ELEMENTS (councils),
                                         helder_web_form_text (typed, "works_council"),
                                         "works_council"));
  json_object_set_boolean_member (form, "scratch",
                                  helder_web_form_text (typed, "template")[0] == '\0');
  if (problem_ != NULL)
    helder_web_add_errors (context, problem_, NULL);
  helder_web_respond_page (request, status, "surveys/new", _ ("New survey"), context);
}

/* GET /surveys/new */
void
survey_web_handle_new (HelderWebRequest *request)
{
  g_autoptr (GHashTable) typed = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (typed, "threshold", "5");
  g_hash_table_insert (typed, "template", "pulse");
  respond_new (request, SOUP_STATUS_OK, typed, NULL);
}

static gboolean
check_template (const char *name, GError **error)
{
  if (*name == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (g_str_equal (name, templates[i]))
      return TRUE;
  helder_error_set (error, HELDER_ERROR_INVALID, "template",
                    _ ("template: “%s” is not one of the templates"), name);
  return FALSE;
}

/* POST /surveys/new */
void
survey_web_handle_create (HelderWebRequest *request)
{
  g_autoptr (GHashTable) typed = helder_web_read_form (request);
  g_autoptr (JsonObject) fields = NULL;
  g_autoptr (GError) error = NULL;
  HelderAuditActor actor;
  const char *template_name;
  gint64 id;

  if (typed == NULL || !helder_web_check_csrf (request, typed))
    return;
  template_name = helder_web_form_text (typed, "template");
  if (!check_template (template_name, &error) || (fields = read_new (typed, &error)) == NULL)
    {
      respond_new (request, SOUP_STATUS_BAD_REQUEST, typed, error);
      return;
    }
  helder_web_request_actor (request, &actor);
  id = survey_create (helder_web_request_get_store (request), fields,
                      *template_name != '\0' ? template_name : NULL, &actor, &error);
  if (id == 0)
    {
      if (helder_web_status_of (error, NULL) >= 500)
        helder_web_respond_gerror (request, NULL, error);
      else
        respond_new (request, helder_web_status_of (error, NULL), typed, error);
      return;
    }
  {
    g_autofree char *location = g_strdup_printf ("/surveys/%" PRId64, id);
    helder_web_redirect (request, location);
  }
}

/* ---- governance ---------------------------------------------------------------------- */

static void
respond_governance (HelderWebRequest *request,
                    guint status,
                    gint64 survey,
                    GHashTable *typed,
                    const GError *problem_)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) row = survey_get (helder_web_request_get_store (request), survey, &error);
  g_autoptr (JsonObject) context = json_object_new ();
  g_autoptr (GHashTable) values = NULL;
  JsonObject *form;

  if (row == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  if (typed == NULL)
    {
      static const char *const members[] = { "purpose", "legal_basis", "works_council",
                                             "works_council_on" };

      values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        g_hash_table_insert (
          values, (gpointer) members[i],
          g_strdup (json_object_get_string_member_with_default (row, members[i], "")));
      if (json_object_has_member (row, "retention_months") &&
          !json_object_get_null_member (row, "retention_months"))
        g_hash_table_insert (
          values, "retention_months",
          g_strdup_printf ("%" PRId64, json_object_get_int_member (row, "retention_months")));
      typed = values;
    }
  form = typed_values (typed);
  json_object_set_object_member (context, "form", form);
  json_object_set_int_member (context, "id", survey);
  json_object_set_string_member (context, "title",
                                 json_object_get_string_member_with_default (row, "title", ""));
  json_object_set_array_member (form, "bases",
                                choices (bases, G_N_ELEMENTS (bases),
                                         helder_web_form_text (typed, "legal_basis"),
                                         "legal_basis"));
  json_object_set_array_member (form, "councils",
                                choices (councils, G_N_ELEMENTS (councils),
                                         helder_web_form_text (typed, "works_council"),
                                         "works_council"));
  if (problem_ != NULL)
    helder_web_add_errors (context, problem_, NULL);
  helder_web_respond_page (request, status, "surveys/governance", _ ("Governance"), context);
}

/* GET /surveys/{id}/governance */
void
survey_web_handle_governance (HelderWebRequest *request)
{
  gint64 survey = survey_web_survey_param (request);

  if (survey != 0)
    respond_governance (request, SOUP_STATUS_OK, survey, NULL, NULL);
}

/* POST /surveys/{id}/governance */
void
survey_web_handle_governance_save (HelderWebRequest *request)
{
  gint64 survey = survey_web_survey_param (request);
  g_autoptr (GHashTable) typed = NULL;
  g_autoptr (JsonObject) fields = json_object_new ();
  g_autoptr (GError) error = NULL;
  Problems problems = { g_string_new (NULL), g_string_new (NULL) };
  HelderAuditActor actor;
  gboolean ok;

  if (survey == 0 || (typed = helder_web_read_form (request)) == NULL ||
      !helder_web_check_csrf (request, typed))
    goto out;
  read_governance (typed, fields, &problems);
  if (problems.messages->len > 0)
    {
      helder_error_set (&error, HELDER_ERROR_INVALID, problems.fields->str, "%s",
                        problems.messages->str);
      respond_governance (request, SOUP_STATUS_BAD_REQUEST, survey, typed, error);
      goto out;
    }
  helder_web_request_actor (request, &actor);
  ok = survey_update (helder_web_request_get_store (request), survey, fields, &actor, &error);
  if (!ok && helder_web_status_of (error, NULL) >= 500)
    helder_web_respond_gerror (request, NULL, error);
  else if (!ok)
    respond_governance (request, helder_web_status_of (error, NULL), survey, typed, error);
  else
    {
      g_autofree char *location = g_strdup_printf ("/surveys/%" PRId64, survey);
      helder_web_redirect (request, location);
    }
out:
  g_string_free (problems.messages, TRUE);
  g_string_free (problems.fields, TRUE);
}
