/* helder-audience-filter.h — a plugin's narrowing of a moment's audience
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/helder-store.h"

G_BEGIN_DECLS

/**
 * HelderAudienceFilterFunc:
 * @store: the store, inside the scheduler's transaction
 * @argument: what follows the filter's name in the moment's
 *   audience_filter ("7" of "survey-unanswered:7")
 * @persons: (element-type gint64) (inout): the audience, ascending;
 *   remove who must not get the moment
 *
 * Returns: %FALSE with @error when the filter cannot decide (the round of
 *   the scheduler fails and nothing is sent)
 */
typedef gboolean (*HelderAudienceFilterFunc) (HelderStore *store,
                                              const char *argument,
                                              GArray *persons,
                                              gpointer user_data,
                                              GError **error);

/**
 * HelderAudienceFilter:
 * @name: what a moment's audience_filter names before its ':'
 * @func: what narrows the audience
 * @user_data: passed to @func
 *
 * A filter a plugin registers (helder_context_add_audience_filter()): a
 * moment whose audience_filter is "NAME:ARGUMENT" reaches, when it is
 * sent, only the people @func keeps (a survey reminder goes only to who
 * has not answered).
 */
typedef struct
{
  const char *name;
  HelderAudienceFilterFunc func;
  gpointer user_data;
} HelderAudienceFilter;

gboolean helder_audience_filter_split (const char *text, char **name, char **argument);
const HelderAudienceFilter *helder_audience_filter_find (GPtrArray *filters, const char *name);
gboolean helder_audience_filter_apply (HelderStore *store,
                                       GPtrArray *filters,
                                       const char *text,
                                       GArray *persons,
                                       gboolean *applied,
                                       GError **error);

G_END_DECLS
