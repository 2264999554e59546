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
#include "model/helder-language.h"
#include "services/views/helder-audience.h"
#include "services/views/helder-personal.h"
#include "services/delivery/helder-digest.h"
#include "services/delivery/helder-outbox.h"
#include "services/delivery/helder-meeting-ical.h"
#include "services/delivery/helder-meeting-invite.h"
#include "services/delivery/helder-rsvp.h"

#define MEETING "meeting"

typedef enum
{
  KIND_INVITE,
  KIND_UPDATE,
  KIND_REMINDER,
  KIND_CANCEL,
} Kind;

typedef struct
{
  gint64 id;
  gint64 root;
  gint64 depth;
  char *status;
  char *starts_at;
  gint64 minutes;
  char *title[2]; /* [0] the programme's language, [1] English */
  char *body[2];
  char *location;
  char *online_url;
  GPtrArray *channels; /* its delivery channels (not "meeting") */
  GHashTable *slots;   /* person → Slot: a meeting of personal conversations */
} Meeting;

typedef struct
{
  char *starts_at;
  char *ends_at;
  char *with_whom;
} Slot;

static void
slot_free (Slot *slot)
{
  g_free (slot->starts_at);
  g_free (slot->ends_at);
  g_free (slot->with_whom);
  g_free (slot);
}

/* When @person's meeting is: their slot, or the meeting's own time. */
typedef struct
{
  const char *starts_at;
  char *ends_at;
  const char *with_whom; /* (nullable) */
  char *uid;
} Times;

static void
times_clear (Times *t)
{
  g_clear_pointer (&t->ends_at, g_free);
  g_clear_pointer (&t->uid, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Times, times_clear)

static void
meeting_free (Meeting *m)
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
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Meeting, meeting_free)

typedef struct
{
  gint64 id;
  char *name;
  char *email;
  char *locale;
  GPtrArray *channels; /* the ones they chose; empty: the default ones */
} Invitee;

static void
invitee_free (Invitee *p)
{
  g_free (p->name);
  g_free (p->email);
  g_free (p->locale);
  g_clear_pointer (&p->channels, g_ptr_array_unref);
  g_free (p);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Invitee, invitee_free)

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

/* ---- times ------------------------------------------------------------------- */

static char *
utc_after (const char *utc, gint64 seconds)
{
  g_autoptr (GDateTime) base = g_date_time_new_from_iso8601 (utc, NULL);
  g_autoptr (GDateTime) later = NULL;

  if (base == NULL)
    return g_strdup (utc);
  later = g_date_time_add_seconds (base, (gdouble) seconds);
  return g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ");
}

/* "13:30" in the programme's zone */
static char *
local_clock (const char *utc)
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

static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static gboolean
load_slots (HelderStore *store, Meeting *m, GError **error)
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
      Slot *slot = g_new0 (Slot, 1);

      *person = sqlite3_column_int64 (stmt, 0);
      slot->starts_at = column_dup (stmt, 1);
      slot->ends_at = column_dup (stmt, 2);
      slot->with_whom = column_dup (stmt, 3);
      g_hash_table_insert (m->slots, person, slot);
    }
  if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  return TRUE;
}

static gboolean
has_slots (const Meeting *m)
{
  return g_hash_table_size (m->slots) > 0;
}

/* @person's times of @m: their own slot in a meeting of personal
 * conversations (with its own UID), else the meeting's. */
static void
times_for (const Meeting *m, gint64 person, Times *t)
{
  const Slot *slot = g_hash_table_lookup (m->slots, &person);

  if (slot != NULL)
    {
      t->starts_at = slot->starts_at;
      t->ends_at = g_strdup (slot->ends_at);
      t->with_whom = slot->with_whom[0] != '\0' ? slot->with_whom : NULL;
    }
  else
    {
      t->starts_at = m->starts_at;
      t->ends_at = utc_after (m->starts_at, m->minutes * 60);
      t->with_whom = NULL;
    }
  if (has_slots (m))
    t->uid = g_strdup_printf ("meeting-%" PRId64 "-%" PRId64 "@helder", m->root, person);
  else
    t->uid = g_strdup_printf ("meeting-%" PRId64 "@helder", m->root);
}

/* What an invitation said: it is sent again when this changes. */
static char *
what_was_sent (const Meeting *m, const Times *t)
{
  return g_strjoin ("|", t->starts_at, t->ends_at, t->with_whom ? t->with_whom : "", m->location,
                    m->online_url, NULL);
}

