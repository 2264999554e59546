/* helder-reach.c — whom a moment was delivered to, from the outbox
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A moment's reach is what the outbox holds for it, never its audience
 * recomputed now (DESIGN.md §6, issue 12): people imported or added to a
 * group after it went out are in its audience today but did not get it.
 * A message is queued under the source "moment:ID"; a meeting's
 * invitations under "meeting:ID:invite" and "meeting:ID:invite:SEQUENCE"
 * (helder-meeting-invite.h), reminders and cancellations are not reach.
 *
 * Per channel, and for all channels together, people are counted once:
 * "people" had a message queued, "sent" had it delivered, "read"
 * acknowledged it or followed the link in it (a channel that cannot tell
 * counts nobody), "pending" are still in the outbox (waiting, being sent,
 * offered, or failed and to be tried again) and "failed" were given up.
 * The audience of today minus the people with a message is "not_reached":
 * "joined_later" of them were added to Helder after the moment was queued,
 * the others were in Helder then but not in its audience, or no channel
 * reached them.
 */
#define G_LOG_DOMAIN "helder-reach"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-channel-names.h"
#include "services/repo/helder-repo.h"
#include "services/views/helder-audience.h"
#include "services/views/helder-reach.h"

#define SOURCES_WHERE " WHERE (d.source = ?1 OR d.source = ?2 OR d.source GLOB ?3)"

/* Counts per channel and (channel NULL) for all of them together. */
static const char counts_sql[] =
  "SELECT channel, people, sent, read, pending, failed, first_at FROM ("
  " SELECT d.channel AS channel,"
  "  count (DISTINCT d.person) AS people,"
  "  count (DISTINCT CASE WHEN d.status = 'sent' THEN d.person END) AS sent,"
  "  count (DISTINCT CASE WHEN d.acknowledged_at IS NOT NULL OR EXISTS (SELECT 1 FROM"
  "   message_link l WHERE l.delivery = d.id AND l.uses > 0) THEN d.person END) AS read,"
  "  count (DISTINCT CASE WHEN d.status IN ('pending', 'sending', 'offered', 'failed')"
  "   THEN d.person END) AS pending,"
  "  count (DISTINCT CASE WHEN d.status = 'dead' THEN d.person END) AS failed,"
  "  min (d.created_at) AS first_at"
  " FROM delivery d" SOURCES_WHERE " GROUP BY d.channel"
  " UNION ALL"
  " SELECT NULL,"
  "  count (DISTINCT d.person),"
  "  count (DISTINCT CASE WHEN d.status = 'sent' THEN d.person END),"
  "  count (DISTINCT CASE WHEN d.acknowledged_at IS NOT NULL OR EXISTS (SELECT 1 FROM"
  "   message_link l WHERE l.delivery = d.id AND l.uses > 0) THEN d.person END),"
  "  count (DISTINCT CASE WHEN d.status IN ('pending', 'sending', 'offered', 'failed')"
  "   THEN d.person END),"
  "  count (DISTINCT CASE WHEN d.status = 'dead' THEN d.person END),"
  "  min (d.created_at)"
  " FROM delivery d" SOURCES_WHERE ")"
  " ORDER BY channel IS NULL, channel";

static void
bind_sources (HelderStmt *stmt, gint64 moment)
{
  sqlite3_bind_text (stmt, 1, g_strdup_printf ("moment:%" PRId64, moment), -1, g_free);
  sqlite3_bind_text (stmt, 2, g_strdup_printf ("meeting:%" PRId64 ":invite", moment), -1, g_free);
  sqlite3_bind_text (stmt, 3, g_strdup_printf ("meeting:%" PRId64 ":invite:*", moment), -1, g_free);
}

