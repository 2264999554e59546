/* helder-scheduler.c — what is due becomes rows in the outbox
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An approved moment whose time has come is resolved to its audience and
 * queued for each person on each of the moment's channels that the person
 * takes, in the person's language, and marked sent, all in one
 * transaction (DESIGN.md §4, "How a message travels"). A moment whose
 * audience is empty stays approved and is reported: nothing is sent into
 * the void and nothing is marked sent that reached no one.
 *
 * A moment a plugin created may name an audience filter the plugin
 * registered (services/views/helder-audience-filter.h): it is applied in
 * the same transaction; while no loaded plugin registered it, the moment
 * stays approved and helder_scheduler_problems_full() reports it.
 *
 * A moment more than the grace period late (delivery.grace_minutes) is
 * held: it stays approved and helder_scheduler_problems() reports it as
 * overdue, until the advisor sends it anyway (a row in moment_release, or
 * a round with include_overdue), reschedules or cancels it. News ten hours
 * late does not go out without a word.
 *
 * Digests take the same path once their weekly time has come: one row per
 * person and week, skipped when nothing changed since the last one.
 *
 * Which channels there are the scheduler learns from the loaded plugins
 * (model/helder-channel-names.h): a person who chose no channel takes the
 * default ones, and the digest goes by the digest channel. A channel whose
 * plugin is not loaded is still queued for the people and moments that
 * name it; its rows wait in the outbox until the plugin is back.
 */
#define G_LOG_DOMAIN "helder-scheduler"

#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/util/helder-time.h"
#include "model/helder-entity.h"
#include "model/helder-channel-names.h"
#include "services/views/helder-audience.h"
#include "services/views/helder-audience-filter.h"
#include "services/views/helder-lateness.h"
#include "services/views/helder-personal.h"
#include "services/delivery/helder-digest.h"
#include "services/delivery/helder-outbox.h"
#include "services/delivery/helder-meeting-invite.h"
#include "services/delivery/helder-scheduler.h"

/* Digests composed while one language is held. */
#define DIGEST_CHUNK 200

/* A moment that is a meeting is core's own, not a delivery channel. */
#define MEETING "meeting"

typedef struct
{
  gint64 id;
  char *name;
  char *locale;
  gboolean has_email;
  gboolean weekly;
  GPtrArray *channels; /* (element-type utf8) the channels they chose; empty: the default ones */
} Person;

static void
person_free (gpointer data)
{
  Person *p = data;

  g_free (p->name);
  g_free (p->locale);
  g_ptr_array_unref (p->channels);
  g_free (p);
}

/* Whether @person takes @channel: one they chose, or a default channel
 * when they chose none. */
static gboolean
person_takes (const Person *person, const char *channel, const char *const *defaults)
{
  if (person->channels->len == 0)
    return g_strv_contains (defaults, channel);
  for (guint i = 0; i < person->channels->len; i++)
    if (g_str_equal (g_ptr_array_index (person->channels, i), channel))
      return TRUE;
  return FALSE;
}

/* The default channels first (in the order listed), then by name. */
static int
channel_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const char *const *defaults = user_data;
  const char *x = *(const char *const *) a;
  const char *y = *(const char *const *) b;
  int dx = G_MAXINT, dy = G_MAXINT;

  for (int i = 0; defaults[i] != NULL; i++)
    {
      if (g_str_equal (defaults[i], x))
        dx = i;
      if (g_str_equal (defaults[i], y))
        dy = i;
    }
  if (dx != dy)
    return dx < dy ? -1 : 1;
  return g_strcmp0 (x, y);
}

void
helder_scheduler_report_clear (HelderScheduleReport *report)
{
  g_clear_pointer (&report->week, g_free);
  g_clear_pointer (&report->housekeeping, json_array_unref);
}

