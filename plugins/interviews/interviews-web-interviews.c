/* interviews-web-interviews.c — the project leader's interview pages: the
 * list with the plan form, one interview with its record form
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /interviews lists the interviews (?status=, ?kind=) with the form to
 * plan one: the kind (from the templates), a person or an organisation,
 * the interviewer, the day and time in the programme's zone, duration and
 * location; POST /interviews plans it (interview_plan()) and leads to it.
 * GET /interviews/{id} shows the interview, the items it noted and the
 * concerns it brought, and the record form: the template's questions with
 * an answer field each, notes (Markdown), a few rows for items (kind, name
 * and some fields) and a concern; POST /interviews/{id}/record sends it
 * all at once (interview_record(), one transaction). A refusal comes back
 * on the same page with the field named, nothing changed.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "concern-service.h"
#include "interview-service.h"
#include "interviews-web-private.h"
#include "inv-service.h"

/* The item rows of the record form, and the fields each row has. */
#define ITEM_ROWS 5
static const char *const row_fields[] = {
  "domain", "type", "version", "supplier", "owner", "from", "to", "protocol", "scope", "direction",
};

static const char *const statuses[] = { "planned", "recorded", "cancelled", NULL };
static const char *const areas[] = { "", "tab", "fab", "ia", "geo", "bi", NULL };
static const char *const types[] = {
  "",        "server",         "virtual-machine", "physical-host", "database",
  "storage", "network-device", "workplace",       "cloud-service", NULL
};
static const char *const scopes[] = { "", "internal", "external", NULL };
static const char *const directions[] = { "", "one-way", "two-way", NULL };

static const char *
area_label (const char *area)
{
  static const struct
  {
    const char *key, *label;
  } labels[] = {
    { "", N_ ("—") },
    { "tab", N_ ("technical application management") },
    { "fab", N_ ("functional application management") },
    { "ia", N_ ("information advice") },
    { "geo", N_ ("Geo") },
    { "bi", N_ ("BI/Data") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].key, area))
      return _ (labels[i].label);
  return area;
}

static const char *
kind_or_blank (const char *kind)
{
  return *kind ? inv_kind_label (kind) : _ ("—");
}

static const char *
word_or_blank (const char *value)
{
  return *value ? iv_web_word (value) : _ ("—");
}

/* A member that is a person or an item ({id, name}) or text, as text. */
static const char *
name_of (JsonObject *object, const char *member)
{
  JsonObject *inner = iv_web_object (object, member);
  const char *text;

  if (inner != NULL)
    object = inner, member = "name";
  text = iv_web_string (object, member);
  return text != NULL ? text : "";
}

/* The kinds of interview from the templates, in the request's language. */
static JsonArray *
kind_options (HelderWebRequest *request, const char *selected)
{
  g_autoptr (JsonArray) templates = interview_template_list ();
  gboolean en = g_strcmp0 (helder_web_request_get_lang (request), "en") == 0;
  JsonArray *options = json_array_new ();

  for (guint i = 0; templates != NULL && i < json_array_get_length (templates); i++)
    {
      JsonObject *t = json_array_get_object_element (templates, i);
      JsonObject *o = json_object_new ();
      const char *kind = iv_web_string (t, "kind");
      const char *title = iv_web_string (t, en ? "title_en" : "title");

      json_object_set_string_member (o, "value", kind != NULL ? kind : "");
      json_object_set_string_member (o, "label", title != NULL ? title : iv_web_word (kind));
      json_object_set_boolean_member (o, "selected", g_strcmp0 (kind, selected) == 0);
      json_array_add_object_element (options, o);
    }
  return options;
}

/* ---- the list and the plan form ------------------------------------------ */

