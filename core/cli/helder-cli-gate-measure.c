/* helder-cli-gate-measure.c — computed gate criteria on the command line
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `helder gate list|show`, `helder criterion list|show` and `helder status`
 * compute the criteria that plugins' measures decide before they show
 * them; `helder criterion add --measure NAME --measure-arg ARG` asks the
 * measure whether it takes the argument.
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include "cli/helder-cli-gate-measure.h"
#include "engine/helder-context.h"

/**
 * helder_cli_gate_measure_refresh:
 * @entity: (nullable): what is shown; %NULL: the programme's status
 *
 * Computes the measured criteria when @entity is a gate or a criterion
 * (or %NULL); nothing for other nouns.
 */
gboolean
helder_cli_gate_measure_refresh (HelderInvocation *invocation,
                                 HelderStore *store,
                                 const HelderEntity *entity,
                                 GError **error)
{
  if (entity != NULL && !g_str_equal (entity->name, "gate") &&
      !g_str_equal (entity->name, "criterion"))
    return TRUE;
  return helder_context_refresh_gate_measures (invocation->context, store, error);
}

static const char *
string_or_null (JsonObject *values, const char *member)
{
  JsonNode *node = json_object_get_member (values, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * helder_cli_gate_measure_check:
 * @values: a new criterion's fields
 *
 * For a criterion: whether its measure is registered and takes its
 * argument; nothing for other nouns.
 */
gboolean
helder_cli_gate_measure_check (HelderInvocation *invocation,
                               HelderStore *store,
                               const HelderEntity *entity,
                               JsonObject *values,
                               GError **error)
{
  g_autoptr (GPtrArray) measures = NULL;

  if (!g_str_equal (entity->name, "criterion"))
    return TRUE;
  measures = helder_context_list_gate_measures (invocation->context);
  return helder_gate_measure_check (store, measures, string_or_null (values, "measure"),
                                    string_or_null (values, "measure_arg"), error);
}
