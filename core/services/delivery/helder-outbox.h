/* helder-outbox.h — the outbox: one row per message, person and channel
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"
#include "services/delivery/helder-outbox-offered.h"

G_BEGIN_DECLS

/* One message to queue. Strings are borrowed. */
typedef struct
{
  const char *source; /* "moment:12", "digest:7:2026-W48" */
  gint64 person;
  const char *channel; /* the name of a channel (helder-channel-names.h) */
  const char *subject;
  const char *body; /* CommonMark */
  const char *locale;
  const char *link;
  const char *fingerprint; /* digests: what the body says, to skip unchanged ones */
  const char *calendar;    /* (nullable) an iCalendar object to attach (a meeting's invitation) */
} HelderOutboxMessage;

/* What became of a message that went out before the programme was loaded
 * (helder_outbox_queue_past). Strings are borrowed; times as the store
 * writes them. */
typedef struct
{
  const char *status;          /* "sent" or "dead" (after one attempt) */
  const char *sent_at;         /* (nullable) */
  const char *acknowledged_at; /* (nullable) */
  const char *last_error;      /* (nullable) */
  const char *updated_at;
} HelderOutboxPast;

/* What became of one claimed row; mirrors HelderDeliveryOutcome. */
typedef enum
{
  HELDER_OUTBOX_SENT,
  HELDER_OUTBOX_TRANSIENT,
  HELDER_OUTBOX_PERMANENT,
  HELDER_OUTBOX_OFFERED,
} HelderOutboxOutcome;

typedef struct
{
  gint64 id;
  HelderOutboxOutcome outcome;
  char *error; /* owned; NULL when sent */
} HelderOutboxResult;

/* How failures are retried (the delivery.* settings). */
typedef struct
{
  guint max_attempts;
  guint retry_seconds; /* the first wait; doubled after each attempt */
  guint lease_seconds;
} HelderOutboxPolicy;

#define HELDER_OUTBOX_MAX_BACKOFF_SECONDS (6 * 3600)

gboolean helder_outbox_queue (HelderStore *store,
                              const HelderOutboxMessage *message,
                              const char *now,
                              gboolean *inserted,
                              GError **error);
gboolean helder_outbox_queue_past (HelderStore *store,
                                   const HelderOutboxMessage *message,
                                   const char *queued_at,
                                   const HelderOutboxPast *past,
                                   gboolean *inserted,
                                   GError **error);
JsonArray *helder_outbox_claim (HelderStore *store,
                                const char *const *channels,
                                guint limit,
                                const HelderOutboxPolicy *policy,
                                GError **error);
gboolean helder_outbox_record (HelderStore *store,
                               const HelderOutboxResult *results,
                               guint n_results,
                               const HelderOutboxPolicy *policy,
                               GError **error);
gint64 helder_outbox_backoff (const HelderOutboxPolicy *policy, guint attempts);
gboolean helder_outbox_retry (HelderStore *store, gint64 id, GError **error);
JsonObject *helder_outbox_get (HelderStore *store, gint64 id, GError **error);
JsonObject *helder_outbox_list (HelderStore *store,
                                const char *status,
                                const char *channel,
                                guint limit,
                                guint offset,
                                GError **error);
JsonObject *helder_outbox_counts (HelderStore *store, GError **error);
gint64 helder_outbox_count_due (HelderStore *store, const char *const *channels, GError **error);
gint64 helder_outbox_sent_since (HelderStore *store, const char *since, GError **error);

GStrv helder_outbox_waiting_channels (HelderStore *store, GError **error);

G_END_DECLS
