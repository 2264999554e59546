/* survey-answer-digest.c — "open surveys for you" in the digest and on /me
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rounds a person is invited to, open now and not yet answered, each
 * with its closing date and a link to its answer page at the programme's
 * address (server.base_url), like core's own links in messages. Once they
 * answered, the round is gone from the section.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "survey-answer-private.h"
#include "survey-answer.h"

#define SECTION_NAME     "surveys-open"
#define DEFAULT_BASE_URL "http://127.0.0.1:8080"

/* server.base_url without a trailing slash. */
static char *
base_url (HelderContext *context, HelderStore *store, GError **error)
{
  g_autoptr (JsonObject) settings = helder_context_read_settings_from (context, store, error);
  const char *value;
  char *url;

  if (settings == NULL)
    return NULL;
  value = json_object_get_string_member_with_default (settings, "server.base_url", "");
  url = g_strdup (value[0] != '\0' ? value : DEFAULT_BASE_URL);
  if (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';
  return url;
}

static void
append_item (GString *out, JsonObject *item, const char *base)
{
  g_autofree char *closes =
    helder_clock_local_date (json_object_get_string_member (item, "closes_at"));
  guint questions = json_object_get_int_member (item, "questions");

  g_string_append (out, "- [");
  helder_markdown_append_inline (out, json_object_get_string_member (item, "title"));
  g_string_append_printf (out, "](%s/surveys/rounds/%" PRId64 "/answer) — ", base,
                          json_object_get_int_member (item, "round"));
  g_string_append_printf (
    out, g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions", questions), questions);
  g_string_append (out, ", ");
  g_string_append_printf (out, _ ("open until %s"), closes);
  g_string_append_c (out, '\n');
}

/* HelderDigestSectionFunc: NULL when nothing is open for @person. */
static char *
open_surveys_section (HelderStore *store,
                      gint64 person,
                      const char *today,
                      gpointer user_data,
                      GError **error)
{
  HelderContext *context = user_data;
  g_autoptr (JsonArray) open = survey_open_for_person (store, person, error);
  g_autofree char *base = NULL;
  GString *out;

  if (open == NULL || json_array_get_length (open) == 0)
    return NULL;
  base = base_url (context, store, error);
  if (base == NULL)
    return NULL;
  out = g_string_new ("## ");
  g_string_append (out, _ ("Open surveys for you"));
  g_string_append (out, "\n\n");
  g_string_append (out, _ ("Your answers are anonymous: no one sees who answered what, and "
                           "results are only shown for groups large enough."));
  g_string_append (out, "\n\n");
  for (guint i = 0; i < json_array_get_length (open); i++)
    append_item (out, json_array_get_object_element (open, i), base);
  return g_string_free (out, FALSE);
}

void
surveys_answer_load (HelderContext *context)
{
  const HelderDigestSection section = { SECTION_NAME, open_surveys_section, context };

  helder_context_add_digest_section (context, &section);
}
