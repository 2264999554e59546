/* email-calendar.c — a meeting's invitation in an e-mail
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A delivery may carry an iCalendar object (its `calendar` member): core's
 * invitation to a meeting, METHOD:REQUEST or CANCEL. Mail clients show an
 * invitation with its buttons when the message is laid out as Google and
 * Exchange send them:
 *
 *   multipart/mixed
 *     multipart/alternative
 *       text/plain
 *       text/html
 *       text/calendar; method=REQUEST; charset=utf-8
 *     application/ics; name="invite.ics"   (attachment, for the others)
 *
 * Core does not know who sends the e-mail; when the invitation has no
 * ORGANIZER (the setting meeting.organizer is empty), the sender of this
 * channel (email.from) is filled in, so that replies go to a mailbox that
 * exists.
 */
#define G_LOG_DOMAIN "helder-email"

#include "config.h"

#include <string.h>
#include <libical/ical.h>

#include "email-calendar.h"
#include "email-gmime.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

/**
 * email_calendar_with_organizer:
 * @config: the settings, for the sender
 * @calendar: the invitation as core made it
 *
 * Returns: (transfer full): the invitation, every VEVENT with an
 *   ORGANIZER; %NULL when @calendar is not iCalendar
 */
char *
email_calendar_with_organizer (const EmailConfig *config, const char *calendar)
{
  g_autoptr (icalcomponent) parsed = icalparser_parse_string (calendar);
  g_autofree char *mailto = g_strconcat ("mailto:", config->from_addr, NULL);
  icalcomponent *event;
  char *text;
  char *result;

  if (parsed == NULL || icalcomponent_isa (parsed) != ICAL_VCALENDAR_COMPONENT)
    return NULL;
  for (event = icalcomponent_get_first_component (parsed, ICAL_VEVENT_COMPONENT); event != NULL;
       event = icalcomponent_get_next_component (parsed, ICAL_VEVENT_COMPONENT))
    if (icalcomponent_get_first_property (event, ICAL_ORGANIZER_PROPERTY) == NULL)
      {
        icalproperty *organizer = icalproperty_new_organizer (mailto);

        if (config->from_name != NULL && config->from_name[0] != '\0')
          icalproperty_add_parameter (organizer, icalparameter_new_cn (config->from_name));
        icalcomponent_add_property (event, organizer);
      }
  text = icalcomponent_as_ical_string_r (parsed);
  result = g_strdup (text);
  icalmemory_free_buffer (text);
  return result;
}

/**
 * email_calendar_method:
 *
 * Returns: (transfer full): "REQUEST", "CANCEL", … as the object says;
 *   "PUBLISH" when it names none
 */
char *
email_calendar_method (const char *calendar)
{
  g_autoptr (icalcomponent) parsed = icalparser_parse_string (calendar);
  icalproperty *method =
    parsed != NULL ? icalcomponent_get_first_property (parsed, ICAL_METHOD_PROPERTY) : NULL;

  if (method == NULL)
    return g_strdup ("PUBLISH");
  return g_strdup (icalproperty_method_to_string (icalproperty_get_method (method)));
}

static GMimePart *
calendar_part (const char *type, const char *subtype, const char *calendar, const char *method)
{
  GMimePart *part = g_mime_part_new_with_type (type, subtype);
  g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_buffer (calendar, strlen (calendar));
  g_autoptr (GMimeDataWrapper) content =
    g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);

  g_mime_part_set_content (part, content);
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (part), "charset", "utf-8");
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (part), "method", method);
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);
  return part;
}

/**
 * email_calendar_wrap:
 * @alternative: the multipart/alternative with the text and HTML parts
 * @calendar: the invitation, ORGANIZER filled in
 *
 * Adds the invitation to @alternative as text/calendar and wraps both in
 * multipart/mixed with the invitation as an .ics attachment.
 *
 * Returns: (transfer full): the message's top part
 */
GMimeObject *
email_calendar_wrap (GMimeObject *alternative, const char *calendar)
{
  g_autofree char *method = email_calendar_method (calendar);
  g_autoptr (GMimePart) inline_part = calendar_part ("text", "calendar", calendar, method);
  g_autoptr (GMimePart) attachment = calendar_part ("application", "ics", calendar, method);
  GMimeMultipart *mixed = g_mime_multipart_new_with_subtype ("mixed");

  g_mime_multipart_add (GMIME_MULTIPART (alternative), GMIME_OBJECT (inline_part));
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (attachment), "name", "invite.ics");
  g_mime_object_set_disposition (GMIME_OBJECT (attachment), GMIME_DISPOSITION_ATTACHMENT);
  g_mime_part_set_filename (attachment, "invite.ics");
  g_mime_multipart_add (mixed, alternative);
  g_mime_multipart_add (mixed, GMIME_OBJECT (attachment));
  return GMIME_OBJECT (mixed);
}
