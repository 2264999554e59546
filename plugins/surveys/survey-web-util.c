/* survey-web-util.c — what the surveys plugin's pages share: the survey
 * of a route, JSON members, words for values
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who acts, reading forms and errors next to their fields are core's
 * (helder_web_request_actor(), helder_web_form_text(),
 * helder_web_add_errors() in helder.h).
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "survey-web-private.h"

gint64
survey_web_survey_param (HelderWebRequest *request)
{
  const char *text = helder_web_param (request, "id");
  gint64 id = helder_web_parse_id (text);
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