/* Everyone, with what the scheduler needs to know of them. */
static GHashTable *
load_people (HelderStore *store, GError **error)
{
  g_autoptr (GHashTable) people =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, person_free);
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (HelderStmt) chosen = NULL;
  int rc;

  stmt = helder_store_prepare (
    store,
    "SELECT p.id, p.name, p.locale, p.email IS NOT NULL AND p.email <> '',"
    " " HELDER_PERSON_WEEKLY_SQL ("p") " FROM person p ORDER BY p.locale, p.id",
    error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Person *p = g_new0 (Person, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      p->locale = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      p->has_email = sqlite3_column_int (stmt, 3);
      p->weekly = sqlite3_column_int (stmt, 4);
      p->channels = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (people, &p->id, p);
    }
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }

  chosen = helder_store_prepare (
    store, "SELECT person, channel FROM person_channel ORDER BY person, channel", error);
  if (chosen == NULL)
    return NULL;
  while ((rc = sqlite3_step (chosen)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (chosen, 0);
      Person *p = g_hash_table_lookup (people, &id);

      if (p != NULL)
        g_ptr_array_add (p->channels, g_strdup ((const char *) sqlite3_column_text (chosen, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&people);
}

/**
 * helder_scheduler_note_channels:
 * @store: a #HelderStore, not in a transaction
 * @error: set when the store fails
 *
 * Remembers in the store the channels of the loaded plugins with their
 * flags (model/helder-channel-names.h), so that people who chose no
 * channel still take the default ones, and digests still go by the digest
 * channel, while that plugin is disabled: their messages wait in the
 * outbox. Writes only when something changed. The context calls it when
 * it opens the store.
 *
 * Returns: %TRUE on success
 */
gboolean
helder_scheduler_note_channels (HelderStore *store, GError **error)
{
  g_auto (GStrv) loaded = helder_channel_names_list (HELDER_CHANNEL_NONE);
  g_autoptr (GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) changed = g_ptr_array_new ();
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);

  if (loaded[0] == NULL)
    return TRUE;
  stmt = helder_store_prepare (store, "SELECT name, flags FROM delivery_channel", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (known, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1) + 1));
  if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  g_clear_pointer (&stmt, helder_store_stmt_release);
  for (guint i = 0; loaded[i] != NULL; i++)
    if (GPOINTER_TO_INT (g_hash_table_lookup (known, loaded[i])) !=
        (int) helder_channel_names_get_flags (loaded[i]) + 1)
      g_ptr_array_add (changed, loaded[i]);
  if (changed->len == 0)
    return TRUE;

  if (!helder_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < changed->len; i++)
    {
      g_autoptr (HelderStmt) upsert =
        helder_store_prepare (store,
                              "INSERT INTO delivery_channel (name, flags) VALUES (?1, ?2)"
                              " ON CONFLICT (name) DO UPDATE SET flags = excluded.flags",
                              error);

      if (upsert == NULL)
        goto fail;
      sqlite3_bind_text (upsert, 1, g_ptr_array_index (changed, i), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (upsert, 2,
                        (int) helder_channel_names_get_flags (g_ptr_array_index (changed, i)));
      if (!helder_store_step_done (store, upsert, error))
        goto fail;
    }
  return helder_store_commit (store, error);

fail:
  helder_store_rollback (store);
  return FALSE;
}

/**
 * helder_scheduler_channels_with:
 * @flag: a #HelderChannelFlags
 *
 * Returns: (transfer full): the channels with @flag: those of the loaded
 *   plugins first, then those remembered of plugins that are not loaded now
 */
GStrv
helder_scheduler_channels_with (HelderStore *store, guint flag, GError **error)
{
  g_auto (GStrv) loaded = helder_channel_names_list (flag);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_strv_builder_addv (builder, (const char **) loaded);
  stmt = helder_store_prepare (
    store, "SELECT name FROM delivery_channel WHERE flags & ?1 ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, (int) flag);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (!helder_channel_names_contains (name))
        g_strv_builder_add (builder, name);
    }
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* Reads everyone into *@people once, the first time a round needs them. */
static gboolean
ensure_people (HelderStore *store, GHashTable **people, GError **error)
{
  if (*people == NULL)
    *people = load_people (store, error);
  return *people != NULL;
}

static gboolean
queue (HelderStore *store,
       const HelderScheduleOptions *options,
       const HelderOutboxMessage *message,
       const char *now,
       const char *person_name,
       gboolean *inserted,
       GError **error)
{
  if (!helder_outbox_queue (store, message, now, inserted, error))
    return FALSE;
  if (*inserted && options->plan != NULL)
    {
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "source", message->source);
      json_object_set_int_member (entry, "person", message->person);
      json_object_set_string_member (entry, "person_name", person_name);
      json_object_set_string_member (entry, "channel", message->channel);
      json_object_set_string_member (entry, "locale", message->locale);
      json_object_set_string_member (entry, "subject", message->subject);
      json_array_add_object_element (options->plan, entry);
    }
  return TRUE;
}

/* ---- moments ---------------------------------------------------------------- */

typedef struct
{
  gint64 id;
  char *title[2]; /* [0] the programme's language, [1] English */
  char *body[2];
  GPtrArray *channels; /* (element-type utf8) its delivery channels, defaults first */
  char *filter;        /* (nullable) its audience filter, "NAME:ARGUMENT" */
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
  g_clear_pointer (&m->channels, g_ptr_array_unref);
  g_free (m->filter);
}

/* Due approved moments: those within the grace period, those the advisor
 * released, and with @include_overdue all of them. */
static GArray *
due_moments (HelderStore *store,
             const char *now,
             const char *overdue_before,
             gboolean include_overdue,
             const char *const *defaults,
             GError **error)
{
  g_autoptr (GArray) moments = g_array_new (FALSE, TRUE, sizeof (Moment));
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_array_set_clear_func (moments, moment_clear);
  stmt = helder_store_prepare (store,
                               "SELECT m.id, m.title, m.body, m.title_en, m.body_en,"
                               " (SELECT group_concat (c.channel, char (10)) FROM moment_channel c"
                               "  WHERE c.moment = m.id AND c.channel <> '" MEETING "'),"
                               " m.audience_filter"
                               " FROM moment m WHERE m.status = 'approved' AND m.scheduled_at <= ?1"
                               " AND (?3 OR m.scheduled_at >= ?2"
                               "      OR EXISTS (SELECT 1 FROM moment_release r"
                               "                 WHERE r.moment = m.id))"
                               " ORDER BY m.scheduled_at, m.id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, overdue_before, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, include_overdue);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Moment m = { 0 };

      m.id = sqlite3_column_int64 (stmt, 0);
      m.title[0] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      m.body[0] = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      m.title[1] = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      m.body[1] = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      m.filter = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      m.channels = g_ptr_array_new_with_free_func (g_free);
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        {
          g_auto (GStrv) names =
            g_strsplit ((const char *) sqlite3_column_text (stmt, 5), "\n", -1);

          for (guint i = 0; names[i] != NULL; i++)
            g_ptr_array_add (m.channels, g_strdup (names[i]));
          g_ptr_array_sort_with_data (m.channels, channel_compare, (gpointer) defaults);
        }
      g_array_append_val (moments, m);
    }
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&moments);
}

static gboolean
mark_sent (HelderStore *store, gint64 moment, const char *now, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "UPDATE moment SET status = 'sent', updated_at = ?2"
                          " WHERE id = ?1 AND status = 'approved'",
                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, moment);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

/* Queues one moment for its audience and marks it sent, in one
 * transaction; an empty audience leaves it as it is. */
static gboolean
schedule_moment (HelderStore *store,
                 const HelderScheduleOptions *options,
                 const Moment *moment,
                 const char *const *defaults,
                 GHashTable *people,
                 char *footers[2],
                 const char *link,
                 const char *now,
                 HelderScheduleReport *report,
                 GError **error)
{
  g_autoptr (GArray) audience = NULL;
  g_autofree char *source = g_strdup_printf ("moment:%" PRId64, moment->id);
  /* The body with its closing line, by [text language][closing language]:
   * an English reader without a translation gets the original text with
   * the closing line in English. */
  char *bodies[2][2] = { { NULL, NULL }, { NULL, NULL } };
  gboolean ok = FALSE;

  if (!helder_store_begin (store, error))
    return FALSE;
  audience = helder_audience_resolve (store, moment->id, error);
  if (audience == NULL)
    goto fail;
  if (moment->filter != NULL)
    {
      gboolean applied = FALSE;

      if (!helder_audience_filter_apply (store, options->audience_filters, moment->filter, audience,
                                         &applied, error))
        goto fail;
      if (!applied)
        {
          /* Its plugin is not loaded: wait rather than send to everyone. */
          helder_store_rollback (store);
          report->moments_unfiltered++;
          return TRUE;
        }
    }
  if (audience->len == 0)
    {
      helder_store_rollback (store);
      report->moments_empty++;
      return TRUE;
    }
  for (guint i = 0; i < audience->len; i++)
    {
      gint64 id = g_array_index (audience, gint64, i);
      Person *person = g_hash_table_lookup (people, &id);
      g_autofree const char **channels = g_new0 (const char *, moment->channels->len + 1);
      guint n = 0;
      guint lang, footer;

      if (person == NULL)
        continue;
      for (guint c = 0; c < moment->channels->len; c++)
        if (person_takes (person, g_ptr_array_index (moment->channels, c), defaults))
          channels[n++] = g_ptr_array_index (moment->channels, c);
      if (n == 0)
        {
          report->unreachable++;
          continue;
        }
      /* English where the moment has a translation, else the original. */
      lang = g_strcmp0 (person->locale, "en") == 0 && moment->title[1][0] != '\0' ? 1 : 0;
      footer = g_strcmp0 (person->locale, "en") == 0 ? 1 : 0;
      if (bodies[lang][footer] == NULL)
        {
          const char *body =
            lang == 1 && moment->body[1][0] != '\0' ? moment->body[1] : moment->body[0];

          bodies[lang][footer] = g_strconcat (body, footers[footer], NULL);
        }
      for (guint c = 0; c < n; c++)
        {
          HelderOutboxMessage message = {
            .source = source,
            .person = id,
            .channel = channels[c],
            .subject = moment->title[lang],
            .body = bodies[lang][footer],
            .locale = lang == 1 ? "en" : person->locale,
            .link = link,
          };
          gboolean inserted = FALSE;

          if (!queue (store, options, &message, now, person->name, &inserted, error))
            goto fail;
          if (inserted)
            report->messages++;
        }
    }
  if (!mark_sent (store, moment->id, now, error))
    goto fail;
  if (helder_store_commit (store, error))
    {
      report->moments_sent++;
      ok = TRUE;
    }
  goto done;

fail:
  helder_store_rollback (store);
done:
  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 2; j++)
      g_free (bodies[i][j]);
  return ok;
}