static JsonObject *
plan_form (HelderWebRequest *request, GHashTable *form)
{
  JsonObject *f = json_object_new ();
  static const char *const texts[] = { "title", "person",   "organisation", "interviewer", "date",
                                       "time",  "duration", "location",     "online_url" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    json_object_set_string_member (f, texts[i], helder_web_form_text (form, texts[i]));
  if (form == NULL)
    json_object_set_string_member (f, "duration", "60");
  json_object_set_array_member (f, "kinds",
                                kind_options (request, helder_web_form_text (form, "kind")));
  json_object_set_array_member (
    f, "areas", iv_web_options (areas, area_label, helder_web_form_text (form, "area")));
  return f;
}

static gboolean
interview_rows (HelderWebRequest *request,
                const char *status,
                const char *kind,
                JsonObject *context)
{
  HelderStore *store = helder_web_request_get_store (request);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) all = interview_list (store, *status ? status : NULL, &error);
  JsonArray *rows = json_array_new ();

  json_object_set_array_member (context, "interviews", rows);
  if (all == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *iv = json_array_get_object_element (all, i);
      JsonObject *row;
      const char *planned = iv_web_string (iv, "planned_at");
      g_autofree char *when = planned != NULL ? helder_web_format_datetime (planned) : NULL;
      g_autofree char *href =
        g_strdup_printf ("/interviews/%" G_GINT64_FORMAT, json_object_get_int_member (iv, "id"));
      const char *who = json_object_get_boolean_member_with_default (iv, "person_erased", FALSE)
                          ? _ ("erased person")
                          : name_of (iv, "person_name");

      if (*kind && g_strcmp0 (iv_web_string (iv, "kind"), kind) != 0)
        continue;
      row = json_object_new ();
      json_object_set_string_member (row, "href", href);
      json_object_set_string_member (row, "title", name_of (iv, "title"));
      json_object_set_string_member (row, "kind", iv_web_word (iv_web_string (iv, "kind")));
      if (*who && *name_of (iv, "organisation"))
        {
          g_autofree char *both = g_strdup_printf ("%s (%s)", who, name_of (iv, "organisation"));
          json_object_set_string_member (row, "who", both);
        }
      else
        json_object_set_string_member (row, "who", *who ? who : name_of (iv, "organisation"));
      json_object_set_string_member (row, "when", when != NULL ? when : _ ("not planned yet"));
      json_object_set_string_member (row, "status", iv_web_word (iv_web_string (iv, "status")));
      json_object_set_string_member (row, "status_class", name_of (iv, "status"));
      json_array_add_object_element (rows, row);
    }
  json_object_set_int_member (context, "count", json_array_get_length (rows));
  json_object_set_boolean_member (context, "has_interviews", json_array_get_length (rows) > 0);
  return TRUE;
}

static void
respond_list (HelderWebRequest *request, guint status, GHashTable *form, const GError *error)
{
  g_autoptr (JsonObject) context = json_object_new ();
  const char *filter_status = helder_web_query_text (request, "status");
  const char *filter_kind = helder_web_query_text (request, "kind");
  const char *const *kinds = interview_kinds;

  if (*filter_status && !g_strv_contains (statuses, filter_status))
    {
      g_autofree char *message =
        g_strdup_printf (_ ("status: “%s” is not planned, recorded or cancelled"), filter_status);
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", "status", message);
      return;
    }
  if (*filter_kind && !g_strv_contains (kinds, filter_kind))
    {
      g_autofree char *message =
        g_strdup_printf (_ ("kind: there is no kind of interview “%s”"), filter_kind);
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", "kind", message);
      return;
    }
  if (!interview_rows (request, filter_status, filter_kind, context))
    return;
  json_object_set_array_member (context, "statuses",
                                iv_web_options (statuses, iv_web_word, filter_status));
  json_object_set_array_member (context, "kinds", iv_web_options (kinds, iv_web_word, filter_kind));
  json_object_set_object_member (context, "form", plan_form (request, form));
  json_object_set_boolean_member (context, "may_write",
                                  helder_web_request_may (request, "interviews.write"));
  if (error != NULL)
    helder_web_add_errors (context, error, NULL);
  helder_web_respond_page (request, status, "interviews/interviews", _ ("Interviews"), context);
}

/* GET /interviews */
void
iv_web_handle_interviews (HelderWebRequest *request)
{
  respond_list (request, SOUP_STATUS_OK, NULL, NULL);
}

static const char *
or_null (const char *text)
{
  return text != NULL && !helder_web_blank (text) ? text : NULL;
}

