/* interview-plan.c — planning, moving and cancelling an interview
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * interview_plan() checks every member of the plan, naming the field and
 * what was given, before anything is written; then, in one transaction,
 * the interview, its audit entry and (with a time and an interviewee who
 * is a person in Helder) its meeting moment (interview-meeting.c).
 * interview_update() changes what is given and lets the meeting follow;
 * interview_cancel() cancels both.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "interview-meeting.h"
#include "interview-private.h"
#include "interview-service.h"

static const char *const areas[] = { "tab", "fab", "ia", "geo", "bi", NULL };

/* The plan, checked and resolved. */
typedef struct
{
  char *title, *organisation, *area, *planned_at, *location, *online_url;
  gint64 person, interviewer;
  int duration;
} Checked;

static void
checked_clear (Checked *c)
{
  g_free (c->title);
  g_free (c->organisation);
  g_free (c->area);
  g_free (c->planned_at);
  g_free (c->location);
  g_free (c->online_url);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Checked, checked_clear)

static gboolean
check_area (const char *kind, const char *area, GError **error)
{
  g_autofree char *known = g_strjoinv (", ", (char **) areas);

  if (area == NULL || area[0] == '\0')
    return TRUE;
  if (!g_utf8_validate (area, -1, NULL) || !g_strv_contains (areas, area))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "area", _ ("area: “%s” is no area; one of %s"),
                        g_utf8_validate (area, -1, NULL) ? area : "", known);
      return FALSE;
    }
  if (g_strcmp0 (kind, "process-owner") != 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "area",
                        _ ("area: only an interview with a process owner has an area, not "
                           "one of kind %s"),
                        kind);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_url (const char *url, GError **error)
{
  if (!interview_check_line ("online_url", url, 500, error))
    return FALSE;
  if (url[0] != '\0' && !g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "online_url",
                        _ ("online_url: “%s” is no web address (https://…)"), url);
      return FALSE;
    }
  if (strchr (url, ' ') != NULL)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "online_url",
                        _ ("online_url: “%s” is no web address (https://…)"), url);
      return FALSE;
    }
  return TRUE;
}

/* Every member that is set, checked into @c (NULL members stay NULL). */
static gboolean
check_members (HelderStore *store,
               const char *kind,
               const InterviewPlan *p,
               Checked *c,
               GError **error)
{
  if (p->title != NULL &&
      (!interview_check_line ("title", p->title, 200, error) ||
       !(helder_text_has_visible (p->title) ||
         (helder_error_set (error, HELDER_ERROR_INVALID, "title", _ ("title: it is empty")),
          FALSE))))
    return FALSE;
  if (p->organisation != NULL &&
      !interview_check_line ("organisation", p->organisation, 200, error))
    return FALSE;
  if (p->location != NULL && !interview_check_line ("location", p->location, 200, error))
    return FALSE;
  if (p->online_url != NULL && !check_url (p->online_url, error))
    return FALSE;
  if (!check_area (kind, p->area, error))
    return FALSE;
  if (p->duration_minutes != 0 && (p->duration_minutes < 5 || p->duration_minutes > 600))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "duration_minutes",
                        _ ("duration_minutes: %d is not from 5 to 600 minutes"),
                        p->duration_minutes);
      return FALSE;
    }
  if (p->person != NULL && p->person[0] != '\0' &&
      !interview_person (store, "person", p->person, &c->person, error))
    return FALSE;
  if (p->interviewer != NULL && p->interviewer[0] != '\0' &&
      !interview_person (store, "interviewer", p->interviewer, &c->interviewer, error))
    return FALSE;
  if (p->when != NULL && p->when[0] != '\0' &&
      (c->planned_at = interview_parse_when ("when", p->when, error)) == NULL)
    return FALSE;
  c->title = g_strdup (p->title);
  c->organisation = g_strdup (p->organisation);
  c->area = g_strdup (p->area);
  c->location = g_strdup (p->location);
  c->online_url = g_strdup (p->online_url);
  c->duration = p->duration_minutes;
  return TRUE;
}

/* "supplier-centric", unique among the interviews. */
static char *
make_slug (HelderStore *store, const char *kind, const char *name, GError **error)
{
  g_autofree char *folded = helder_text_fold (name != NULL ? name : "");
  g_autoptr (GString) base = g_string_new (kind);
  g_autoptr (HelderStmt) stmt = NULL;
  gboolean dash = TRUE;

  g_string_append_c (base, '-');
  for (const char *s = folded; *s != '\0' && base->len < 48; s++)
    {
      if (g_ascii_isalnum (*s))
        {
          g_string_append_c (base, *s);
          dash = FALSE;
        }
      else if (!dash)
        {
          g_string_append_c (base, '-');
          dash = TRUE;
        }
    }
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  stmt = helder_store_prepare (store, "SELECT 1 FROM interview WHERE slug = ?1", error);
  if (stmt == NULL)
    return NULL;
  for (guint n = 1;; n++)
    {
      g_autofree char *slug =
        n == 1 ? g_strdup (base->str) : g_strdup_printf ("%s-%u", base->str, n);
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        return g_steal_pointer (&slug);
      if (rc != SQLITE_ROW)
        return (helder_store_propagate (store, rc, error), NULL);
    }
}

