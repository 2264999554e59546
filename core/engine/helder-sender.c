/* helder-sender.c — the outbox worker: claims due rows, hands them to channels
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One coordinating thread (the caller of helder_sender_run) claims a batch
 * of due rows with a lease, hands each to its channel in a pool of worker
 * threads, and records the outcomes of the batch in one transaction. The
 * batch is the in-flight window: a crash between a channel's success and
 * the record re-sends at most those rows, once their lease runs out; the
 * e-mail channel derives the Message-ID from the delivery key so receivers
 * can drop the duplicate. Rows of channels that are not loaded or not
 * configured are not claimed: they wait, and the report says why.
 *
 * The sender has its own connection to the database, so that it can run
 * in a thread next to the web server.
 */
#define G_LOG_DOMAIN "helder-sender"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "helder-clock.h"
#include "engine/helder-engine.h"
#include "engine/helder-sender.h"
#include "model/helder-entity.h"
#include "services/repo/helder-people.h"
#include "services/delivery/helder-outbox.h"
#include "services/repo/helder-repo.h"

/* Rows claimed per batch and worker thread. */
#define BATCH_PER_WORKER 16

struct _HelderSender
{
  HelderContext *context;
  HelderStore *store; /* this sender's own connection */
};

typedef struct _Batch Batch;

typedef struct
{
  HelderChannel *channel; /* borrowed */
  JsonObject *row;        /* borrowed from the batch */
  JsonObject *person;     /* borrowed from the person cache */
  GCancellable *cancellable;
  GAsyncQueue *done;
  Batch *batch; /* the batch it belongs to */
  HelderOutboxResult result;
} Task;

void
helder_sender_report_clear (HelderSendReport *report)
{
  g_clear_pointer (&report->channels, json_array_unref);
}

/**
 * helder_sender_new:
 * @context: the context whose engine has loaded the channel plugins
 * @error: set when the database cannot be opened
 *
 * Makes a sender with its own connection to @context's database. Call it
 * in the thread that owns @context; the sender may then run in another.
 *
 * Returns: (transfer full): a new sender, or %NULL with @error set
 */
HelderSender *
helder_sender_new (HelderContext *context, GError **error)
{
  HelderSender *self;
  HelderStore *store;

  g_return_val_if_fail (HELDER_IS_CONTEXT (context), NULL);

  store = helder_context_open_connection (context, error);
  if (store == NULL)
    return NULL;
  self = g_new0 (HelderSender, 1);
  self->context = g_object_ref (context);
  self->store = store;
  return self;
}

void
helder_sender_free (HelderSender *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_free (self);
}

HelderStore *
helder_sender_get_store (HelderSender *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->store;
}

/**
 * helder_sender_read_settings:
 * @self: a #HelderSender
 * @error: set when the store cannot be read
 *
 * Every registered setting with its value, read over the sender's own
 * connection.
 *
 * Returns: (transfer full): name → value
 */
JsonObject *
helder_sender_read_settings (HelderSender *self, GError **error)
{
  return helder_context_read_settings_from (self->context, self->store, error);
}

static guint
setting_uint (JsonObject *settings, const char *name, guint fallback)
{
  const char *text = json_object_get_string_member_with_default (settings, name, NULL);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return fallback;
  return (guint) value;
}

/**
 * helder_sender_schedule:
 * @self: a #HelderSender
 * @options: what to schedule; base_url, digest_weekday and digest_hour are
 *   filled in from the settings, and the sections from the context
 * @report: (out caller-allocates): what was queued
 * @error: set when the store fails
 *
 * Runs the scheduler over the sender's connection with the settings.
 *
 * Returns: %TRUE on success
 */
