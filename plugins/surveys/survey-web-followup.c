/* survey-web-followup.c — "what you told us and what we do with it" on the web
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /surveys/{id}/follow-up[?round=N] shows the form for a closed
 * round's follow-up: title and text (Markdown), optionally in English, and
 * when it goes out (default: now). POST checks the form token and every
 * field, each problem next to its field, then hands the values to
 * survey_followup_create() (survey-messages-followup.c), the same service
 * as `helder survey follow-up`, which writes the moment, links it to the
 * round and audits both in one transaction. With a problem nothing is
 * stored; on success the browser goes to the round's results, which show
 * the follow-up as a note.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "survey-messages.h"
#include "survey-web-private.h"

#define MAX_TITLE 200
#define MAX_BODY  20000

static const char *const text_fields[] = {
  "round", "title", "body", "title_en", "body_en", "when"
};

/* The closed rounds of @survey that have no follow-up yet, newest first:
 * [{number, label, selected}]. */
static JsonArray *
open_rounds (HelderStore *store, gint64 survey, const char *chosen, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT number, closes_at FROM survey_round WHERE survey = ?1"
    " AND status IN ('closed', 'reduced') AND followup IS NULL ORDER BY number DESC",
    error);
  g_autoptr (JsonArray) rounds = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, survey);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *item = json_object_new ();
      g_autofree char *number = g_strdup_printf ("%d", sqlite3_column_int (stmt, 0));
      g_autofree char *closed =
        helder_web_format_datetime ((const char *) sqlite3_column_text (stmt, 1));
      /* TRANSLATORS: a round in the follow-up form's list: its number and when it closed */
      g_autofree char *label = g_strdup_printf (_ ("round %s, closed %s"), number, closed);

      json_object_set_string_member (item, "number", number);
      json_object_set_string_member (item, "label", label);
      json_object_set_boolean_member (item, "selected", g_strcmp0 (chosen, number) == 0);
      json_array_add_object_element (rounds, item);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&rounds);
}

/* The form's field for a service's field. */
static char *
anchor_of (const char *field)
{
  if (g_str_equal (field, "scheduled_at"))
    return g_strdup ("when");
  if (g_str_equal (field, "audience"))
    return NULL;
  return g_strdup (field);
}

static void
respond_form (HelderWebRequest *request,
              guint status,
              gint64 survey,
              GHashTable *typed,
              const GError *problem_)
{
  HelderStore *store = helder_web_request_get_store (request);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) row = survey_get (store, survey, &error);
  g_autoptr (JsonObject) context = json_object_new ();
  JsonObject *form;
  JsonArray *rounds;
  g_autofree char *title = NULL;

  if (row == NULL ||
      (rounds = open_rounds (store, survey, helder_web_form_text (typed, "round"), &error)) == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  form = json_object_new ();
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    json_object_set_string_member (form, text_fields[i],
                                   helder_web_form_text (typed, text_fields[i]));
  json_object_set_boolean_member (form, "has_rounds", json_array_get_length (rounds) > 0);
  json_object_set_array_member (form, "rounds", rounds);
  json_object_set_object_member (context, "form", form);
  json_object_set_int_member (context, "id", survey);
  json_object_set_string_member (context, "title",
                                 json_object_get_string_member_with_default (row, "title", ""));
  if (problem_ != NULL)
    helder_web_add_errors (context, problem_, anchor_of);
  title = g_strdup_printf (_ ("Follow-up: %s"),
                           json_object_get_string_member_with_default (row, "title", ""));
  helder_web_respond_page (request, status, "surveys/followup", title, context);
}

/* GET /surveys/{id}/follow-up[?round=N] */
void
survey_web_handle_followup (HelderWebRequest *request)
{
  gint64 survey = survey_web_survey_param (request);
  g_autoptr (GHashTable) typed = NULL;
  gint64 round;

  if (survey == 0 || (round = survey_web_round_query (request)) < 0)
    return;
  typed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  if (round > 0)
    g_hash_table_insert (typed, "round", g_strdup_printf ("%" PRId64, round));
  /* "when" starts empty, which means now: a time filled in here would
   * have passed by the time someone who writes for a few minutes sends. */
  respond_form (request, SOUP_STATUS_OK, survey, typed, NULL);
}

/* ---- reading the form -------------------------------------------------------- */

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

/* A text field: required or not, valid UTF-8, at most @max bytes, no
 * control characters but line breaks and tabs. */
static char *
read_text (GHashTable *typed,
           const char *field,
           const char *label,
           gboolean required,
           gsize max,
           Problems *problems)
{
  g_autofree char *text = helder_web_form_multiline (typed, field);
  g_autofree char *message = NULL;

  g_strstrip (text);
  if (!g_utf8_validate (text, -1, NULL))
    message = g_strdup_printf (_ ("%s: the text is not valid UTF-8"), label);
  else if (*text == '\0' && required)
    message = g_strdup_printf (_ ("%s: give the text (it is empty)"), label);
  else if (strlen (text) > max)
    message = g_strdup_printf (_ ("%s: the text is longer than %u characters"), label, (guint) max);
  else
    for (const char *p = text; *p && message == NULL; p++)
      if ((guchar) *p < 0x20 && *p != '\n' && *p != '\t')
        message = g_strdup_printf (_ ("%s: the text holds a control character"), label);
  if (message != NULL)
    {
      problem (problems, field, message);
      return NULL;
    }
  return *text == '\0' ? NULL : g_steal_pointer (&text);
}

