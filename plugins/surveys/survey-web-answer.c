/* survey-web-answer.c — the employee's answer page for a round of a survey
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /surveys/rounds/{round}/answer shows, before the first question,
 * who sees what (the survey's threshold, no names), then one fieldset per
 * question: radio buttons for the scales and single choices, checkboxes
 * for multiple choices (one field per option, "qID-INDEX"), text fields
 * with their maximum length. It works without JavaScript. The POST checks
 * the form token and every question; with a problem the form comes back
 * with what was typed and each problem next to its question, and nothing
 * is stored. Answering is survey_answer_submit(): the "has answered" row
 * and the anonymous response in one transaction. A round the caller may
 * not answer gets a page that says why: already answered (409), closed
 * (410), not invited (403), not open yet (409), no such round (404).
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "survey-answer.h"
#include "survey-web-private.h"

#define ANSWER_SHORT_MAX 200
#define ANSWER_LONG_MAX  4000
#define COMMENTS_MIN     10

/* ---- the form as the template shows it ---------------------------------- */

static JsonObject *
option_new (const char *name, const char *id, gint64 value, const char *label, gboolean checked)
{
  JsonObject *option = json_object_new ();

  json_object_set_string_member (option, "name", name);
  json_object_set_string_member (option, "id", id);
  json_object_set_int_member (option, "value", value);
  json_object_set_string_member (option, "label", label);
  json_object_set_boolean_member (option, "checked", checked);
  return option;
}

static gboolean
typed_is (GHashTable *typed, const char *name, gint64 value)
{
  const char *text = helder_web_form_text (typed, name);
  g_autofree char *want = g_strdup_printf ("%" PRId64, value);

  return g_str_equal (text, want);
}

/* The radio buttons of a scale: agree5 1–5 with words at each, scale10
 * 0–10 with words at both ends. */
static JsonArray *
scale_options (const char *kind, const char *name, GHashTable *typed)
{
  JsonArray *options = json_array_new ();
  gboolean ten = g_str_equal (kind, "scale10");

  for (int v = ten ? 0 : 1; v <= (ten ? 10 : 5); v++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%d", name, v);
      g_autofree char *label = NULL;

      if (!ten)
        label = survey_web_agree_label (v);
      else if (v == 0)
        label = g_strdup_printf ("0 – %s", _ ("not at all"));
      else if (v == 10)
        label = g_strdup_printf ("10 – %s", _ ("completely"));
      else
        label = g_strdup_printf ("%d", v);
      json_array_add_object_element (options,
                                     option_new (name, id, v, label, typed_is (typed, name, v)));
    }
  return options;
}

static JsonArray *
choice_options (JsonObject *q, const char *name, gboolean multiple, GHashTable *typed)
{
  JsonArray *texts = survey_web_array (q, "options");
  JsonArray *options = json_array_new ();

  for (guint i = 0; texts != NULL && i < json_array_get_length (texts); i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", name, i);
      const char *label = json_array_get_string_element (texts, i);
      gboolean checked =
        multiple ? helder_web_form_text (typed, id)[0] != '\0' : typed_is (typed, name, i);

      json_array_add_object_element (
        options, option_new (multiple ? id : name, id, multiple ? 1 : (gint64) i, label, checked));
    }
  return options;
}

