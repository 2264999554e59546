/* helder-calendar.c — a person's iCalendar feed
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The moments, meetings and Go/No-Go gates that concern one person, as an
 * RFC 5545 calendar made with libical, for calendar apps to subscribe to.
 * Moments are the same ones the personal page shows (helder-personal.c):
 * approved and sent moments that reach the person, and superseded ones as
 * STATUS:CANCELLED so that a calendar that had them drops them. Gates of
 * the person's groups are all-day events on their decision date.
 *
 * Times are in the programme's time zone (DTSTART;TZID=Europe/Amsterdam)
 * with its VTIMEZONE, from libical's copy of the tz database, so that a
 * calendar app shows 13:30 for what the advisor entered as 13:30 whatever
 * its own zone and the server's; dates of gates are floating all-day dates
 * (VALUE=DATE), as RFC 5545 intends for whole days. libical
 * escapes commas, semicolons, backslashes and line breaks in text and folds
 * long lines.
 */
#define G_LOG_DOMAIN "helder-calendar"

#include "config.h"

#include <inttypes.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/views/helder-calendar.h"
#include "services/views/helder-personal.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

#define PRODID "-//Helder//Helder " PACKAGE_VERSION "//EN"
/* RFC 5546 wants an ORGANIZER on published events. The programme has no
 * address of its own; .invalid (RFC 2606) says honestly that this one is
 * not for replies. */
#define ORGANIZER "mailto:noreply@helder.invalid"

static const char *
member_string (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A UTC timestamp of the store ("2026-12-17T08:30:00Z") as a UTC time. */
static gboolean
utc_time (const char *text, int add_minutes, struct icaltimetype *result)
{
  g_autoptr (GDateTime) parsed = NULL;
  g_autoptr (GDateTime) later = NULL;

  if (text == NULL || (parsed = g_date_time_new_from_iso8601 (text, NULL)) == NULL)
    return FALSE;
  later = g_date_time_add_minutes (parsed, add_minutes);
  *result = icaltime_from_timet_with_zone ((time_t) g_date_time_to_unix (later), 0,
                                           icaltimezone_get_utc_timezone ());
  return TRUE;
}

/**
 * helder_calendar_zone_component:
 * @zone: (out): libical's zone, or %NULL
 *
 * The programme's zone as libical knows it, with its TZID plain
 * ("Europe/Amsterdam", not libical's "/freeassociation…/" prefix).
 *
 * Returns: (transfer full): a VTIMEZONE, or %NULL for UTC or a zone
 *   libical lacks: times then stay UTC
 */
icalcomponent *
helder_calendar_zone_component (icaltimezone **zone)
{
  const char *name = helder_clock_zone_name ();
  icalcomponent *vtimezone;
  icalproperty *tzid;
  struct icaltimetype since = icaltime_null_time ();

  *zone = g_str_equal (name, "UTC") ? NULL : icaltimezone_get_builtin_timezone (name);
  if (*zone == NULL || icaltimezone_get_component (*zone) == NULL)
    {
      *zone = NULL;
      return NULL;
    }
  vtimezone = icalcomponent_new_clone (icaltimezone_get_component (*zone));
  tzid = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);
  if (tzid != NULL)
    icalproperty_set_tzid (tzid, name);
  /* The rules since 2000 are all a calendar needs, in a form Outlook reads. */
  since.year = 2000;
  since.month = 1;
  since.day = 1;
  since.zone = icaltimezone_get_utc_timezone ();
  icaltimezone_truncate_vtimezone (vtimezone, since, icaltime_null_time (), 1);
  return vtimezone;
}

/* A UTC timestamp of the store as the wall time of @zone, TZID attached. */
static icalproperty *
zoned_property (struct icaltimetype utc,
                icaltimezone *zone,
                icalproperty *(*make) (struct icaltimetype))
{
  icalproperty *property;

  if (zone == NULL)
    return make (utc);
  property = make (icaltime_convert_to_zone (utc, zone));
  icalproperty_add_parameter (property, icalparameter_new_tzid (helder_clock_zone_name ()));
  return property;
}

/* A date of the store ("2026-12-17") plus @add_days, as an all-day date. */
static gboolean
all_day (const char *text, int add_days, struct icaltimetype *result)
{
  GDate date;

  if (!helder_date_parse (text, &date))
    return FALSE;
  g_date_add_days (&date, (guint) add_days);
  *result = icaltime_null_date ();
  result->year = g_date_get_year (&date);
  result->month = g_date_get_month (&date);
  result->day = g_date_get_day (&date);
  result->is_date = 1;
  return TRUE;
}

