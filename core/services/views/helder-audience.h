/* helder-audience.h — who a moment, or an audience a plugin names, reaches
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/helder-store.h"

G_BEGIN_DECLS

GArray *helder_audience_resolve (HelderStore *store, gint64 moment, GError **error);
gboolean helder_audience_contains (HelderStore *store,
                                   gint64 moment,
                                   gint64 person,
                                   gboolean *contains,
                                   GError **error);

/**
 * HelderAudienceSpec:
 * @groups: (nullable) (array zero-terminated=1): group slugs
 * @roles: (nullable) (array zero-terminated=1): role slugs
 * @persons: (nullable) (array zero-terminated=1): person ids as text ("12")
 * @statuses: (nullable) (array zero-terminated=1): role-change statuses
 *   ("draft", "decided", "discussed", "accepted", "objection")
 *
 * An audience as a moment has one, for what a plugin sends or asks (a
 * survey's invitees): the union of the four parts, with the same meaning
 * as a moment's (helder_audience_resolve()).
 */
typedef struct
{
  const char *const *groups;
  const char *const *roles;
  const char *const *persons;
  const char *const *statuses;
} HelderAudienceSpec;

GArray *
helder_audience_resolve_spec (HelderStore *store, const HelderAudienceSpec *spec, GError **error);
gboolean helder_audience_spec_contains (HelderStore *store,
                                        const HelderAudienceSpec *spec,
                                        gint64 person,
                                        gboolean *contains,
                                        GError **error);

G_END_DECLS
