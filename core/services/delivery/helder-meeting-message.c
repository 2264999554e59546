/* helder-meeting-message.c — what a meeting's invitation says
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One message for one person, in their language: the invitation (new or
 * changed), the reminder or the cancellation; when, with whom, where and
 * how to join, the meeting's text, the personal answer links, and for all
 * but the reminder the iCalendar object (helder-meeting-ical.h).
 */
#define G_LOG_DOMAIN "helder-meeting"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "model/helder-language.h"
#include "services/views/helder-personal.h"
#include "services/delivery/helder-digest.h"
#include "services/delivery/helder-meeting-ical.h"
#include "services/delivery/helder-meeting-private.h"
#include "services/delivery/helder-rsvp.h"

/* ---- what a message says ----------------------------------------------------- */

static const char *
subject_format (HelderMeetingKind kind)
{
  switch (kind)
    {
    case HELDER_MEETING_UPDATE:
      /* TRANSLATORS: the subject of a changed meeting's invitation */
      return _ ("Changed: %s");
    case HELDER_MEETING_REMINDER:
      return _ ("Reminder: %s");
    case HELDER_MEETING_CANCEL:
      return _ ("Cancelled: %s");
    default:
      return _ ("Invitation: %s");
    }
}

static const char *
opening (HelderMeetingKind kind)
{
  switch (kind)
    {
    case HELDER_MEETING_UPDATE:
      return _ ("This meeting has changed. This invitation replaces the earlier one.");
    case HELDER_MEETING_REMINDER:
      return _ ("A reminder: you are invited to this meeting, which starts within a day.");
    case HELDER_MEETING_CANCEL:
      return _ ("This meeting does not take place, or no longer concerns you. It is removed "
                "from your calendar.");
    default:
      return _ ("You are invited to this meeting.");
    }
}

/* "When", "With", "Where" and "Online" as lines; Markdown when @markdown. */
static void
append_facts (GString *out, const HelderMeeting *m, const HelderMeetingTimes *t, gboolean markdown)
{
  g_autofree char *when = helder_personal_datetime_label (t->starts_at);
  g_autofree char *until = helder_meeting_local_clock (t->ends_at);
  const char *bullet = markdown ? "- " : "";

  g_string_append (out, bullet);
  /* TRANSLATORS: when a meeting is: its date and start, its end, the time zone */
  g_string_append_printf (out, _ ("When: %s to %s (%s)"), when, until, helder_clock_zone_name ());
  g_string_append_c (out, '\n');
  if (t->with_whom != NULL)
    {
      g_string_append (out, bullet);
      /* TRANSLATORS: whom a person meets in a personal conversation */
      g_string_append_printf (out, _ ("With: %s"), t->with_whom);
      g_string_append_c (out, '\n');
    }
  if (m->location[0] != '\0')
    {
      g_string_append (out, bullet);
      g_string_append_printf (out, _ ("Where: %s"), m->location);
      g_string_append_c (out, '\n');
    }
  if (m->online_url[0] != '\0')
    {
      g_string_append (out, bullet);
      if (markdown)
        g_string_append_printf (out, _ ("Online: <%s>"), m->online_url);
      else
        g_string_append_printf (out, _ ("Online: %s"), m->online_url);
      g_string_append_c (out, '\n');
    }
}

void
helder_meeting_message_clear (HelderMeetingMessage *message)
{
  g_clear_pointer (&message->subject, g_free);
  g_clear_pointer (&message->body, g_free);
  g_clear_pointer (&message->calendar, g_free);
}

/**
 * helder_meeting_message_compose:
 * @link: the person's own page, for the closing line
 * @kind: invitation, changed invitation, reminder or cancellation
 * @sequence: the iCalendar SEQUENCE (no calendar goes with a reminder)
 * @out: (out caller-allocates): subject, body (CommonMark) and calendar
 *
 * The message of @kind for @p about @m at @t, in their language. Inside
 * the caller's transaction: it makes @p's answer links.
 *
 * Returns: %TRUE unless the store failed
 */
gboolean
helder_meeting_message_compose (HelderStore *store,
                                const HelderScheduleOptions *options,
                                const char *now,
                                const char *link,
                                const HelderMeeting *m,
                                const HelderMeetingInvitee *p,
                                const HelderMeetingTimes *t,
                                HelderMeetingKind kind,
                                gint64 sequence,
                                HelderMeetingMessage *out,
                                GError **error)
{
  guint lang = g_strcmp0 (p->locale, "en") == 0 && m->title[1][0] != '\0' ? 1 : 0;
  const char *title = m->title[lang];
  const char *body = lang == 1 && m->body[1][0] != '\0' ? m->body[1] : m->body[0];
  g_autofree char *footer = NULL;
  g_autofree char *rsvp_markdown = NULL;
  g_autofree char *rsvp_text = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GString) plain = g_string_new (NULL);
  gboolean ok = TRUE;

  helder_language_begin (g_strcmp0 (p->locale, "en") == 0 ? "en" : "nl");
  out->subject = g_strdup_printf (subject_format (kind), title);
  footer = helder_digest_footer (link, FALSE);
  if (kind != HELDER_MEETING_CANCEL &&
      !helder_rsvp_links (store, m->root, p->id, t->starts_at, options->base_url, &rsvp_markdown,
                          &rsvp_text, error))
    ok = FALSE;

  if (ok)
    {
      g_string_append_printf (text, "%s\n\n", opening (kind));
      append_facts (text, m, t, TRUE);
      if (body[0] != '\0')
        g_string_append_printf (text, "\n%s\n", body);
      if (rsvp_markdown != NULL)
        g_string_append_printf (text, "\n%s\n", rsvp_markdown);
      g_string_append (text, footer);
      out->body = g_strdup (text->str);

      if (kind != HELDER_MEETING_REMINDER)
        {
          HelderMeetingIcal ical = {
            .cancel = kind == HELDER_MEETING_CANCEL,
            .uid = t->uid,
            .sequence = sequence,
            .stamp = now,
            .starts_at = t->starts_at,
            .ends_at = t->ends_at,
            .summary = title,
            .location = m->location[0] != '\0' ? m->location : m->online_url,
            .url = m->online_url,
            .organizer = options->meeting_organizer,
            .attendee = p->email,
            .attendee_name = p->name,
          };

          append_facts (plain, m, t, FALSE);
          if (body[0] != '\0')
            g_string_append_printf (plain, "\n%s\n", body);
          if (rsvp_text != NULL)
            g_string_append_printf (plain, "\n%s\n", rsvp_text);
          ical.description = plain->str;
          out->calendar = helder_meeting_ical_build (&ical, error);
          ok = out->calendar != NULL;
        }
    }
  helder_language_end ();
  return ok;
}