/* How many due moments with something to send wait because they are
 * more than the grace period late and nobody released them. */
static gboolean
count_held (HelderStore *store, const char *now, guint *held, GError **error)
{
  g_autoptr (JsonArray) overdue = helder_lateness_list (store, now, error);

  if (overdue == NULL)
    return FALSE;
  *held = json_array_get_length (overdue);
  return TRUE;
}

static gboolean
schedule_moments (HelderStore *store,
                  const HelderScheduleOptions *options,
                  GHashTable **people,
                  const char *link,
                  const char *now,
                  HelderScheduleReport *report,
                  GError **error)
{
  g_auto (GStrv) defaults = helder_scheduler_channels_with (store, HELDER_CHANNEL_DEFAULT, error);
  g_autoptr (GArray) moments = NULL;
  char *footers[2];
  gboolean ok = TRUE;

  g_autofree char *overdue_before =
    helder_lateness_cutoff (now, helder_lateness_grace_minutes (store));

  if (defaults == NULL)
    return FALSE;
  moments = due_moments (store, now, overdue_before, options->include_overdue,
                         (const char *const *) defaults, error);
  if (moments == NULL)
    return FALSE;
  if (!options->include_overdue && !count_held (store, now, &report->moments_overdue, error))
    return FALSE;
  if (moments->len == 0)
    return TRUE;
  if (!ensure_people (store, people, error))
    return FALSE;
  /* The closing line in Dutch for everyone but English readers. */
  helder_language_begin ("nl");
  footers[0] = helder_digest_footer (link, FALSE);
  helder_language_use ("en");
  footers[1] = helder_digest_footer (link, FALSE);
  helder_language_end ();
  for (guint i = 0; ok && i < moments->len; i++)
    {
      const Moment *m = &g_array_index (moments, Moment, i);

      if (m->channels->len == 0)
        continue; /* meetings only: nothing for the outbox */
      ok = schedule_moment (store, options, m, (const char *const *) defaults, *people, footers,
                            link, now, report, error);
    }
  g_free (footers[0]);
  g_free (footers[1]);
  return ok;
}