static Meeting *
meeting_from_row (HelderStore *store, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (Meeting) m = g_new0 (Meeting, 1);

  m->id = sqlite3_column_int64 (stmt, 0);
  m->status = column_dup (stmt, 1);
  m->starts_at = column_dup (stmt, 2);
  m->minutes = sqlite3_column_int64 (stmt, 3);
  m->title[0] = column_dup (stmt, 4);
  m->body[0] = column_dup (stmt, 5);
  m->title[1] = column_dup (stmt, 6);
  m->body[1] = column_dup (stmt, 7);
  m->location = column_dup (stmt, 8);
  m->online_url = column_dup (stmt, 9);
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
static GPtrArray *
load_meetings (HelderStore *store, const char *where, const char *param, GError **error)
{
  g_autoptr (GPtrArray) meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) meeting_free);
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
        Meeting *m = meeting_from_row (store, stmt, error);

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

static Invitee *
load_invitee (HelderStore *store, gint64 id, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT name, coalesce (email, ''), locale FROM person WHERE id = ?1", error);
  g_autoptr (HelderStmt) chosen = NULL;
  g_autoptr (Invitee) p = NULL;
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
  p = g_new0 (Invitee, 1);
  p->id = id;
  p->name = column_dup (stmt, 0);
  p->email = column_dup (stmt, 1);
  p->locale = column_dup (stmt, 2);
  p->channels = g_ptr_array_new_with_free_func (g_free);
  chosen = helder_store_prepare (
    store, "SELECT channel FROM person_channel WHERE person = ?1 ORDER BY channel", error);
  if (chosen == NULL)
    return NULL;
  sqlite3_bind_int64 (chosen, 1, id);
  while ((rc = sqlite3_step (chosen)) == SQLITE_ROW)
    g_ptr_array_add (p->channels, column_dup (chosen, 0));
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&p);
}

/* The channels a meeting's messages reach @person by: the moment's that
 * they take; for a meeting-only moment, their own. */
static GPtrArray *
invitee_channels (const Round *round, const Meeting *m, const Invitee *p)
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

/* ---- what a message says ----------------------------------------------------- */

static const char *
subject_format (Kind kind)
{
  switch (kind)
    {
    case KIND_UPDATE:
      /* TRANSLATORS: the subject of a changed meeting's invitation */
      return _ ("Changed: %s");
    case KIND_REMINDER:
      return _ ("Reminder: %s");
    case KIND_CANCEL:
      return _ ("Cancelled: %s");
    default:
      return _ ("Invitation: %s");
    }
}

static const char *
opening (Kind kind)
{
  switch (kind)
    {
    case KIND_UPDATE:
      return _ ("This meeting has changed. This invitation replaces the earlier one.");
    case KIND_REMINDER:
      return _ ("A reminder: you are invited to this meeting, which starts within a day.");
    case KIND_CANCEL:
      return _ ("This meeting does not take place, or no longer concerns you. It is removed "
                "from your calendar.");
    default:
      return _ ("You are invited to this meeting.");
    }
}

/* "When", "With", "Where" and "Online" as lines; Markdown when @markdown. */
static void
append_facts (GString *out, const Meeting *m, const Times *t, gboolean markdown)
{
  g_autofree char *when = helder_personal_datetime_label (t->starts_at);
  g_autofree char *until = local_clock (t->ends_at);
  const char *bullet = markdown ? "- " : "";

  g_string_append (out, bullet);
  /* TRANSLATORS: when a meeting is: its date and start, its end, the time zone */
  g_string_append_printf (out, _ ("When: %s to %s (%s)"), when, until, helder_clock_zone_name ());
  g_string_append_c (out, '\n');
  if (t->with_whom != NULL)
    {
      g_string_append (out, bullet);
      /* TRANSLATORS: whom a person meets in a personal conversation */
      g_string_append_printf (out, _ ("With: %s"), t->with_whom);
      g_string_append_c (out, '\n');
    }
  if (m->location[0] != '\0')
    {
      g_string_append (out, bullet);
      g_string_append_printf (out, _ ("Where: %s"), m->location);
      g_string_append_c (out, '\n');
    }
  if (m->online_url[0] != '\0')
    {
      g_string_append (out, bullet);
      if (markdown)
        g_string_append_printf (out, _ ("Online: <%s>"), m->online_url);
      else
        g_string_append_printf (out, _ ("Online: %s"), m->online_url);
      g_string_append_c (out, '\n');
    }
}

