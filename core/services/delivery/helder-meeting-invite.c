/* helder-meeting-invite.c — meetings are announced ahead of time
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A moment with the channel "meeting" is a meeting at its scheduled time.
 * Its invitation goes out the lead time (meeting.invite_days) before it
 * starts, or at the first round after its approval when that is later,
 * to everyone in its audience: on the moment's delivery channels that the
 * person takes, or, for a meeting-only moment, on the person's own
 * channels (the default ones when they chose none). Each message carries
 * an iCalendar invitation (helder-meeting-ical.h) with one UID for every
 * version of the meeting. meeting_invite remembers who was sent which
 * version, with which SEQUENCE:
 *
 * - a superseding version, once approved, re-invites everyone who was
 *   invited before (whatever the lead time) with a higher SEQUENCE, and
 *   cancels for those it no longer reaches;
 * - a version cancelled without a successor that is still to come
 *   (draft, approved) cancels for everyone invited (METHOD:CANCEL);
 * - a day before it starts, the people invited get a reminder, unless the
 *   invitation itself went out within that day.
 *
 * When it starts, the meeting is marked sent: it is not announced again
 * as a message at its start. Every message is queued under its own source
 * (helder-meeting-invite.h), so a round run twice queues nothing twice,
 * and everything for one meeting is written in one transaction.
 */
#define G_LOG_DOMAIN "helder-meeting"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "model/helder-channel-names.h"
#include "services/views/helder-audience.h"
#include "services/delivery/helder-digest.h"
#include "services/delivery/helder-outbox.h"
#include "services/delivery/helder-meeting-invite.h"
#include "services/delivery/helder-meeting-private.h"

#define MEETING HELDER_MEETING_CHANNEL

/* What one round shares: the settings, the time, the default channels. */
typedef struct
{
  HelderStore *store;
  const HelderScheduleOptions *options;
  HelderScheduleReport *report;
  const char *now;
  GStrv defaults;
  char *link;     /* the person's own page */
  char *horizon;  /* now plus the lead time */
  char *tomorrow; /* now plus HELDER_MEETING_REMINDER_HOURS */
} Round;

/* The channels a meeting's messages reach @person by: the moment's that
 * they take; for a meeting-only moment, their own. */
static GPtrArray *
invitee_channels (const Round *round, const HelderMeeting *m, const HelderMeetingInvitee *p)
{
  GPtrArray *channels = g_ptr_array_new ();
  const char *const *defaults = (const char *const *) round->defaults;

  if (m->channels->len == 0)
    {
      if (p->channels->len == 0)
        for (guint i = 0; defaults[i] != NULL; i++)
          g_ptr_array_add (channels, (gpointer) defaults[i]);
      else
        for (guint i = 0; i < p->channels->len; i++)
          g_ptr_array_add (channels, g_ptr_array_index (p->channels, i));
      return channels;
    }
  for (guint i = 0; i < m->channels->len; i++)
    {
      const char *channel = g_ptr_array_index (m->channels, i);
      gboolean takes = FALSE;

      if (p->channels->len == 0)
        takes = g_strv_contains (defaults, channel);
      for (guint j = 0; !takes && j < p->channels->len; j++)
        takes = g_str_equal (g_ptr_array_index (p->channels, j), channel);
      if (takes)
        g_ptr_array_add (channels, (gpointer) channel);
    }
  return channels;
}

/* ---- queueing ---------------------------------------------------------------- */