static char *
slug_for (HelderStore *store, const char *kind, const Checked *c, GError **error)
{
  g_autofree char *name = NULL;

  if (c->organisation != NULL && c->organisation[0] != '\0')
    return make_slug (store, kind, c->organisation, error);
  if (c->person != 0 && (name = interview_person_name (store, c->person, error)) == NULL)
    return NULL;
  return make_slug (store, kind, name, error);
}

static char *
default_title (HelderStore *store, const char *kind, const Checked *c, GError **error)
{
  g_autoptr (JsonObject) template = interview_template (kind, error);
  g_autofree char *name = NULL;
  const char *who;

  if (template == NULL)
    return NULL;
  if (c->person != 0 && (name = interview_person_name (store, c->person, error)) == NULL)
    return NULL;
  who = c->organisation != NULL && c->organisation[0] != '\0' ? c->organisation : "";
  if (name != NULL && who[0] != '\0')
    return g_strdup_printf ("%s — %s (%s)", json_object_get_string_member (template, "title"), name,
                            who);
  return g_strdup_printf ("%s — %s", json_object_get_string_member (template, "title"),
                          name != NULL ? name : who);
}

static gboolean
insert (HelderStore *store,
        const char *kind,
        const char *slug,
        const char *title,
        const Checked *c,
        gint64 *id,
        GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "INSERT INTO interview (slug, kind, title, person, organisation, interviewer, area,"
    " planned_at, duration_minutes, location, online_url, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    error);
  g_autofree char *now = helder_clock_now_utc ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_TRANSIENT);
  if (c->person != 0)
    sqlite3_bind_int64 (stmt, 4, c->person);
  sqlite3_bind_text (stmt, 5, c->organisation != NULL ? c->organisation : "", -1, SQLITE_TRANSIENT);
  if (c->interviewer != 0)
    sqlite3_bind_int64 (stmt, 6, c->interviewer);
  sqlite3_bind_text (stmt, 7, c->area != NULL ? c->area : "", -1, SQLITE_TRANSIENT);
  if (c->planned_at != NULL)
    sqlite3_bind_text (stmt, 8, c->planned_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 9, c->duration != 0 ? c->duration : 60);
  sqlite3_bind_text (stmt, 10, c->location != NULL ? c->location : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, c->online_url != NULL ? c->online_url : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (helder_store_get_db (store));
  return TRUE;
}

gboolean
interview_plan (HelderStore *store,
                const HelderAuditActor *actor,
                const InterviewPlan *plan,
                gint64 *id,
                GError **error)
{
  g_auto (Checked) c = { 0 };
  g_autofree char *slug = NULL;
  g_autofree char *title = NULL;
  g_autoptr (JsonObject) template = NULL;
  gint64 new_id = 0;

  g_return_val_if_fail (plan != NULL, FALSE);
  if ((template = interview_template (plan->kind, error)) == NULL ||
      !check_members (store, plan->kind, plan, &c, error))
    return FALSE;
  if (c.person == 0 && (c.organisation == NULL || c.organisation[0] == '\0'))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "person",
                        _ ("person: an interview is with a person or an organisation; give "
                           "at least one"));
      return FALSE;
    }
  if (!helder_store_begin (store, error))
    return FALSE;
  if ((title = c.title != NULL ? g_strdup (c.title)
                               : default_title (store, plan->kind, &c, error)) == NULL ||
      (slug = slug_for (store, plan->kind, &c, error)) == NULL ||
      !insert (store, plan->kind, slug, title, &c, &new_id, error) ||
      !interview_audit (store, actor, "create", "interview", new_id, c.person, title, error) ||
      !interview_meeting_follow (store, actor, new_id, error) ||
      !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  if (id != NULL)
    *id = new_id;
  return TRUE;
}

/* The interview's row, for a change; NULL with an error when it is not there. */
static JsonObject *
load_row (HelderStore *store, gint64 id, GError **error)
{
  return interview_row_by_id (
    store,
    "SELECT id, kind, status, person, organisation, interviewer, planned_at, moment"
    " FROM interview WHERE id = ?1",
    id, "interview", error);
}

