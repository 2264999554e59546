/* helder-outbox-history.c — the outbox of a programme loaded with its past
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A programme loaded with moments that went out before it was loaded (the
 * demo: data/demo/programme.json) has moments recorded as sent and nothing
 * in the outbox for them, so that their reach, their pages and people's
 * own pages would say nothing was ever delivered. This gives each of them
 * the rows the scheduler would have queued when it went out, and records
 * them as delivered then:
 *
 * - to the people of its audience (helder-audience.h, as the scheduler
 *   resolves it) who were in Helder at that time (created_at): who was
 *   added later gets nothing, and reach counts them as joined later;
 * - a message under "moment:ID" at its scheduled time on each of its
 *   channels the person takes (their own, or the default ones when they
 *   chose none); a meeting's invitation under "meeting:ID:invite" the
 *   lead time (HELDER_MEETING_INVITE_DAYS) before it, on the moment's
 *   channels or, for a meeting only, the person's own (personal
 *   conversations: to those with a slot, the lead time before the
 *   meeting's own time rather than each slot);
 * - in the person's language, with the closing line every message has;
 * - delivered a little after it was queued: a channel that reaches people
 *   at their address (HELDER_CHANNEL_ADDRESSED, e-mail) as sent, with
 *   about one message in a hundred bounced for good ("dead", with the
 *   error the caller gives, as the channel would have recorded it); another
 *   channel (the desktop) as sent and acknowledged, as the person's
 *   client does when it has shown the message.
 *
 * Nothing is left pending: the senders never see these rows. Which rows
 * bounce follows from the moment and the person, so the same programme
 * always has the same history. Inside the caller's transaction.
 */
#define G_LOG_DOMAIN "helder-outbox"

#include "config.h"

#include <inttypes.h>
#include <time.h>

#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "model/helder-channel-names.h"
#include "model/helder-language.h"
#include "services/views/helder-audience.h"
#include "services/delivery/helder-digest.h"
#include "services/delivery/helder-meeting-invite.h"
#include "services/delivery/helder-outbox.h"
#include "services/delivery/helder-outbox-history.h"
#include "services/delivery/helder-scheduler.h"

#define MEETING "meeting"

/* Out of a thousand messages on an addressed channel, this many bounced. */
#define BOUNCED_PER_MILLE 10

typedef struct
{
  char *joined; /* created_at, UTC */
  char *locale;
  GPtrArray *channels; /* the ones they chose; empty: the default ones */
} Person;

static void
person_free (gpointer data)
{
  Person *p = data;

  g_free (p->joined);
  g_free (p->locale);
  g_ptr_array_unref (p->channels);
  g_free (p);
}

typedef struct
{
  gint64 id;
  char *title[2]; /* [0] the programme's language, [1] English */
  char *body[2];
  char *queued_at;     /* when its messages were queued, UTC */
  gboolean meeting;    /* a meeting: its invitations are its messages */
  gboolean slots;      /* personal conversations: only who has a slot was invited */
  GPtrArray *channels; /* its delivery channels (not "meeting") */
} Moment;

static void
moment_clear (gpointer data)
{
  Moment *m = data;

  for (guint i = 0; i < 2; i++)
    {
      g_free (m->title[i]);
      g_free (m->body[i]);
    }
  g_free (m->queued_at);
  g_clear_pointer (&m->channels, g_ptr_array_unref);
}

typedef struct
{
  HelderStore *store;
  GHashTable *people;       /* id → Person */
  GStrv defaults;           /* the default channels */
  const char *bounce_error; /* (nullable) what a bounced message says; NULL: none bounced */
  GStrv addressed;          /* the channels that reach people at their address */
  char *footer[2];          /* the closing line: [0] Dutch, [1] English */
  char *invitation[2];      /* "Invitation: %s": [0] Dutch, [1] English */
  guint rows;
} History;

