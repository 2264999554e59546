/* helder-gate-measure.c — gate criteria a plugin computes
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A gate criterion with a measure ("survey-score", registered by the
 * surveys plugin) is not ticked off by hand: helder_gate_measures_refresh()
 * asks the measure, stores what it says (state, value, source, link) and
 * sets the status from it — met, failed, or open while there are too few
 * data to tell — in one transaction, with an audit entry when the status
 * changes. A criterion whose measure no loaded plugin registered keeps its
 * status and says it cannot be computed. The front-ends call it before
 * they show gates, and the sender on every round.
 */
#define G_LOG_DOMAIN "helder-gate"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "services/repo/helder-gate-measure.h"

void
helder_gate_measure_result_clear (HelderGateMeasureResult *result)
{
  g_clear_pointer (&result->value, g_free);
  g_clear_pointer (&result->source, g_free);
  g_clear_pointer (&result->link, g_free);
}

/**
 * helder_gate_measure_find:
 * @measures: (nullable) (element-type HelderGateMeasure): the registered ones
 *
 * Returns: (transfer none) (nullable): the measure called @name
 */
const HelderGateMeasure *
helder_gate_measure_find (GPtrArray *measures, const char *name)
{
  for (guint i = 0; measures != NULL && i < measures->len; i++)
    {
      const HelderGateMeasure *m = g_ptr_array_index (measures, i);

      if (g_strcmp0 (m->name, name) == 0)
        return m;
    }
  return NULL;
}

/**
 * helder_gate_measure_check:
 * @name: (nullable): a criterion's measure; %NULL: a manual criterion
 * @argument: (nullable): its argument
 *
 * Whether a criterion may be made with @name and @argument: the measure is
 * registered and takes the argument.
 *
 * Returns: %FALSE with @error (HELDER_ERROR_INVALID, field "measure" or
 *   "measure_arg") when not; an unknown measure's message lists the known
 */
gboolean
helder_gate_measure_check (HelderStore *store,
                           GPtrArray *measures,
                           const char *name,
                           const char *argument,
                           GError **error)
{
  const HelderGateMeasure *measure;

  if (name == NULL)
    {
      if (argument == NULL)
        return TRUE;
      helder_error_set (error, HELDER_ERROR_INVALID, "measure_arg",
                        _ ("measure_arg: only a computed criterion takes an argument; give "
                           "its measure too"));
      return FALSE;
    }
  measure = helder_gate_measure_find (measures, name);
  if (measure == NULL)
    {
      g_autoptr (GString) known = g_string_new (NULL);

      for (guint i = 0; measures != NULL && i < measures->len; i++)
        g_string_append_printf (
          known, "%s%s", i > 0 ? ", " : "",
          ((const HelderGateMeasure *) g_ptr_array_index (measures, i))->name);
      if (known->len == 0)
        helder_error_set (error, HELDER_ERROR_INVALID, "measure",
                          _ ("measure: no measure “%s”; no loaded plugin computes criteria"), name);
      else
        helder_error_set (error, HELDER_ERROR_INVALID, "measure",
                          _ ("measure: no measure “%s”; known are: %s"), name, known->str);
      return FALSE;
    }
  if (measure->check != NULL &&
      !measure->check (store, argument ? argument : "", measure->user_data, error))
    {
      if (error != NULL && *error != NULL)
        {
          g_autofree char *message = g_strdup_printf (_ ("measure_arg: %s"), (*error)->message);

          g_free ((*error)->message);
          (*error)->message = g_steal_pointer (&message);
          helder_error_set_field (*error, "measure_arg");
        }
      return FALSE;
    }
  return TRUE;
}

/**
 * helder_gate_measure_state_label:
 * @state: (nullable): a criterion's measure_state
 *
 * Returns: (transfer none): "met", "not met" or "cannot be judged yet",
 *   translated; "" for %NULL
 */
const char *
helder_gate_measure_state_label (const char *state)
{
  if (g_strcmp0 (state, "met") == 0)
    return _ ("met");
  if (g_strcmp0 (state, "failed") == 0)
    return _ ("not met");
  if (g_strcmp0 (state, "unclear") == 0)
    return _ ("cannot be judged yet");
  return "";
}

typedef struct
{
  gint64 id;
  char *measure;
  char *argument;
  char *status; /* now */
  char *old[4]; /* state, value, source, link as stored */
  char *state;  /* as measured */
  HelderGateMeasureResult result;
} Computed;

static void
computed_clear (gpointer data)
{
  Computed *c = data;

  g_free (c->measure);
  g_free (c->argument);
  g_free (c->status);
  for (guint i = 0; i < G_N_ELEMENTS (c->old); i++)
    g_free (c->old[i]);
  g_free (c->state);
  helder_gate_measure_result_clear (&c->result);
}