static void
add_x (icalcomponent *component, const char *name, const char *value)
{
  icalproperty *property = icalproperty_new_x (value);

  icalproperty_set_x_name (property, name);
  icalcomponent_add_property (component, property);
}

static void
add_organizer (icalcomponent *event, const char *name)
{
  icalproperty *organizer = icalproperty_new_organizer (ORGANIZER);

  if (name != NULL)
    icalproperty_add_parameter (organizer, icalparameter_new_cn (name));
  icalcomponent_add_property (event, organizer);
}

static gboolean
add_moment (icalcomponent *calendar,
            const char *organizer,
            JsonObject *moment,
            struct icaltimetype stamp,
            icaltimezone *zone,
            GError **error)
{
  icalcomponent *event;
  struct icaltimetype start, end, modified;
  g_autofree char *uid =
    g_strdup_printf ("moment-%" PRId64 "@helder", json_object_get_int_member (moment, "id"));
  gboolean meeting = json_object_get_boolean_member (moment, "meeting");
  const char *status = member_string (moment, "status");
  const char *body = member_string (moment, "body");

  if (!utc_time (member_string (moment, "scheduled_at"), 0, &start) ||
      !utc_time (member_string (moment, "scheduled_at"),
                 meeting ? HELDER_CALENDAR_MEETING_MINUTES : HELDER_CALENDAR_MESSAGE_MINUTES, &end))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("moment %" PRId64 ": scheduled_at: “%s” is not a UTC timestamp"),
                   json_object_get_int_member (moment, "id"),
                   member_string (moment, "scheduled_at"));
      return FALSE;
    }

  event = icalcomponent_new_vevent ();
  icalcomponent_add_property (event, icalproperty_new_uid (uid));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (stamp));
  icalcomponent_add_property (event, zoned_property (start, zone, icalproperty_new_dtstart));
  icalcomponent_add_property (event, zoned_property (end, zone, icalproperty_new_dtend));
  icalcomponent_add_property (event, icalproperty_new_summary (member_string (moment, "title")));
  add_organizer (event, organizer);
  if (body != NULL && *body != '\0')
    icalcomponent_add_property (event, icalproperty_new_description (body));
  icalcomponent_add_property (
    event, icalproperty_new_categories (meeting ? _ ("Meeting") : _ ("Message")));
  icalcomponent_add_property (
    event, icalproperty_new_transp (meeting ? ICAL_TRANSP_OPAQUE : ICAL_TRANSP_TRANSPARENT));
  icalcomponent_add_property (event, icalproperty_new_status (g_strcmp0 (status, "cancelled") == 0
                                                                ? ICAL_STATUS_CANCELLED
                                                                : ICAL_STATUS_CONFIRMED));
  if (utc_time (member_string (moment, "updated_at"), 0, &modified))
    icalcomponent_add_property (event, icalproperty_new_lastmodified (modified));
  add_x (event, "X-HELDER-KIND", meeting ? "meeting" : "message");
  icalcomponent_add_component (calendar, event);
  return TRUE;
}

static gboolean
add_gate (icalcomponent *calendar,
          const char *organizer,
          JsonObject *gate,
          struct icaltimetype stamp,
          GError **error)
{
  icalcomponent *event;
  struct icaltimetype start, end, modified;
  const char *slug = member_string (gate, "slug");
  const char *decision = member_string (gate, "decision");
  const char *rationale = member_string (gate, "rationale");
  g_autofree char *uid = g_strdup_printf ("gate-%s@helder", slug);
  g_autofree char *summary = helder_personal_gate_title (member_string (gate, "name"));
  g_autofree char *description = NULL;

  if (!all_day (member_string (gate, "decide_on"), 0, &start) ||
      !all_day (member_string (gate, "decide_on"), 1, &end))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("gate %s: decide_on: “%s” is not a date"), slug,
                   member_string (gate, "decide_on"));
      return FALSE;
    }
  if (decision == NULL)
    description = g_strdup (_ ("The Go/No-Go decision is expected on this day."));
  else if (rationale != NULL && *rationale != '\0')
    description =
      g_strdup_printf ("%s\n\n%s", helder_personal_decision_label (decision), rationale);
  else
    description = g_strdup (helder_personal_decision_label (decision));

  event = icalcomponent_new_vevent ();
  icalcomponent_add_property (event, icalproperty_new_uid (uid));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (stamp));
  icalcomponent_add_property (event, icalproperty_new_dtstart (start));
  icalcomponent_add_property (event, icalproperty_new_dtend (end));
  icalcomponent_add_property (event, icalproperty_new_summary (summary));
  add_organizer (event, organizer);
  icalcomponent_add_property (event, icalproperty_new_description (description));
  icalcomponent_add_property (event, icalproperty_new_categories ("Go/No-Go"));
  icalcomponent_add_property (event, icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT));
  if (utc_time (member_string (gate, "updated_at"), 0, &modified))
    icalcomponent_add_property (event, icalproperty_new_lastmodified (modified));
  add_x (event, "X-HELDER-KIND", "gate");
  icalcomponent_add_component (calendar, event);
  return TRUE;
}

