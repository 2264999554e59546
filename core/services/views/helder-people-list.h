/* helder-people-list.h — the advisor's list of everyone: search, filter, one page at a time
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

#define HELDER_PEOPLE_LIST_MAX_QUERY 200 /* characters of a search */

typedef struct
{
  const char *query; /* (nullable) part of a name or e-mail address, any case or accents */
  const char *group; /* (nullable) only the members of this group (slug) */
  guint offset;
  guint limit; /* 1 or more */
} HelderPeopleFilter;

JsonObject *
helder_people_list_find (HelderStore *store, const HelderPeopleFilter *filter, GError **error);

G_END_DECLS
