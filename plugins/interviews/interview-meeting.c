/* interview-meeting.c — an interview's meeting moment
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Planning an interview with a time and an interviewee who is a person in
 * Helder makes a meeting moment through core (helder_moment_create_from
 * with a meeting draft): the interviewee and the interviewer get an
 * invitation with a calendar object, a reminder and an RSVP, as for any
 * meeting. Its body lists the template's questions, so that people can
 * prepare. Moving the interview reschedules the moment (those invited get
 * the updated invitation: an approved meeting changes by a new version,
 * which the interview then names); cancelling it cancels the moment.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "interview-meeting.h"
#include "interview-private.h"
#include "interview-service.h"

static JsonObject *
load (HelderStore *store, gint64 interview, GError **error)
{
  return interview_row_by_id (
    store,
    "SELECT i.kind, i.title, i.status, i.person, i.interviewer, i.planned_at,"
    " i.duration_minutes, i.location, i.online_url, i.area, i.moment,"
    " m.scheduled_at AS m_at, m.location AS m_location, m.online_url AS m_url,"
    " m.duration_minutes AS m_duration, m.status AS m_status"
    " FROM interview i LEFT JOIN moment m ON m.id = i.moment WHERE i.id = ?1",
    interview, "interview", error);
}

/* The invitation's text: what the interview is about and its questions. */
static char *
body (JsonObject *row, gboolean english)
{
  g_autoptr (JsonObject) template =
    interview_template (json_object_get_string_member (row, "kind"), NULL);
  JsonArray *questions = json_object_get_array_member (template, "questions");
  const char *area = json_object_get_string_member (row, "area");
  GString *out = g_string_new (NULL);

  g_string_append (out, english ? "We would like to talk with you about the current ICT "
                                  "environment and what the transition means. These are "
                                  "the questions, so that you can prepare:\n\n"
                                : "We spreken je graag over de huidige ICT-omgeving en wat "
                                  "de transitie betekent. Dit zijn de vragen, zodat je je "
                                  "kunt voorbereiden:\n\n");
  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);
      const char *only = json_object_get_string_member_with_default (q, "area", "");

      if (only[0] != '\0' && g_strcmp0 (only, area) != 0)
        continue;
      g_string_append (out, "- ");
      helder_markdown_append_inline (
        out, json_object_get_string_member (q, english ? "text_en" : "text"));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The interview's meeting is @moment (a new version after a change). */
static gboolean
set_moment (HelderStore *store, gint64 interview, gint64 moment, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "UPDATE interview SET moment = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, interview);
  sqlite3_bind_int64 (stmt, 2, moment);
  return helder_store_step_done (store, stmt, error);
}

static gboolean
create (HelderStore *store,
        const HelderAuditActor *actor,
        gint64 interview,
        JsonObject *row,
        GError **error)
{
  g_autofree char *person =
    g_strdup_printf ("%" PRId64, json_object_get_int_member (row, "person"));
  g_autofree char *interviewer = NULL;
  const char *persons[3] = { person, NULL, NULL };
  g_autofree char *text = body (row, FALSE);
  g_autofree char *text_en = body (row, TRUE);
  HelderMomentDraft draft = { 0 };
  gint64 moment = 0;

  if (!json_object_get_null_member (row, "interviewer") &&
      json_object_get_int_member (row, "interviewer") != json_object_get_int_member (row, "person"))
    persons[1] = interviewer =
      g_strdup_printf ("%" PRId64, json_object_get_int_member (row, "interviewer"));
  draft.title = json_object_get_string_member (row, "title");
  draft.body = text;
  draft.body_en = text_en;
  draft.audience.persons = persons;
  draft.scheduled_at = json_object_get_string_member (row, "planned_at");
  draft.approved = TRUE;
  draft.meeting = TRUE;
  draft.location = json_object_get_string_member (row, "location");
  draft.online_url = json_object_get_string_member (row, "online_url");
  draft.duration_minutes = json_object_get_int_member (row, "duration_minutes");
  return helder_moment_create_from (store, &draft, actor, &moment, error) &&
         set_moment (store, interview, moment, error);
}

static gboolean
same (JsonObject *row, const char *a, const char *b)
{
  return g_strcmp0 (json_object_get_string_member_with_default (row, a, ""),
                    json_object_get_string_member_with_default (row, b, "")) == 0;
}

gboolean
interview_meeting_follow (HelderStore *store,
                          const HelderAuditActor *actor,
                          gint64 interview,
                          GError **error)
{
  g_autoptr (JsonObject) row = load (store, interview, error);
  gint64 current = 0;

  if (row == NULL)
    return FALSE;
  if (!g_str_equal (json_object_get_string_member (row, "status"), "planned") ||
      json_object_get_null_member (row, "planned_at"))
    return TRUE;
  if (json_object_get_null_member (row, "moment"))
    return json_object_get_null_member (row, "person") ||
           create (store, actor, interview, row, error);
  if (g_strcmp0 (json_object_get_string_member (row, "m_status"), "cancelled") == 0 ||
      (same (row, "planned_at", "m_at") && same (row, "location", "m_location") &&
       same (row, "online_url", "m_url") &&
       json_object_get_int_member (row, "duration_minutes") ==
         json_object_get_int_member (row, "m_duration")))
    return TRUE;
  return helder_moment_reschedule_full (store, json_object_get_int_member (row, "moment"),
                                        json_object_get_string_member (row, "planned_at"),
                                        json_object_get_string_member (row, "location"),
                                        json_object_get_string_member (row, "online_url"),
                                        json_object_get_int_member (row, "duration_minutes"), actor,
                                        &current, error) &&
         set_moment (store, interview, current, error);
}

gboolean
interview_meeting_cancel (HelderStore *store,
                          const HelderAuditActor *actor,
                          gint64 interview,
                          GError **error)
{
  g_autoptr (JsonObject) row = load (store, interview, error);

  if (row == NULL)
    return FALSE;
  if (json_object_get_null_member (row, "moment") ||
      g_strcmp0 (json_object_get_string_member (row, "m_status"), "cancelled") == 0)
    return TRUE;
  return helder_moment_cancel (store, json_object_get_int_member (row, "moment"),
                               _ ("The interview was cancelled."), actor, error);
}
