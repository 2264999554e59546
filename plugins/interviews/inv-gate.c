/* inv-gate.c — the gate measure "readiness": a gate criterion on the
 * components' readiness
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A criterion `--measure readiness --measure-arg "aspect=software
 * [domain=NAME] [min=PERCENT]"` is met when at least min % (default 100)
 * of the components the aspect applies to are done; unclear while no
 * component applies. Its value reads "system software up to date: 47 of
 * 52 components", its source lists the first ten components still
 * missing, so that `helder gate show` says what is left.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "inv-private.h"

#define MISSING_SHOWN 10

static gboolean
measure_check (HelderStore *store, const char *argument, gpointer user_data, GError **error)
{
  InvReadinessArg arg;

  if (!inv_readiness_arg_parse (argument, &arg, error))
    return FALSE;
  inv_readiness_arg_clear (&arg);
  return TRUE;
}

static char *
missing_text (JsonArray *missing)
{
  g_autoptr (GString) text = g_string_new (NULL);
  guint n = json_array_get_length (missing);

  if (n == 0)
    return NULL;
  for (guint i = 0; i < n && i < MISSING_SHOWN; i++)
    g_string_append_printf (
      text, "%s%s", i > 0 ? ", " : "",
      json_object_get_string_member (json_array_get_object_element (missing, i), "name"));
  if (n > MISSING_SHOWN)
    {
      /* TRANSLATORS: after the first ten names of what is missing */
      g_string_append_printf (
        text, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", n - MISSING_SHOWN),
        n - MISSING_SHOWN);
    }
  /* TRANSLATORS: %s lists the components that are not ready yet */
  return g_strdup_printf (_ ("not yet: %s"), text->str);
}

static gboolean
measure_evaluate (HelderStore *store,
                  const char *argument,
                  const char *today,
                  gpointer user_data,
                  HelderGateMeasureResult *out,
                  GError **error)
{
  InvReadinessArg arg;
  g_autoptr (JsonArray) totals = NULL;
  JsonObject *aspect = NULL;
  guint done, applicable;

  if (!inv_readiness_arg_parse (argument, &arg, error))
    return FALSE;
  totals = inv_readiness_totals (store, arg.domain, error);
  if (totals == NULL)
    {
      inv_readiness_arg_clear (&arg);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (totals); i++)
    if (g_str_equal (
          json_object_get_string_member (json_array_get_object_element (totals, i), "aspect"),
          arg.aspect))
      aspect = json_array_get_object_element (totals, i);
  g_assert (aspect != NULL);
  done = json_object_get_int_member (aspect, "done");
  applicable = json_object_get_int_member (aspect, "applicable");
  /* TRANSLATORS: "system software up to date: 47 of 52 components" */
  out->value = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%s: %u of %u component", "%s: %u of %u components", applicable),
    json_object_get_string_member (aspect, "label"), done, applicable);
  if (applicable == 0)
    out->state = HELDER_GATE_MEASURE_UNCLEAR;
  else
    out->state =
      done * 100.0 >= arg.min * applicable ? HELDER_GATE_MEASURE_MET : HELDER_GATE_MEASURE_FAILED;
  out->source = missing_text (json_object_get_array_member (aspect, "missing"));
  if (out->source == NULL && applicable == 0)
    out->source = g_strdup (_ ("no component in the register that this applies to"));
  out->link = g_strdup_printf ("/inventory/readiness?aspect=%s", arg.aspect);
  inv_readiness_arg_clear (&arg);
  return TRUE;
}

void
inv_gate_register (HelderContext *context)
{
  const HelderGateMeasure measure = {
    .name = "readiness",
    .label = N_ ("the share of components ready for the move on one aspect"),
    .check = measure_check,
    .evaluate = measure_evaluate,
  };

  helder_context_add_gate_measure (context, &measure);
}
