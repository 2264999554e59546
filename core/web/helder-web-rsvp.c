/* helder-web-rsvp.c — answering a meeting's invitation: yes, no, maybe
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The links in an invitation (services/delivery/helder-rsvp.h) open
 * GET /rsvp/MEETING/TOKEN?answer=…: a page that says what the answer
 * would be and has one button. Link scanners of mail gateways open every
 * link; only the button's POST records the answer. Like the sign-in page
 * (helder-web-auth.c), the page sets a short-lived pre-session cookie
 * (helder_rsvp, Path=/rsvp) with the form's token: the POST must bring
 * both back, equal, so another site cannot post someone's answer. A
 * browser signed in as someone else is refused: the link is not theirs.
 *
 * Signed in, the personal page offers the same answers as forms that POST
 * /me/rsvp with the session's CSRF token. The advisor reads who comes on
 * the moment's page and from GET /api/v1/moments/{key}/rsvp.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/access/helder-access.h"
#include "services/delivery/helder-rsvp.h"
#include "services/repo/helder-people.h"
#include "services/repo/helder-repo.h"
#include "services/views/helder-personal.h"
#include "web/helder-web-private.h"

#define RSVP_COOKIE   "helder_rsvp"
#define RSVP_COOKIE_S 3600

/* The {meeting} of the path, or 0. */
static gint64
meeting_param (HelderWebRequest *request)
{
  guint64 id = 0;

  if (!g_ascii_string_to_unsigned (helder_web_param (request, "meeting"), 10, 1, G_MAXINT64, &id,
                                   NULL))
    return 0;
  return (gint64) id;
}

static guint
status_for (const GError *error)
{
  if (g_error_matches (error, HELDER_ERROR, HELDER_ERROR_PERMISSION))
    return SOUP_STATUS_FORBIDDEN;
  if (g_error_matches (error, HELDER_ERROR, HELDER_ERROR_CONFLICT))
    return SOUP_STATUS_GONE;
  if (g_error_matches (error, HELDER_ERROR, HELDER_ERROR_INVALID))
    return SOUP_STATUS_BAD_REQUEST;
  if (g_error_matches (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND))
    return SOUP_STATUS_NOT_FOUND;
  return SOUP_STATUS_INTERNAL_SERVER_ERROR;
}

/* The meeting as the page shows it. */
static JsonObject *
meeting_context (HelderWebRequest *request, gint64 root)
{
  g_autoptr (JsonObject) meeting = helder_rsvp_meeting (request->store, root, NULL);
  JsonObject *context = json_object_new ();

  if (meeting == NULL)
    return context;
  json_object_set_string_member (context, "title",
                                 json_object_get_string_member (meeting, "title"));
  {
    g_autofree char *when =
      helder_personal_datetime_label (json_object_get_string_member (meeting, "scheduled_at"));

    json_object_set_string_member (context, "when", when);
  }
  json_object_set_string_member (context, "location",
                                 json_object_get_string_member (meeting, "location"));
  json_object_set_string_member (context, "online_url",
                                 json_object_get_string_member (meeting, "online_url"));
  return context;
}

/* The page: the confirm button (with @token and @answer), or what was
 * recorded, or why the link does not work. */
