/* helder-setting.c — core's settings and the checks settings share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plugins register their own settings (the e-mail plugin: smtp.url, …)
 * with helder_context_add_setting() when they load.
 */
#define G_LOG_DOMAIN "helder-engine"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "engine/helder-context.h"
#include "engine/helder-setting.h"
#include "model/helder-text.h"
#include "services/access/helder-access.h"
#include "services/util/helder-csv-map.h"

/**
 * helder_setting_check_uint:
 * @value: the text to check
 * @min: the smallest number allowed
 * @max: the largest number allowed
 * @error: says what is wrong
 *
 * A check for settings that are whole numbers.
 *
 * Returns: %TRUE when @value is a whole number from @min to @max
 */
gboolean
helder_setting_check_uint (const char *value, guint64 min, guint64 max, GError **error)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (value, 10, min, max, &number, NULL))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not a whole number from %" PRIu64 " to %" PRIu64), value, min, max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_base_url (const char *value, GError **error)
{
  g_autoptr (GUri) uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not an http:// or https:// address like https://helder.example.nl"),
                   value);
      return FALSE;
    }
  return TRUE;
}

#define UINT_CHECK(fn, lo, hi)                               \
  static gboolean fn (const char *value, GError **error)     \
  {                                                          \
    return helder_setting_check_uint (value, lo, hi, error); \
  }

UINT_CHECK (check_rate_second, 0, 100000)
UINT_CHECK (check_rate_hour, 0, 100000000)
UINT_CHECK (check_attempts, 1, 100)
UINT_CHECK (check_seconds_day, 1, 86400)
UINT_CHECK (check_workers, 1, 32)
UINT_CHECK (check_weekday, 1, 7)
UINT_CHECK (check_hour, 0, 23)
UINT_CHECK (check_interval, 1, 3600)
UINT_CHECK (check_grace, 1, 10080)
UINT_CHECK (check_session_days, 1, 365)
UINT_CHECK (check_session_hours, 1, 720)
UINT_CHECK (check_requests, 1, 1000)
UINT_CHECK (check_invite_days, 1, 90)
UINT_CHECK (check_message_link_days, 1, 90)
UINT_CHECK (check_meeting_days, 1, 365)

static gboolean
check_organizer (const char *value, GError **error)
{
  return value[0] == '\0' || helder_text_check_email (value, error);
}

static const HelderSetting core_settings[] = {
  { "server.base_url", N_ ("Address of the web server, for the links in messages"),
    "http://127.0.0.1:8080", FALSE, check_base_url },
  { "server.trusted_proxies",
    N_ ("Addresses of the reverse proxies whose X-Forwarded-For is believed (none by default)"), "",
    FALSE, helder_access_check_proxies },
  { "delivery.rate_per_second", N_ ("Most messages sent per second (0: no limit)"), "20", FALSE,
    check_rate_second },
  { "delivery.rate_per_hour", N_ ("Most messages sent per hour (0: no limit)"), "0", FALSE,
    check_rate_hour },
  { "delivery.max_attempts", N_ ("Attempts before a message is given up as dead"), "8", FALSE,
    check_attempts },
  { "delivery.retry_seconds",
    N_ ("Wait before the first retry, in seconds; doubled after each attempt"), "60", FALSE,
    check_seconds_day },
  { "delivery.lease_seconds",
    N_ ("How long a sender may hold a message before another takes it over"), "300", FALSE,
    check_seconds_day },
  { "delivery.workers", N_ ("Messages handed to the channels at the same time"), "4", FALSE,
    check_workers },
  { "delivery.interval",
    N_ ("Seconds between two rounds of `helder serve` looking for due messages"), "30", FALSE,
    check_interval },
  { "delivery.grace_minutes",
    N_ (
      "Minutes a due moment may be late and still go out; later ones are held as overdue until the advisor decides (1 to 10080)"),
    "120", FALSE, check_grace },
  { "digest.weekday", N_ ("Day of the weekly digest, 1 (Monday) to 7 (Sunday)"), "1", FALSE,
    check_weekday },
  { "digest.hour", N_ ("Hour of the weekly digest, 0 to 23, local time"), "8", FALSE, check_hour },
  { "session.employee_days",
    N_ ("Days an employee stays signed in after using a sign-in link (1 to 365)"), "28", FALSE,
    check_session_days },
  { "session.staff_hours",
    N_ ("Hours the advisor and HR stay signed in after using a sign-in link (1 to 720)"), "12",
    FALSE, check_session_hours },
  { "access.request_per_hour",
    N_ ("Sign-in links one e-mail address may ask for per hour (1 to 1000)"), "3", FALSE,
    check_requests },
  { "access.request_per_day",
    N_ ("Sign-in links sent to one person per day when they ask (1 to 1000)"), "5", FALSE,
    check_requests },
  { "access.invite_days", N_ ("Days the sign-in link in an invitation works (1 to 90)"), "14",
    FALSE, check_invite_days },
  { "session.message_link_days",
    N_ ("Days the sign-in link in a message works, as an employee, at most 5 times (1 to 90)"),
    "14", FALSE, check_message_link_days },
  { "meeting.invite_days",
    N_ ("Days before a meeting that its invitation goes out (1 to 365; at approval when later)"),
    "7", FALSE, check_meeting_days },
  { "meeting.organizer",
    N_ ("E-mail address that organises meetings in invitations (empty: the sender of the e-mail)"),
    "", FALSE, check_organizer },
  { HELDER_CSV_MAP_SETTING,
    N_ ("What the columns of HR's staff list hold, for every helder import: COLUMN=FIELD; "
        "group:VALUE=GROUP; … (kept by helder import --map … --map-group … --save-map)"),
    "", FALSE, helder_csv_map_check },
};

void
helder_setting_register_core (HelderContext *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (core_settings); i++)
    {
      HelderSetting setting = core_settings[i];

      setting.owner = "core";
      setting.gettext_domain = GETTEXT_PACKAGE;
      helder_context_add_setting (self, &setting);
    }
}
