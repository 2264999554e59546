/* helder-meeting.c — a meeting as the scheduler reads it
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A meeting (a moment with the channel "meeting") with what its
 * invitations need: its first version (root, the UID) and how many came
 * before it (depth), its delivery channels, and its personal slots; and
 * the people it invites, with their address, language and channels.
 */
#define G_LOG_DOMAIN "helder-meeting"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "services/delivery/helder-meeting-private.h"

#define MEETING HELDER_MEETING_CHANNEL

static void
slot_free (HelderMeetingSlot *slot)
{
  g_free (slot->starts_at);
  g_free (slot->ends_at);
  g_free (slot->with_whom);
  g_free (slot);
}

void
helder_meeting_times_clear (HelderMeetingTimes *t)
{
  g_clear_pointer (&t->ends_at, g_free);
  g_clear_pointer (&t->uid, g_free);
}

void
helder_meeting_free (HelderMeeting *m)
{
  for (guint i = 0; i < 2; i++)
    {
      g_free (m->title[i]);
      g_free (m->body[i]);
    }
  g_free (m->status);
  g_free (m->starts_at);
  g_free (m->location);
  g_free (m->online_url);
  g_clear_pointer (&m->channels, g_ptr_array_unref);
  g_clear_pointer (&m->slots, g_hash_table_unref);
  g_free (m);
}

void
helder_meeting_invitee_free (HelderMeetingInvitee *p)
{
  g_free (p->name);
  g_free (p->email);
  g_free (p->locale);
  g_clear_pointer (&p->channels, g_ptr_array_unref);
  g_free (p);
}

/* ---- times ------------------------------------------------------------------- */

char *
helder_meeting_utc_after (const char *utc, gint64 seconds)
{
  g_autoptr (GDateTime) base = g_date_time_new_from_iso8601 (utc, NULL);
  g_autoptr (GDateTime) later = NULL;

  if (base == NULL)
    return g_strdup (utc);
  later = g_date_time_add_seconds (base, (gdouble) seconds);
  return g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ");
}

/* "13:30" in the programme's zone */
char *
helder_meeting_local_clock (const char *utc)
{
  g_autoptr (GDateTime) local = helder_clock_to_local (utc);

  return local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("");
}

/* ---- reading ----------------------------------------------------------------- */

/**
 * helder_meeting_root:
 * @moment: a version of a meeting
 * @root: (out): its first version, whose id is the meeting's UID
 * @depth: (out): how many versions came before it
 *
 * Returns: %TRUE unless the store failed
 */
