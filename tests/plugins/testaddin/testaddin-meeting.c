/* testaddin-meeting.c — the test addin plans, moves and cancels meetings
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the interviews plugin does with an interview, through helder.h
 * only: `helder testmeeting plan PERSON WHEN PLACE TITLE` makes an approved
 * meeting moment for one person (HelderMomentDraft.meeting), `move MOMENT
 * WHEN [PLACE]` reschedules it (helder_moment_reschedule_full()) and
 * `cancel MOMENT REASON` cancels it (helder_moment_cancel()), each as the
 * operator. WHEN is UTC ("2026-12-08T09:00:00Z").
 */
#define G_LOG_DOMAIN "testaddin"

#include "config.h"

#include "helder.h"
#include "testaddin-private.h"

static gboolean
plan (HelderInvocation *invocation,
      HelderStore *store,
      const HelderAuditActor *actor,
      char **argv,
      GError **error)
{
  const char *const persons[] = { argv[2], NULL };
  HelderMomentDraft draft = {
    .title = argv[5],
    .body = "Een interview over de applicaties die je beheert.",
    .audience = { .persons = persons },
    .scheduled_at = argv[3],
    .approved = TRUE,
    .meeting = TRUE,
    .location = argv[4],
    .duration_minutes = 45,
  };
  gint64 id = 0;

  if (!helder_moment_create_from (store, &draft, actor, &id, error))
    return FALSE;
  g_print ("Planned meeting %" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

static gboolean
moment_arg (const char *text, gint64 *id, GError **error)
{
  if (g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, id, NULL))
    return TRUE;
  return helder_cli_usage_error (error, "MOMENT: “%s” is not a moment’s id", text);
}

static gboolean
testmeeting_run (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  g_auto (HelderCliActor) actor = { 0 };
  HelderStore *store;
  gint64 id = 0, current = 0;

  if (!helder_cli_parse (invocation, NULL,
                         "plan PERSON WHEN PLACE TITLE | move MOMENT WHEN [PLACE] | cancel MOMENT "
                         "REASON",
                         "Meetings the test addin makes", &argc, &argv, error))
    return FALSE;
  if (!(argc == 6 && g_str_equal (argv[1], "plan")) &&
      !((argc == 4 || argc == 5) && g_str_equal (argv[1], "move")) &&
      !(argc == 4 && g_str_equal (argv[1], "cancel")))
    return helder_cli_usage_error (
      error, "use “plan PERSON WHEN PLACE TITLE”, “move MOMENT WHEN [PLACE]” or “cancel MOMENT "
             "REASON”");
  store = helder_context_get_store (invocation->context, error);
  if (store == NULL || !helder_cli_actor_for_write (invocation, store, &actor, error))
    return FALSE;
  if (g_str_equal (argv[1], "plan"))
    return plan (invocation, store, &actor.actor, argv, error);
  if (!moment_arg (argv[2], &id, error))
    return FALSE;
  if (g_str_equal (argv[1], "move"))
    {
      if (!helder_moment_reschedule_full (store, id, argv[3], argc == 5 ? argv[4] : NULL, NULL, 0,
                                          &actor.actor, &current, error))
        return FALSE;
      g_print ("Moved meeting %" G_GINT64_FORMAT ", now moment %" G_GINT64_FORMAT "\n", id,
               current);
      return TRUE;
    }
  if (!helder_moment_cancel (store, id, argv[3], &actor.actor, error))
    return FALSE;
  g_print ("Cancelled meeting %" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

void
testaddin_meeting_register (HelderContext *context)
{
  const HelderCommand command = {
    .name = "testmeeting",
    .summary = "Plan, move and cancel meetings (the test addin)",
    .owner = "testaddin",
    .func = testmeeting_run,
  };

  helder_context_add_command (context, &command);
}