static void
rsvp_page (HelderWebRequest *request,
           guint status,
           gint64 root,
           gint64 person,
           const char *token,
           const char *answer,
           gboolean recorded,
           const char *error)
{
  g_autoptr (JsonObject) context = json_object_new ();

  if (root > 0 && error == NULL)
    json_object_set_object_member (context, "meeting", meeting_context (request, root));
  if (error != NULL)
    json_object_set_string_member (context, "error", error);
  if (token != NULL && !recorded)
    {
      g_autofree char *form_token = helder_web_request_cookie (request, RSVP_COOKIE);
      g_autofree char *header = NULL;
      g_autofree char *action = g_strdup_printf ("/rsvp/%" PRId64 "/%s", root, token);
      JsonArray *others = json_array_new ();
      static const char *const answers[] = { "yes", "no", "maybe" };

      if (form_token == NULL || strlen (form_token) < 32)
        {
          g_free (form_token);
          form_token = helder_access_new_form_token ();
        }
      header = g_strdup_printf (
        RSVP_COOKIE "=%s; Path=/rsvp; Max-Age=%d; HttpOnly; SameSite=Strict%s", form_token,
        RSVP_COOKIE_S, helder_web_request_secure (request) ? "; Secure" : "");
      soup_message_headers_append (soup_server_message_get_response_headers (request->msg),
                                   "Set-Cookie", header);
      json_object_set_string_member (context, "action", action);
      json_object_set_string_member (context, "rsvp_csrf", form_token);
      json_object_set_string_member (context, "answer", answer);
      json_object_set_string_member (context, "answer_label", helder_rsvp_answer_label (answer));
      for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
        if (g_strcmp0 (answers[i], answer) != 0)
          {
            JsonObject *other = json_object_new ();
            g_autofree char *href = g_strdup_printf ("%s?answer=%s", action, answers[i]);

            json_object_set_string_member (other, "href", href);
            json_object_set_string_member (other, "label", helder_rsvp_answer_label (answers[i]));
            json_array_add_object_element (others, other);
          }
      json_object_set_array_member (context, "others", others);
    }
  if (person > 0 && error == NULL)
    {
      g_autofree char *current = helder_rsvp_current (request->store, root, person, NULL);

      json_object_set_string_member (context, "current_label", helder_rsvp_answer_label (current));
      json_object_set_boolean_member (context, "recorded", recorded);
    }
  helder_web_respond_page (request, status, "rsvp", _ ("Answer an invitation"), context);
}

/* Checks the link of the path: sets @root and @person, or answers with a
 * page that says why it does not work (nothing written) and returns FALSE. */
static gboolean
check_link (HelderWebRequest *request, gint64 *root, gint64 *person)
{
  const char *token = helder_web_param (request, "token");
  g_autoptr (GError) error = NULL;

  *root = meeting_param (request);
  if (*root == 0 || !helder_rsvp_check_link (request->store, *root, token, person, &error))
    {
      if (*root == 0)
        g_set_error (&error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
                     _ ("This answer link is not complete or not known."));
      if (g_error_matches (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND) &&
          helder_web_refuse_credential (request, token))
        return FALSE;
      rsvp_page (request, status_for (error), 0, 0, NULL, NULL, FALSE, error->message);
      return FALSE;
    }
  if (request->identity.role != HELDER_WEB_ANONYMOUS && request->identity.person != *person)
    {
      rsvp_page (
        request, SOUP_STATUS_FORBIDDEN, 0, 0, NULL, NULL, FALSE,
        _ (
          "This answer link is for someone else. Only the person it was sent to can answer with it."));
      return FALSE;
    }
  return TRUE;
}

static const char *
answer_or_refuse (HelderWebRequest *request, const char *answer)
{
  if (!helder_rsvp_answer_valid (answer))
    {
      g_autofree char *message =
        g_strdup_printf (_ ("answer: “%s” is not yes, no or maybe"),
                         answer != NULL && g_utf8_validate (answer, -1, NULL) ? answer : "");

      rsvp_page (request, SOUP_STATUS_BAD_REQUEST, 0, 0, NULL, NULL, FALSE, message);
      return NULL;
    }
  return answer;
}

/* GET /rsvp/{meeting}/{token}?answer=…: changes nothing. */
void
helder_web_handle_rsvp_page (HelderWebRequest *request)
{
  gint64 root = 0, person = 0;
  const char *answer;

  if (!check_link (request, &root, &person))
    return;
  answer = answer_or_refuse (request, helder_web_query (request, "answer"));
  if (answer == NULL)
    return;
  rsvp_page (request, SOUP_STATUS_OK, root, person, helder_web_param (request, "token"), answer,
             FALSE, NULL);
}

