/* helder-demo-dates.c — the demo's relative dates, on working days
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo programme's dates are relative to the day it is loaded, in two
 * forms, each a date or, with "THH:MM", a local date and time:
 *
 *   "@-120", "@+14", "@0T09:30"  days from today. The day moves to the
 *       nearest working day (no Saturday, Sunday or Dutch public holiday)
 *       away from today: a past day earlier, a future day later, today
 *       (when it is not a working day) later, so that what is planned for
 *       today is still to come. Only the bounds of a span
 *       (members starts_on and ends_on: phases, the programme) stay where
 *       they fall, so that one phase still ends the day before the next.
 *   "@15w3", "@15w5-56", "@15w5+3T08:00"  a weekday (1 Monday … 5 Friday)
 *       of the first week, from 15 weeks after this one, whose weekdays and
 *       the Monday after are all working days (the migration weekend, from
 *       Friday evening to Monday morning, and the decisions in the week
 *       before it need a whole week); then, optionally, days from that
 *       weekday, moved away from it to the nearest working day, so that
 *       "@15w5-56" is at least eight weeks before the Friday of "@15w5".
 *
 * Either way the order of dates in the file is kept (a later relative
 * date never resolves to an earlier day), and every event — moment,
 * meeting, decision, effective date, due date — lands on a working day.
 */
#define G_LOG_DOMAIN "helder-demo"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-date.h"
#include "model/helder-holidays.h"
#include "services/transfer/helder-demo-private.h"

#define RELATIVE_MAX_DAYS  36500
#define RELATIVE_MAX_WEEKS 5200

typedef struct
{
  int days;    /* from today, or from the week's weekday */
  int weeks;   /* with a week: weeks after this one (≥ 0) */
  int weekday; /* 1 Monday … 5 Friday; 0 without a week */
  gboolean has_time;
  int hour;
  int minute;
} Relative;

static gboolean
is_working_day (const GDate *date)
{
  GDateWeekday weekday = g_date_get_weekday (date);

  if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
    return FALSE;
  return helder_holidays_name (g_date_get_year (date), g_date_get_month (date),
                               g_date_get_day (date)) == NULL;
}

/* Moves @date to the nearest working day in @direction (-1 or +1). */
static void
snap (GDate *date, int direction)
{
  while (!is_working_day (date))
    {
      if (direction < 0)
        g_date_subtract_days (date, 1);
      else
        g_date_add_days (date, 1);
    }
}

/* A signed number of at most @max; FALSE without digits or beyond @max. */
static gboolean
parse_number (const char **p, int max, gboolean *negative, int *value)
{
  guint64 n = 0;
  guint digits = 0;

  *negative = FALSE;
  if (**p == '-' || **p == '+')
    *negative = *(*p)++ == '-';
  for (; g_ascii_isdigit (**p); (*p)++, digits++)
    if (n <= (guint64) max)
      n = n * 10 + (guint64) (**p - '0');
  *value = *negative ? -(int) MIN (n, (guint64) max + 1) : (int) MIN (n, (guint64) max + 1);
  return digits > 0;
}

/* Returns FALSE when @text does not have a relative form; with the form
 * but impossible values (hour 25, a century away, weekday 6) @valid is
 * FALSE. */
static gboolean
parse_relative (const char *text, Relative *relative, gboolean *valid)
{
  const char *p = text;
  gboolean negative = FALSE, offset_negative = FALSE;
  int n;

  memset (relative, 0, sizeof *relative);
  *valid = TRUE;
  if (*p++ != '@' || !parse_number (&p, RELATIVE_MAX_DAYS, &negative, &n))
    return FALSE;
  if (*p == 'w')
    {
      if (!g_ascii_isdigit (p[1]))
        return FALSE;
      relative->weeks = n;
      relative->weekday = p[1] - '0';
      p += 2;
      *valid =
        !negative && n <= RELATIVE_MAX_WEEKS && relative->weekday >= 1 && relative->weekday <= 5;
      if ((*p == '-' || *p == '+') &&
          !parse_number (&p, RELATIVE_MAX_DAYS, &offset_negative, &relative->days))
        return FALSE;
    }
  else
    relative->days = n;

  if (*p == 'T')
    {
      if (!g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) || p[3] != ':' ||
          !g_ascii_isdigit (p[4]) || !g_ascii_isdigit (p[5]) || p[6] != '\0')
        return FALSE;
      relative->has_time = TRUE;
      relative->hour = (p[1] - '0') * 10 + (p[2] - '0');
      relative->minute = (p[4] - '0') * 10 + (p[5] - '0');
      p += 6;
    }
  if (*p != '\0')
    return FALSE;
  *valid = *valid && relative->days >= -RELATIVE_MAX_DAYS && relative->days <= RELATIVE_MAX_DAYS &&
           relative->hour < 24 && relative->minute < 60;
  return TRUE;
}