gboolean
helder_sender_schedule (HelderSender *self,
                        HelderScheduleOptions *options,
                        HelderScheduleReport *report,
                        GError **error)
{
  g_autoptr (JsonObject) settings = helder_sender_read_settings (self, error);
  g_autoptr (GPtrArray) filters = helder_context_list_audience_filters (self->context);
  g_autoptr (JsonArray) housekeeping = NULL;
  gboolean ok;

  if (settings == NULL)
    return FALSE;
  options->base_url = json_object_get_string_member_with_default (settings, "server.base_url", "");
  options->digest_weekday = setting_uint (settings, "digest.weekday", 1);
  options->digest_hour = setting_uint (settings, "digest.hour", 8);
  options->meeting_invite_days = setting_uint (settings, "meeting.invite_days", 7);
  options->meeting_organizer =
    json_object_get_string_member_with_default (settings, "meeting.organizer", "");
  options->sections = helder_context_get_digest_sections (self->context);
  options->audience_filters = filters;
  /* Plugins' housekeeping first (a survey's answers reduced when their
   * retention ends); a job that fails is reported and sending goes on. */
  if (!options->dry_run)
    {
      g_autofree char *now =
        options->now != NULL ? g_strdup (options->now) : helder_clock_now_utc ();

      housekeeping = helder_context_run_housekeeping (self->context, self->store, now);
    }
  /* Computed gate criteria follow what their plugins measure now. */
  if (!options->dry_run &&
      !helder_context_refresh_gate_measures (self->context, self->store, error))
    return FALSE;
  ok = helder_scheduler_run (self->store, options, report, error);
  options->audience_filters = NULL;
  if (ok && housekeeping != NULL && json_array_get_length (housekeeping) > 0)
    report->housekeeping = g_steal_pointer (&housekeeping);
  return ok;
}

/**
 * helder_sender_problems:
 *
 * Due moments that are not sent, and why (helder_scheduler_problems_full()),
 * with the audience filters the loaded plugins registered.
 *
 * Returns: (transfer full): the problems, or %NULL with @error
 */
JsonArray *
helder_sender_problems (HelderSender *self, GError **error)
{
  g_autoptr (GPtrArray) filters = helder_context_list_audience_filters (self->context);

  return helder_scheduler_problems_full (self->store, NULL, filters, error);
}

/* ---- channels ------------------------------------------------------------------ */

typedef struct
{
  char *name;
  HelderChannel *channel; /* NULL when no plugin provides it */
  char *reason;           /* why it cannot deliver; NULL when it can */
} ChannelState;

static void
channel_state_free (gpointer data)
{
  ChannelState *state = data;

  g_free (state->name);
  g_clear_object (&state->channel);
  g_free (state->reason);
  g_free (state);
}

/* The channels of the engine, configured; and every channel that rows
 * name, so that rows of a missing plugin are reported as waiting. */
static GHashTable *
prepare_channels (HelderSender *self, JsonObject *settings, GError **error)
{
  g_autoptr (GHashTable) states =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, channel_state_free);
  g_autoptr (GPtrArray) channels =
    helder_engine_get_channels (helder_context_get_engine (self->context));
  g_auto (GStrv) waiting = NULL;

  for (guint i = 0; i < channels->len; i++)
    {
      HelderChannel *channel = g_ptr_array_index (channels, i);
      ChannelState *state = g_new0 (ChannelState, 1);
      g_autoptr (GError) local = NULL;

      state->name = g_strdup (helder_channel_get_name (channel));
      state->channel = g_object_ref (channel);
      if (!helder_channel_configure (channel, settings, &local))
        state->reason =
          g_strdup (local != NULL ? local->message : _ ("its settings are not usable"));
      g_hash_table_insert (states, state->name, state);
    }

  waiting = helder_outbox_waiting_channels (self->store, error);
  if (waiting == NULL)
    return NULL;
  for (guint i = 0; waiting[i] != NULL; i++)
    {
      ChannelState *state;

      if (g_hash_table_contains (states, waiting[i]))
        continue;
      state = g_new0 (ChannelState, 1);
      state->name = g_strdup (waiting[i]);
      state->reason =
        g_strdup_printf (_ ("no loaded plugin provides the channel “%s”"), waiting[i]);
      g_hash_table_insert (states, state->name, state);
    }
  return g_steal_pointer (&states);
}