/* Everyone, with when they joined and the channels they chose. */
static GHashTable *
load_people (HelderStore *store, GError **error)
{
  g_autoptr (GHashTable) people =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, person_free);
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (HelderStmt) chosen = NULL;
  int rc;

  stmt = helder_store_prepare (store, "SELECT id, created_at, locale FROM person", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Person *p = g_new0 (Person, 1);

      p->joined = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      p->locale = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      p->channels = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (
        people, g_memdup2 (&(gint64){ sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)), p);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;

  chosen = helder_store_prepare (store, "SELECT person, channel FROM person_channel", error);
  if (chosen == NULL)
    return NULL;
  while ((rc = sqlite3_step (chosen)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (chosen, 0);
      Person *p = g_hash_table_lookup (people, &id);

      if (p != NULL)
        g_ptr_array_add (p->channels, g_strdup ((const char *) sqlite3_column_text (chosen, 1)));
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&people);
}

/* UTC @utc minus @days, in the store's format. */
static char *
days_before (const char *utc, int days)
{
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 (utc, NULL);
  g_autoptr (GDateTime) before = NULL;

  if (at == NULL)
    return g_strdup (utc);
  before = g_date_time_add_days (at, -days);
  return g_date_time_format (before, "%Y-%m-%dT%H:%M:%SZ");
}

/* The moments recorded as sent, up to now, that the outbox holds nothing
 * for, in the order they went out. */
static GArray *
sent_moments (HelderStore *store, GError **error)
{
  g_autoptr (GArray) moments = g_array_new (FALSE, TRUE, sizeof (Moment));
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  int rc;

  g_array_set_clear_func (moments, moment_clear);
  stmt = helder_store_prepare (
    store,
    "SELECT m.id, m.title, m.body, m.title_en, m.body_en, m.scheduled_at,"
    " EXISTS (SELECT 1 FROM moment_channel c WHERE c.moment = m.id AND c.channel = '" MEETING "'),"
    " (SELECT group_concat (c.channel, char (10)) FROM moment_channel c"
    "  WHERE c.moment = m.id AND c.channel <> '" MEETING "'),"
    " EXISTS (SELECT 1 FROM moment_slot s WHERE s.moment = m.id)"
    " FROM moment m WHERE m.status = 'sent' AND m.scheduled_at <= ?1"
    " AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.source = 'moment:' || m.id"
    "  OR d.source = 'meeting:' || m.id || ':invite'"
    "  OR d.source GLOB 'meeting:' || m.id || ':invite:*')"
    " ORDER BY m.scheduled_at, m.id",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Moment m = { 0 };
      const char *scheduled_at = (const char *) sqlite3_column_text (stmt, 5);

      m.id = sqlite3_column_int64 (stmt, 0);
      for (guint i = 0; i < 2; i++)
        {
          m.title[i] = g_strdup ((const char *) sqlite3_column_text (stmt, 1 + 2 * (int) i));
          m.body[i] = g_strdup ((const char *) sqlite3_column_text (stmt, 2 + 2 * (int) i));
        }
      m.meeting = sqlite3_column_int (stmt, 6);
      m.slots = m.meeting && sqlite3_column_int (stmt, 8);
      m.queued_at = m.meeting ? days_before (scheduled_at, HELDER_MEETING_INVITE_DAYS)
                              : g_strdup (scheduled_at);
      m.channels = g_ptr_array_new_with_free_func (g_free);
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        {
          g_auto (GStrv) names =
            g_strsplit ((const char *) sqlite3_column_text (stmt, 7), "\n", -1);

          for (guint i = 0; names[i] != NULL; i++)
            g_ptr_array_add (m.channels, g_strdup (names[i]));
        }
      g_array_append_val (moments, m);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&moments);
}

/* The channels @moment reached @person by, as the scheduler chooses them. */
static void
channels_for (const History *h, const Moment *moment, const Person *person, GPtrArray *out)
{
  const char *const *defaults = (const char *const *) h->defaults;

  g_ptr_array_set_size (out, 0);
  if (moment->meeting && moment->channels->len == 0)
    {
      if (person->channels->len == 0)
        for (guint i = 0; defaults[i] != NULL; i++)
          g_ptr_array_add (out, (gpointer) defaults[i]);
      for (guint i = 0; i < person->channels->len; i++)
        g_ptr_array_add (out, g_ptr_array_index (person->channels, i));
      return;
    }
  for (guint c = 0; c < moment->channels->len; c++)
    {
      const char *channel = g_ptr_array_index (moment->channels, c);
      gboolean takes = person->channels->len == 0 && g_strv_contains (defaults, channel);

      for (guint i = 0; !takes && i < person->channels->len; i++)
        takes = g_str_equal (g_ptr_array_index (person->channels, i), channel);
      if (takes)
        g_ptr_array_add (out, (gpointer) channel);
    }
}

/* A number from 0 to 999 that follows from the moment and the person. */
static guint
lot (gint64 moment, gint64 person, guint salt)
{
  guint64 x =
    (guint64) moment * 0x9E3779B97F4A7C15u ^ (guint64) person * 0xC2B2AE3D27D4EB4Fu ^ salt;

  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9u;
  x ^= x >> 29;
  return (guint) (x % 1000);
}

/* @unix as the store writes times (UTC). */
static void
format_utc (gint64 unix_time, char out[21])
{
  time_t t = (time_t) unix_time;
  struct tm tm;

  gmtime_r (&t, &tm);
  g_snprintf (out, 21, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
              tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Records what became of one message queued at @queued (seconds since
 * 1970): delivered within minutes, or bounced. */
static gboolean
record (History *h,
        const HelderOutboxMessage *message,
        gint64 moment,
        gint64 queued,
        const char *queued_at,
        gboolean *inserted,
        GError **error)
{
  gboolean addressed = g_strv_contains ((const char *const *) h->addressed, message->channel);
  gboolean bounced =
    addressed && h->bounce_error != NULL && lot (moment, message->person, 1) < BOUNCED_PER_MILLE;
  char done_at[21];
  HelderOutboxPast past = {
    .status = bounced ? "dead" : "sent",
    .sent_at = bounced ? NULL : done_at,
    .acknowledged_at = addressed ? NULL : done_at,
    .last_error = bounced ? h->bounce_error : NULL,
    .updated_at = done_at,
  };

  /* E-mail goes out within the minute; a desktop notification is seen
   * when the person is back at their desk, within a few hours. */
  format_utc (queued + (addressed ? 5 + lot (moment, message->person, 2) % 55
                                  : 60 + lot (moment, message->person, 3) * 15),
              done_at);
  return helder_outbox_queue_past (h->store, message, queued_at, &past, inserted, error);
}

/* The people with a slot in a meeting of personal conversations: the only
 * ones it invited (helder-meeting-invite.c). */
static GHashTable *
slot_holders (HelderStore *store, gint64 moment, GError **error)
{
  g_autoptr (GHashTable) people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT person FROM moment_slot WHERE moment = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, moment);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (people,
                      g_memdup2 (&(gint64){ sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&people);
}

/* Queues and records what @moment sent to the people of its audience who
 * were there when it went out. */
static gboolean
record_moment (History *h, const Moment *moment, GError **error)
{
  g_autoptr (GArray) audience = helder_audience_resolve (h->store, moment->id, error);
  g_autoptr (GPtrArray) channels = g_ptr_array_new ();
  g_autofree char *source = moment->meeting
                              ? g_strdup_printf (HELDER_MEETING_SOURCE_INVITE, moment->id)
                              : g_strdup_printf ("moment:%" PRId64, moment->id);
  char *subjects[2][2] = { { NULL, NULL }, { NULL, NULL } }; /* [text][reader] */
  char *bodies[2][2] = { { NULL, NULL }, { NULL, NULL } };
  g_autoptr (GDateTime) queued = g_date_time_new_from_iso8601 (moment->queued_at, NULL);
  g_autoptr (GHashTable) slots = NULL;
  gboolean ok;

  if (audience == NULL)
    return FALSE;
  if (moment->slots && (slots = slot_holders (h->store, moment->id, error)) == NULL)
    return FALSE;
  if (queued == NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not a time (use YYYY-MM-DDTHH:MM:SSZ)"), moment->queued_at);
      return FALSE;
    }

  ok = TRUE;
  for (guint i = 0; ok && i < audience->len; i++)
    {
      gint64 id = g_array_index (audience, gint64, i);
      const Person *person = g_hash_table_lookup (h->people, &id);
      guint reader, lang;

      if (person == NULL || g_strcmp0 (person->joined, moment->queued_at) > 0 ||
          (slots != NULL && !g_hash_table_contains (slots, &id)))
        continue;
      channels_for (h, moment, person, channels);
      reader = g_strcmp0 (person->locale, "en") == 0 ? 1 : 0;
      lang = reader == 1 && moment->title[1][0] != '\0' ? 1 : 0;
      if (bodies[lang][reader] == NULL)
        {
          const char *body =
            lang == 1 && moment->body[1][0] != '\0' ? moment->body[1] : moment->body[0];

          bodies[lang][reader] = g_strconcat (body, h->footer[reader], NULL);
          subjects[lang][reader] = moment->meeting
                                     ? g_strdup_printf (h->invitation[reader], moment->title[lang])
                                     : g_strdup (moment->title[lang]);
        }
      for (guint c = 0; ok && c < channels->len; c++)
        {
          HelderOutboxMessage message = {
            .source = source,
            .person = id,
            .channel = g_ptr_array_index (channels, c),
            .subject = subjects[lang][reader],
            .body = bodies[lang][reader],
            .locale = lang == 1 ? "en" : person->locale,
            .link = "",
          };
          gboolean inserted = FALSE;

          ok = record (h, &message, moment->id, g_date_time_to_unix (queued), moment->queued_at,
                       &inserted, error);
          if (ok && inserted)
            h->rows++;
        }
    }
  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 2; j++)
      {
        g_free (subjects[i][j]);
        g_free (bodies[i][j]);
      }
  return ok;
}

/* The closing line and the invitation's subject in both languages. */
static void
history_texts (History *h)
{
  static const char *const locales[] = { "nl", "en" };
  g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));

  helder_language_begin (locales[0]);
  for (guint i = 0; i < 2; i++)
    {
      helder_language_use (locales[i]);
      h->footer[i] = helder_digest_footer ("", FALSE);
      /* The same subject as a meeting's invitation (helder-meeting-message.c). */
      h->invitation[i] = g_strdup (_ ("Invitation: %s"));
    }
  helder_language_use (language != NULL ? language : "");
  helder_language_end ();
}

/**
 * helder_outbox_history_record:
 * @store: a #HelderStore, inside the caller's transaction
 * @bounce_error: (nullable): the error of a message that bounced, as the
 *   channel records it; %NULL: every message was delivered
 * @rows: (out) (optional): how many rows were recorded
 * @error: set when the store fails
 *
 * Gives every moment recorded as sent, that the outbox holds nothing for,
 * the delivery history it would have had (see above): one row per person
 * of its audience who was in Helder then and channel they take, delivered
 * (or bounced) at the time it went out. Running it again adds nothing.
 *
 * Returns: %TRUE unless the store failed
 */
gboolean
helder_outbox_history_record (HelderStore *store,
                              const char *bounce_error,
                              guint *rows,
                              GError **error)
{
  g_autoptr (GHashTable) people = NULL;
  g_autoptr (GArray) moments = NULL;
  g_auto (GStrv) defaults = NULL;
  g_auto (GStrv) by_address = NULL;
  History h = { .store = store, .bounce_error = bounce_error };
  gboolean ok = TRUE;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);

  if (rows != NULL)
    *rows = 0;
  moments = sent_moments (store, error);
  if (moments == NULL)
    return FALSE;
  if (moments->len == 0)
    return TRUE;
  defaults = helder_scheduler_channels_with (store, HELDER_CHANNEL_DEFAULT, error);
  by_address = defaults != NULL
                 ? helder_scheduler_channels_with (store, HELDER_CHANNEL_ADDRESSED, error)
                 : NULL;
  people = by_address != NULL ? load_people (store, error) : NULL;
  if (people == NULL)
    return FALSE;

  h.people = people;
  h.defaults = defaults;
  h.addressed = by_address;
  history_texts (&h);
  for (guint i = 0; ok && i < moments->len; i++)
    ok = record_moment (&h, &g_array_index (moments, Moment, i), error);
  for (guint i = 0; i < 2; i++)
    {
      g_free (h.footer[i]);
      g_free (h.invitation[i]);
    }
  if (ok && rows != NULL)
    *rows = h.rows;
  return ok;
}
