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

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "engine/helder-engine.h"
#include "engine/helder-sender.h"
#include "model/helder-entity.h"
#include "services/helder-config.h"
#include "services/helder-outbox.h"
#include "services/helder-repo.h"

/* Rows claimed per batch and worker thread. */
#define BATCH_PER_WORKER 16

struct _HelderSender
{
  HelderContext *context;
  HelderStore   *store;      /* this sender's own connection */
};

typedef struct {
  HelderChannel *channel;    /* borrowed */
  JsonObject    *row;        /* borrowed from the batch */
  JsonObject    *person;     /* borrowed from the person cache */
  GCancellable  *cancellable;
  GAsyncQueue   *done;
  HelderOutboxResult result;
} Task;

void
helder_send_report_clear (HelderSendReport *report)
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
helder_sender_new (HelderContext  *context,
                   GError        **error)
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
helder_sender_read_settings (HelderSender  *self,
                             GError       **error)
{
  g_autoptr(GHashTable) stored = helder_config_read (self->store, error);
  g_autoptr(GPtrArray) list = NULL;
  JsonObject *settings;

  if (stored == NULL)
    return NULL;
  settings = json_object_new ();
  list = helder_context_list_settings (self->context);
  for (guint i = 0; i < list->len; i++)
    {
      const HelderSetting *setting = g_ptr_array_index (list, i);
      const char *value = g_hash_table_lookup (stored, setting->name);

      json_object_set_string_member (settings, setting->name,
                                     value != NULL ? value : setting->default_value);
    }
  return settings;
}

static guint
setting_uint (JsonObject *settings,
              const char *name,
              guint       fallback)
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
helder_sender_schedule (HelderSender           *self,
                        HelderScheduleOptions  *options,
                        HelderScheduleReport   *report,
                        GError                **error)
{
  g_autoptr(JsonObject) settings = helder_sender_read_settings (self, error);

  if (settings == NULL)
    return FALSE;
  options->base_url = json_object_get_string_member_with_default (settings, "server.base_url", "");
  options->digest_weekday = setting_uint (settings, "digest.weekday", 1);
  options->digest_hour = setting_uint (settings, "digest.hour", 8);
  options->sections = helder_context_get_digest_sections (self->context);
  return helder_scheduler_run (self->store, options, report, error);
}

/* ---- channels ------------------------------------------------------------------ */

typedef struct {
  char          *name;
  HelderChannel *channel;   /* NULL when no plugin provides it */
  char          *reason;    /* why it cannot deliver; NULL when it can */
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
prepare_channels (HelderSender  *self,
                  JsonObject    *settings,
                  GError       **error)
{
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, channel_state_free);
  g_autoptr(GPtrArray) channels = helder_engine_get_channels (helder_context_get_engine (self->context));
  g_autoptr(HelderStmt) stmt = NULL;
  int rc;

  for (guint i = 0; i < channels->len; i++)
    {
      HelderChannel *channel = g_ptr_array_index (channels, i);
      ChannelState *state = g_new0 (ChannelState, 1);
      g_autoptr(GError) local = NULL;

      state->name = g_strdup (helder_channel_get_name (channel));
      state->channel = g_object_ref (channel);
      if (!helder_channel_configure (channel, settings, &local))
        state->reason = g_strdup (local != NULL ? local->message : _("its settings are not usable"));
      g_hash_table_insert (states, state->name, state);
    }

  stmt = helder_store_prepare (self->store,
                               "SELECT DISTINCT channel FROM delivery"
                               " WHERE status IN ('pending', 'failed', 'sending')", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      ChannelState *state;

      if (g_hash_table_contains (states, name))
        continue;
      state = g_new0 (ChannelState, 1);
      state->name = g_strdup (name);
      state->reason = g_strdup_printf (_("no loaded plugin provides the channel “%s”"), name);
      g_hash_table_insert (states, state->name, state);
    }
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (self->store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&states);
}

