/* testaddin-audience.c — the test addin sends: an audience filter, and moments it makes
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a survey plugin does with core's moments, in miniature:
 * - the audience filter "testaddin-except" leaves out the people whose ids
 *   its argument lists ("3,5"), the way a reminder leaves out who answered;
 *   the argument "fail" makes it fail;
 * - `helder note announce GROUP TITLE [FILTER]` creates an approved moment
 *   for GROUP, due now, on the usual channels, as the operator.
 */
#define G_LOG_DOMAIN "testaddin"

#include "config.h"

#include "helder.h"
#include "testaddin-private.h"

static gboolean
except_filter (HelderStore *store,
               const char *argument,
               GArray *persons,
               gpointer user_data,
               GError **error)
{
  g_auto (GStrv) ids = NULL;

  if (g_str_equal (argument, "fail"))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, "testaddin-except: told to fail");
      return FALSE;
    }
  ids = g_strsplit (argument, ",", -1);
  for (guint i = persons->len; i > 0; i--)
    {
      g_autofree char *id =
        g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (persons, gint64, i - 1));

      if (g_strv_contains ((const char *const *) ids, id))
        g_array_remove_index (persons, i - 1);
    }
  return TRUE;
}

gboolean
testaddin_announce (HelderInvocation *invocation,
                    const char *group,
                    const char *title,
                    const char *filter,
                    GError **error)
{
  g_auto (HelderCliActor) actor = { 0 };
  g_autofree char *now = helder_clock_now_utc ();
  const char *const groups[] = { group, NULL };
  HelderMomentDraft draft = {
    .title = title,
    .body = "Sent by the test addin.",
    .audience = { .groups = groups },
    .scheduled_at = now,
    .approved = TRUE,
    .audience_filter = filter,
  };
  HelderStore *store = helder_context_get_store (invocation->context, error);
  gint64 id = 0;

  if (store == NULL || !helder_cli_actor_for_write (invocation, store, &actor, error) ||
      !helder_moment_create_from (store, &draft, &actor.actor, &id, error))
    return FALSE;
  g_print ("Created moment %" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

void
testaddin_audience_register (HelderContext *context)
{
  const HelderAudienceFilter except = { .name = "testaddin-except", .func = except_filter };

  helder_context_add_audience_filter (context, &except);
}