/* ---- digests ---------------------------------------------------------------- */

/* Whether this week's digest time (weekday, hour, local) has come. */
static gboolean
digest_time_came (GDateTime *local, guint weekday, guint hour)
{
  guint today = (guint) g_date_time_get_day_of_week (local);

  return today > weekday || (today == weekday && (guint) g_date_time_get_hour (local) >= hour);
}

/* person → fingerprint of their newest digest; and who has one for @week */
static gboolean
load_digest_state (HelderStore *store,
                   const char *week,
                   const char *channel,
                   GHashTable *fingerprints,
                   GHashTable *done,
                   GError **error)
{
  g_autoptr (HelderStmt) last = NULL;
  g_autoptr (HelderStmt) have = NULL;
  g_autofree char *suffix = g_strconcat (":", week, NULL);
  int rc;

  last = helder_store_prepare (store,
                               "SELECT person, fingerprint, max(source) FROM delivery"
                               " WHERE fingerprint IS NOT NULL AND channel = ?1 GROUP BY person",
                               error);
  if (last == NULL)
    return FALSE;
  sqlite3_bind_text (last, 1, channel, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (last)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (last, 0);
      g_hash_table_insert (fingerprints, id,
                           g_strdup ((const char *) sqlite3_column_text (last, 1)));
    }
  if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);

  have =
    helder_store_prepare (store,
                          "SELECT person FROM delivery WHERE channel = ?2"
                          " AND fingerprint IS NOT NULL AND substr (source, -length (?1)) = ?1",
                          error);
  if (have == NULL)
    return FALSE;
  sqlite3_bind_text (have, 1, suffix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (have, 2, channel, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (have)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (have, 0);
      g_hash_table_add (done, id);
    }
  if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  return TRUE;
}

