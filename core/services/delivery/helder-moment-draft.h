/* helder-moment-draft.h — a moment a plugin makes
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "services/repo/helder-audit-record.h"
#include "services/views/helder-audience.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

/**
 * HelderMomentDraft:
 * @title: the subject
 * @body: (nullable): Markdown
 * @phase: (nullable): a phase's key
 * @audience: groups, roles, persons and role-change statuses
 * @channels: (nullable) (array zero-terminated=1): the channels; %NULL:
 *   those people take unless they chose others
 * @scheduled_at: when it goes out, UTC "2026-12-04T09:00:00Z"
 * @approved: create it approved, so that the scheduler sends it when it
 *   is due; else a draft the advisor approves
 * @audience_filter: (nullable): "NAME:ARGUMENT", a filter a plugin
 *   registered (helder_context_add_audience_filter()) that narrows the
 *   audience when the moment is sent
 * @title_en: (nullable): the subject for people who read English
 * @body_en: (nullable): the body for people who read English
 *
 * What a plugin asks core to send (a survey's invitation and reminders).
 */
typedef struct
{
  const char *title;
  const char *body;
  const char *phase;
  HelderAudienceSpec audience;
  const char *const *channels;
  const char *scheduled_at;
  gboolean approved;
  const char *audience_filter;
  const char *title_en;
  const char *body_en;
} HelderMomentDraft;

gboolean helder_moment_create_from (HelderStore *store,
                                    const HelderMomentDraft *draft,
                                    const HelderAuditActor *actor,
                                    gint64 *id,
                                    GError **error);
gboolean helder_moment_cancel_unsent (HelderStore *store,
                                      gint64 moment,
                                      const HelderAuditActor *actor,
                                      gboolean *cancelled,
                                      GError **error);

G_END_DECLS