static JsonObject *
question_view (JsonObject *q, GHashTable *typed, JsonObject *errors)
{
  JsonObject *view = json_object_new ();
  const char *kind = json_object_get_string_member_with_default (q, "kind", "");
  gint64 id = json_object_get_int_member_with_default (q, "id", 0);
  g_autofree char *name = g_strdup_printf ("q%" PRId64, id);
  const char *error = json_object_get_string_member_with_default (errors, name, NULL);

  json_object_set_string_member (view, "name", name);
  json_object_set_int_member (view, "position",
                              json_object_get_int_member_with_default (q, "position", 0));
  json_object_set_string_member (view, "text",
                                 json_object_get_string_member_with_default (q, "text", ""));
  json_object_set_boolean_member (
    view, "required", json_object_get_boolean_member_with_default (q, "required", FALSE));
  if (error != NULL)
    json_object_set_string_member (view, "error", error);
  if (g_str_equal (kind, "agree5") || g_str_equal (kind, "scale10"))
    {
      json_object_set_boolean_member (view, "radios", TRUE);
      json_object_set_array_member (view, "options", scale_options (kind, name, typed));
      if (g_str_equal (kind, "scale10"))
        json_object_set_string_member (view, "hint",
                                       _ ("0 means not at all, 10 means completely."));
    }
  else if (g_str_equal (kind, "single"))
    {
      json_object_set_boolean_member (view, "radios", TRUE);
      json_object_set_array_member (view, "options", choice_options (q, name, FALSE, typed));
    }
  else if (g_str_equal (kind, "multiple"))
    {
      json_object_set_boolean_member (view, "checkboxes", TRUE);
      json_object_set_array_member (view, "options", choice_options (q, name, TRUE, typed));
      json_object_set_string_member (view, "hint", _ ("Choose as many as apply."));
    }
  else
    {
      gboolean is_long = g_str_equal (kind, "long");
      g_autofree char *hint = g_strdup_printf (_ ("At most %d characters."),
                                               is_long ? ANSWER_LONG_MAX : ANSWER_SHORT_MAX);

      json_object_set_boolean_member (view, is_long ? "textarea" : "textfield", TRUE);
      json_object_set_int_member (view, "maxlength", is_long ? ANSWER_LONG_MAX : ANSWER_SHORT_MAX);
      json_object_set_string_member (view, "value", helder_web_form_text (typed, name));
      json_object_set_string_member (view, "hint", hint);
    }
  return view;
}

static void
respond_form (HelderWebRequest *request,
              guint status,
              JsonObject *form,
              GHashTable *typed,
              const GError *problem)
{
  g_autoptr (JsonObject) context = json_object_new ();
  JsonArray *questions = survey_web_array (form, "questions");
  JsonArray *views = json_array_new ();
  JsonObject *errors;
  g_autofree char *closes =
    helder_web_format_datetime (json_object_get_string_member_with_default (form, "closes_at", ""));
  g_autofree char *promise = g_strdup_printf (
    _ ("Your answers are anonymous: nobody can see what you filled in. We show results only when "
       "at least %d people have answered, and comments only when at least %d have. Your name is "
       "not kept with your answers."),
    (int) MAX (json_object_get_int_member_with_default (form, "threshold", 5), 5),
    (int) MAX (COMMENTS_MIN, json_object_get_int_member_with_default (form, "threshold", 5)));

  if (problem != NULL)
    helder_web_add_errors (context, problem, NULL);
  else
    json_object_set_object_member (context, "errors", json_object_new ());
  errors = survey_web_object (context, "errors");
  for (guint i = 0; questions != NULL && i < json_array_get_length (questions); i++)
    json_array_add_object_element (
      views, question_view (json_array_get_object_element (questions, i), typed, errors));
  json_object_set_array_member (context, "questions", views);
  json_object_set_int_member (context, "round",
                              json_object_get_int_member_with_default (form, "round", 0));
  json_object_set_string_member (context, "survey_title",
                                 json_object_get_string_member_with_default (form, "title", ""));
  json_object_set_string_member (context, "intro",
                                 json_object_get_string_member_with_default (form, "intro", ""));
  json_object_set_string_member (context, "closes", closes != NULL ? closes : "");
  json_object_set_string_member (context, "promise", promise);
  helder_web_respond_page (request, status, "surveys/answer",
                           json_object_get_string_member_with_default (form, "title", ""), context);
}

/* ---- refusals ------------------------------------------------------------------ */

static gboolean
has_answered (HelderStore *store, gint64 round, gint64 person)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT 1 FROM survey_answered WHERE round = ?1 AND person = ?2", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round);
  sqlite3_bind_int64 (stmt, 2, person);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