typedef struct
{
  char *subject;
  char *body;
  char *calendar;
} Message;

static void
message_clear (Message *message)
{
  g_clear_pointer (&message->subject, g_free);
  g_clear_pointer (&message->body, g_free);
  g_clear_pointer (&message->calendar, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Message, message_clear)

/* The message of @kind for @p, in their language; @sequence for the
 * calendar (none for a reminder). */
static gboolean
compose (const Round *round,
         const Meeting *m,
         const Invitee *p,
         const Times *t,
         Kind kind,
         gint64 sequence,
         Message *out,
         GError **error)
{
  guint lang = g_strcmp0 (p->locale, "en") == 0 && m->title[1][0] != '\0' ? 1 : 0;
  const char *title = m->title[lang];
  const char *body = lang == 1 && m->body[1][0] != '\0' ? m->body[1] : m->body[0];
  g_autofree char *footer = NULL;
  g_autofree char *rsvp_markdown = NULL;
  g_autofree char *rsvp_text = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GString) plain = g_string_new (NULL);
  gboolean ok = TRUE;

  helder_language_begin (g_strcmp0 (p->locale, "en") == 0 ? "en" : "nl");
  out->subject = g_strdup_printf (subject_format (kind), title);
  footer = helder_digest_footer (round->link, FALSE);
  if (kind != KIND_CANCEL &&
      !helder_rsvp_links (round->store, m->root, p->id, t->starts_at, round->options->base_url,
                          &rsvp_markdown, &rsvp_text, error))
    ok = FALSE;

  if (ok)
    {
      g_string_append_printf (text, "%s\n\n", opening (kind));
      append_facts (text, m, t, TRUE);
      if (body[0] != '\0')
        g_string_append_printf (text, "\n%s\n", body);
      if (rsvp_markdown != NULL)
        g_string_append_printf (text, "\n%s\n", rsvp_markdown);
      g_string_append (text, footer);
      out->body = g_strdup (text->str);

      if (kind != KIND_REMINDER)
        {
          HelderMeetingIcal ical = {
            .cancel = kind == KIND_CANCEL,
            .uid = t->uid,
            .sequence = sequence,
            .stamp = round->now,
            .starts_at = t->starts_at,
            .ends_at = t->ends_at,
            .summary = title,
            .location = m->location[0] != '\0' ? m->location : m->online_url,
            .url = m->online_url,
            .organizer = round->options->meeting_organizer,
            .attendee = p->email,
            .attendee_name = p->name,
          };

          append_facts (plain, m, t, FALSE);
          if (body[0] != '\0')
            g_string_append_printf (plain, "\n%s\n", body);
          if (rsvp_text != NULL)
            g_string_append_printf (plain, "\n%s\n", rsvp_text);
          ical.description = plain->str;
          out->calendar = helder_meeting_ical_build (&ical, error);
          ok = out->calendar != NULL;
        }
    }
  helder_language_end ();
  return ok;
}

/* ---- queueing ---------------------------------------------------------------- */