static gboolean
queue_message (const Round *round,
               const HelderMeeting *m,
               const HelderMeetingInvitee *p,
               const HelderMeetingTimes *t,
               HelderMeetingKind kind,
               gint64 sequence,
               guint *counter,
               GError **error)
{
  g_autoptr (GPtrArray) channels = invitee_channels (round, m, p);
  g_auto (HelderMeetingMessage) message = { 0 };
  g_autofree char *source = NULL;

  switch (kind)
    {
    case HELDER_MEETING_REMINDER:
      source = g_strdup_printf (HELDER_MEETING_SOURCE_REMINDER, m->id);
      break;
    case HELDER_MEETING_CANCEL:
      source = g_strdup_printf (HELDER_MEETING_SOURCE_CANCEL, m->id, sequence);
      break;
    default:
      source = sequence == m->depth
                 ? g_strdup_printf (HELDER_MEETING_SOURCE_INVITE, m->id)
                 : g_strdup_printf (HELDER_MEETING_SOURCE_REINVITE, m->id, sequence);
    }
  if (channels->len == 0)
    {
      round->report->unreachable++;
      return TRUE;
    }
  if (!helder_meeting_message_compose (round->store, round->options, round->now, round->link, m, p,
                                       t, kind, sequence, &message, error))
    return FALSE;
  for (guint i = 0; i < channels->len; i++)
    {
      HelderOutboxMessage row = {
        .source = source,
        .person = p->id,
        .channel = g_ptr_array_index (channels, i),
        .subject = message.subject,
        .body = message.body,
        .locale = g_strcmp0 (p->locale, "en") == 0 ? "en" : p->locale,
        .link = round->link,
        .calendar = message.calendar,
      };
      gboolean inserted = FALSE;

      if (!helder_outbox_queue (round->store, &row, round->now, &inserted, error))
        return FALSE;
      if (!inserted)
        continue;
      (*counter)++;
      if (round->options->plan != NULL)
        {
          JsonObject *entry = json_object_new ();

          json_object_set_string_member (entry, "source", source);
          json_object_set_int_member (entry, "person", p->id);
          json_object_set_string_member (entry, "person_name", p->name);
          json_object_set_string_member (entry, "channel", row.channel);
          json_object_set_string_member (entry, "locale", row.locale);
          json_object_set_string_member (entry, "subject", row.subject);
          json_array_add_object_element (round->options->plan, entry);
        }
    }
  return TRUE;
}

static gboolean
remember (const Round *round,
          const HelderMeeting *m,
          gint64 person,
          gint64 sequence,
          gboolean cancelled,
          const char *what,
          GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    round->store,
    "INSERT INTO meeting_invite (root, person, moment, sequence, cancelled, invited_at, what)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (root, person) DO UPDATE SET"
    " moment = excluded.moment, sequence = excluded.sequence, cancelled = excluded.cancelled,"
    " what = excluded.what,"
    " invited_at = CASE WHEN excluded.cancelled THEN invited_at ELSE excluded.invited_at END",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, m->root);
  sqlite3_bind_int64 (stmt, 2, person);
  sqlite3_bind_int64 (stmt, 3, m->id);
  sqlite3_bind_int64 (stmt, 4, sequence);
  sqlite3_bind_int (stmt, 5, cancelled ? 1 : 0);
  sqlite3_bind_text (stmt, 6, round->now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, what, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (round->store, stmt, error);
}

typedef struct
{
  gint64 moment;
  gint64 sequence;
  gboolean cancelled;
  char *what;
  char *invited_at;
} Sent;

static void
sent_free (Sent *s)
{
  g_free (s->what);
  g_free (s->invited_at);
  g_free (s);
}

/* person → Sent: what each person was sent of the meeting @root */
static GHashTable *
load_sent (HelderStore *store, gint64 root, GError **error)
{
  g_autoptr (GHashTable) sent =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) sent_free);
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "SELECT person, moment, sequence, cancelled, what, invited_at"
                          " FROM meeting_invite WHERE root = ?1",
                          error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, root);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *person = g_new (gint64, 1);
      Sent *s = g_new0 (Sent, 1);

      *person = sqlite3_column_int64 (stmt, 0);
      s->moment = sqlite3_column_int64 (stmt, 1);
      s->sequence = sqlite3_column_int64 (stmt, 2);
      s->cancelled = sqlite3_column_int (stmt, 3);
      s->what = helder_meeting_column_text (stmt, 4);
      s->invited_at = helder_meeting_column_text (stmt, 5);
      g_hash_table_insert (sent, person, s);
    }
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&sent);
}

/* Who a meeting invites: its audience; for personal conversations, those
 * of its audience who have a slot. */
static GArray *
invited (const Round *round, const HelderMeeting *m, GError **error)
{
  g_autoptr (GArray) audience = helder_audience_resolve (round->store, m->id, error);
  GArray *people;

  if (audience == NULL)
    return NULL;
  if (!helder_meeting_has_slots (m))
    return g_steal_pointer (&audience);
  people = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < audience->len; i++)
    if (g_hash_table_contains (m->slots, &g_array_index (audience, gint64, i)))
      g_array_append_val (people, g_array_index (audience, gint64, i));
  return people;
}

/* Sends @person the cancellation of the invitation @before, with the next
 * sequence, and remembers it. */
static gboolean
send_cancel (const Round *round,
             const HelderMeeting *m,
             gint64 person,
             const Sent *before,
             GError **error)
{
  g_autoptr (HelderMeetingInvitee) p = NULL;
  g_auto (HelderMeetingTimes) t = { 0 };

  helder_meeting_times_for (m, person, &t);
  p = helder_meeting_invitee_load (round->store, person, error);
  return p != NULL &&
         queue_message (round, m, p, &t, HELDER_MEETING_CANCEL, before->sequence + 1,
                        &round->report->meeting_cancellations, error) &&
         remember (round, m, p->id, before->sequence + 1, TRUE, before->what, error);
}

