/* survey-web-util.c — what the surveys plugin's pages share: who is
 * acting, reading forms, errors next to their fields, words for values
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small equivalents of core's form helpers, which helder.h does not offer
 * plugins; the markup they feed is core's (error-summary, field-error).
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "survey-web-private.h"

void
survey_web_actor_init (SurveyWebActor *actor, HelderWebRequest *request)
{
  g_autoptr (HelderStmt) stmt = NULL;

  actor->person = helder_web_request_get_person (request);
  actor->name = NULL;
  switch (helder_web_request_get_role (request))
    {
    case HELDER_ROLE_ADVISOR:
      actor->role = "advisor";
      break;
    case HELDER_ROLE_HR:
      actor->role = "hr";
      break;
    default:
      actor->role = "employee";
      break;
    }
  stmt = helder_store_prepare (helder_web_request_get_store (request),
                               "SELECT name FROM person WHERE id = ?1", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, actor->person);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        actor->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  if (actor->name == NULL)
    actor->name = g_strdup (actor->role);
}

void
survey_web_actor_clear (SurveyWebActor *actor)
{
  g_clear_pointer (&actor->name, g_free);
}

const char *
survey_web_form_text (GHashTable *form, const char *name)
{
  const char *value = form != NULL ? g_hash_table_lookup (form, name) : NULL;

  return value != NULL ? value : "";
}

char *
survey_web_form_multiline (GHashTable *form, const char *name)
{
  const char *text = survey_web_form_text (form, name);
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p++)
    if (!(p[0] == '\r' && p[1] == '\n'))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* "Title: is missing" from "title: is missing": the message as a sentence. */
static char *
capitalized (const char *text)
{
  gunichar first = g_utf8_get_char (text);
  char buf[8] = { 0 };

  if (*text == '\0')
    return g_strdup ("");
  g_unichar_to_utf8 (g_unichar_toupper (first), buf);
  return g_strconcat (buf, g_utf8_next_char (text), NULL);
}

void
survey_web_add_errors (JsonObject *context,
                       const GError *error,
                       char *(*anchor_of) (const char *field))
{
  g_auto (GStrv) lines = g_strsplit (error->message, "\n", -1);
  const char *fields = helder_error_get_field (error);
  g_auto (GStrv) line_fields = g_strsplit (fields != NULL ? fields : "", "\n", -1);
  guint n_fields = g_strv_length (line_fields);
  JsonObject *errors = json_object_new ();
  JsonArray *list = json_array_new ();

  for (guint l = 0; lines[l] != NULL; l++)
    {
      const char *field = NULL;
      g_autofree char *anchor = NULL;
      g_autofree char *sentence = NULL;
      JsonObject *item;

      if (lines[l][0] == '\0')
        continue;
      if (l < n_fields && line_fields[l][0] != '\0')
        field = line_fields[l];
      else if (n_fields == 1 && line_fields[0][0] != '\0')
        field = line_fields[0];
      sentence = capitalized (lines[l]);
      item = json_object_new ();
      if (field != NULL)
        {
          anchor = anchor_of != NULL ? anchor_of (field) : g_strdup (field);
          if (anchor != NULL && !json_object_has_member (errors, anchor))
            json_object_set_string_member (errors, anchor, sentence);
        }
      json_object_set_string_member (item, "anchor", anchor != NULL ? anchor : "");
      json_object_set_string_member (item, "message", sentence);
      json_array_add_object_element (list, item);
    }
  json_object_set_object_member (context, "errors", errors);
  json_object_set_array_member (context, "error_list", list);
  json_object_set_boolean_member (context, "has_errors", TRUE);
}

guint
survey_web_status_of (const GError *error)
{
  if (error->domain != HELDER_ERROR)
    return SOUP_STATUS_INTERNAL_SERVER_ERROR;
  switch (error->code)
    {
    case HELDER_ERROR_INVALID:
    case HELDER_ERROR_USAGE:
      return SOUP_STATUS_BAD_REQUEST;
    case HELDER_ERROR_NOT_FOUND:
      return SOUP_STATUS_NOT_FOUND;
    case HELDER_ERROR_CONFLICT:
      return SOUP_STATUS_CONFLICT;
    case HELDER_ERROR_PERMISSION:
      return SOUP_STATUS_FORBIDDEN;
    default:
      return SOUP_STATUS_INTERNAL_SERVER_ERROR;
    }
}

gint64
survey_web_parse_id (const char *text)
{
  guint64 value = 0;

  if (text == NULL || *text == '\0' || strlen (text) > 15 ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return -1;
  return (gint64) value;
}

gint64
survey_web_survey_param (HelderWebRequest *request)
{
  const char *text = helder_web_param (request, "id");
  gint64 id = survey_web_parse_id (text);
  g_autoptr (HelderStmt) stmt = NULL;

  if (id > 0)
    {
      stmt = helder_store_prepare (helder_web_request_get_store (request),
                                   "SELECT 1 FROM survey WHERE id = ?1", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            return id;
        }
    }
  {
    g_autofree char *message = g_strdup_printf (_ ("id: there is no survey “%s”"), text);
    helder_web_respond_error (request, SOUP_STATUS_NOT_FOUND, "not_found", "id", message);
  }
  return 0;
}

static const struct
{
  const char *value;
  const char *label;
} words[] = {
  { "pulse", N_ ("pulse") },
  { "readiness", N_ ("readiness") },
  { "experience", N_ ("experience (XLA)") },
  { "evaluation", N_ ("evaluation") },
  { "custom", N_ ("own questions") },
  { "draft", N_ ("draft") },
  { "open", N_ ("open") },
  { "closed", N_ ("closed") },
  { "planned", N_ ("planned") },
  { "cancelled", N_ ("cancelled") },
  { "reduced", N_ ("reduced to its results") },
  { "agree5", N_ ("agreement, 1 to 5") },
  { "scale10", N_ ("scale, 0 to 10") },
  { "single", N_ ("one choice") },
  { "multiple", N_ ("several choices") },
  { "short", N_ ("short text") },
  { "long", N_ ("long text") },
  { "public_task", N_ ("public task") },
  { "legitimate_interest", N_ ("legitimate interest") },
  { "legal_obligation", N_ ("legal obligation") },
  { "agreed", N_ ("agreed") },
  { "not_required", N_ ("not required") },
  { "pending", N_ ("pending") },
  { "refused", N_ ("refused") },
  { "decided", N_ ("decided") },
  { "discussed", N_ ("discussed") },
  { "accepted", N_ ("accepted") },
  { "objection", N_ ("objection") },
};

const char *
survey_web_word (const char *value)
{
  if (value == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (words[i].value, value) == 0)
      return _ (words[i].label);
  return value;
}

gboolean
survey_web_blank (const char *text)
{
  for (; text != NULL && *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

JsonArray *
survey_web_array (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
survey_web_object (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

char *
survey_web_agree_label (gint64 value)
{
  static const char *const agree[] = {
    N_ ("Strongly disagree"), N_ ("Disagree"), N_ ("Neither agree nor disagree"), N_ ("Agree"),
    N_ ("Strongly agree"),
  };

  if (value < 1 || value > 5)
    return g_strdup_printf ("%" G_GINT64_FORMAT, value);
  return g_strdup_printf ("%d – %s", (int) value, _ (agree[value - 1]));
}