gboolean
helder_meeting_root (HelderStore *store, gint64 moment, gint64 *root, gint64 *depth, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT supersedes FROM moment WHERE id = ?1", error);
  gint64 id = moment;
  gint64 n = 0;

  if (stmt == NULL)
    return FALSE;
  /* A chain is short; the bound stops a cycle an import could make. */
  for (; n < 10000; n++)
    {
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return helder_store_propagate (store, rc, error);
      if (rc == SQLITE_DONE || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        break;
      id = sqlite3_column_int64 (stmt, 0);
    }
  *root = id;
  *depth = n;
  return TRUE;
}

#define MEETING_COLUMNS                                                                      \
  "m.id, m.status, m.scheduled_at, m.duration_minutes, m.title, m.body, m.title_en,"         \
  " m.body_en, m.location, m.online_url,"                                                    \
  " (SELECT group_concat (c.channel, char (10)) FROM moment_channel c WHERE c.moment = m.id" \
  "  AND c.channel <> '" MEETING "')"

char *
helder_meeting_column_text (sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static gboolean
load_slots (HelderStore *store, HelderMeeting *m, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT person, starts_at, ends_at, with_whom FROM moment_slot WHERE moment = ?1",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  m->slots =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) slot_free);
  sqlite3_bind_int64 (stmt, 1, m->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *person = g_new (gint64, 1);
      HelderMeetingSlot *slot = g_new0 (HelderMeetingSlot, 1);

      *person = sqlite3_column_int64 (stmt, 0);
      slot->starts_at = helder_meeting_column_text (stmt, 1);
      slot->ends_at = helder_meeting_column_text (stmt, 2);
      slot->with_whom = helder_meeting_column_text (stmt, 3);
      g_hash_table_insert (m->slots, person, slot);
    }
  if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  return TRUE;
}

gboolean
helder_meeting_has_slots (const HelderMeeting *m)
{
  return g_hash_table_size (m->slots) > 0;
}

/* @person's times of @m: their own slot in a meeting of personal
 * conversations (with its own UID), else the meeting's. */
void
helder_meeting_times_for (const HelderMeeting *m, gint64 person, HelderMeetingTimes *t)
{
  const HelderMeetingSlot *slot = g_hash_table_lookup (m->slots, &person);

  if (slot != NULL)
    {
      t->starts_at = slot->starts_at;
      t->ends_at = g_strdup (slot->ends_at);
      t->with_whom = slot->with_whom[0] != '\0' ? slot->with_whom : NULL;
    }
  else
    {
      t->starts_at = m->starts_at;
      t->ends_at = helder_meeting_utc_after (m->starts_at, m->minutes * 60);
      t->with_whom = NULL;
    }
  if (helder_meeting_has_slots (m))
    t->uid = g_strdup_printf ("meeting-%" PRId64 "-%" PRId64 "@helder", m->root, person);
  else
    t->uid = g_strdup_printf ("meeting-%" PRId64 "@helder", m->root);
}

/* What an invitation said: it is sent again when this changes. */
char *
helder_meeting_what_was_sent (const HelderMeeting *m, const HelderMeetingTimes *t)
{
  return g_strjoin ("|", t->starts_at, t->ends_at, t->with_whom ? t->with_whom : "", m->location,
                    m->online_url, NULL);
}

static HelderMeeting *
meeting_from_row (HelderStore *store, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (HelderMeeting) m = g_new0 (HelderMeeting, 1);

  m->id = sqlite3_column_int64 (stmt, 0);
  m->status = helder_meeting_column_text (stmt, 1);
  m->starts_at = helder_meeting_column_text (stmt, 2);
  m->minutes = sqlite3_column_int64 (stmt, 3);
  m->title[0] = helder_meeting_column_text (stmt, 4);
  m->body[0] = helder_meeting_column_text (stmt, 5);
  m->title[1] = helder_meeting_column_text (stmt, 6);
  m->body[1] = helder_meeting_column_text (stmt, 7);
  m->location = helder_meeting_column_text (stmt, 8);
  m->online_url = helder_meeting_column_text (stmt, 9);
  m->channels = g_ptr_array_new_with_free_func (g_free);
  if (sqlite3_column_type (stmt, 10) != SQLITE_NULL)
    {
      g_auto (GStrv) names = g_strsplit ((const char *) sqlite3_column_text (stmt, 10), "\n", -1);

      for (guint i = 0; names[i] != NULL; i++)
        g_ptr_array_add (m->channels, g_strdup (names[i]));
    }
  if (!helder_meeting_root (store, m->id, &m->root, &m->depth, error) ||
      !load_slots (store, m, error))
    return NULL;
  return g_steal_pointer (&m);
}

/* The meetings a query selects, with ?1 bound to @param. */
GPtrArray *
helder_meeting_load (HelderStore *store, const char *where, const char *param, GError **error)
{
  g_autoptr (GPtrArray) meetings =
    g_ptr_array_new_with_free_func ((GDestroyNotify) helder_meeting_free);
  g_autofree char *sql = g_strconcat ("SELECT " MEETING_COLUMNS
                                      " FROM moment m WHERE EXISTS (SELECT 1 FROM moment_channel c"
                                      " WHERE c.moment = m.id AND c.channel = '" MEETING "') AND ",
                                      where, " ORDER BY m.scheduled_at, m.id", NULL);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  {
    g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);

    if (stmt == NULL)
      return NULL;
    if (param != NULL)
      sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        HelderMeeting *m = meeting_from_row (store, stmt, error);

        if (m == NULL)
          return NULL;
        g_ptr_array_add (meetings, m);
      }
    if (rc != SQLITE_DONE)
      {
        helder_store_propagate (store, rc, error);
        return NULL;
      }
  }
  return g_steal_pointer (&meetings);
}

HelderMeetingInvitee *
helder_meeting_invitee_load (HelderStore *store, gint64 id, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT name, coalesce (email, ''), locale FROM person WHERE id = ?1", error);
  g_autoptr (HelderStmt) chosen = NULL;
  g_autoptr (HelderMeetingInvitee) p = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND, _ ("no person “%" PRId64 "”"),
                     id);
      else
        helder_store_propagate (store, rc, error);
      return NULL;
    }
  p = g_new0 (HelderMeetingInvitee, 1);
  p->id = id;
  p->name = helder_meeting_column_text (stmt, 0);
  p->email = helder_meeting_column_text (stmt, 1);
  p->locale = helder_meeting_column_text (stmt, 2);
  p->channels = g_ptr_array_new_with_free_func (g_free);
  chosen = helder_store_prepare (
    store, "SELECT channel FROM person_channel WHERE person = ?1 ORDER BY channel", error);
  if (chosen == NULL)
    return NULL;
  sqlite3_bind_int64 (chosen, 1, id);
  while ((rc = sqlite3_step (chosen)) == SQLITE_ROW)
    g_ptr_array_add (p->channels, helder_meeting_column_text (chosen, 0));
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&p);
}