/* Invites (or re-invites) the audience of one approved meeting that is
 * to come, and cancels for those it no longer reaches. */
static gboolean
invite_meeting (const Round *round, const HelderMeeting *m, GError **error)
{
  g_autoptr (GHashTable) sent = NULL;
  g_autoptr (GHashTable) reached = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) audience = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!helder_store_begin (round->store, error))
    return FALSE;
  sent = load_sent (round->store, m->root, error);
  if (sent == NULL)
    goto fail;
  audience = invited (round, m, error);
  if (audience == NULL)
    goto fail;
  for (guint i = 0; i < audience->len; i++)
    {
      gint64 *id = &g_array_index (audience, gint64, i);
      Sent *before = g_hash_table_lookup (sent, id);
      g_auto (HelderMeetingTimes) t = { 0 };
      g_autoptr (HelderMeetingInvitee) p = NULL;
      g_autofree char *what = NULL;
      gboolean active;
      gint64 sequence;

      g_hash_table_add (reached, id);
      helder_meeting_times_for (m, *id, &t);
      what = helder_meeting_what_was_sent (m, &t);
      active = before != NULL && !before->cancelled;
      /* Their conversation is over: nothing more to send. */
      if (g_strcmp0 (t.starts_at, round->now) <= 0)
        continue;
      if (active && before->moment == m->id && g_strcmp0 (before->what, what) == 0)
        continue;
      /* Out of the lead time, only a change for those already invited. */
      if (!active && g_strcmp0 (t.starts_at, round->horizon) > 0)
        continue;
      p = helder_meeting_invitee_load (round->store, *id, error);
      if (p == NULL)
        goto fail;
      sequence = before != NULL ? MAX (m->depth, before->sequence + 1) : m->depth;
      if (!queue_message (round, m, p, &t, active ? HELDER_MEETING_UPDATE : HELDER_MEETING_INVITE,
                          sequence, &round->report->meeting_invitations, error) ||
          !remember (round, m, *id, sequence, FALSE, what, error))
        goto fail;
    }
  g_hash_table_iter_init (&iter, sent);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Sent *before = value;

      if (before->cancelled || g_hash_table_contains (reached, key))
        continue;
      if (!send_cancel (round, m, *(gint64 *) key, before, error))
        goto fail;
    }
  return helder_store_commit (round->store, error);

fail:
  helder_store_rollback (round->store);
  return FALSE;
}

/* Whether a version that comes after @moment is still to come. */
static gint64
has_live_successor (HelderStore *store, gint64 moment, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "WITH RECURSIVE later (id, status) AS ("
    " SELECT id, status FROM moment WHERE supersedes = ?1"
    " UNION SELECT n.id, n.status FROM moment n JOIN later ON n.supersedes = later.id)"
    " SELECT count(*) FROM later WHERE status IN ('draft', 'approved', 'sent')",
    error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, moment);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      helder_store_propagate (store, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0) > 0;
}

/* Cancels a cancelled version for everyone whose invitation it is. */
static gboolean
cancel_meeting (const Round *round, const HelderMeeting *m, GError **error)
{
  g_autoptr (GHashTable) sent = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gint64 live;

  if (!helder_store_begin (round->store, error))
    return FALSE;
  live = has_live_successor (round->store, m->id, error);
  if (live < 0)
    goto fail;
  if (live > 0)
    {
      helder_store_rollback (round->store);
      return TRUE;
    }
  sent = load_sent (round->store, m->root, error);
  if (sent == NULL)
    goto fail;
  g_hash_table_iter_init (&iter, sent);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Sent *before = value;

      if (before->cancelled || before->moment != m->id)
        continue;
      if (!send_cancel (round, m, *(gint64 *) key, before, error))
        goto fail;
    }
  return helder_store_commit (round->store, error);

fail:
  helder_store_rollback (round->store);
  return FALSE;
}

/* Reminds everyone invited to a meeting (their slot) that starts within a
 * day, unless their invitation went out within that day. */