static gboolean
plan_from_form (GHashTable *form, InterviewPlan *plan, char **when, GError **error)
{
  const char *date = helder_web_form_text (form, "date");
  const char *time = helder_web_form_text (form, "time");
  const char *duration = helder_web_form_text (form, "duration");
  static const char *const limited[] = { "title",       "person",   "organisation",
                                         "interviewer", "location", "online_url" };

  for (guint i = 0; i < G_N_ELEMENTS (limited); i++)
    if (g_utf8_strlen (helder_web_form_text (form, limited[i]), -1) > 300)
      {
        helder_error_set (error, HELDER_ERROR_INVALID, limited[i],
                          _ ("%s: is longer than %d characters"), limited[i], 300);
        return FALSE;
      }
  memset (plan, 0, sizeof *plan);
  plan->kind = helder_web_form_text (form, "kind");
  plan->title = or_null (helder_web_form_text (form, "title"));
  plan->person = or_null (helder_web_form_text (form, "person"));
  plan->organisation = or_null (helder_web_form_text (form, "organisation"));
  plan->interviewer = or_null (helder_web_form_text (form, "interviewer"));
  plan->area = or_null (helder_web_form_text (form, "area"));
  plan->location = or_null (helder_web_form_text (form, "location"));
  plan->online_url = or_null (helder_web_form_text (form, "online_url"));
  if (helder_web_blank (date) && !helder_web_blank (time))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "date",
                        _ ("date: give the day of the interview with its time “%s”"), time);
      return FALSE;
    }
  *when = helder_web_blank (date)
            ? NULL
            : g_strdup_printf ("%s %s", date, helder_web_blank (time) ? "" : time);
  if (*when != NULL)
    g_strstrip (*when);
  plan->when = *when;
  if (!helder_web_blank (duration))
    {
      guint64 minutes = 0;

      if (!g_ascii_string_to_unsigned (duration, 10, 5, 600, &minutes, NULL))
        {
          helder_error_set (error, HELDER_ERROR_INVALID, "duration",
                            _ ("duration: “%s” is not a number of minutes from 5 to 600"),
                            duration);
          return FALSE;
        }
      plan->duration_minutes = (int) minutes;
    }
  return TRUE;
}

/* POST /interviews */
void
iv_web_handle_interview_plan (HelderWebRequest *request)
{
  g_autoptr (GHashTable) form = helder_web_read_form (request);
  g_autoptr (GError) error = NULL;
  HelderAuditActor actor = { 0 };
  g_autofree char *when = NULL;
  InterviewPlan plan;
  gint64 id = 0;

  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  helder_web_request_actor (request, &actor);
  if (!plan_from_form (form, &plan, &when, &error) ||
      !interview_plan (helder_web_request_get_store (request), &actor, &plan, &id, &error))
    {
      respond_list (request, helder_web_status_of (error, NULL), form, error);
      return;
    }
  {
    g_autofree char *location = g_strdup_printf ("/interviews/%" G_GINT64_FORMAT, id);
    helder_web_redirect (request, location);
  }
}

/* ---- one interview --------------------------------------------------------- */

/* The questions of the interview (its template's, for its area) with the
 * answers so far, or as the refused form had them. */
static JsonArray *
question_fields (HelderWebRequest *request, JsonObject *interview, GHashTable *form)
{
  gboolean en = g_strcmp0 (helder_web_request_get_lang (request), "en") == 0;
  JsonArray *questions = iv_web_array (interview, "questions");
  JsonArray *fields = json_array_new ();

  for (guint i = 0; questions != NULL && i < json_array_get_length (questions); i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);
      JsonObject *f = json_object_new ();
      const char *key = name_of (q, "key");
      g_autofree char *name = g_strconcat ("answer-", key, NULL);
      const char *text = iv_web_string (q, en ? "text_en" : "text");
      const char *answer = form != NULL ? helder_web_form_text (form, name) : name_of (q, "answer");

      json_object_set_string_member (f, "name", name);
      json_object_set_string_member (f, "key", key);
      json_object_set_string_member (f, "text", text != NULL && *text ? text : name_of (q, "text"));
      json_object_set_string_member (f, "help", name_of (q, "help"));
      json_object_set_string_member (f, "answer", answer);
      json_array_add_object_element (fields, f);
    }
  return fields;
}

