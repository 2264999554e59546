/* helder-sender.h — the outbox worker: claims due rows, hands them to channels
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "engine/helder-context.h"
#include "services/delivery/helder-scheduler.h"

G_BEGIN_DECLS

typedef struct _HelderSender HelderSender;

typedef struct
{
  gboolean until_empty;      /* stop when nothing is due (helder send) */
  guint max_messages;        /* stop after this many (0: no limit) */
  gboolean no_rate_limit;    /* ignore delivery.rate_per_* (benchmarks) */
  GCancellable *cancellable; /* stops the run between two messages */
} HelderSendOptions;

typedef struct
{
  guint sent;
  guint offered;         /* waiting for the person's acknowledgement */
  guint failed;          /* transient: retried later */
  guint dead;            /* permanent, or out of attempts */
  guint in_flight;       /* the most rows held at once: what a crash may re-send */
  gboolean hourly_limit; /* stopped at delivery.rate_per_hour */
  JsonArray *channels;   /* [{name, available, reason, waiting}] */
  double seconds;
} HelderSendReport;

void helder_sender_report_clear (HelderSendReport *report);

HelderSender *helder_sender_new (HelderContext *context, GError **error);
void helder_sender_free (HelderSender *self);
HelderStore *helder_sender_get_store (HelderSender *self);
JsonObject *helder_sender_read_settings (HelderSender *self, GError **error);
JsonArray *helder_sender_check_channels (HelderSender *self, GError **error);
gboolean helder_sender_run (HelderSender *self,
                            const HelderSendOptions *options,
                            HelderSendReport *report,
                            GError **error);
gboolean helder_sender_schedule (HelderSender *self,
                                 HelderScheduleOptions *options,
                                 HelderScheduleReport *report,
                                 GError **error);
JsonArray *helder_sender_problems (HelderSender *self, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HelderSender, helder_sender_free)

G_END_DECLS