typedef struct
{
  guint round;
  char *title, *body, *title_en, *body_en, *when;
} Followup;

static void
followup_clear (Followup *f)
{
  g_free (f->title);
  g_free (f->body);
  g_free (f->title_en);
  g_free (f->body_en);
  g_free (f->when);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Followup, followup_clear)

static void
read_round (HelderStore *store, gint64 survey, GHashTable *typed, Followup *out, Problems *problems)
{
  const char *text = helder_web_form_text (typed, "round");
  g_autoptr (JsonArray) rounds = NULL;
  g_autofree char *message = NULL;
  gint64 number = helder_web_parse_id (text);

  if (*text == '\0')
    message = g_strdup (_ ("Round: choose the round this follow-up is about"));
  else if (number < 1 || number > 10000)
    message = g_strdup_printf (_ ("Round: “%s” is not the number of a round"), text);
  else if ((rounds = open_rounds (store, survey, NULL, NULL)) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (rounds); i++)
        if (g_str_equal (
              json_object_get_string_member (json_array_get_object_element (rounds, i), "number"),
              text))
          {
            out->round = (guint) number;
            return;
          }
      message = g_strdup_printf (
        _ ("Round: round %s is not a closed round of this survey without a follow-up"), text);
    }
  if (message != NULL)
    problem (problems, "round", message);
}

static void
read_when (GHashTable *typed, Followup *out, Problems *problems)
{
  g_autofree char *text = g_strstrip (g_strdup (helder_web_form_text (typed, "when")));
  g_autoptr (GError) error = NULL;
  g_autofree char *now = helder_clock_now_utc ();

  if (*text == '\0')
    return;
  out->when = survey_parse_when (_ ("When"), text, FALSE, &error);
  if (out->when == NULL)
    problem (problems, "when", error->message);
  else if (strcmp (out->when, now) < 0)
    {
      /* A minute typed as now has begun already: that is now. */
      g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 (out->when, NULL);
      g_autoptr (GDateTime) current = g_date_time_new_from_iso8601 (now, NULL);

      if (at != NULL && current != NULL &&
          g_date_time_difference (current, at) < G_TIME_SPAN_MINUTE)
        g_clear_pointer (&out->when, g_free);
      else
        {
          g_autofree char *message =
            g_strdup_printf (_ ("When: “%s” has passed; give a time from now on"), text);
          problem (problems, "when", message);
          g_clear_pointer (&out->when, g_free);
        }
    }
}

static gboolean
read_form (HelderStore *store, gint64 survey, GHashTable *typed, Followup *out, GError **error)
{
  Problems problems = { g_string_new (NULL), g_string_new (NULL) };
  gboolean ok;

  read_round (store, survey, typed, out, &problems);
  out->title = read_text (typed, "title", _ ("Title"), TRUE, MAX_TITLE, &problems);
  out->body = read_text (typed, "body", _ ("Text"), TRUE, MAX_BODY, &problems);
  out->title_en =
    read_text (typed, "title_en", _ ("Title in English"), FALSE, MAX_TITLE, &problems);
  out->body_en = read_text (typed, "body_en", _ ("Text in English"), FALSE, MAX_BODY, &problems);
  read_when (typed, out, &problems);
  ok = problems.messages->len == 0;
  if (!ok)
    helder_error_set (error, HELDER_ERROR_INVALID, problems.fields->str, "%s",
                      problems.messages->str);
  g_string_free (problems.messages, TRUE);
  g_string_free (problems.fields, TRUE);
  return ok;
}

/* POST /surveys/{id}/follow-up */
void
survey_web_handle_followup_save (HelderWebRequest *request)
{
  gint64 survey = survey_web_survey_param (request);
  HelderStore *store = helder_web_request_get_store (request);
  g_autoptr (GHashTable) typed = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (Followup) values = { 0 };
  HelderAuditActor actor;
  HelderMomentDraft draft;
  gint64 moment = 0;

  if (survey == 0 || (typed = helder_web_read_form (request)) == NULL ||
      !helder_web_check_csrf (request, typed))
    return;
  if (!read_form (store, survey, typed, &values, &error))
    {
      respond_form (request, SOUP_STATUS_BAD_REQUEST, survey, typed, error);
      return;
    }
  helder_web_request_actor (request, &actor);
  draft = (HelderMomentDraft){
    .title = values.title,
    .body = values.body,
    .title_en = values.title_en,
    .body_en = values.body_en,
    .scheduled_at = values.when,
  };
  if (!survey_followup_create (store, survey, values.round, &draft, &actor, &moment, &error))
    {
      if (helder_web_status_of (error, NULL) >= 500)
        helder_web_respond_gerror (request, NULL, error);
      else
        respond_form (request, helder_web_status_of (error, NULL), survey, typed, error);
      return;
    }
  {
    g_autofree char *location =
      g_strdup_printf ("/surveys/%" PRId64 "/results?round=%u", survey, values.round);
    helder_web_redirect (request, location);
  }
}
