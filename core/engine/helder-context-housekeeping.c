/* helder-context-housekeeping.c — the jobs plugins have run on every round
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plugin registers a HelderHousekeeping (engine/helder-housekeeping.h);
 * the sender runs every registered job before the scheduler on each of
 * its rounds. A job that fails is logged and reported, and the others and
 * the sending go on. The registration is one of the context's list
 * (helder-context-registry.c) and goes when the plugin unloads.
 */
#define G_LOG_DOMAIN "helder-engine"

#include "config.h"

#include "engine/helder-context.h"
#include "engine/helder-context-private.h"

typedef struct
{
  HelderHousekeeping public;
  char *name;
} HousekeepingCopy;

void
helder_context_housekeeping_free (gpointer data)
{
  HousekeepingCopy *c = data;

  g_free (c->name);
  g_free (c);
}

/**
 * helder_context_add_housekeeping:
 * @job: (transfer none): copied
 *
 * Registers a job run before the scheduler on every round of the sender.
 * A name is taken once; adding it again is a programming error and is
 * ignored with a warning.
 */
void
helder_context_add_housekeeping (HelderContext *self, const HelderHousekeeping *job)
{
  g_autoptr (GPtrArray) known = NULL;
  HousekeepingCopy *c;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (job != NULL && job->name != NULL && job->func != NULL);

  known = helder_context_list_housekeeping (self);
  for (guint i = 0; i < known->len; i++)
    {
      const HelderHousekeeping *other = g_ptr_array_index (known, i);

      if (g_str_equal (other->name, job->name))
        {
          g_warning ("housekeeping “%s” of %s ignored: it is registered already", job->name,
                     self->owner ? self->owner : "core");
          return;
        }
    }
  c = g_new0 (HousekeepingCopy, 1);
  c->name = g_strdup (job->name);
  c->public = *job;
  c->public.name = c->name;
  helder_context_add_registration (self, REG_HOUSEKEEPING, c);
}

/**
 * helder_context_list_housekeeping:
 *
 * Returns: (transfer container) (element-type HelderHousekeeping): the
 *   jobs plugins registered, in the order registered
 */
GPtrArray *
helder_context_list_housekeeping (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return helder_context_list_registrations (self, REG_HOUSEKEEPING);
}

/**
 * helder_context_run_housekeeping:
 * @store: the connection to run the jobs over
 * @now_utc: the time of this round
 *
 * Runs every registered job; one that fails is logged with g_warning and
 * does not stop the others.
 *
 * Returns: (transfer full): the jobs that failed, each {"name", "error"};
 *   empty when none did
 */
JsonArray *
helder_context_run_housekeeping (HelderContext *self, HelderStore *store, const char *now_utc)
{
  g_autoptr (GPtrArray) jobs = NULL;
  JsonArray *failed = json_array_new ();

  g_return_val_if_fail (HELDER_IS_CONTEXT (self), failed);
  g_return_val_if_fail (HELDER_IS_STORE (store) && now_utc != NULL, failed);

  jobs = helder_context_list_housekeeping (self);
  for (guint i = 0; i < jobs->len; i++)
    {
      const HelderHousekeeping *job = g_ptr_array_index (jobs, i);
      g_autoptr (GError) error = NULL;
      JsonObject *entry;

      if (job->func (store, now_utc, job->user_data, &error))
        continue;
      /* A job that left its transaction open must not hold the lock. */
      while (helder_store_in_transaction (store))
        helder_store_rollback (store);
      g_warning ("housekeeping “%s” failed: %s", job->name,
                 error != NULL ? error->message : "(no message)");
      entry = json_object_new ();
      json_object_set_string_member (entry, "name", job->name);
      json_object_set_string_member (entry, "error", error != NULL ? error->message : "");
      json_array_add_object_element (failed, entry);
    }
  return failed;
}