static JsonArray *
item_rows (GHashTable *form)
{
  JsonArray *rows = json_array_new ();

  for (int r = 1; r <= ITEM_ROWS; r++)
    {
      JsonObject *row = json_object_new ();
      g_autofree char *kind_name = g_strdup_printf ("item%d-kind", r);
      g_autofree char *name_name = g_strdup_printf ("item%d-name", r);
      g_autofree char *type_name = g_strdup_printf ("item%d-type", r);
      g_autofree char *scope_name = g_strdup_printf ("item%d-scope", r);
      g_autofree char *dir_name = g_strdup_printf ("item%d-direction", r);
      g_autoptr (GStrvBuilder) kinds = g_strv_builder_new ();
      g_auto (GStrv) kind_values = NULL;

      g_strv_builder_add (kinds, "");
      for (guint k = 0; inv_kinds[k] != NULL; k++)
        g_strv_builder_add (kinds, inv_kinds[k]);
      kind_values = g_strv_builder_end (kinds);
      json_object_set_int_member (row, "row", r);
      json_object_set_array_member (row, "kinds",
                                    iv_web_options ((const char *const *) kind_values,
                                                    kind_or_blank,
                                                    helder_web_form_text (form, kind_name)));
      json_object_set_string_member (row, "name", helder_web_form_text (form, name_name));
      for (guint f = 0; f < G_N_ELEMENTS (row_fields); f++)
        {
          g_autofree char *field = g_strdup_printf ("item%d-%s", r, row_fields[f]);
          json_object_set_string_member (row, row_fields[f], helder_web_form_text (form, field));
        }
      json_object_set_array_member (
        row, "types",
        iv_web_options (types, word_or_blank, helder_web_form_text (form, type_name)));
      json_object_set_array_member (
        row, "scopes",
        iv_web_options (scopes, word_or_blank, helder_web_form_text (form, scope_name)));
      json_object_set_array_member (
        row, "directions",
        iv_web_options (directions, word_or_blank, helder_web_form_text (form, dir_name)));
      json_array_add_object_element (rows, row);
    }
  return rows;
}

static JsonArray *
noted_items (HelderStore *store, gint64 interview, GError **error)
{
  InvFilter filter = { .interview = interview };
  g_autoptr (JsonArray) items = inv_item_list (store, &filter, error);
  JsonArray *rows;

  if (items == NULL)
    return NULL;
  rows = json_array_new ();
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *row = json_object_new ();
      g_autofree char *href = g_strdup_printf ("/inventory/items/%" G_GINT64_FORMAT,
                                               json_object_get_int_member (item, "id"));

      json_object_set_string_member (row, "href", href);
      json_object_set_string_member (row, "name", name_of (item, "name"));
      json_object_set_string_member (row, "kind", inv_kind_label (name_of (item, "kind")));
      json_object_set_string_member (row, "domain", name_of (item, "domain"));
      json_object_set_int_member (row, "sources",
                                  json_object_get_int_member_with_default (item, "sources", 0));
      json_object_set_int_member (row, "conflicts",
                                  json_object_get_int_member_with_default (item, "conflicts", 0));
      json_array_add_object_element (rows, row);
    }
  return rows;
}

static JsonArray *
brought_concerns (HelderWebRequest *request, gint64 interview, GError **error)
{
  g_autoptr (JsonArray) all = concern_list (helder_web_request_get_store (request), NULL, NULL,
                                            NULL, helder_web_request_get_today (request), error);
  JsonArray *rows;

  if (all == NULL)
    return NULL;
  rows = json_array_new ();
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *c = json_array_get_object_element (all, i);
      JsonObject *row;

      if (json_object_get_int_member_with_default (c, "interview", 0) != interview)
        continue;
      row = json_object_new ();
      json_object_set_string_member (row, "text", name_of (c, "text"));
      json_object_set_string_member (row, "theme", name_of (c, "theme_name"));
      json_object_set_string_member (row, "status", iv_web_word (name_of (c, "status")));
      json_array_add_object_element (rows, row);
    }
  return rows;
}