static void
set_counts (JsonObject *object, HelderStmt *stmt)
{
  static const char *const names[] = { "people", "sent", "read", "pending", "failed" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    json_object_set_int_member (object, names[i], sqlite3_column_int64 (stmt, (int) i + 1));
}

/**
 * helder_reach_recipients:
 * @moment: the moment's id
 *
 * Returns: (transfer full): the set of the ids (gint64 *) of the people the
 *   outbox holds a message of @moment for, whatever its status
 */
GHashTable *
helder_reach_recipients (HelderStore *store, gint64 moment, GError **error)
{
  g_autoptr (GHashTable) people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  stmt =
    helder_store_prepare (store, "SELECT DISTINCT d.person FROM delivery d" SOURCES_WHERE, error);
  if (stmt == NULL)
    return NULL;
  bind_sources (stmt, moment);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (people,
                      g_memdup2 (&(gint64){ sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&people);
}

/* People of today's audience without a message: how many, and how many of
 * them Helder got to know after @first_at. */
static gboolean
count_not_reached (HelderStore *store,
                   gint64 moment,
                   const char *first_at,
                   JsonObject *reach,
                   GError **error)
{
  g_autoptr (GArray) audience = helder_audience_resolve (store, moment, error);
  g_autoptr (GHashTable) recipients = NULL;
  g_autoptr (GHashTable) later = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) later_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (HelderStmt) stmt = NULL;
  gint64 not_reached = 0, joined_later = 0;
  int rc;

  if (audience == NULL)
    return FALSE;
  recipients = helder_reach_recipients (store, moment, error);
  if (recipients == NULL)
    return FALSE;
  stmt = helder_store_prepare (store, "SELECT id FROM person WHERE created_at > ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, first_at ? first_at : "", -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (later_ids, id);
    }
  if (!helder_store_propagate (store, rc, error))
    return FALSE;
  for (guint i = 0; i < later_ids->len; i++)
    g_hash_table_add (later, &g_array_index (later_ids, gint64, i));

  for (guint i = 0; i < audience->len; i++)
    {
      gint64 *id = &g_array_index (audience, gint64, i);

      if (g_hash_table_contains (recipients, id))
        continue;
      not_reached++;
      if (first_at != NULL && g_hash_table_contains (later, id))
        joined_later++;
    }
  json_object_set_int_member (reach, "audience_now", audience->len);
  json_object_set_int_member (reach, "not_reached", not_reached);
  json_object_set_int_member (reach, "joined_later", joined_later);
  return TRUE;
}

/**
 * helder_reach_get:
 * @moment: the moment's id
 *
 * Returns: (transfer full): the moment's reach from the outbox: recorded
 *   (whether the outbox holds anything for it: a moment recorded as sent
 *   elsewhere, an import say, has no messages), first_at (when its first
 *   message was queued, UTC, or null), people, sent, read, pending, failed
 *   (each a number of people), channels [{channel, label, people, sent,
 *   read, pending, failed}] by name, audience_now, not_reached and
 *   joined_later; %NULL with @error when the moment does not exist
 */
JsonObject *
helder_reach_get (HelderStore *store, gint64 moment, GError **error)
{
  g_autoptr (JsonObject) reach = json_object_new ();
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *first_at = NULL;
  JsonArray *channels = json_array_new ();
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  json_object_set_int_member (reach, "moment", moment);
  json_object_set_array_member (reach, "channels", channels);
  stmt = helder_store_prepare (store, counts_sql, error);
  if (stmt == NULL)
    return NULL;
  bind_sources (stmt, moment);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *channel = (const char *) sqlite3_column_text (stmt, 0);

      if (channel != NULL)
        {
          JsonObject *row = json_object_new ();
          const char *label = helder_channel_names_get_label (channel);

          json_object_set_string_member (row, "channel", channel);
          json_object_set_string_member (row, "label", label ? label : channel);
          set_counts (row, stmt);
          json_array_add_object_element (channels, row);
          continue;
        }
      set_counts (reach, stmt);
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        first_at = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  json_object_set_boolean_member (reach, "recorded", first_at != NULL);
  if (first_at != NULL)
    json_object_set_string_member (reach, "first_at", first_at);
  else
    json_object_set_null_member (reach, "first_at");
  if (!count_not_reached (store, moment, first_at, reach, error))
    return NULL;
  return g_steal_pointer (&reach);
}

/**
 * helder_reach_sent_between:
 * @from: the first local date, YYYY-MM-DD
 * @to: the last local date, YYYY-MM-DD
 *
 * Returns: (transfer full): the sent moments scheduled from @from to @to,
 *   newest first: {id, title, scheduled_at, reach (helder_reach_get())}
 */
JsonArray *
helder_reach_sent_between (HelderStore *store, const char *from, const char *to, GError **error)
{
  g_autoptr (JsonArray) moments = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  moments = helder_repo_query_rows (store,
                                    "SELECT id, title, scheduled_at FROM moment"
                                    " WHERE status = 'sent'"
                                    " AND local_date (scheduled_at) BETWEEN ?1 AND ?2"
                                    " ORDER BY scheduled_at DESC, id DESC",
                                    from, to, error);
  if (moments == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (moments); i++)
    {
      JsonObject *m = json_array_get_object_element (moments, i);
      JsonObject *reach = helder_reach_get (store, json_object_get_int_member (m, "id"), error);

      if (reach == NULL)
        return NULL;
      json_object_set_object_member (m, "reach", reach);
    }
  return g_steal_pointer (&moments);
}

/**
 * helder_reach_summary:
 * @reach: from helder_reach_get(), with something recorded
 *
 * Returns: (transfer full): one sentence a reader can trust: "Sent to 62
 *   people." only when every message went out; while some wait or failed
 *   it says how many of each, so that queued messages are never read as
 *   delivered
 */
char *
helder_reach_summary (JsonObject *reach)
{
  gint64 people = json_object_get_int_member_with_default (reach, "people", 0);
  gint64 sent = json_object_get_int_member_with_default (reach, "sent", 0);
  gint64 pending = json_object_get_int_member_with_default (reach, "pending", 0);
  gint64 failed = json_object_get_int_member_with_default (reach, "failed", 0);

  if (sent == people && pending == 0 && failed == 0)
    return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Sent to %d person.", "Sent to %d people.", (gulong) people),
      (int) people);
  return g_strdup_printf (
    /* TRANSLATORS: messages of one moment: for how many people, of whom delivered, still
     * waiting in the outbox, given up */
    g_dngettext (GETTEXT_PACKAGE, "Messages for %d person: %d delivered, %d waiting, %d failed.",
                 "Messages for %d people: %d delivered, %d waiting, %d failed.", (gulong) people),
    (int) people, (int) sent, (int) pending, (int) failed);
}