static gboolean
queue_message (const Round *round,
               const Meeting *m,
               const Invitee *p,
               const Times *t,
               Kind kind,
               gint64 sequence,
               guint *counter,
               GError **error)
{
  g_autoptr (GPtrArray) channels = invitee_channels (round, m, p);
  g_auto (Message) message = { 0 };
  g_autofree char *source = NULL;

  switch (kind)
    {
    case KIND_REMINDER:
      source = g_strdup_printf (HELDER_MEETING_SOURCE_REMINDER, m->id);
      break;
    case KIND_CANCEL:
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
  if (!compose (round, m, p, t, kind, sequence, &message, error))
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
          const Meeting *m,
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
      s->what = column_dup (stmt, 4);
      s->invited_at = column_dup (stmt, 5);
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
invited (const Round *round, const Meeting *m, GError **error)
{
  g_autoptr (GArray) audience = helder_audience_resolve (round->store, m->id, error);
  GArray *people;

  if (audience == NULL)
    return NULL;
  if (!has_slots (m))
    return g_steal_pointer (&audience);
  people = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < audience->len; i++)
    if (g_hash_table_contains (m->slots, &g_array_index (audience, gint64, i)))
      g_array_append_val (people, g_array_index (audience, gint64, i));
  return people;
}

/* Invites (or re-invites) the audience of one approved meeting that is
 * to come, and cancels for those it no longer reaches. */
static gboolean
invite_meeting (const Round *round, const Meeting *m, GError **error)
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
      g_auto (Times) t = { 0 };
      g_autoptr (Invitee) p = NULL;
      g_autofree char *what = NULL;
      gboolean active;
      gint64 sequence;

      g_hash_table_add (reached, id);
      times_for (m, *id, &t);
      what = what_was_sent (m, &t);
      active = before != NULL && !before->cancelled;
      /* Their conversation is over: nothing more to send. */
      if (g_strcmp0 (t.starts_at, round->now) <= 0)
        continue;
      if (active && before->moment == m->id && g_strcmp0 (before->what, what) == 0)
        continue;
      /* Out of the lead time, only a change for those already invited. */
      if (!active && g_strcmp0 (t.starts_at, round->horizon) > 0)
        continue;
      p = load_invitee (round->store, *id, error);
      if (p == NULL)
        goto fail;
      sequence = before != NULL ? MAX (m->depth, before->sequence + 1) : m->depth;
      if (!queue_message (round, m, p, &t, active ? KIND_UPDATE : KIND_INVITE, sequence,
                          &round->report->meeting_invitations, error) ||
          !remember (round, m, *id, sequence, FALSE, what, error))
        goto fail;
    }
  g_hash_table_iter_init (&iter, sent);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Sent *before = value;
      g_autoptr (Invitee) p = NULL;
      g_auto (Times) t = { 0 };

      if (before->cancelled || g_hash_table_contains (reached, key))
        continue;
      times_for (m, *(gint64 *) key, &t);
      p = load_invitee (round->store, *(gint64 *) key, error);
      if (p == NULL ||
          !queue_message (round, m, p, &t, KIND_CANCEL, before->sequence + 1,
                          &round->report->meeting_cancellations, error) ||
          !remember (round, m, p->id, before->sequence + 1, TRUE, before->what, error))
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
cancel_meeting (const Round *round, const Meeting *m, GError **error)
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
      g_autoptr (Invitee) p = NULL;
      g_auto (Times) t = { 0 };

      if (before->cancelled || before->moment != m->id)
        continue;
      times_for (m, *(gint64 *) key, &t);
      p = load_invitee (round->store, *(gint64 *) key, error);
      if (p == NULL ||
          !queue_message (round, m, p, &t, KIND_CANCEL, before->sequence + 1,
                          &round->report->meeting_cancellations, error) ||
          !remember (round, m, p->id, before->sequence + 1, TRUE, before->what, error))
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
remind_meeting (const Round *round, const Meeting *m, GError **error)
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
      g_auto (Times) t = { 0 };
      g_autoptr (Invitee) p = NULL;
      g_autofree char *day_before = NULL;

      if (before->cancelled || before->moment != m->id)
        continue;
      times_for (m, *(gint64 *) key, &t);
      day_before = utc_after (t.starts_at, -HELDER_MEETING_REMINDER_HOURS * 3600);
      if (g_strcmp0 (t.starts_at, round->now) <= 0 ||
          g_strcmp0 (t.starts_at, round->tomorrow) > 0 ||
          g_strcmp0 (before->invited_at, day_before) >= 0)
        continue;
      p = load_invitee (round->store, *(gint64 *) key, error);
      if (p == NULL || !queue_message (round, m, p, &t, KIND_REMINDER, 0,
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
  round.horizon = utc_after (now, (gint64) days * 86400);
  round.tomorrow = utc_after (now, HELDER_MEETING_REMINDER_HOURS * 3600);

  if (!helder_store_begin (store, error))
    ok = FALSE;
  else if (!mark_started (&round, error) || !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      ok = FALSE;
    }

  if (ok)
    {
      coming = load_meetings (store,
                              "m.status = 'approved' AND (m.scheduled_at > ?1 OR EXISTS"
                              " (SELECT 1 FROM moment_slot s WHERE s.moment = m.id"
                              " AND s.starts_at > ?1))",
                              now, error);
      ok = coming != NULL;
    }
  for (guint i = 0; ok && coming != NULL && i < coming->len; i++)
    {
      const Meeting *m = g_ptr_array_index (coming, i);

      ok = invite_meeting (&round, m, error) && remind_meeting (&round, m, error);
    }
  if (ok)
    {
      cancelled = load_meetings (store,
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