static GArray *
load_computed (HelderStore *store, GError **error)
{
  g_autoptr (GArray) list = g_array_new (FALSE, TRUE, sizeof (Computed));
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT id, measure, measure_arg, status, measure_state, measure_value, measure_source,"
    " measure_link FROM gate_criterion WHERE measure IS NOT NULL ORDER BY id",
    error);
  int rc;

  g_array_set_clear_func (list, computed_clear);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Computed c = { 0 };

      c.id = sqlite3_column_int64 (stmt, 0);
      c.measure = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      c.argument = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      c.status = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      for (guint i = 0; i < G_N_ELEMENTS (c.old); i++)
        c.old[i] = g_strdup ((const char *) sqlite3_column_text (stmt, 4 + i));
      g_array_append_val (list, c);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

/* Asks the measure; what cannot be computed is unclear and says why. */
static void
evaluate (HelderStore *store, GPtrArray *measures, const char *today, Computed *c)
{
  const HelderGateMeasure *measure = helder_gate_measure_find (measures, c->measure);
  g_autoptr (GError) local = NULL;

  if (measure == NULL)
    {
      c->state = g_strdup ("unclear");
      c->result.source = g_strdup_printf (
        _ ("cannot be computed: the plugin of measure “%s” is not loaded"), c->measure);
      return;
    }
  if (!measure->evaluate (store, c->argument ? c->argument : "", today, measure->user_data,
                          &c->result, &local))
    {
      helder_gate_measure_result_clear (&c->result);
      c->state = g_strdup ("unclear");
      c->result.source = g_strdup_printf (_ ("cannot be computed: %s"),
                                          local ? local->message : _ ("the measure failed"));
      return;
    }
  c->state = g_strdup (c->result.state == HELDER_GATE_MEASURE_MET      ? "met"
                       : c->result.state == HELDER_GATE_MEASURE_FAILED ? "failed"
                                                                       : "unclear");
}

/* The status the measure sets; NULL: it leaves the status as it is. */
static const char *
status_from (const Computed *c, gboolean registered)
{
  if (!registered)
    return NULL;
  if (g_str_equal (c->state, "met"))
    return "met";
  if (g_str_equal (c->state, "failed"))
    return "failed";
  return "open";
}

static gboolean
store_one (HelderStore *store,
           const HelderAuditActor *actor,
           const Computed *c,
           const char *status,
           const char *now,
           GError **error)
{
  const char *fresh[4] = { c->state, c->result.value, c->result.source, c->result.link };
  gboolean same = g_strcmp0 (status ? status : c->status, c->status) == 0;
  g_autoptr (HelderStmt) stmt = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fresh); i++)
    if (g_strcmp0 (fresh[i], c->old[i]) != 0)
      same = FALSE;
  if (same)
    return TRUE;
  stmt = helder_store_prepare (store,
                               "UPDATE gate_criterion SET measure_state = ?2, measure_value = ?3,"
                               " measure_source = ?4, measure_link = ?5, status = ?6,"
                               " measured_at = ?7, updated_at = ?7 WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->id);
  for (guint i = 0; i < G_N_ELEMENTS (fresh); i++)
    sqlite3_bind_text (stmt, 2 + i, fresh[i], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, status ? status : c->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    return FALSE;
  if (status != NULL && g_strcmp0 (status, c->status) != 0)
    {
      g_autofree char *record = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);
      g_autofree char *detail = g_strdup_printf (_ ("status: %s → %s (computed by measure %s)"),
                                                 c->status, status, c->measure);

      return helder_audit_record (store, actor, "update", "criterion", record, 0, detail, error);
    }
  return TRUE;
}

/**
 * helder_gate_measures_refresh:
 * @measures: (nullable) (element-type HelderGateMeasure): the registered ones
 * @actor: who the status changes are audited as (the system, as a rule)
 *
 * Computes every criterion that has a measure and stores the outcome, in
 * one transaction; a criterion whose measure is not registered keeps its
 * status and reads "cannot be computed". Nothing is written when nothing
 * changed.
 *
 * Returns: %FALSE with @error when the store fails
 */
gboolean
helder_gate_measures_refresh (HelderStore *store,
                              GPtrArray *measures,
                              const HelderAuditActor *actor,
                              GError **error)
{
  g_autoptr (GArray) computed = NULL;
  g_autofree char *today = helder_clock_today ();
  g_autofree char *now = helder_clock_now_utc ();

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  computed = load_computed (store, error);
  if (computed == NULL)
    return FALSE;
  if (computed->len == 0)
    return TRUE;
  for (guint i = 0; i < computed->len; i++)
    evaluate (store, measures, today, &g_array_index (computed, Computed, i));
  if (!helder_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < computed->len; i++)
    {
      const Computed *c = &g_array_index (computed, Computed, i);
      gboolean registered = helder_gate_measure_find (measures, c->measure) != NULL;

      if (!store_one (store, actor, c, status_from (c, registered), now, error))
        {
          helder_store_rollback (store);
          return FALSE;
        }
    }
  return helder_store_commit (store, error);
}