static void
respond_interview (HelderWebRequest *request,
                   gint64 id,
                   guint status,
                   GHashTable *form,
                   const GError *problem)
{
  HelderStore *store = helder_web_request_get_store (request);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) interview = interview_get (store, id, &error);
  g_autoptr (JsonObject) context = json_object_new ();
  JsonObject *view;
  JsonArray *items, *concerns;
  const char *planned, *notes;

  if (interview == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  items = noted_items (store, id, &error);
  concerns = items != NULL ? brought_concerns (request, id, &error) : NULL;
  if (concerns == NULL)
    {
      g_clear_pointer (&items, json_array_unref);
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  view = json_object_new ();
  json_object_set_int_member (view, "id", id);
  json_object_set_string_member (view, "title", name_of (interview, "title"));
  json_object_set_string_member (view, "kind", iv_web_word (name_of (interview, "kind")));
  json_object_set_string_member (view, "status", iv_web_word (name_of (interview, "status")));
  json_object_set_string_member (view, "status_class", name_of (interview, "status"));
  json_object_set_string_member (view, "person", name_of (interview, "person_name"));
  json_object_set_boolean_member (
    view, "person_erased",
    json_object_get_boolean_member_with_default (interview, "person_erased", FALSE));
  json_object_set_string_member (view, "organisation", name_of (interview, "organisation"));
  json_object_set_string_member (view, "interviewer", name_of (interview, "interviewer_name"));
  json_object_set_string_member (view, "area", area_label (name_of (interview, "area")));
  json_object_set_string_member (view, "location", name_of (interview, "location"));
  json_object_set_string_member (view, "online_url", name_of (interview, "online_url"));
  planned = iv_web_string (interview, "planned_at");
  if (planned != NULL)
    {
      g_autofree char *when = helder_web_format_datetime (planned);
      json_object_set_string_member (view, "when", when);
    }
  json_object_set_int_member (
    view, "duration", json_object_get_int_member_with_default (interview, "duration_minutes", 60));
  notes = form != NULL ? helder_web_form_text (form, "notes") : name_of (interview, "notes");
  json_object_set_string_member (view, "notes", notes);
  if (*name_of (interview, "notes"))
    {
      g_autofree char *html = helder_web_markdown (name_of (interview, "notes"));
      json_object_set_string_member (view, "notes_html", html);
    }
  json_object_set_boolean_member (view, "recorded",
                                  form == NULL &&
                                    g_str_equal (helder_web_query_text (request, "recorded"), "1"));
  json_object_set_array_member (view, "questions", question_fields (request, interview, form));
  json_object_set_array_member (view, "items", items);
  json_object_set_boolean_member (view, "has_items", json_array_get_length (items) > 0);
  json_object_set_array_member (view, "concerns", concerns);
  json_object_set_boolean_member (view, "has_concerns", json_array_get_length (concerns) > 0);
  json_object_set_array_member (view, "rows", item_rows (form));
  json_object_set_string_member (view, "concern_text", helder_web_form_text (form, "concern-text"));
  json_object_set_boolean_member (view, "concern_named",
                                  form != NULL && g_hash_table_contains (form, "concern-named"));
  {
    JsonArray *themes =
      iv_web_theme_options (request, helder_web_form_text (form, "concern-theme"), &error);
    if (themes == NULL)
      {
        json_object_unref (view);
        helder_web_respond_gerror (request, NULL, error);
        return;
      }
    json_object_set_array_member (view, "themes", themes);
  }
  json_object_set_boolean_member (view, "may_write",
                                  helder_web_request_may (request, "interviews.write") &&
                                    g_strcmp0 (name_of (interview, "status"), "cancelled") != 0);
  json_object_set_object_member (context, "interview", view);
  if (problem != NULL)
    helder_web_add_errors (context, problem, NULL);
  helder_web_respond_page (request, status, "interviews/interview", name_of (interview, "title"),
                           context);
}

/* GET /interviews/{id} */
void
iv_web_handle_interview (HelderWebRequest *request)
{
  gint64 id = iv_web_id_param (request, "interview", _ ("interview"));

  if (id > 0)
    respond_interview (request, id, SOUP_STATUS_OK, NULL, NULL);
}

static gboolean
add_item_row (GHashTable *form, int r, JsonArray *items, GError **error)
{
  g_autofree char *kind_name = g_strdup_printf ("item%d-kind", r);
  g_autofree char *name_name = g_strdup_printf ("item%d-name", r);
  const char *kind = helder_web_form_text (form, kind_name);
  const char *name = helder_web_form_text (form, name_name);
  gboolean any = !helder_web_blank (name);
  JsonObject *item;

  for (guint f = 0; f < G_N_ELEMENTS (row_fields); f++)
    {
      g_autofree char *field = g_strdup_printf ("item%d-%s", r, row_fields[f]);
      const char *value = helder_web_form_text (form, field);

      if (g_utf8_strlen (value, -1) > 300)
        {
          helder_error_set (error, HELDER_ERROR_INVALID, field,
                            _ ("%s: is longer than %d characters"), field, 300);
          return FALSE;
        }
      any = any || !helder_web_blank (value);
    }
  if (!any && helder_web_blank (kind))
    return TRUE;
  if (helder_web_blank (kind))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, kind_name,
                        _ ("%s: choose the kind of item “%s”"), kind_name, name);
      return FALSE;
    }
  if (!inv_kind_check (kind, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, kind_name,
                        _ ("%s: there is no kind of item “%s”"), kind_name, kind);
      return FALSE;
    }
  if (helder_web_blank (name) && !g_str_equal (kind, "coupling"))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, name_name, _ ("%s: give the item a name"),
                        name_name);
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > 200)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, name_name,
                        _ ("%s: is longer than %d characters"), name_name, 200);
      return FALSE;
    }
  item = json_object_new ();
  json_object_set_string_member (item, "kind", kind);
  json_object_set_string_member (item, "name", name);
  for (guint f = 0; f < G_N_ELEMENTS (row_fields); f++)
    {
      g_autofree char *field = g_strdup_printf ("item%d-%s", r, row_fields[f]);
      const char *value = helder_web_form_text (form, field);

      if (!helder_web_blank (value))
        json_object_set_string_member (item, row_fields[f], value);
    }
  json_array_add_object_element (items, item);
  return TRUE;
}