static int
person_compare (gconstpointer a, gconstpointer b)
{
  const Person *pa = *(const Person *const *) a;
  const Person *pb = *(const Person *const *) b;
  int by_locale = g_strcmp0 (pa->locale, pb->locale);

  return by_locale != 0 ? by_locale : (pa->id > pb->id) - (pa->id < pb->id);
}

/* Composing a digest reads the store a dozen times and builds the text:
 * the work of a run is spread over composer threads, each with its own
 * connection. They compose for one language at a time, because gettext
 * follows the process-wide LANGUAGE; the main thread then queues the
 * results in order. */
typedef struct
{
  const char *path;
  const HelderScheduleOptions *options;
  const char *week;
  const char *today;
  GAsyncQueue *finished;
  GMutex lock;
  GHashTable *connections; /* GThread → its HelderStore */
} Composer;

typedef struct
{
  Composer *composer;
  const Person *person;
  HelderDigest digest;
  GError *error;
} Job;

static void
compose_one (gpointer data, gpointer user_data)
{
  Job *job = data;
  Composer *c = job->composer;
  HelderStore *store;

  /* A connection per thread of this run, closed with the composer. */
  g_mutex_lock (&c->lock);
  store = g_hash_table_lookup (c->connections, g_thread_self ());
  g_mutex_unlock (&c->lock);
  if (store == NULL)
    {
      store = helder_store_open (c->path, &job->error);
      if (store != NULL)
        {
          g_mutex_lock (&c->lock);
          g_hash_table_insert (c->connections, g_thread_self (), store);
          g_mutex_unlock (&c->lock);
        }
    }
  if (store != NULL)
    helder_digest_compose (store, job->person->id, c->week, c->today, c->options->base_url,
                           c->options->sections, &job->digest, &job->error);
  g_async_queue_push (c->finished, job);
}

/* 1 when everyone's digest of @week was composed, 0 when not, -1 on error */
static gint64
week_done (HelderStore *store, const char *week, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT count(*) FROM digest_week WHERE week = ?1", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, week, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      helder_store_propagate (store, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0) > 0;
}