static void
deliver_one (gpointer data, gpointer user_data)
{
  Task *task = data;
  g_autoptr (GError) local = NULL;
  HelderDeliveryOutcome outcome;

  outcome =
    helder_channel_deliver (task->channel, task->row, task->person, task->cancellable, &local);
  switch (outcome)
    {
    case HELDER_DELIVERY_SENT:
      task->result.outcome = HELDER_OUTBOX_SENT;
      break;
    case HELDER_DELIVERY_OFFERED:
      task->result.outcome = HELDER_OUTBOX_OFFERED;
      break;
    case HELDER_DELIVERY_TRANSIENT:
      task->result.outcome = HELDER_OUTBOX_TRANSIENT;
      break;
    case HELDER_DELIVERY_PERMANENT:
    default:
      task->result.outcome = HELDER_OUTBOX_PERMANENT;
      break;
    }
  if (local != NULL)
    task->result.error = g_strdup (local->message);
  g_async_queue_push (task->done, task);
}

/* The people of @rows that are not in @cache yet. */
static gboolean
load_people (HelderSender *self, JsonArray *rows, GHashTable *cache, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (rows, i), "person");

      if (!g_hash_table_contains (cache, &id))
        g_array_append_val (ids, id);
    }
  return helder_people_load_for_delivery (self->store, (const gint64 *) ids->data, ids->len, cache,
                                          error);
}

/* Waits until @deadline (monotonic µs) or cancellation. */
static gboolean
sleep_until (gint64 deadline, GCancellable *cancellable)
{
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      if (now >= deadline)
        return TRUE;
      g_usleep (MIN (deadline - now, 50000));
    }
}

static void
report_channels (HelderSender *self, GHashTable *states, HelderSendReport *report)
{
  GHashTableIter iter;
  gpointer value;

  report->channels = json_array_new ();
  g_hash_table_iter_init (&iter, states);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ChannelState *state = value;
      JsonObject *entry = json_object_new ();
      const char *names[] = { state->name, NULL };
      gint64 waiting = helder_outbox_count_due (self->store, names, NULL);

      json_object_set_string_member (entry, "name", state->name);
      json_object_set_boolean_member (entry, "available", state->reason == NULL);
      if (state->reason != NULL)
        json_object_set_string_member (entry, "reason", state->reason);
      else
        json_object_set_null_member (entry, "reason");
      json_object_set_int_member (entry, "waiting", MAX (waiting, 0));
      json_array_add_object_element (report->channels, entry);
    }
}

/**
 * helder_sender_check_channels:
 * @self: a #HelderSender
 * @error: set when the store fails
 *
 * Configures every channel with the current settings, as a run would.
 *
 * Returns: (transfer full): `[{name, available, reason, waiting}]` for the
 *   loaded channels and every channel that waiting rows name
 */
JsonArray *
helder_sender_check_channels (HelderSender *self, GError **error)
{
  g_autoptr (JsonObject) settings = helder_sender_read_settings (self, error);
  g_autoptr (GHashTable) states = NULL;
  HelderSendReport report = { 0 };

  if (settings == NULL)
    return NULL;
  states = prepare_channels (self, settings, error);
  if (states == NULL)
    return NULL;
  report_channels (self, states, &report);
  return report.channels;
}

/* One claimed batch on its way through the channels. */
struct _Batch
{
  JsonArray *rows;
  Task *tasks;
  HelderOutboxResult *results;
  guint n;
  guint outstanding; /* handed to the pool, not back yet */
};

static void
batch_free (Batch *batch)
{
  if (batch == NULL)
    return;
  for (guint i = 0; i < batch->n; i++)
    g_free (batch->results[i].error);
  g_free (batch->tasks);
  g_free (batch->results);
  json_array_unref (batch->rows);
  g_free (batch);
}

typedef struct
{
  HelderSender *self;
  const HelderSendOptions *options;
  GHashTable *states;
  GHashTable *people;
  GThreadPool *pool;
  GAsyncQueue *done;
  guint per_second;
  gint64 next_slot;
} Run;

