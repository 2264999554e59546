/* survey-web-api.c — the surveys plugin's JSON API
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The advisor's results routes are in survey-web-results.c. For everyone with a person: the open
 * rounds they are invited to (GET /api/v1/me/surveys), a round's questions as they see them (GET
 * /api/v1/me/surveys/{round}) and answering it (POST /api/v1/me/surveys/{round}/answers with
 * {"answers": {"QID": value}}, 201 {"ok": true} once stored durably). Errors are {"error": {code,
 * message, field}}, the field of an answer "answers.QID"; a refusal
 * writes nothing.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "survey-answer.h"
#include "survey-web-private.h"

/* GET /api/v1/me/surveys */
void
survey_web_api_my_surveys (HelderWebRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) body = NULL;
  JsonArray *rounds = survey_open_for_person (helder_web_request_get_store (request),
                                              helder_web_request_get_person (request), &error);

  if (rounds == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  body = json_object_new ();
  json_object_set_array_member (body, "items", rounds);
  helder_web_respond_object (request, SOUP_STATUS_OK, body);
}

static gint64
round_param (HelderWebRequest *request)
{
  const char *text = helder_web_param (request, "round");
  gint64 round = helder_web_parse_id (text);

  if (round < 0)
    {
      g_autofree char *message = g_strdup_printf (_ ("round: there is no survey round “%s”"), text);
      helder_web_respond_error (request, SOUP_STATUS_NOT_FOUND, "not_found", "round", message);
    }
  return round;
}

/* GET /api/v1/me/surveys/{round} */
void
survey_web_api_my_form (HelderWebRequest *request)
{
  gint64 round = round_param (request);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) form = NULL;

  if (round < 0)
    return;
  form = survey_form_for_person (helder_web_request_get_store (request), round,
                                 helder_web_request_get_person (request), &error);
  if (form == NULL)
    helder_web_respond_gerror (request, NULL, error);
  else
    helder_web_respond_object (request, SOUP_STATUS_OK, form);
}

typedef struct
{
  gint64 round;
  gint64 person;
  JsonObject *answers;
} Answer;

static void
answer_free (gpointer data)
{
  Answer *a = data;

  json_object_unref (a->answers);
  g_free (a);
}

static gboolean
answer_write (HelderStore *store, gpointer data, GError **error)
{
  Answer *a = data;

  return survey_answer_submit (store, a->round, a->person, a->answers, error);
}

/* POST /api/v1/me/surveys/{round}/answers {"answers": {"QID": value}}:
 * answered 201 once the answer is on disk, sharing the commit with the
 * answers that arrive at the same time (helder_web_respond_after_commit). */
void
survey_web_api_my_answers (HelderWebRequest *request)
{
  gint64 round = round_param (request);
  g_autoptr (JsonObject) in = NULL;
  g_autoptr (JsonObject) body = NULL;
  JsonNode *answers;
  Answer *a;

  if (round < 0 || (in = helder_web_read_json (request)) == NULL)
    return;
  answers = json_object_get_member (in, "answers");
  if (answers == NULL || !JSON_NODE_HOLDS_OBJECT (answers) || json_object_get_size (in) != 1)
    {
      helder_web_respond_error (
        request, SOUP_STATUS_BAD_REQUEST, "invalid", "answers",
        _ ("answers: send {\"answers\": {\"QUESTION-ID\": value}} and nothing else"));
      return;
    }
  a = g_new0 (Answer, 1);
  a->round = round;
  a->person = helder_web_request_get_person (request);
  a->answers = json_object_ref (json_node_get_object (answers));
  body = json_object_new ();
  json_object_set_boolean_member (body, "ok", TRUE);
  helder_web_respond_after_commit (request, SOUP_STATUS_CREATED,
                                   json_node_init_object (json_node_alloc (), body), answer_write,
                                   a, answer_free);
}
