/* concern-digest.c — "Answers to your questions" in the digest and on /me
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person who raised a concern and agreed to be named finds its answer
 * in their next digest (and, as core shows digest sections there, on their
 * page): the concerns answered since their previous digest, each with the
 * answer's text, or the moment or commitment that answers it. Anonymous
 * concerns keep nobody, so they reach nobody.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "concern-service.h"
#include "interview-private.h"

#define SECTION_NAME "concerns-answered"

/* The day from which an answer is news to @person. */
static char *
news_since (HelderStore *store, gint64 person, const char *today, GError **error)
{
  g_autoptr (GDateTime) noon = NULL;
  g_autofree char *week = NULL;
  g_autofree char *since = NULL;
  int y = 0, m = 0, d = 0;

  if (sscanf (today, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return g_strdup (today);
  noon = g_date_time_new (helder_clock_zone (), y, m, d, 12, 0, 0);
  if (noon == NULL)
    return g_strdup (today);
  week = helder_digest_week (noon);
  since = helder_digest_since (store, person, week, today, NULL, error);
  if (since == NULL)
    return NULL;
  return helder_clock_local_date (since);
}

/* @text escaped for one line of Markdown. */
static char *
inline_text (const char *text)
{
  GString *out = g_string_new (NULL);

  helder_markdown_append_inline (out, text);
  return g_string_free (out, FALSE);
}

static void
append_one (GString *out, JsonObject *c)
{
  const char *answer = json_object_get_string_member (c, "answer");

  g_string_append (out, "- **");
  helder_markdown_append_inline (out, json_object_get_string_member (c, "text"));
  g_string_append (out, "**\n");
  if (answer[0] != '\0')
    {
      /* The advisor's Markdown, as the list item's own paragraph. */
      g_auto (GStrv) lines = g_strsplit (answer, "\n", -1);

      g_string_append_c (out, '\n');
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_strchomp (lines[i]);
          g_string_append_printf (out, "%s%s\n", lines[i][0] != '\0' ? "  " : "", lines[i]);
        }
      g_string_append_c (out, '\n');
    }
  if (!json_object_get_null_member (c, "answer_moment"))
    {
      g_autofree char *day =
        helder_clock_local_date (json_object_get_string_member (c, "answer_moment_at"));

      g_string_append (out, "  ");
      g_autofree char *title =
        inline_text (json_object_get_string_member (c, "answer_moment_title"));

      g_string_append_printf (out, _ ("The answer is in the moment “%s” of %s."), title, day);
      g_string_append_c (out, '\n');
    }
  if (!json_object_get_null_member (c, "answer_commitment"))
    {
      g_autofree char *text =
        inline_text (json_object_get_string_member (c, "answer_commitment_text"));

      g_string_append (out, "  ");
      g_string_append_printf (out, _ ("Promised: “%s”, by %s."), text,
                              json_object_get_string_member (c, "answer_commitment_due"));
      g_string_append_c (out, '\n');
    }
}

/* HelderDigestSectionFunc: NULL when nothing of @person's was answered. */
static char *
answers_section (HelderStore *store,
                 gint64 person,
                 const char *today,
                 gpointer user_data,
                 GError **error)
{
  g_autoptr (JsonArray) mine = concern_for_person (store, person, error);
  g_autofree char *since = NULL;
  GString *out = NULL;

  if (mine == NULL || json_array_get_length (mine) == 0 ||
      (since = news_since (store, person, today, error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (mine); i++)
    {
      JsonObject *c = json_array_get_object_element (mine, i);
      const char *on = json_object_get_null_member (c, "answered_on")
                         ? NULL
                         : json_object_get_string_member (c, "answered_on");

      if (!g_str_equal (json_object_get_string_member (c, "status"), "answered") || on == NULL ||
          g_strcmp0 (on, since) < 0 || g_strcmp0 (on, today) > 0)
        continue;
      if (out == NULL)
        {
          out = g_string_new ("## ");
          g_string_append (out, _ ("Answers to your questions"));
          g_string_append (out, "\n\n");
        }
      append_one (out, c);
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

void
concern_digest_register (HelderContext *context)
{
  const HelderDigestSection section = { SECTION_NAME, answers_section, context };

  helder_context_add_digest_section (context, &section);
}