/* POST /rsvp/{meeting}/{token}: records the answer. */
void
helder_web_handle_rsvp (HelderWebRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *site = soup_message_headers_get_one (headers, "Sec-Fetch-Site");
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *name = NULL;
  g_autofree char *record = NULL;
  gint64 root = 0, person = 0;
  const char *answer;
  gboolean changed = FALSE;
  HelderAuditActor actor = { 0 };

  if (site != NULL && strcmp (site, "same-origin") != 0 && strcmp (site, "none") != 0)
    {
      helder_web_respond_error (request, SOUP_STATUS_FORBIDDEN, "csrf", NULL,
                                _ ("this form was sent from another site"));
      return;
    }
  form = helder_web_read_form (request);
  if (form == NULL || !check_link (request, &root, &person))
    return;
  expected = helder_web_request_cookie (request, RSVP_COOKIE);
  if (!helder_access_secret_equal (expected, g_hash_table_lookup (form, "csrf")))
    {
      rsvp_page (
        request, SOUP_STATUS_FORBIDDEN, 0, 0, NULL, NULL, FALSE,
        _ (
          "This answer form has expired or was not opened in this browser. Open the link in your invitation again."));
      return;
    }
  answer = answer_or_refuse (request, g_hash_table_lookup (form, "answer"));
  if (answer == NULL)
    return;
  name = helder_people_name (request->store, person, NULL);
  actor.person = person;
  actor.name = name;
  actor.role = "employee";
  if (!helder_rsvp_record (request->store, &actor, root, person, answer, &changed, &error))
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  /* The form's token is used up: the same POST again is refused. */
  soup_message_headers_append (soup_server_message_get_response_headers (request->msg),
                               "Set-Cookie",
                               RSVP_COOKIE "=; Path=/rsvp; Max-Age=0; HttpOnly; SameSite=Strict");
  rsvp_page (request, SOUP_STATUS_OK, root, person, NULL, answer, TRUE, NULL);
}

/* POST /me/rsvp (moment, answer): signed in, from the personal page. */
void
helder_web_handle_me_rsvp (HelderWebRequest *request)
{
  g_autoptr (GHashTable) form = helder_web_read_form (request);
  g_autoptr (GError) error = NULL;
  HelderAuditActor actor = {
    request->identity.person,
    request->identity.name,
    helder_web_role_name (request->identity.role),
  };
  const char *text;
  const char *answer;
  guint64 moment = 0;
  gint64 root = 0;

  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  text = g_hash_table_lookup (form, "moment");
  answer = g_hash_table_lookup (form, "answer");
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &moment, NULL))
    {
      g_autofree char *message =
        g_strdup_printf (_ ("moment: “%s” is not the number of a moment"),
                         text != NULL && g_utf8_validate (text, -1, NULL) ? text : "");

      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", "moment", message);
      return;
    }
  if (!helder_rsvp_answer_valid (answer))
    {
      g_autofree char *message =
        g_strdup_printf (_ ("answer: “%s” is not yes, no or maybe"),
                         answer != NULL && g_utf8_validate (answer, -1, NULL) ? answer : "");

      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", "answer", message);
      return;
    }
  if (!helder_rsvp_may_answer (request->store, (gint64) moment, request->identity.person, &root,
                               &error) ||
      !helder_rsvp_record (request->store, &actor, root, request->identity.person, answer, NULL,
                           &error))
    {
      helder_web_respond_error (request, status_for (error),
                                status_for (error) == SOUP_STATUS_NOT_FOUND ? "not_found"
                                                                            : "conflict",
                                "moment", error->message);
      return;
    }
  helder_web_redirect (request, "/me#coming");
}

/* GET /api/v1/moments/{key}/rsvp */
void
helder_web_handle_api_rsvp (HelderWebRequest *request)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  const char *key = helder_web_param (request, "key");
  g_autoptr (JsonObject) moment = NULL;
  g_autoptr (JsonObject) summary = NULL;
  g_autoptr (GError) error = NULL;

  if (request->query != NULL && g_hash_table_size (request->query) > 0)
    {
      GHashTableIter iter;
      gpointer name;
      g_autofree char *message = NULL;

      g_hash_table_iter_init (&iter, request->query);
      g_hash_table_iter_next (&iter, &name, NULL);
      message = g_strdup_printf (_ ("%s: this route takes no query parameters"),
                                 g_utf8_validate (name, -1, NULL) ? (const char *) name : "?");
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name, message);
      return;
    }
  moment = helder_repo_get (request->store, entity, key, &error);
  if (moment != NULL)
    summary =
      helder_rsvp_summary (request->store, json_object_get_int_member (moment, "id"), &error);
  if (summary == NULL)
    {
      helder_web_respond_gerror (request, entity, error);
      return;
    }
  json_object_set_int_member (summary, "moment", json_object_get_int_member (moment, "id"));
  helder_web_audit (request, "read", "moment", key, 0, "rsvp");
  helder_web_respond_object (request, SOUP_STATUS_OK, summary);
}