static void
deliver_one (gpointer data,
             gpointer user_data)
{
  Task *task = data;
  g_autoptr(GError) local = NULL;
  HelderDeliveryOutcome outcome;

  outcome = helder_channel_deliver (task->channel, task->row, task->person, task->cancellable, &local);
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

static JsonObject *
cached_person (HelderSender  *self,
               GHashTable    *cache,
               gint64         id,
               GError       **error)
{
  JsonObject *person = g_hash_table_lookup (cache, &id);
  g_autofree char *key = NULL;
  gint64 *k;

  if (person != NULL)
    return person;
  key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  person = helder_repo_get (self->store, helder_entity_lookup ("person"), key, error);
  if (person == NULL)
    return NULL;
  k = g_new (gint64, 1);
  *k = id;
  g_hash_table_insert (cache, k, person);
  return person;
}

/* Waits until @deadline (monotonic µs) or cancellation. */
static gboolean
sleep_until (gint64        deadline,
             GCancellable *cancellable)
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
report_channels (HelderSender      *self,
                 GHashTable        *states,
                 HelderSendReport  *report)
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
helder_sender_check_channels (HelderSender  *self,
                              GError       **error)
{
  g_autoptr(JsonObject) settings = helder_sender_read_settings (self, error);
  g_autoptr(GHashTable) states = NULL;
  HelderSendReport report = { 0 };

  if (settings == NULL)
    return NULL;
  states = prepare_channels (self, settings, error);
  if (states == NULL)
    return NULL;
  report_channels (self, states, &report);
  return report.channels;
}

/**
 * helder_sender_run:
 * @self: a #HelderSender
 * @options: when to stop, and how
 * @report: (out caller-allocates): what happened; clear it with
 *   helder_send_report_clear()
 * @error: set when the store fails (what was recorded before stays)
 *
 * Delivers due rows of every available channel, within the rate limits
 * of the settings, until nothing is due (@options->until_empty), the
 * limit of messages is reached, or @options->cancellable is cancelled.
 *
 * Returns: %TRUE unless the store failed
 */
gboolean
helder_sender_run (HelderSender             *self,
                   const HelderSendOptions  *options,
                   HelderSendReport         *report,
                   GError                  **error)
{
  g_autoptr(JsonObject) settings = NULL;
  g_autoptr(GHashTable) states = NULL;
  g_autoptr(GHashTable) people = NULL;
  g_autoptr(GPtrArray) available = g_ptr_array_new ();
  g_autoptr(GAsyncQueue) done = NULL;
  GThreadPool *pool = NULL;
  HelderOutboxPolicy policy;
  guint workers, per_second, per_hour, handled = 0;
  gint64 started = g_get_monotonic_time ();
  gint64 next_slot = started;
  gboolean ok = TRUE;
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
  per_second = options->no_rate_limit ? 0 : setting_uint (settings, "delivery.rate_per_second", 20);
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

  people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) json_object_unref);
  done = g_async_queue_new ();
  pool = g_thread_pool_new (deliver_one, NULL, (int) workers, FALSE, NULL);

  while (ok && !g_cancellable_is_cancelled (options->cancellable))
    {
      g_autoptr(JsonArray) batch = NULL;
      g_autofree HelderOutboxResult *results = NULL;
      g_autofree Task *tasks = NULL;
      guint limit = workers * BATCH_PER_WORKER;
      guint n, dispatched = 0;

      if (per_second > 0)
        limit = MIN (limit, MAX (per_second, 1));
      if (options->max_messages > 0)
        {
          if (handled >= options->max_messages)
            break;
          limit = MIN (limit, options->max_messages - handled);
        }
      if (per_hour > 0)
        {
          g_autoptr(GDateTime) hour_ago = g_date_time_add_hours (g_date_time_new_now_utc (), -1);
          g_autofree char *since = g_date_time_format (hour_ago, "%Y-%m-%dT%H:%M:%SZ");
          gint64 sent = helder_outbox_sent_since (self->store, since, error);

          if (sent < 0)
            {
              ok = FALSE;
              break;
            }
          if (sent >= per_hour)
            {
              report->hourly_limit = TRUE;
              break;
            }
          limit = MIN (limit, (guint) (per_hour - sent));
        }

      batch = helder_outbox_claim (self->store, (const char * const *) available->pdata, limit, &policy, error);
      if (batch == NULL)
        {
          ok = FALSE;
          break;
        }
      n = json_array_get_length (batch);
      if (n == 0)
        break;
      report->in_flight = MAX (report->in_flight, n);

      tasks = g_new0 (Task, n);
      results = g_new0 (HelderOutboxResult, n);
      for (guint i = 0; i < n; i++)
        {
          JsonObject *row = json_array_get_object_element (batch, i);
          const char *channel = json_object_get_string_member (row, "channel");
          ChannelState *state = g_hash_table_lookup (states, channel);
          g_autoptr(GError) local = NULL;
          Task *task = &tasks[i];

          task->row = row;
          task->result.id = json_object_get_int_member (row, "id");
          task->person = cached_person (self, people, json_object_get_int_member (row, "person"), &local);
          if (task->person == NULL)
            {
              /* The person was erased while the row waited. */
              task->result.outcome = HELDER_OUTBOX_PERMANENT;
              task->result.error = g_strdup (local->message);
              results[i] = task->result;
              continue;
            }
          if (per_second > 0)
            {
              if (!sleep_until (next_slot, options->cancellable))
                {
                  /* Not handed over: back to waiting, without a used attempt. */
                  task->result.outcome = HELDER_OUTBOX_TRANSIENT;
                  task->result.error = g_strdup (_("the sender stopped before it was sent"));
                  results[i] = task->result;
                  continue;
                }
              next_slot = MAX (next_slot, g_get_monotonic_time () - G_USEC_PER_SEC) + G_USEC_PER_SEC / per_second;
            }
          task->channel = state->channel;
          task->cancellable = options->cancellable;
          task->done = done;
          g_thread_pool_push (pool, task, NULL);
          dispatched++;
        }
      for (guint i = 0; i < dispatched; i++)
        {
          Task *task = g_async_queue_pop (done);

          results[task - tasks] = task->result;
        }
      for (guint i = 0; i < n; i++)
        switch (results[i].outcome)
          {
          case HELDER_OUTBOX_SENT: report->sent++; break;
          case HELDER_OUTBOX_OFFERED: report->offered++; break;
          case HELDER_OUTBOX_TRANSIENT: report->failed++; break;
          case HELDER_OUTBOX_PERMANENT: report->dead++; break;
          default: break;
          }
      ok = helder_outbox_record (self->store, results, n, &policy, error);
      for (guint i = 0; i < n; i++)
        g_free (results[i].error);
      handled += n;
      if (!options->until_empty && n < limit)
        break;
    }

  g_thread_pool_free (pool, FALSE, TRUE);
  report_channels (self, states, report);
  report->seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  return ok;
}