/* Hands every row of @batch to its channel, within the rate. */
static void
dispatch (Run *run, Batch *batch)
{
  for (guint i = 0; i < batch->n; i++)
    {
      JsonObject *row = json_array_get_object_element (batch->rows, i);
      gint64 person = json_object_get_int_member (row, "person");
      ChannelState *state =
        g_hash_table_lookup (run->states, json_object_get_string_member (row, "channel"));
      Task *task = &batch->tasks[i];

      task->row = row;
      task->result.id = json_object_get_int_member (row, "id");
      task->person = g_hash_table_lookup (run->people, &person);
      task->batch = batch;
      if (task->person == NULL)
        {
          /* The person was erased while the row waited. */
          task->result.outcome = HELDER_OUTBOX_PERMANENT;
          task->result.error = g_strdup_printf (_ ("person %" PRId64 " no longer exists"), person);
          batch->results[i] = task->result;
          continue;
        }
      if (run->per_second > 0)
        {
          if (!sleep_until (run->next_slot, run->options->cancellable))
            {
              /* Not handed over: it waits for the next run. */
              task->result.outcome = HELDER_OUTBOX_TRANSIENT;
              task->result.error = g_strdup (_ ("the sender stopped before it was sent"));
              batch->results[i] = task->result;
              continue;
            }
          run->next_slot = MAX (run->next_slot, g_get_monotonic_time () - G_USEC_PER_SEC) +
                           G_USEC_PER_SEC / run->per_second;
        }
      task->channel = state->channel;
      task->cancellable = run->options->cancellable;
      task->done = run->done;
      batch->outstanding++;
      g_thread_pool_push (run->pool, task, NULL);
    }
}

/* Waits until every row of @batch is back (rows of a later batch that come
 * back meanwhile are counted on theirs). */
static void
collect (Run *run, Batch *batch)
{
  while (batch->outstanding > 0)
    {
      Task *task = g_async_queue_pop (run->done);
      Batch *owner = task->batch;

      owner->results[task - owner->tasks] = task->result;
      owner->outstanding--;
    }
}

static void
count (HelderSendReport *report, Batch *batch)
{
  for (guint i = 0; i < batch->n; i++)
    switch (batch->results[i].outcome)
      {
      case HELDER_OUTBOX_SENT:
        report->sent++;
        break;
      case HELDER_OUTBOX_OFFERED:
        report->offered++;
        break;
      case HELDER_OUTBOX_TRANSIENT:
        report->failed++;
        break;
      case HELDER_OUTBOX_PERMANENT:
        report->dead++;
        break;
      default:
        break;
      }
}

/**
 * helder_sender_run:
 * @self: a #HelderSender
 * @options: when to stop, and how
 * @report: (out caller-allocates): what happened; clear it with
 *   helder_sender_report_clear()
 * @error: set when the store fails (what was recorded before stays)
 *
 * Delivers due rows of every available channel, within the rate limits
 * of the settings, until nothing is due (@options->until_empty), the
 * limit of messages is reached, or @options->cancellable is cancelled.
 * While one batch is with the channels the next is claimed, so at most
 * two batches are in flight.
 *
 * Returns: %TRUE unless the store failed
 */
