/* helder-gate.c — a Go/No-Go decision, and the moment that tells about it
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deciding a gate drafts a moment to the groups it affects, in the same
 * transaction.
 */
#define G_LOG_DOMAIN "helder-gate"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "model/helder-channel-names.h"
#include "services/repo/helder-audit-write.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-gate.h"

/* The next working day at 09:00 local time, as the draft's schedule. */
static char *
next_working_morning (void)
{
  g_autoptr (GDateTime) now = helder_clock_now_local ();
  g_autoptr (GDateTime) day = g_date_time_add_days (now, 1);

  while (g_date_time_get_day_of_week (day) > 5)
    {
      GDateTime *next = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
      day = next;
    }
  return g_date_time_format (day, "%Y-%m-%dT09:00");
}

/**
 * helder_gate_decide:
 * @override_note: (nullable): required to decide go while criteria are open
 *
 * Records a Go/No-Go decision, drafts a moment that tells the affected
 * groups and records who decided it (@actor) in the audit log, in one
 * transaction.
 *
 * Returns: (transfer full): the gate as decided, with a member
 *   "drafted_moment" holding the id of the draft
 */
JsonObject *
helder_gate_decide (HelderStore *store,
                    const HelderAuditActor *actor,
                    const char *gate,
                    const char *decision,
                    const char *rationale,
                    const char *decided_by,
                    const char *override_note,
                    GError **error)
{
  const HelderEntity *entity = helder_entity_lookup ("gate");
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autoptr (JsonObject) moment = json_object_new ();
  g_autoptr (JsonObject) drafted = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *when = next_working_morning ();
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  JsonObject *row = NULL;
  g_autofree char *record = NULL;
  const char *label;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL && gate != NULL && decision != NULL, NULL);

  if (!helder_store_begin (store, error))
    return NULL;

  json_object_set_string_member (changes, "decision", decision);
  if (rationale != NULL)
    json_object_set_string_member (changes, "rationale", rationale);
  else
    json_object_set_null_member (changes, "rationale");
  if (decided_by != NULL)
    json_object_set_string_member (changes, "decided_by", decided_by);
  else
    json_object_set_null_member (changes, "decided_by");
  json_object_set_string_member (changes, "decided_at", now);
  if (override_note != NULL)
    json_object_set_string_member (changes, "override_note", override_note);

  row = helder_repo_update (store, entity, gate, changes, HELDER_WRITE_SYSTEM, error);
  if (row == NULL)
    goto fail;

  label = g_str_equal (decision, "go")     ? _ ("go")
          : g_str_equal (decision, "nogo") ? _ ("no go")
                                           : _ ("postponed");
  title =
    g_strdup_printf (_ ("Decision on %s: %s"), json_object_get_string_member (row, "name"), label);
  body = g_strdup_printf ("%s\n\n%s\n\n%s", title, rationale, override_note ? override_note : "");
  json_object_set_string_member (moment, "title", title);
  json_object_set_string_member (moment, "body", g_strstrip (body));
  json_object_set_member (moment, "phase", json_node_copy (json_object_get_member (row, "phase")));
  json_object_set_string_member (moment, "scheduled_at", when);
  json_object_set_string_member (moment, "author", decided_by);
  {
    /* On the channels people take unless they chose others. */
    g_auto (GStrv) defaults = helder_channel_names_list (HELDER_CHANNEL_DEFAULT);
    JsonArray *channels = json_array_new ();

    for (guint i = 0; defaults[i] != NULL; i++)
      json_array_add_string_element (channels, defaults[i]);
    json_object_set_array_member (moment, "channels", channels);
  }
  json_object_set_member (moment, "groups",
                          json_node_copy (json_object_get_member (row, "groups")));

  drafted = helder_repo_create (store, helder_entity_lookup ("moment"), moment,
                                HELDER_WRITE_DEFAULT, error);
  if (drafted == NULL)
    goto fail;
  record = helder_repo_key_text (entity, row);
  if (!helder_audit_record (store, actor, "decide", "gate", record, 0, decision, error) ||
      !helder_store_commit (store, error))
    goto fail;
  json_object_set_int_member (row, "drafted_moment", json_object_get_int_member (drafted, "id"));
  return row;

fail:
  g_clear_pointer (&row, json_object_unref);
  helder_store_rollback (store);
  return NULL;
}
