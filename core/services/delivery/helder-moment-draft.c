/* helder-moment-draft.c — a moment a plugin makes
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plugin does not write moments itself: it fills a HelderMomentDraft and
 * core creates the moment through the repository, with the same checks as
 * `helder moment add` and the web form, and its audit entry, in one
 * transaction. The scheduler then sends it like any other; a meeting
 * (HelderMomentDraft.meeting) gets its invitations, reminder and answers
 * as every meeting does, and helder-moment-meeting.c changes or cancels it.
 */
#define G_LOG_DOMAIN "helder-moment"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-channel-names.h"
#include "services/repo/helder-audit-write.h"
#include "services/repo/helder-moment.h"
#include "services/repo/helder-repo.h"
#include "services/delivery/helder-meeting-private.h"
#include "services/delivery/helder-moment-draft.h"

static JsonArray *
strings (const char *const *list)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    json_array_add_string_element (array, list[i]);
  return array;
}

static gboolean
draft_has_channel (const HelderMomentDraft *draft, const char *channel)
{
  return draft->channels != NULL && g_strv_contains (draft->channels, channel);
}

static JsonArray *
person_ids (const char *const *list, GError **error)
{
  g_autoptr (JsonArray) array = json_array_new ();

  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      gint64 id;

      if (!g_ascii_string_to_signed (list[i], 10, 1, G_MAXINT64, &id, NULL))
        {
          helder_error_set (error, HELDER_ERROR_INVALID, "persons",
                            _ ("persons: “%s” is not a person’s id (a number like 12)"), list[i]);
          return NULL;
        }
      json_array_add_int_element (array, id);
    }
  return g_steal_pointer (&array);
}

/* The channels of @draft: its own, with "meeting" for a meeting. */
static JsonArray *
draft_channels (const HelderMomentDraft *draft)
{
  JsonArray *channels;

  if (draft->channels != NULL)
    channels = strings (draft->channels);
  else if (draft->meeting)
    channels = json_array_new ();
  else
    {
      /* On the channels people take unless they chose others. */
      g_auto (GStrv) defaults = helder_channel_names_list (HELDER_CHANNEL_DEFAULT);

      channels = strings ((const char *const *) defaults);
    }
  if (draft->meeting && !draft_has_channel (draft, HELDER_MEETING_CHANNEL))
    json_array_add_string_element (channels, HELDER_MEETING_CHANNEL);
  return channels;
}

/* A place, a link or a length make sense for a meeting only. */
static gboolean
check_meeting_members (const HelderMomentDraft *draft, GError **error)
{
  const char *member = draft->location != NULL     ? "location"
                       : draft->online_url != NULL ? "online_url"
                       : draft->duration_minutes   ? "duration_minutes"
                                                   : NULL;

  if (member == NULL || draft->meeting || draft_has_channel (draft, HELDER_MEETING_CHANNEL))
    return TRUE;
  helder_error_set (error, HELDER_ERROR_INVALID, member,
                    _ ("%s: only a meeting has a place, an online link and a length; make the "
                       "moment a meeting"),
                    member);
  return FALSE;
}

static void
add_meeting_members (JsonObject *values, const HelderMomentDraft *draft)
{
  if (draft->location != NULL)
    json_object_set_string_member (values, "location", draft->location);
  if (draft->online_url != NULL)
    json_object_set_string_member (values, "online_url", draft->online_url);
  if (draft->duration_minutes != 0)
    json_object_set_int_member (values, "duration_minutes", draft->duration_minutes);
}

static JsonObject *
draft_values (const HelderMomentDraft *draft, const HelderAuditActor *actor, GError **error)
{
  g_autoptr (JsonObject) values = json_object_new ();
  JsonArray *persons;

  if (!check_meeting_members (draft, error))
    return NULL;
  persons = person_ids (draft->audience.persons, error);
  if (persons == NULL)
    return NULL;
  json_object_set_string_member (values, "title", draft->title ? draft->title : "");
  json_object_set_string_member (values, "body", draft->body ? draft->body : "");
  if (draft->title_en != NULL)
    json_object_set_string_member (values, "title_en", draft->title_en);
  if (draft->body_en != NULL)
    json_object_set_string_member (values, "body_en", draft->body_en);
  if (draft->phase != NULL)
    json_object_set_string_member (values, "phase", draft->phase);
  if (draft->scheduled_at != NULL)
    json_object_set_string_member (values, "scheduled_at", draft->scheduled_at);
  json_object_set_string_member (values, "status", draft->approved ? "approved" : "draft");
  json_object_set_string_member (values, "author", actor->name ? actor->name : "");
  json_object_set_array_member (values, "channels", draft_channels (draft));
  add_meeting_members (values, draft);
  json_object_set_array_member (values, "groups", strings (draft->audience.groups));
  json_object_set_array_member (values, "roles", strings (draft->audience.roles));
  json_object_set_array_member (values, "persons", persons);
  json_object_set_array_member (values, "statuses", strings (draft->audience.statuses));
  if (draft->audience_filter != NULL)
    json_object_set_string_member (values, "audience_filter", draft->audience_filter);
  return g_steal_pointer (&values);
}

/**
 * helder_moment_create_from:
 * @draft: what the moment says, to whom, when
 * @actor: who makes it, for the audit log
 * @id: (out) (optional): the new moment's id
 *
 * Creates a moment from @draft with the checks of `helder moment add`
 * (an approved moment needs an audience and a channel, the groups, roles
 * and persons must exist, the text must be valid …) and its audit entry,
 * in one transaction.
 *
 * Returns: %FALSE with @error (its field the draft's member at fault) when
 *   the moment cannot be made; nothing is written then
 */
gboolean
helder_moment_create_from (HelderStore *store,
                           const HelderMomentDraft *draft,
                           const HelderAuditActor *actor,
                           gint64 *id,
                           GError **error)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr (JsonObject) values = NULL;
  g_autoptr (JsonObject) row = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (draft != NULL && actor != NULL, FALSE);

  values = draft_values (draft, actor, error);
  if (values == NULL || !helder_store_begin (store, error))
    return FALSE;
  row = helder_repo_create (store, entity, values, HELDER_WRITE_SYSTEM, error);
  if (row == NULL || !helder_audit_change (store, actor, entity, "create", row, NULL, error) ||
      !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  if (id != NULL)
    *id = json_object_get_int_member (row, "id");
  return TRUE;
}

/**
 * helder_moment_cancel_unsent:
 * @moment: a moment's id
 * @actor: who cancels it, for the audit log
 * @cancelled: (out) (optional): whether it was cancelled now
 *
 * Cancels @moment, audited, when it is not sent yet (a draft or approved);
 * a moment that was sent, cancelled or superseded already, or that no
 * longer exists, is left as it is. For a plugin whose reason to send is
 * gone (a survey round that was cancelled or closed early).
 *
 * Returns: %FALSE with @error when the store fails
 */
gboolean
helder_moment_cancel_unsent (HelderStore *store,
                             gint64 moment,
                             const HelderAuditActor *actor,
                             gboolean *cancelled,
                             GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, moment);
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (cancelled != NULL)
    *cancelled = FALSE;
  stmt = helder_store_prepare (
    store, "SELECT 1 FROM moment WHERE id = ?1 AND status IN ('draft', 'approved')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, moment);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  row = helder_moment_set_status (store, actor, key, "cancelled", error);
  if (row == NULL)
    return FALSE;
  if (cancelled != NULL)
    *cancelled = TRUE;
  return TRUE;
}
