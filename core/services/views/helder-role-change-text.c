/* helder-role-change-text.c — does "what changes" still say what the status says?
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of a role change is the advisor's own, written for one person,
 * and Helder does not rewrite it. But when the future role is decided and
 * the text still says it is not, the person would read both: the advisor
 * is warned wherever they look at the role change (the CLI's `show` and
 * `update`, the person's page as the advisor sees it), naming the words
 * and the status, until the text is changed.
 */
#define G_LOG_DOMAIN "helder-views"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "services/repo/helder-placement-sync.h"
#include "services/repo/helder-repo.h"
#include "services/views/helder-role-change-text.h"

/* Words that say the future role is open, as the demo and advisors write
 * them, in the programme's languages; compared case-insensitively, with
 * Markdown emphasis and line breaks ignored. */
static const char *const undecided_phrases[] = {
  "nog niet besloten",  "nog niet beslist",     "nog geen besluit", "nog niet bekend",
  "nog niet duidelijk", "not decided yet",      "not yet decided",  "has not been decided",
  "no decision yet",    "not been decided yet",
};

/* The same status labels as everywhere else (the CLI's, the web's). */
static const char *const status_labels[] = {
  N_ ("draft"), N_ ("decided"), N_ ("discussed"), N_ ("accepted"), N_ ("objection"),
};

/* Lower case, without emphasis marks, with single spaces. */
static char *
plain_words (const char *markdown)
{
  g_autofree char *lower = g_utf8_strdown (markdown, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = lower; *p != '\0'; p++)
    {
      if (*p == '*' || *p == '_')
        continue;
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static const char *
status_label (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_labels); i++)
    if (g_strcmp0 (status_labels[i], status) == 0)
      return _ (status_labels[i]);
  return status;
}

/**
 * helder_role_change_text_warnings:
 * @row: a role change as the repository returns it
 *
 * Returns: (transfer full): [{code, message}]: "text-undecided" when the
 *   status decides the future role and the text says it is not decided;
 *   empty when the text agrees
 */
JsonArray *
helder_role_change_text_warnings (JsonObject *row)
{
  JsonArray *warnings = json_array_new ();
  JsonNode *changes = json_object_get_member (row, "changes");
  JsonNode *status = json_object_get_member (row, "status");
  g_autofree char *words = NULL;

  if (changes == NULL || status == NULL || JSON_NODE_HOLDS_NULL (changes) ||
      JSON_NODE_HOLDS_NULL (status) ||
      !helder_placement_sync_status_decides (json_node_get_string (status)))
    return warnings;
  words = plain_words (json_node_get_string (changes));
  for (guint i = 0; i < G_N_ELEMENTS (undecided_phrases); i++)
    if (strstr (words, undecided_phrases[i]) != NULL)
      {
        JsonObject *warning = json_object_new ();
        g_autofree char *message = g_strdup_printf (
          /* TRANSLATORS: the words found in a role change's text, and its status */
          _ ("the text of “what changes” says “%s”, but the status is %s: change the text"),
          undecided_phrases[i], status_label (json_node_get_string (status)));

        json_object_set_string_member (warning, "code", "text-undecided");
        json_object_set_string_member (warning, "message", message);
        json_array_add_object_element (warnings, warning);
        break;
      }
  return warnings;
}

/**
 * helder_role_change_text_warnings_for:
 * @person: a person's id
 *
 * Returns: (transfer full): the warnings about @person's role change (none
 *   without one), or %NULL with @error when the store cannot be read
 */
JsonArray *
helder_role_change_text_warnings_for (HelderStore *store, gint64 person, GError **error)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, person);
  g_autoptr (JsonArray) rows = helder_repo_query_rows (
    store, "SELECT status, changes FROM role_change WHERE person = ?1", key, NULL, error);

  if (rows == NULL)
    return NULL;
  if (json_array_get_length (rows) == 0)
    return json_array_new ();
  return helder_role_change_text_warnings (json_array_get_object_element (rows, 0));
}
