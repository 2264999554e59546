/* interview-labels.c — the words people read for the listening part's keys
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kinds, statuses, areas and the ways a concern came in, translated; an
 * unknown key is shown as it is.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "interview-private.h"

static const char *const words[] = {
  "internal-admin",
  N_ ("internal administrator"),
  "supplier",
  N_ ("supplier"),
  "chain-partner",
  N_ ("chain partner"),
  "process-owner",
  N_ ("process owner"),
  "employee",
  N_ ("employee conversation"),
  "planned",
  N_ ("planned"),
  "recorded",
  N_ ("recorded"),
  "cancelled",
  N_ ("cancelled"),
  "open",
  N_ ("open"),
  "answered",
  N_ ("answered"),
  "withdrawn",
  N_ ("withdrawn"),
  "interview",
  N_ ("interview"),
  "conversation",
  N_ ("conversation"),
  "personal-page",
  N_ ("personal page"),
  "tab",
  N_ ("technical application management"),
  "fab",
  N_ ("functional application management"),
  "ia",
  N_ ("information advice"),
  "geo",
  N_ ("Geo"),
  "bi",
  N_ ("BI/Data"),
  NULL,
};

const char *
interview_label (const char *key)
{
  if (key == NULL)
    return "";
  for (guint i = 0; words[i] != NULL; i += 2)
    if (g_str_equal (words[i], key))
      return _ (words[i + 1]);
  return key;
}
