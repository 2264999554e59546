/* interview-when.c — an interview's date and time as people type them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core's helder_date_parse_datetime() reads what people type ("15-12-2026
 * 10:00", "15/12/2026 9.30", "15 december 2026 om 10:00", "15 dec 2026
 * 10u", "2026-12-15T10:00" as wall times in the programme's zone; ISO 8601
 * with an offset as that instant) and is fuzzed with core; this names the
 * option in what it refuses.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "interview-private.h"

#define MAX_TYPED 64

char *
interview_parse_when (const char *option, const char *text, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *typed = NULL;
  char *utc;

  if (text == NULL || !g_utf8_validate (text, -1, NULL) || strlen (text) > MAX_TYPED)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, option,
                        _ ("%s: “%s” is no date and time (like 15-12-2026 10:00)"), option,
                        text != NULL && g_utf8_validate (text, -1, NULL) ? text : "");
      return NULL;
    }
  typed = g_strstrip (g_strdup (text));
  utc = helder_date_parse_datetime (typed, &local);
  if (utc == NULL)
    helder_error_set (error, HELDER_ERROR_INVALID, option, "%s: %s", option,
                      local != NULL ? local->message : typed);
  return utc;
}
