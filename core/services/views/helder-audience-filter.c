/* helder-audience-filter.c — a plugin's narrowing of a moment's audience
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A moment's audience_filter is "NAME:ARGUMENT": the filter a plugin
 * registered as NAME keeps of the audience only who should get the
 * moment. The scheduler applies it inside the transaction that queues the
 * moment, and the scheduler's problems use it to tell an emptied audience;
 * a filter nobody registered (its plugin is not loaded) is not applied,
 * and the moment waits.
 */
#define G_LOG_DOMAIN "helder-audience"

#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "services/views/helder-audience-filter.h"

/**
 * helder_audience_filter_split:
 * @text: "NAME:ARGUMENT"
 * @name: (out) (transfer full)
 * @argument: (out) (transfer full): "" when nothing follows the ':'
 *
 * Returns: %FALSE when @text has no name before a ':'
 */
gboolean
helder_audience_filter_split (const char *text, char **name, char **argument)
{
  const char *colon = text != NULL ? strchr (text, ':') : NULL;

  g_return_val_if_fail (name != NULL && argument != NULL, FALSE);

  *name = NULL;
  *argument = NULL;
  if (colon == NULL || colon == text)
    return FALSE;
  *name = g_strndup (text, colon - text);
  *argument = g_strdup (colon + 1);
  return TRUE;
}

/**
 * helder_audience_filter_find:
 * @filters: (nullable) (element-type HelderAudienceFilter): the registered ones
 *
 * Returns: (transfer none) (nullable): the filter called @name
 */
const HelderAudienceFilter *
helder_audience_filter_find (GPtrArray *filters, const char *name)
{
  for (guint i = 0; filters != NULL && i < filters->len; i++)
    {
      const HelderAudienceFilter *filter = g_ptr_array_index (filters, i);

      if (g_strcmp0 (filter->name, name) == 0)
        return filter;
    }
  return NULL;
}

/**
 * helder_audience_filter_apply:
 * @filters: (nullable) (element-type HelderAudienceFilter): the registered ones
 * @text: (nullable): a moment's audience_filter; %NULL: none, @persons stays
 * @persons: (element-type gint64) (inout): the audience
 * @applied: (out): %FALSE when @text names a filter that is not registered
 *   (or is not "NAME:ARGUMENT"): @persons is left as it was
 *
 * Returns: %FALSE with @error when the filter fails
 */
gboolean
helder_audience_filter_apply (HelderStore *store,
                              GPtrArray *filters,
                              const char *text,
                              GArray *persons,
                              gboolean *applied,
                              GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *argument = NULL;
  const HelderAudienceFilter *filter;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (persons != NULL && applied != NULL, FALSE);

  *applied = text == NULL;
  if (text == NULL)
    return TRUE;
  if (!helder_audience_filter_split (text, &name, &argument))
    return TRUE;
  filter = helder_audience_filter_find (filters, name);
  if (filter == NULL)
    return TRUE;
  if (!filter->func (store, argument, persons, filter->user_data, error))
    return FALSE;
  *applied = TRUE;
  return TRUE;
}