static gboolean
set_text (HelderStore *store, gint64 id, const char *column, const char *value, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE interview SET %s = ?2 WHERE id = ?1", column);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

static gboolean
set_int (HelderStore *store, gint64 id, const char *column, gint64 value, GError **error)
{
  g_autofree char *sql =
    g_strdup_printf ("UPDATE interview SET %s = nullif (?2, 0) WHERE id = ?1", column);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, value);
  return helder_store_step_done (store, stmt, error);
}

static gboolean
apply_changes (HelderStore *store,
               gint64 id,
               const InterviewPlan *p,
               const Checked *c,
               GError **error)
{
  g_autofree char *now = helder_clock_now_utc ();

  return (c->title == NULL || set_text (store, id, "title", c->title, error)) &&
         (c->organisation == NULL ||
          set_text (store, id, "organisation", c->organisation, error)) &&
         (c->area == NULL || set_text (store, id, "area", c->area, error)) &&
         (c->location == NULL || set_text (store, id, "location", c->location, error)) &&
         (c->online_url == NULL || set_text (store, id, "online_url", c->online_url, error)) &&
         (c->planned_at == NULL || set_text (store, id, "planned_at", c->planned_at, error)) &&
         (c->duration == 0 || set_int (store, id, "duration_minutes", c->duration, error)) &&
         (p->person == NULL || set_int (store, id, "person", c->person, error)) &&
         (p->interviewer == NULL || set_int (store, id, "interviewer", c->interviewer, error)) &&
         set_text (store, id, "updated_at", now, error);
}

static gboolean
nothing_given (const InterviewPlan *p)
{
  return p->title == NULL && p->person == NULL && p->organisation == NULL &&
         p->interviewer == NULL && p->area == NULL && p->when == NULL && p->duration_minutes == 0 &&
         p->location == NULL && p->online_url == NULL;
}

/* What the change may not do to @row. */
static gboolean
check_change (JsonObject *row, const InterviewPlan *p, const Checked *c, GError **error)
{
  const char *status = json_object_get_string_member (row, "status");
  gboolean has_moment = !json_object_get_null_member (row, "moment");

  if (p->kind != NULL && g_strcmp0 (p->kind, json_object_get_string_member (row, "kind")) != 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "kind",
                        _ ("kind: an interview’s kind does not change; cancel it and plan "
                           "another"));
      return FALSE;
    }
  if (g_str_equal (status, "cancelled"))
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "status",
                        _ ("interview: it was cancelled and no longer changes"));
      return FALSE;
    }
  if (nothing_given (p))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "interview",
                        _ ("interview: nothing to change"));
      return FALSE;
    }
  if (has_moment && p->person != NULL &&
      c->person != json_object_get_int_member_with_default (row, "person", 0))
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "person",
                        _ ("person: the invitation went to the interviewee already; cancel "
                           "this interview and plan a new one with someone else"));
      return FALSE;
    }
  return TRUE;
}

gboolean
interview_update (HelderStore *store,
                  const HelderAuditActor *actor,
                  gint64 id,
                  const InterviewPlan *changes,
                  GError **error)
{
  g_autoptr (JsonObject) row = NULL;
  g_auto (Checked) c = { 0 };
  gint64 person;

  g_return_val_if_fail (changes != NULL, FALSE);
  if ((row = load_row (store, id, error)) == NULL ||
      !check_members (store, json_object_get_string_member (row, "kind"), changes, &c, error) ||
      !check_change (row, changes, &c, error))
    return FALSE;
  person =
    changes->person != NULL ? c.person : json_object_get_int_member_with_default (row, "person", 0);
  if (changes->organisation != NULL && changes->organisation[0] == '\0' && person == 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "organisation",
                        _ ("organisation: an interview without a person needs its "
                           "organisation"));
      return FALSE;
    }
  if (!helder_store_begin (store, error))
    return FALSE;
  if (!apply_changes (store, id, changes, &c, error) ||
      !interview_audit (store, actor, "update", "interview", id, person, NULL, error) ||
      !interview_meeting_follow (store, actor, id, error) || !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

gboolean
interview_cancel (HelderStore *store, const HelderAuditActor *actor, gint64 id, GError **error)
{
  g_autoptr (JsonObject) row = load_row (store, id, error);
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();

  if (row == NULL)
    return FALSE;
  if (!g_str_equal (json_object_get_string_member (row, "status"), "planned"))
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "status",
                        _ ("interview: only a planned interview can be cancelled; this one is %s"),
                        json_object_get_string_member (row, "status"));
      return FALSE;
    }
  if (!helder_store_begin (store, error))
    return FALSE;
  stmt = helder_store_prepare (
    store, "UPDATE interview SET status = 'cancelled', updated_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error) ||
      !interview_audit (store, actor, "cancel", "interview", id,
                        json_object_get_int_member_with_default (row, "person", 0), NULL, error) ||
      !interview_meeting_cancel (store, actor, id, error) || !helder_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  helder_store_rollback (store);
  return FALSE;
}