/* The Monday of the first week from @weeks after @today's whose five
 * weekdays and the Monday after are working days. */
static void
clear_week (GDate *monday, const GDate *today, int weeks)
{
  *monday = *today;
  g_date_subtract_days (monday, g_date_get_weekday (today) - G_DATE_MONDAY);
  g_date_add_days (monday, 7 * (guint) weeks);
  for (;;)
    {
      GDate day = *monday;
      gboolean clear = TRUE;

      for (guint i = 0; i < 8 && clear; i++, g_date_add_days (&day, 1))
        clear = i == 5 || i == 6 || is_working_day (&day);
      if (clear)
        return;
      g_date_add_days (monday, 7);
    }
}

/* The day @relative names from @today; FALSE when it is beyond the
 * calendar. */
static gboolean
resolve_day (const Relative *relative, const GDate *today, gboolean span, GDate *day)
{
  int direction;

  if (relative->weekday > 0)
    {
      clear_week (day, today, relative->weeks);
      g_date_add_days (day, (guint) relative->weekday - 1);
      direction = relative->days < 0 ? -1 : 1;
      span = span || relative->days == 0;
    }
  else
    {
      *day = *today;
      direction = relative->days >= 0 ? 1 : -1;
    }
  if (relative->days < 0 && g_date_get_julian (day) <= (guint) -relative->days + 366)
    return FALSE;
  if (relative->days < 0)
    g_date_subtract_days (day, (guint) -relative->days);
  else
    g_date_add_days (day, (guint) relative->days);
  if (!g_date_valid (day) || g_date_get_year (day) > 9000)
    return FALSE;
  if (!span)
    snap (day, direction);
  return TRUE;
}

typedef struct
{
  GDate today;
  GString *path; /* where we are, for messages: "moments[3].scheduled_at" */
} Resolver;

static gboolean resolve_node (JsonNode *node, Resolver *resolver, gboolean span, GError **error);

static gboolean
resolve_value (JsonNode *node, Resolver *resolver, gboolean span, GError **error)
{
  const char *text;
  Relative relative;
  gboolean valid;
  GDate day;
  char date[11];

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return TRUE;
  text = json_node_get_string (node);
  if (text[0] != '@' || !parse_relative (text, &relative, &valid))
    return TRUE;
  if (!valid || !resolve_day (&relative, &resolver->today, span, &day))
    {
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_INVALID,
        _ (
          "%s: %s: “%s” is not a valid relative date (use @DAYS or @DAYSTHH:MM, e.g. @-120 or @0T09:30)"),
        HELDER_DEMO_URI, resolver->path->str, text);
      return FALSE;
    }
  g_date_strftime (date, sizeof date, "%Y-%m-%d", &day);
  if (relative.has_time)
    {
      g_autofree char *datetime =
        g_strdup_printf ("%sT%02d:%02d", date, relative.hour, relative.minute);
      json_node_set_string (node, datetime);
    }
  else
    json_node_set_string (node, date);
  return TRUE;
}

static gboolean
resolve_node (JsonNode *node, Resolver *resolver, gboolean span, GError **error)
{
  GString *path = resolver->path;
  gsize len = path->len;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          gboolean bound = g_str_equal (l->data, "starts_on") || g_str_equal (l->data, "ends_on");

          if (len > 0)
            g_string_append_c (path, '.');
          g_string_append (path, l->data);
          if (!resolve_node (json_object_get_member (object, l->data), resolver, bound, error))
            return FALSE;
          g_string_truncate (path, len);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_string_append_printf (path, "[%u]", i);
          if (!resolve_node (json_array_get_element (array, i), resolver, span, error))
            return FALSE;
          g_string_truncate (path, len);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node))
    return resolve_value (node, resolver, span, error);
  return TRUE;
}

/**
 * helder_demo_dates_resolve:
 * @document: the demo document, changed in place
 * @today: the day the relative dates count from, YYYY-MM-DD
 *
 * Replaces every relative date in @document by the day (and time) it
 * names; %FALSE with @error naming the member when one is malformed.
 */
gboolean
helder_demo_dates_resolve (JsonNode *document, const char *today, GError **error)
{
  g_autoptr (GString) path = g_string_new (NULL);
  Resolver resolver = { .path = path };

  if (!helder_date_parse (today, &resolver.today))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "today",
                        _ ("today: “%s” is not a date (use YYYY-MM-DD, a day that exists)"), today);
      return FALSE;
    }
  return resolve_node (document, &resolver, FALSE, error);
}
