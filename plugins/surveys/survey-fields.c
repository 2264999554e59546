/* survey-fields.c — what a survey may hold, checked the same way for the
 * noun, the commands and the lifecycle
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The legal basis is never consent (DESIGN.md §6: consent does not hold
 * between employer and employee); the works council's date is given when
 * it agreed and lies not in the future; the threshold is at least 5; the
 * dates are real dates, the window runs forward.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "survey-define.h"

static const char *const legal_bases[] = { "public_task", "legitimate_interest", "legal_obligation",
                                           NULL };

gboolean
survey_check_legal_basis (const char *value, GError **error)
{
  g_autofree char *folded = NULL;

  if (value == NULL || value[0] == '\0' || g_strv_contains (legal_bases, value))
    return TRUE;
  folded = helder_text_fold (value);
  if (strstr (folded, "consent") != NULL || strstr (folded, "toestemming") != NULL)
    {
      helder_error_set (
        error, HELDER_ERROR_INVALID, "legal_basis",
        _ ("legal basis: “%s” cannot be used: consent does not hold between employer and employee, "
           "who is not free to refuse; choose public_task, legitimate_interest or "
           "legal_obligation"),
        value);
      return FALSE;
    }
  helder_error_set (error, HELDER_ERROR_INVALID, "legal_basis",
                    _ ("legal basis: “%s” is not one of public_task, legitimate_interest, "
                       "legal_obligation"),
                    value);
  return FALSE;
}

static const char *
member_string (JsonObject *row, const char *name)
{
  JsonNode *node = json_object_get_member (row, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_node_get_string (node);
}

static gboolean
check_date (JsonObject *row, const char *name, GError **error)
{
  const char *value = member_string (row, name);
  g_autoptr (GDate) date = NULL;
  int y, m, d;
  char end;

  if (value == NULL)
    return TRUE;
  if (sscanf (value, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || strlen (value) != 10 ||
      !g_date_valid_dmy (d, m, y))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, name, _ ("%s: “%s” is no date (YYYY-MM-DD)"),
                        name, value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_datetime (JsonObject *row, const char *name, GError **error)
{
  const char *value = member_string (row, name);
  g_autoptr (GDateTime) parsed = NULL;

  if (value == NULL)
    return TRUE;
  parsed = g_date_time_new_from_iso8601 (value, NULL);
  if (parsed == NULL)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, name,
                        _ ("%s: “%s” is no date and time (YYYY-MM-DDTHH:MM:SSZ)"), name, value);
      return FALSE;
    }
  return TRUE;
}

static const char *const works_council_values[] = { "",        "agreed",  "not_required",
                                                    "pending", "refused", NULL };

static gboolean
check_works_council (JsonObject *row, GError **error)
{
  const char *status = member_string (row, "works_council");
  const char *on = member_string (row, "works_council_on");
  g_autofree char *today = helder_clock_today ();

  if (status != NULL && !g_strv_contains (works_council_values, status))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "works_council",
                        _ ("works council: “%s” is not one of agreed, not_required, pending, "
                           "refused"),
                        status);
      return FALSE;
    }

  if (g_strcmp0 (status, "agreed") == 0 && on == NULL)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "works_council_on",
                        _ ("works council: when it agreed is required (works_council_on)"));
      return FALSE;
    }
  if (on != NULL && g_strcmp0 (on, today) > 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "works_council_on",
                        _ ("works_council_on: “%s” lies in the future"), on);
      return FALSE;
    }
  return TRUE;
}

/* The rules a survey's row keeps, whoever writes it. */
gboolean
survey_check_fields (JsonObject *row, GError **error)
{
  const char *opens = member_string (row, "opens_at");
  const char *closes = member_string (row, "closes_at");

  if (json_object_has_member (row, "threshold") &&
      json_object_get_int_member (row, "threshold") < 5)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "threshold",
                        _ ("threshold: %d is below 5; results of fewer than 5 people could be "
                           "traced to them"),
                        (int) json_object_get_int_member (row, "threshold"));
      return FALSE;
    }
  if (!survey_check_legal_basis (member_string (row, "legal_basis"), error) ||
      !check_date (row, "works_council_on", error) || !check_date (row, "repeat_until", error) ||
      !check_datetime (row, "opens_at", error) || !check_datetime (row, "closes_at", error) ||
      !check_works_council (row, error))
    return FALSE;
  if (opens != NULL && closes != NULL && g_strcmp0 (opens, closes) >= 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "closes_at",
                        _ ("closes_at: “%s” is not after opens_at “%s”"), closes, opens);
      return FALSE;
    }
  return TRUE;
}

static char *
local_utc (const char *option, int y, int mo, int d, int h, int mi, int sec, GError **error)
{
  g_autoptr (GError) local = NULL;
  char *utc;

  if (!g_date_valid_dmy (d, mo, y) || h < 0 || h > 23 || mi < 0 || mi > 59)
    return NULL;
  utc = helder_clock_local_to_utc (y, mo, d, h, mi, sec, &local);
  if (utc == NULL)
    helder_error_set (error, HELDER_ERROR_INVALID, option, "%s: %s", option, local->message);
  return utc;
}

/* A date or date and time as typed (2027-01-15, 15-01-2027, 2027-01-15
 * 09:00, 2027-01-15T09:00, or ISO 8601 with a zone), in the programme's
 * zone, as UTC; a date alone is the start of that day, or its last second
 * with @end_of_day. */
char *
survey_parse_when (const char *option, const char *text, gboolean end_of_day, GError **error)
{
  g_autofree char *day = text != NULL ? helder_date_parse_typed (text) : NULL;
  char *utc = NULL;

  /* A day as people type it (core's parser, fuzzed there): its start, or
   * its last second for a closing day; else a day and a time. */
  if (day != NULL)
    {
      int y = 0, mo = 0, d = 0;

      if (sscanf (day, "%4d-%2d-%2d", &y, &mo, &d) == 3)
        utc = local_utc (option, y, mo, d, end_of_day ? 23 : 0, end_of_day ? 59 : 0,
                         end_of_day ? 59 : 0, error);
    }
  else if (text != NULL)
    {
      g_autoptr (GError) local = NULL;

      utc = helder_date_parse_datetime (text, &local);
      if (utc == NULL && local != NULL && strstr (local->message, text) != NULL &&
          g_strrstr (local->message, "YYYY-MM-DD HH:MM") == NULL)
        /* A time the clocks skip or repeat: core says which. */
        helder_error_set (error, HELDER_ERROR_INVALID, option, "%s: %s", option, local->message);
    }
  if (utc == NULL && (error == NULL || *error == NULL))
    helder_error_set (error, HELDER_ERROR_INVALID, option,
                      _ ("%s: “%s” is no date or date and time (YYYY-MM-DD or YYYY-MM-DD HH:MM)"),
                      option, text != NULL ? text : "");
  return utc;
}