has_closed (HelderStore *store, gint64 round)
{
  g_autofree char *now = helder_clock_now_utc ();
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT 1 FROM survey_round r JOIN survey s ON s.id = r.survey WHERE r.id = ?1"
    " AND (r.closes_at <= ?2 OR r.status IN ('closed', 'cancelled', 'reduced')"
    " OR s.status = 'closed')",
    NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* The page that says why the caller cannot answer this round. */
static void
respond_refused (HelderWebRequest *request, gint64 round, const GError *error)
{
  g_autoptr (JsonObject) context = json_object_new ();
  HelderStore *store = helder_web_request_get_store (request);
  gint64 person = helder_web_request_get_person (request);
  guint status = helder_web_status_of (error, NULL);
  const char *heading;
  const char *message = error->message;

  if (g_str_has_prefix (message, "round: "))
    message += strlen ("round: ");
  if (round > 0 && has_answered (store, round, person))
    {
      status = SOUP_STATUS_CONFLICT;
      heading = _ ("You have already answered");
    }
  else if (status == SOUP_STATUS_FORBIDDEN)
    heading = _ ("This survey is not for you");
  else if (status == SOUP_STATUS_NOT_FOUND)
    heading = _ ("There is no such survey");
  else if (round > 0 && has_closed (store, round))
    {
      status = SOUP_STATUS_GONE;
      heading = _ ("This survey is closed");
    }
  else if (status == SOUP_STATUS_CONFLICT)
    heading = _ ("This survey is not open");
  else
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  {
    g_autofree char *sentence = g_strdup (message);
    json_object_set_string_member (context, "heading", heading);
    json_object_set_string_member (context, "message", sentence);
  }
  helder_web_respond_page (request, status, "surveys/answer-refused", heading, context);
}

/* ---- reading the answers ------------------------------------------------------ */

/* The question "qID" gives one member of @answers, or a problem. */
static void
read_question (JsonObject *q,
               GHashTable *typed,
               JsonObject *answers,
               GString *messages,
               GString *fields)
{
  const char *kind = json_object_get_string_member_with_default (q, "kind", "");
  gint64 id = json_object_get_int_member_with_default (q, "id", 0);
  g_autofree char *name = g_strdup_printf ("q%" PRId64, id);
  g_autofree char *key = g_strdup_printf ("%" PRId64, id);
  gboolean required = json_object_get_boolean_member_with_default (q, "required", FALSE);
  const char *problem = NULL;

  if (g_str_equal (kind, "multiple"))
    {
      JsonArray *chosen = json_array_new ();
      JsonArray *texts = survey_web_array (q, "options");

      for (guint i = 0; texts != NULL && i < json_array_get_length (texts); i++)
        {
          g_autofree char *field = g_strdup_printf ("%s-%u", name, i);
          if (helder_web_form_text (typed, field)[0] != '\0')
            json_array_add_int_element (chosen, i);
        }
      if (json_array_get_length (chosen) > 0)
        json_object_set_array_member (answers, key, chosen);
      else
        {
          json_array_unref (chosen);
          if (required)
            problem = _ ("choose at least one answer");
        }
    }
  else if (g_str_equal (kind, "short") || g_str_equal (kind, "long"))
    {
      g_autofree char *text = helder_web_form_multiline (typed, name);

      if (!helder_web_blank (text))
        json_object_set_string_member (answers, key, text);
      else if (required)
        problem = _ ("this question needs an answer");
    }
  else
    {
      const char *text = helder_web_form_text (typed, name);
      gint64 value;

      if (*text == '\0')
        {
          if (required)
            problem = _ ("choose an answer");
        }
      else if (g_str_equal (text, "0"))
        json_object_set_int_member (answers, key, 0);
      else if ((value = helder_web_parse_id (text)) < 0)
        problem = _ ("choose one of the answers shown");
      else
        json_object_set_int_member (answers, key, value);
    }
  if (problem != NULL)
    {
      g_string_append_printf (messages, "%s%s %" PRId64 " (“%s”): %s", messages->len ? "\n" : "",
                              _ ("question"),
                              json_object_get_int_member_with_default (q, "position", 0),
                              json_object_get_string_member_with_default (q, "text", ""), problem);
      g_string_append_printf (fields, "%sq%" PRId64, fields->len ? "\n" : "", id);
    }
}

/* The answers of the form; NULL with @error naming every question with a
 * problem (their fields "qID", one a line). */
static JsonObject *
read_answers (JsonObject *form, GHashTable *typed, GError **error)
{
  JsonArray *questions = survey_web_array (form, "questions");
  g_autoptr (JsonObject) answers = json_object_new ();
  g_autoptr (GString) messages = g_string_new (NULL);
  g_autoptr (GString) fields = g_string_new (NULL);

  for (guint i = 0; questions != NULL && i < json_array_get_length (questions); i++)
    read_question (json_array_get_object_element (questions, i), typed, answers, messages, fields);
  if (messages->len > 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, fields->str, "%s", messages->str);
      return NULL;
    }
  return g_steal_pointer (&answers);
}