gboolean
helder_sender_run (HelderSender *self,
                   const HelderSendOptions *options,
                   HelderSendReport *report,
                   GError **error)
{
  g_autoptr (JsonObject) settings = NULL;
  g_autoptr (GHashTable) states = NULL;
  g_autoptr (GHashTable) people = NULL;
  g_autoptr (GPtrArray) available = g_ptr_array_new ();
  g_autoptr (GAsyncQueue) done = NULL;
  HelderOutboxPolicy policy;
  Batch *pending = NULL;
  Run run = { 0 };
  guint workers, per_hour, handled = 0, in_flight = 0;
  gint64 started = g_get_monotonic_time ();
  gboolean ok = TRUE;
  gboolean more = TRUE;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (self != NULL && options != NULL && report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  settings = helder_sender_read_settings (self, error);
  if (settings == NULL)
    return FALSE;
  policy.max_attempts = setting_uint (settings, "delivery.max_attempts", 8);
  policy.retry_seconds = setting_uint (settings, "delivery.retry_seconds", 60);
  policy.lease_seconds = setting_uint (settings, "delivery.lease_seconds", 300);
  workers = CLAMP (setting_uint (settings, "delivery.workers", 4), 1, 32);
  run.per_second =
    options->no_rate_limit ? 0 : setting_uint (settings, "delivery.rate_per_second", 20);
  per_hour = options->no_rate_limit ? 0 : setting_uint (settings, "delivery.rate_per_hour", 0);

  states = prepare_channels (self, settings, error);
  if (states == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, states);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ChannelState *state = value;

      if (state->channel != NULL && state->reason == NULL)
        g_ptr_array_add (available, state->name);
    }
  g_ptr_array_add (available, NULL);

  people =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) json_object_unref);
  done = g_async_queue_new ();
  run.self = self;
  run.options = options;
  run.states = states;
  run.people = people;
  run.done = done;
  run.next_slot = started;
  run.pool = g_thread_pool_new (deliver_one, NULL, (int) workers, FALSE, NULL);

  while (ok)
    {
      Batch *next = NULL;
      guint limit = workers * BATCH_PER_WORKER;

      if (run.per_second > 0)
        limit = MIN (limit, MAX (run.per_second, 1));
      if (options->max_messages > 0)
        limit = handled >= options->max_messages ? 0 : MIN (limit, options->max_messages - handled);
      if (more && per_hour > 0)
        {
          g_autoptr (GDateTime) now = helder_clock_now ();
          g_autoptr (GDateTime) hour_ago = g_date_time_add_hours (now, -1);
          g_autofree char *since = g_date_time_format (hour_ago, "%Y-%m-%dT%H:%M:%SZ");
          gint64 sent = helder_outbox_sent_since (self->store, since, error);

          if (sent < 0)
            {
              ok = FALSE;
              break;
            }
          /* The rows in flight count as sent already. */
          sent += pending != NULL ? pending->n : 0;
          if (sent >= per_hour)
            {
              report->hourly_limit = TRUE;
              limit = 0;
            }
          else
            limit = MIN (limit, (guint) (per_hour - sent));
        }

      /* Claim and hand out the next batch while the last one is on its way. */
      if (more && limit > 0 && !g_cancellable_is_cancelled (options->cancellable))
        {
          g_autoptr (JsonArray) rows = helder_outbox_claim (
            self->store, (const char *const *) available->pdata, limit, &policy, error);

          if (rows == NULL || !load_people (self, rows, people, error))
            {
              ok = FALSE;
              break;
            }
          if (json_array_get_length (rows) > 0)
            {
              next = g_new0 (Batch, 1);
              next->n = json_array_get_length (rows);
              next->rows = g_steal_pointer (&rows);
              next->tasks = g_new0 (Task, next->n);
              next->results = g_new0 (HelderOutboxResult, next->n);
              handled += next->n;
              dispatch (&run, next);
            }
          if (next == NULL || (!options->until_empty && next->n < limit))
            more = FALSE;
        }
      else
        more = FALSE;
      in_flight = (pending != NULL ? pending->n : 0) + (next != NULL ? next->n : 0);
      report->in_flight = MAX (report->in_flight, in_flight);

      if (pending != NULL)
        {
          collect (&run, pending);
          count (report, pending);
          ok = helder_outbox_record (self->store, pending->results, pending->n, &policy, error);
          batch_free (pending);
        }
      pending = next;
      if (pending == NULL)
        break;
    }
  /* A failure above leaves the batch on its way: let it come back, and
   * leave its rows to their lease. */
  if (pending != NULL)
    {
      collect (&run, pending);
      batch_free (pending);
    }

  g_thread_pool_free (run.pool, FALSE, TRUE);
  report_channels (self, states, report);
  report->seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  return ok;
}
