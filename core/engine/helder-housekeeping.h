/* helder-housekeeping.h — work a plugin has done on every round of the sender
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/helder-store.h"

G_BEGIN_DECLS

/**
 * HelderHousekeepingFunc:
 * @store: the sender's connection, not in a transaction: the job opens
 *   its own (helder_store_begin()) for what it writes
 * @now_utc: the time of this round, "2026-12-04T09:00:00Z"
 *
 * Returns: %FALSE with @error when the job failed; it is logged and
 *   reported, and sending goes on
 */
typedef gboolean (*HelderHousekeepingFunc) (HelderStore *store,
                                            const char *now_utc,
                                            gpointer user_data,
                                            GError **error);

/**
 * HelderHousekeeping:
 * @name: what reports and logs call it ("surveys.retention")
 * @func: the job
 * @user_data: passed to @func
 *
 * A job a plugin registers (helder_context_add_housekeeping()) that core
 * runs before the scheduler on every round of `helder send` and of
 * `helder serve`'s delivery loop: a survey's answers reduced when their
 * retention ends, the write-ahead log checkpointed.
 */
typedef struct
{
  const char *name;
  HelderHousekeepingFunc func;
  gpointer user_data;
} HelderHousekeeping;

G_END_DECLS
