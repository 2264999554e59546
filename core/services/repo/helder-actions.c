/* helder-actions.c — the workflow steps that touch more than one row
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each step is one transaction: recording a commitment update moves the
 * commitment's status; superseding a moment cancels the old version and
 * drafts the new one; deciding a gate drafts a moment to the groups it
 * affects.
 */
#define G_LOG_DOMAIN "helder-actions"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "model/helder-channel-names.h"
#include "services/repo/helder-actions.h"
#include "services/repo/helder-repo.h"

/**
 * helder_commitment_record:
 * @status: (nullable): the new status, or %NULL for a note only
 *
 * Appends an update to a commitment. "late" is not a status one records: it
 * follows from the due date.
 *
 * Returns: (transfer full): the commitment after the update
 */
JsonObject *
helder_commitment_record (HelderStore  *store,
                          const char   *commitment,
                          const char   *status,
                          const char   *note,
                          const char   *author,
                          GError      **error)
{
  const HelderEntity *update = helder_entity_lookup ("commitment_update");
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(JsonObject) row = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (commitment != NULL, NULL);

  if (g_strcmp0 (status, "late") == 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _("status: “late” is not recorded: a commitment is late when it is open past its due date"));
      return NULL;
    }

  json_object_set_string_member (values, "commitment", commitment);
  if (status != NULL)
    json_object_set_string_member (values, "status", status);
  json_object_set_string_member (values, "note", note ? note : "");
  if (author != NULL)
    json_object_set_string_member (values, "author", author);

  row = helder_repo_create (store, update, values, HELDER_WRITE_DEFAULT, error);
  if (row == NULL)
    return NULL;
  return helder_repo_get (store, helder_entity_lookup ("commitment"), commitment, error);
}

JsonArray *
helder_commitment_history (HelderStore  *store,
                           const char   *commitment,
                           GError      **error)
{
  g_autoptr(GHashTable) equals = g_hash_table_new (g_str_hash, g_str_equal);
  HelderQuery query = { .equals = equals };

  g_hash_table_insert (equals, (char *) "commitment", (char *) commitment);
  return helder_repo_list (store, helder_entity_lookup ("commitment_update"), &query, error);
}

JsonObject *
helder_moment_set_status (HelderStore  *store,
                          const char   *moment,
                          const char   *status,
                          GError      **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();

  json_object_set_string_member (changes, "status", status);
  return helder_repo_update (store, helder_entity_lookup ("moment"), moment, changes,
                             HELDER_WRITE_DEFAULT, error);
}

/**
 * helder_moment_supersede:
 * @changes: what the new version changes (title, body, scheduled_at, audience …)
 *
 * An approved moment cannot be edited; it is superseded: the old version is
 * cancelled and a new draft that says which moment it supersedes takes its
 * place, in one transaction.
 *
 * Returns: (transfer full): the new draft
 */
JsonObject *
helder_moment_supersede (HelderStore  *store,
                         const char   *moment,
                         JsonObject   *changes,
                         GError      **error)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr(JsonObject) old = NULL;
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GList) members = NULL;
  JsonObject *fresh = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  if (!helder_store_begin (store, error))
    return NULL;

  old = helder_repo_get (store, entity, moment, error);
  if (old == NULL)
    goto fail;
  if (g_strcmp0 (json_object_get_string_member (old, "status"), "approved") != 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                   _("moment %s is %s: only an approved moment is superseded (edit a draft directly)"),
                   moment, json_object_get_string_member (old, "status"));
      goto fail;
    }

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const HelderField *field = &entity->fields[i];
      if (field->flags & (HELDER_FIELD_KEY | HELDER_FIELD_SYSTEM) || g_str_equal (field->name, "status"))
        continue;
      json_object_set_member (values, field->name,
                              json_node_copy (json_object_get_member (old, field->name)));
    }
  members = json_object_get_members (changes);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (values, l->data, json_node_copy (json_object_get_member (changes, l->data)));
  json_object_set_string_member (values, "status", "draft");
  json_object_set_member (values, "supersedes", json_node_copy (json_object_get_member (old, "id")));

  {
    g_autoptr(JsonObject) cancelled = helder_moment_set_status (store, moment, "cancelled", error);
    if (cancelled == NULL)
      goto fail;
  }
  fresh = helder_repo_create (store, entity, values, HELDER_WRITE_SYSTEM, error);
  if (fresh == NULL || !helder_store_commit (store, error))
    goto fail;
  return fresh;

fail:
  g_clear_pointer (&fresh, json_object_unref);
  helder_store_rollback (store);
  return NULL;
}

/* The next working day at 09:00 local time, as the draft's schedule. */
static char *
next_working_morning (void)
{
  g_autoptr(GDateTime) now = helder_clock_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, 1);

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
 * Records a Go/No-Go decision and drafts a moment that tells the affected
 * groups, in one transaction.
 *
 * Returns: (transfer full): the gate as decided, with a member
 *   "drafted_moment" holding the id of the draft
 */
JsonObject *
helder_gate_decide (HelderStore  *store,
                    const char   *gate,
                    const char   *decision,
                    const char   *rationale,
                    const char   *decided_by,
                    const char   *override_note,
                    GError      **error)
{
  const HelderEntity *entity = helder_entity_lookup ("gate");
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) moment = json_object_new ();
  g_autoptr(JsonObject) drafted = NULL;
  g_autofree char *now = helder_now_utc ();
  g_autofree char *when = next_working_morning ();
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  JsonObject *row = NULL;
  const char *label;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (gate != NULL && decision != NULL, NULL);

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

  label = g_str_equal (decision, "go") ? _("go") :
          g_str_equal (decision, "nogo") ? _("no go") : _("postponed");
  title = g_strdup_printf (_("Decision on %s: %s"), json_object_get_string_member (row, "name"), label);
  body = g_strdup_printf ("%s\n\n%s\n\n%s",
                          title, rationale,
                          override_note ? override_note : "");
  json_object_set_string_member (moment, "title", title);
  json_object_set_string_member (moment, "body", g_strstrip (body));
  json_object_set_member (moment, "phase", json_node_copy (json_object_get_member (row, "phase")));
  json_object_set_string_member (moment, "scheduled_at", when);
  json_object_set_string_member (moment, "author", decided_by);
  {
    /* On the channels people take unless they chose others. */
    g_auto(GStrv) defaults = helder_channel_names_list (HELDER_CHANNEL_DEFAULT);
    JsonArray *channels = json_array_new ();

    for (guint i = 0; defaults[i] != NULL; i++)
      json_array_add_string_element (channels, defaults[i]);
    json_object_set_array_member (moment, "channels", channels);
  }
  json_object_set_member (moment, "groups", json_node_copy (json_object_get_member (row, "groups")));

  drafted = helder_repo_create (store, helder_entity_lookup ("moment"), moment,
                                HELDER_WRITE_DEFAULT, error);
  if (drafted == NULL || !helder_store_commit (store, error))
    goto fail;
  json_object_set_int_member (row, "drafted_moment", json_object_get_int_member (drafted, "id"));
  return row;

fail:
  g_clear_pointer (&row, json_object_unref);
  helder_store_rollback (store);
  return NULL;
}