static gboolean
remind_meeting (const Round *round, const HelderMeeting *m, GError **error)
{
  g_autoptr (GHashTable) sent = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!helder_store_begin (round->store, error))
    return FALSE;
  sent = load_sent (round->store, m->root, error);
  if (sent == NULL)
    goto fail;
  g_hash_table_iter_init (&iter, sent);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Sent *before = value;
      g_auto (HelderMeetingTimes) t = { 0 };
      g_autoptr (HelderMeetingInvitee) p = NULL;
      g_autofree char *day_before = NULL;

      if (before->cancelled || before->moment != m->id)
        continue;
      helder_meeting_times_for (m, *(gint64 *) key, &t);
      day_before = helder_meeting_utc_after (t.starts_at, -HELDER_MEETING_REMINDER_HOURS * 3600);
      if (g_strcmp0 (t.starts_at, round->now) <= 0 ||
          g_strcmp0 (t.starts_at, round->tomorrow) > 0 ||
          g_strcmp0 (before->invited_at, day_before) >= 0)
        continue;
      p = helder_meeting_invitee_load (round->store, *(gint64 *) key, error);
      if (p == NULL || !queue_message (round, m, p, &t, HELDER_MEETING_REMINDER, 0,
                                       &round->report->meeting_reminders, error))
        goto fail;
    }
  return helder_store_commit (round->store, error);

fail:
  helder_store_rollback (round->store);
  return FALSE;
}

/* A meeting that started (its last slot, for personal conversations) is
 * done: it is not announced at its start as a message is. */
static gboolean
mark_started (const Round *round, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    round->store,
    "UPDATE moment SET status = 'sent', updated_at = ?1 WHERE status = 'approved'"
    " AND scheduled_at <= ?1 AND EXISTS (SELECT 1 FROM moment_channel c"
    " WHERE c.moment = moment.id AND c.channel = '" MEETING "')"
    " AND NOT EXISTS (SELECT 1 FROM moment_slot s WHERE s.moment = moment.id"
    " AND s.starts_at > ?1)",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, round->now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (round->store, stmt, error))
    return FALSE;
  round->report->meetings_started += (guint) sqlite3_changes (helder_store_get_db (round->store));
  return TRUE;
}

/**
 * helder_meeting_invite_run:
 * @store: a #HelderStore, not in a transaction (or in the dry run's)
 * @options: the round's options (lead time, organizer, base URL, plan)
 * @now: the round's time, UTC
 * @report: counts meeting_invitations, meeting_reminders,
 *   meeting_cancellations and meetings_started
 * @error: set when the store fails
 *
 * Queues the invitations, changes, cancellations and reminders of meetings
 * that are due (see the top of this file), and marks the meetings that
 * started as sent. Running it again queues nothing twice.
 *
 * Returns: %TRUE on success
 */
gboolean
helder_meeting_invite_run (HelderStore *store,
                           const HelderScheduleOptions *options,
                           const char *now,
                           HelderScheduleReport *report,
                           GError **error)
{
  Round round = { store, options, report, now, NULL, NULL, NULL, NULL };
  guint days =
    options->meeting_invite_days > 0 ? options->meeting_invite_days : HELDER_MEETING_INVITE_DAYS;
  g_autoptr (GPtrArray) coming = NULL;
  g_autoptr (GPtrArray) cancelled = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);

  round.defaults = helder_scheduler_channels_with (store, HELDER_CHANNEL_DEFAULT, error);
  if (round.defaults == NULL)
    return FALSE;
  round.link = helder_digest_personal_link (options->base_url);
  round.horizon = helder_meeting_utc_after (now, (gint64) days * 86400);
  round.tomorrow = helder_meeting_utc_after (now, HELDER_MEETING_REMINDER_HOURS * 3600);

  if (!helder_store_begin (store, error))
    ok = FALSE;
  else if (!mark_started (&round, error) || !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      ok = FALSE;
    }

  if (ok)
    {
      coming = helder_meeting_load (store,
                                    "m.status = 'approved' AND (m.scheduled_at > ?1 OR EXISTS"
                                    " (SELECT 1 FROM moment_slot s WHERE s.moment = m.id"
                                    " AND s.starts_at > ?1))",
                                    now, error);
      ok = coming != NULL;
    }
  for (guint i = 0; ok && coming != NULL && i < coming->len; i++)
    {
      const HelderMeeting *m = g_ptr_array_index (coming, i);

      ok = invite_meeting (&round, m, error) && remind_meeting (&round, m, error);
    }
  if (ok)
    {
      cancelled =
        helder_meeting_load (store,
                             "m.status = 'cancelled' AND EXISTS (SELECT 1 FROM meeting_invite i"
                             " WHERE i.moment = m.id AND i.cancelled = 0) AND ?1 IS NOT NULL",
                             now, error);
      ok = cancelled != NULL;
    }
  for (guint i = 0; ok && cancelled != NULL && i < cancelled->len; i++)
    ok = cancel_meeting (&round, g_ptr_array_index (cancelled, i), error);

  g_strfreev (round.defaults);
  g_free (round.link);
  g_free (round.horizon);
  g_free (round.tomorrow);
  return ok;
}