JsonObject *
iv_web_record_from_form (GHashTable *form, GError **error)
{
  g_autoptr (JsonObject) record = json_object_new ();
  JsonObject *answers = json_object_new ();
  JsonArray *items = json_array_new ();
  GHashTableIter iter;
  gpointer key, value;
  g_autofree char *notes = helder_web_form_multiline (form, "notes");
  g_autofree char *concern = helder_web_form_multiline (form, "concern-text");

  json_object_set_object_member (record, "answers", answers);
  json_object_set_array_member (record, "items", items);
  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, "answer-"))
      {
        g_autofree char *text = helder_web_form_multiline (form, key);

        if (g_utf8_strlen (text, -1) > 10000)
          {
            helder_error_set (error, HELDER_ERROR_INVALID, key,
                              _ ("%s: is longer than %d characters"), (const char *) key, 10000);
            return NULL;
          }
        json_object_set_string_member (answers, (const char *) key + strlen ("answer-"), text);
      }
  if (g_utf8_strlen (notes, -1) > 50000)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "notes",
                        _ ("%s: is longer than %d characters"), "notes", 50000);
      return NULL;
    }
  json_object_set_string_member (record, "notes", notes);
  for (int r = 1; r <= ITEM_ROWS; r++)
    if (!add_item_row (form, r, items, error))
      return NULL;
  if (!helder_web_blank (concern))
    {
      JsonArray *concerns = json_array_new ();
      JsonObject *c = json_object_new ();
      const char *theme = helder_web_form_text (form, "concern-theme");

      json_object_set_string_member (c, "text", concern);
      if (*theme)
        json_object_set_string_member (c, "theme", theme);
      json_object_set_boolean_member (c, "named", g_hash_table_contains (form, "concern-named"));
      json_array_add_object_element (concerns, c);
      json_object_set_array_member (record, "concerns", concerns);
    }
  return g_steal_pointer (&record);
}

/* POST /interviews/{id}/record */
void
iv_web_handle_interview_record (HelderWebRequest *request)
{
  gint64 id = iv_web_id_param (request, "interview", _ ("interview"));
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) record = NULL;
  g_autoptr (GError) error = NULL;
  HelderAuditActor actor = { 0 };

  if (id <= 0 || (form = helder_web_read_form (request)) == NULL ||
      !helder_web_check_csrf (request, form))
    return;
  helder_web_request_actor (request, &actor);
  record = iv_web_record_from_form (form, &error);
  if (record == NULL ||
      !interview_record (helder_web_request_get_store (request), &actor, id, record, &error))
    {
      respond_interview (request, id, helder_web_status_of (error, NULL), form, error);
      return;
    }
  {
    g_autofree char *location = g_strdup_printf ("/interviews/%" G_GINT64_FORMAT "?recorded=1", id);
    helder_web_redirect (request, location);
  }
}