/* "answers.12" of the service → "q12" of the form. */
static GError *
form_error (const GError *error)
{
  const char *field = helder_error_get_field (error);
  GError *copy = g_error_copy (error);

  if (field != NULL && g_str_has_prefix (field, "answers."))
    {
      g_autofree char *name = g_strconcat ("q", field + strlen ("answers."), NULL);
      helder_error_set_field (copy, name);
    }
  return copy;
}

static gint64
round_param (HelderWebRequest *request)
{
  return helder_web_parse_id (helder_web_param (request, "round"));
}

/* ---- handlers ------------------------------------------------------------------- */

/* GET /surveys/rounds/{round}/answer */
void
survey_web_handle_answer_form (HelderWebRequest *request)
{
  gint64 round = round_param (request);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) form = NULL;

  form = survey_form_for_person (helder_web_request_get_store (request), MAX (round, 0),
                                 helder_web_request_get_person (request), &error);
  if (form == NULL)
    {
      respond_refused (request, round, error);
      return;
    }
  respond_form (request, SOUP_STATUS_OK, form, NULL, NULL);
}

/* POST /surveys/rounds/{round}/answer */
void
survey_web_handle_answer_submit (HelderWebRequest *request)
{
  HelderStore *store = helder_web_request_get_store (request);
  gint64 person = helder_web_request_get_person (request);
  gint64 round = round_param (request);
  g_autoptr (GHashTable) typed = helder_web_read_form (request);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) form = NULL;
  g_autoptr (JsonObject) answers = NULL;
  g_autoptr (JsonObject) context = NULL;

  if (typed == NULL || !helder_web_check_csrf (request, typed))
    return;
  form = survey_form_for_person (store, MAX (round, 0), person, &error);
  if (form == NULL)
    {
      respond_refused (request, round, error);
      return;
    }
  answers = read_answers (form, typed, &error);
  if (answers == NULL)
    {
      respond_form (request, SOUP_STATUS_BAD_REQUEST, form, typed, error);
      return;
    }
  if (!survey_answer_submit (store, round, person, answers, &error))
    {
      const char *field = helder_error_get_field (error);

      if (field != NULL && g_str_has_prefix (field, "answers"))
        {
          g_autoptr (GError) shown = form_error (error);
          respond_form (request, SOUP_STATUS_BAD_REQUEST, form, typed, shown);
        }
      else
        respond_refused (request, round, error);
      return;
    }
  context = json_object_new ();
  json_object_set_string_member (context, "survey_title",
                                 json_object_get_string_member_with_default (form, "title", ""));
  helder_web_respond_page (request, SOUP_STATUS_OK, "surveys/answer-done", _ ("Thank you"),
                           context);
}