static gboolean
mark_week_done (HelderStore *store, const char *week, const char *now, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "INSERT OR IGNORE INTO digest_week (week, done_at)"
                          " VALUES (?1, ?2)",
                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, week, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

static gboolean
schedule_digests (HelderStore *store,
                  const HelderScheduleOptions *options,
                  GHashTable **people,
                  GDateTime *local,
                  const char *now,
                  HelderScheduleReport *report,
                  GError **error)
{
  g_autoptr (GHashTable) fingerprints =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr (GHashTable) done = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  g_autofree char *today = g_date_time_format (local, "%Y-%m-%d");
  g_autofree Job *jobs = NULL;
  GThreadPool *pool = NULL;
  Composer composer = { 0 };
  GHashTableIter iter;
  gpointer value;
  guint n = 0, threads;
  gboolean ok = TRUE;
  g_auto (GStrv) digest_channels =
    helder_scheduler_channels_with (store, HELDER_CHANNEL_DIGEST, error);
  g_auto (GStrv) defaults = helder_scheduler_channels_with (store, HELDER_CHANNEL_DEFAULT, error);
  const char *channel;

  if (digest_channels == NULL || defaults == NULL)
    return FALSE;
  channel = digest_channels[0];
  report->week = helder_digest_week (local);
  report->digests_due = options->force_digests ||
                        digest_time_came (local, options->digest_weekday, options->digest_hour);
  if (!report->digests_due)
    return TRUE;
  /* No loaded plugin carries digests: the week stays open for when one is. */
  if (channel == NULL)
    {
      report->digests_no_channel = TRUE;
      return TRUE;
    }
  if (!options->force_digests)
    {
      gint64 finished = week_done (store, report->week, error);

      if (finished < 0)
        return FALSE;
      if (finished > 0)
        return TRUE;
    }
  if (!ensure_people (store, people, error) ||
      !load_digest_state (store, report->week, channel, fingerprints, done, error))
    return FALSE;

  g_hash_table_iter_init (&iter, *people);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Person *person = value;

      if (!person->weekly || !person_takes (person, channel, (const char *const *) defaults) ||
          g_hash_table_contains (done, &person->id))
        continue;
      if (!person->has_email)
        {
          report->digests_no_address++;
          continue;
        }
      g_ptr_array_add (order, person);
    }
  if (order->len == 0)
    return mark_week_done (store, report->week, now, error);
  g_ptr_array_sort (order, person_compare);

  composer.path = helder_store_get_path (store);
  composer.options = options;
  composer.week = report->week;
  composer.today = today;
  composer.finished = g_async_queue_new ();
  composer.connections = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_mutex_init (&composer.lock);
  threads = CLAMP (g_get_num_processors (), 1, 8);
  pool = g_thread_pool_new (compose_one, NULL, (int) threads, FALSE, NULL);
  jobs = g_new0 (Job, order->len);

  /* One language at a time; within it, composed in parallel, queued in order. */
  for (guint first = 0; ok && first < order->len; first += n)
    {
      const char *locale = ((Person *) g_ptr_array_index (order, first))->locale;

      for (n = 0;
           first + n < order->len &&
           g_strcmp0 (((Person *) g_ptr_array_index (order, first + n))->locale, locale) == 0;
           n++)
        {
          jobs[first + n].composer = &composer;
          jobs[first + n].person = g_ptr_array_index (order, first + n);
        }
      /* In chunks: the language is held while they are composed, and a
       * web request in another language waits at most for one chunk. The
       * chunk is queued after the language is let go, in one short
       * transaction: a write transaction is never open while this thread
       * waits for the language or for the composers. A web request holds
       * its language while it writes (signing in marks the code used), so
       * waiting for the language with the write lock held had each wait
       * for the other until SQLite's busy timeout failed the request. */
      for (guint start = 0; ok && start < n; start += DIGEST_CHUNK)
        {
          guint count = MIN (DIGEST_CHUNK, n - start);
          gboolean began = FALSE;

          helder_language_begin (locale);
          for (guint i = 0; i < count; i++)
            g_thread_pool_push (pool, &jobs[first + start + i], NULL);
          /* All of the chunk comes back, also after a failure. */
          for (guint i = 0; i < count; i++)
            {
              Job *job = g_async_queue_pop (composer.finished);

              if (ok && job->error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&job->error));
                  ok = FALSE;
                }
            }
          helder_language_end ();

          /* Queued in order; digests with nothing new left out. */
          for (guint i = 0; ok && i < count; i++)
            {
              Job *job = &jobs[first + start + i];
              const char *last = g_hash_table_lookup (fingerprints, &job->person->id);
              gboolean inserted = FALSE;
              HelderOutboxMessage message;

              if (!helder_digest_worth_sending (&job->digest, last))
                {
                  report->digests_unchanged++;
                  helder_digest_clear (&job->digest);
                  continue;
                }
              if (!began && !(began = helder_store_begin (store, error)))
                {
                  ok = FALSE;
                  break;
                }
              message = (HelderOutboxMessage){
                .source = job->digest.source,
                .person = job->person->id,
                .channel = channel,
                .subject = job->digest.subject,
                .body = job->digest.body,
                .locale = job->digest.locale,
                .link = job->digest.link,
                .fingerprint = job->digest.fingerprint,
              };
              ok = queue (store, options, &message, now, job->person->name, &inserted, error);
              helder_digest_clear (&job->digest);
              if (ok && inserted)
                report->digests++;
            }
          if (began && ok)
            ok = helder_store_commit (store, error);
          else if (began)
            helder_store_rollback (store);
        }
    }
  if (ok)
    ok = mark_week_done (store, report->week, now, error);

  g_thread_pool_free (pool, FALSE, TRUE);
  for (guint i = 0; i < order->len; i++)
    {
      helder_digest_clear (&jobs[i].digest);
      g_clear_error (&jobs[i].error);
    }
  g_hash_table_unref (composer.connections);
  g_async_queue_unref (composer.finished);
  g_mutex_clear (&composer.lock);
  return ok;
}