/**
 * helder_web_rsvp_add_choices:
 * @coming: the "coming" items of the personal page (moment_id, meeting)
 *
 * Gives each meeting that the signed-in person may still answer an
 * "rsvp" member: their answer so far and a form per answer.
 */
void
helder_web_rsvp_add_choices (HelderWebRequest *request, JsonArray *coming)
{
  static const char *const answers[] = { "yes", "no", "maybe" };

  for (guint i = 0; coming != NULL && i < json_array_get_length (coming); i++)
    {
      JsonObject *item = json_array_get_object_element (coming, i);
      gint64 moment = json_object_get_int_member_with_default (item, "moment_id", 0);
      g_autofree char *current = NULL;
      JsonObject *rsvp;
      JsonArray *choices;
      gint64 root = 0;

      if (!json_object_get_boolean_member_with_default (item, "meeting", FALSE) ||
          !helder_rsvp_may_answer (request->store, moment, request->identity.person, &root, NULL))
        continue;
      current = helder_rsvp_current (request->store, root, request->identity.person, NULL);
      rsvp = json_object_new ();
      choices = json_array_new ();
      json_object_set_string_member (rsvp, "current_label", helder_rsvp_answer_label (current));
      for (guint a = 0; a < G_N_ELEMENTS (answers); a++)
        {
          JsonObject *choice = json_object_new ();

          json_object_set_int_member (choice, "moment", moment);
          json_object_set_string_member (choice, "answer", answers[a]);
          json_object_set_string_member (choice, "label", helder_rsvp_answer_label (answers[a]));
          json_object_set_boolean_member (choice, "current", g_strcmp0 (current, answers[a]) == 0);
          json_array_add_object_element (choices, choice);
        }
      json_object_set_array_member (rsvp, "choices", choices);
      json_object_set_object_member (item, "rsvp", rsvp);
    }
}

/**
 * helder_web_rsvp_context:
 * @row: a moment
 *
 * Returns: (transfer full) (nullable): for a meeting, who comes, does not,
 *   may, or has not answered, for the moment's page; %NULL otherwise
 */
JsonObject *
helder_web_rsvp_context (HelderWebRequest *request, JsonObject *row)
{
  static const char *const kinds[] = { "yes", "no", "maybe", "none" };
  JsonArray *channels = json_object_get_array_member (row, "channels");
  g_autoptr (JsonObject) summary = NULL;
  JsonObject *context;
  JsonObject *counts;
  JsonArray *people;
  JsonArray *groups;
  gboolean meeting = FALSE;

  for (guint i = 0; channels != NULL && i < json_array_get_length (channels); i++)
    meeting |= g_strcmp0 (json_array_get_string_element (channels, i), "meeting") == 0;
  if (!meeting)
    return NULL;
  summary = helder_rsvp_summary (request->store, json_object_get_int_member (row, "id"), NULL);
  if (summary == NULL)
    return NULL;
  counts = json_object_get_object_member (summary, "counts");
  people = json_object_get_array_member (summary, "people");
  context = json_object_new ();
  groups = json_array_new ();
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      JsonObject *group = json_object_new ();
      g_autoptr (GString) names = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (people); i++)
        {
          JsonObject *person = json_array_get_object_element (people, i);
          JsonNode *answer = json_object_get_member (person, "answer");
          const char *value =
            JSON_NODE_HOLDS_NULL (answer) ? "none" : json_node_get_string (answer);

          if (!g_str_equal (value, kinds[k]))
            continue;
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, json_object_get_string_member (person, "name"));
        }
      json_object_set_string_member (group, "label",
                                     helder_rsvp_answer_label (k < 3 ? kinds[k] : NULL));
      json_object_set_int_member (group, "count", json_object_get_int_member (counts, kinds[k]));
      json_object_set_string_member (group, "names", names->str);
      json_array_add_object_element (groups, group);
    }
  json_object_set_array_member (context, "answers", groups);
  return context;
}
