/* helder-meeting-ical.c — a meeting's invitation as iCalendar (RFC 5546)
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An invitation is a VCALENDAR with METHOD:REQUEST (or CANCEL when the
 * meeting is called off, or no longer concerns the person), the
 * programme's VTIMEZONE from libical's copy of the tz database, and one
 * VEVENT whose DTSTART/DTEND are wall times in that zone. Its UID stays
 * the same for every version of the meeting; SEQUENCE grows with every
 * change that is sent, so calendar apps update the item they have instead
 * of adding a second one. Built with libical, so that the text is valid
 * RFC 5545 (folded lines, escaped values).
 */
#define G_LOG_DOMAIN "helder-meeting"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "services/views/helder-calendar.h"
#include "services/delivery/helder-meeting-ical.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

#define PRODID "-//Helder//Helder " PACKAGE_VERSION "//EN"

static gboolean
utc_time (const char *text, struct icaltimetype *result)
{
  g_autoptr (GDateTime) parsed = NULL;

  if (text == NULL || (parsed = g_date_time_new_from_iso8601 (text, NULL)) == NULL)
    return FALSE;
  *result = icaltime_from_timet_with_zone ((time_t) g_date_time_to_unix (parsed), 0,
                                           icaltimezone_get_utc_timezone ());
  return TRUE;
}

static icalproperty *
zoned (struct icaltimetype utc, icaltimezone *zone, icalproperty *(*make) (struct icaltimetype))
{
  icalproperty *property;

  if (zone == NULL)
    return make (utc);
  property = make (icaltime_convert_to_zone (utc, zone));
  icalproperty_add_parameter (property, icalparameter_new_tzid (helder_clock_zone_name ()));
  return property;
}

static void
add_text (icalcomponent *event, icalproperty *(*make) (const char *), const char *value)
{
  if (value != NULL && value[0] != '\0')
    icalcomponent_add_property (event, make (value));
}

static icalproperty *
person_property (icalproperty *(*make) (const char *), const char *address, const char *name)
{
  g_autofree char *mailto = g_strconcat ("mailto:", address, NULL);
  icalproperty *property = make (mailto);

  if (name != NULL && name[0] != '\0')
    icalproperty_add_parameter (property, icalparameter_new_cn (name));
  return property;
}

/**
 * helder_meeting_ical_build:
 * @ical: the invitation
 * @error: set when a time is not a UTC timestamp
 *
 * Returns: (transfer full): the iCalendar text, CRLF line ends, or %NULL
 */
char *
helder_meeting_ical_build (const HelderMeetingIcal *ical, GError **error)
{
  g_autoptr (icalcomponent) calendar = NULL;
  icalcomponent *event;
  icalcomponent *vtimezone;
  icaltimezone *zone = NULL;
  struct icaltimetype stamp, start, end;
  char *text;
  char *result;

  g_return_val_if_fail (ical != NULL && ical->uid != NULL, NULL);

  if (!utc_time (ical->stamp, &stamp) || !utc_time (ical->starts_at, &start) ||
      !utc_time (ical->ends_at, &end))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("meeting %s: its times are not UTC timestamps"), ical->uid);
      return NULL;
    }

  calendar = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (calendar, icalproperty_new_prodid (PRODID));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (
    calendar, icalproperty_new_method (ical->cancel ? ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST));
  vtimezone = helder_calendar_zone_component (&zone);
  if (vtimezone != NULL)
    icalcomponent_add_component (calendar, vtimezone);

  event = icalcomponent_new_vevent ();
  icalcomponent_add_property (event, icalproperty_new_uid (ical->uid));
  icalcomponent_add_property (event, icalproperty_new_sequence ((int) ical->sequence));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (stamp));
  icalcomponent_add_property (event, zoned (start, zone, icalproperty_new_dtstart));
  icalcomponent_add_property (event, zoned (end, zone, icalproperty_new_dtend));
  add_text (event, icalproperty_new_summary, ical->summary);
  add_text (event, icalproperty_new_description, ical->description);
  add_text (event, icalproperty_new_location, ical->location);
  add_text (event, icalproperty_new_url, ical->url);
  if (ical->organizer != NULL && ical->organizer[0] != '\0')
    icalcomponent_add_property (
      event, person_property (icalproperty_new_organizer, ical->organizer, ical->organizer_name));
  if (ical->attendee != NULL && ical->attendee[0] != '\0')
    {
      icalproperty *attendee =
        person_property (icalproperty_new_attendee, ical->attendee, ical->attendee_name);

      icalproperty_add_parameter (attendee, icalparameter_new_role (ICAL_ROLE_REQPARTICIPANT));
      icalproperty_add_parameter (attendee, icalparameter_new_cutype (ICAL_CUTYPE_INDIVIDUAL));
      if (!ical->cancel)
        {
          icalproperty_add_parameter (attendee,
                                      icalparameter_new_partstat (ICAL_PARTSTAT_NEEDSACTION));
          icalproperty_add_parameter (attendee, icalparameter_new_rsvp (ICAL_RSVP_TRUE));
        }
      icalcomponent_add_property (event, attendee);
    }
  icalcomponent_add_property (
    event, icalproperty_new_status (ical->cancel ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  icalcomponent_add_property (event, icalproperty_new_transp (ICAL_TRANSP_OPAQUE));
  icalcomponent_add_component (calendar, event);

  text = icalcomponent_as_ical_string_r (calendar);
  result = g_strdup (text);
  icalmemory_free_buffer (text);
  return result;
}