/* The calendar's name ("PROGRAMME for PERSON") and who organises its
 * events (the organisation, else the programme). */
static gboolean
calendar_names (HelderStore *store, gint64 person, char **name, char **organizer, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  const char *person_name, *programme, *organisation;
  int rc;

  stmt = helder_store_prepare (store,
                               "SELECT p.name, g.name, g.organisation"
                               " FROM person p LEFT JOIN programme g ON g.id = 1 WHERE p.id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND, _ ("no person “%" PRId64 "”"),
                   person);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);

  person_name = (const char *) sqlite3_column_text (stmt, 0);
  programme = (const char *) sqlite3_column_text (stmt, 1);
  organisation = (const char *) sqlite3_column_text (stmt, 2);
  if (programme == NULL)
    programme = "Helder";
  /* TRANSLATORS: the name of a calendar: the programme, for a person */
  *name = g_strdup_printf (_ ("%s for %s"), programme, person_name);
  *organizer = g_strdup (organisation != NULL && *organisation != '\0' ? organisation : programme);
  return TRUE;
}

/**
 * helder_calendar_for_person:
 * @person: the person's id
 * @now_utc: (nullable): the time of the feed (DTSTAMP), as
 *   YYYY-MM-DDTHH:MM:SSZ; %NULL for now
 *
 * Returns: (transfer full): the person's calendar as iCalendar text (CRLF
 *   line ends): a VEVENT per moment that reaches them (UID
 *   "moment-ID@helder") and per gate of their groups (UID
 *   "gate-SLUG@helder"); %NULL with @error when the person does not exist
 */
char *
helder_calendar_for_person (HelderStore *store, gint64 person, const char *now_utc, GError **error)
{
  g_autoptr (icalcomponent) calendar = NULL;
  g_autoptr (JsonArray) moments = NULL;
  g_autoptr (JsonArray) gates = NULL;
  g_autofree char *now = now_utc ? g_strdup (now_utc) : helder_clock_now_utc ();
  g_autofree char *name = NULL;
  g_autofree char *organizer = NULL;
  struct icaltimetype stamp;
  icalproperty *refresh;
  icalcomponent *vtimezone;
  icaltimezone *zone;
  char *text;
  char *result;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  if (!utc_time (now, 0, &stamp))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not a UTC timestamp (use YYYY-MM-DDTHH:MM:SSZ)"), now);
      return NULL;
    }
  if (!calendar_names (store, person, &name, &organizer, error))
    return NULL;
  moments = helder_personal_moments (store, person, error);
  if (moments == NULL)
    return NULL;
  gates = helder_personal_gates (store, person, error);
  if (gates == NULL)
    return NULL;

  calendar = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (calendar, icalproperty_new_prodid (PRODID));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));
  /* RFC 7986 NAME, and X-WR-CALNAME for the apps that only know that one
   * (libical escapes only backslashes and line breaks in X- values). */
  icalcomponent_add_property (calendar, icalproperty_new_name (name));
  add_x (calendar, "X-WR-CALNAME", name);
  refresh = icalproperty_new_refreshinterval (icaldurationtype_from_int (3600));
  icalproperty_add_parameter (refresh, icalparameter_new_value (ICAL_VALUE_DURATION));
  icalcomponent_add_property (calendar, refresh);
  add_x (calendar, "X-PUBLISHED-TTL", "PT1H");
  vtimezone = helder_calendar_zone_component (&zone);
  if (vtimezone != NULL)
    {
      add_x (calendar, "X-WR-TIMEZONE", helder_clock_zone_name ());
      icalcomponent_add_component (calendar, vtimezone);
    }

  for (guint i = 0; i < json_array_get_length (moments); i++)
    if (!add_moment (calendar, organizer, json_array_get_object_element (moments, i), stamp, zone,
                     error))
      return NULL;
  for (guint i = 0; i < json_array_get_length (gates); i++)
    if (!add_gate (calendar, organizer, json_array_get_object_element (gates, i), stamp, error))
      return NULL;

  text = icalcomponent_as_ical_string_r (calendar);
  result = g_strdup (text);
  icalmemory_free_buffer (text);
  return result;
}