/**
 * helder_scheduler_run:
 * @store: a #HelderStore, not in a transaction
 * @options: what to schedule
 * @report: (out caller-allocates): what was queued; clear it with
 *   helder_scheduler_report_clear()
 * @error: set when the store fails; what was committed before stays
 *
 * Queues due moments and, when their time has come, this week's digests.
 * Running it again queues nothing twice. With @options->dry_run nothing
 * is written: the report and the plan say what would be queued.
 *
 * Returns: %TRUE on success
 */
gboolean
helder_scheduler_run (HelderStore *store,
                      const HelderScheduleOptions *options,
                      HelderScheduleReport *report,
                      GError **error)
{
  g_autoptr (GHashTable) people = NULL;
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *now = NULL;
  g_autofree char *link = helder_digest_personal_link (options->base_url);
  g_autofree char *language = g_strdup (getenv ("LANGUAGE"));
  gboolean ok = TRUE;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  /* `helder serve` runs rounds for days: follow a changed zone. */
  {
    g_autoptr (GError) zone_error = NULL;

    if (!helder_time_load_zone (store, &zone_error))
      g_warning ("%s", zone_error->message);
  }
  now = options->now != NULL ? g_strdup (options->now) : helder_clock_now_utc ();
  utc = g_date_time_new_from_iso8601 (now, NULL);
  if (utc == NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not a time (use YYYY-MM-DDTHH:MM:SSZ)"), now);
      return FALSE;
    }
  local = g_date_time_to_timezone (utc, helder_clock_zone ());

  if (options->dry_run && !helder_store_begin (store, error))
    return FALSE;
  /* Everyone is read only when a round has something to send: `helder
   * serve` runs one every half minute, mostly with nothing due. */
  /* Meetings first: one that started is marked sent, not announced now. */
  if (ok && options->moments)
    ok = helder_meeting_invite_run (store, options, now, report, error);
  if (ok && options->moments)
    ok = schedule_moments (store, options, &people, link, now, report, error);
  if (ok && options->digests)
    ok = schedule_digests (store, options, &people, local, now, report, error);
  if (options->dry_run)
    helder_store_rollback (store);
  helder_language_use (language != NULL ? language : "");
  return ok;
}
