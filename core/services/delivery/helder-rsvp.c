/* helder-rsvp.c — people answer a meeting's invitation: yes, no, maybe
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every invitation carries personal links, one per answer, to
 * BASE/rsvp/MEETING/TOKEN?answer=yes|no|maybe: MEETING is the meeting's
 * first version (its UID), TOKEN a random secret of which only a hash is
 * kept, bound to one person and that meeting until it starts. Opening a
 * link changes nothing (mail scanners open every link): the page asks to
 * confirm with one button, and only that POST records the answer.
 *
 * Answers are kept as a history, one row per change: answering the same
 * again records nothing, another answer is a new row, and the newest
 * row is the answer. Every recorded answer is in the audit log.
 */
#define G_LOG_DOMAIN "helder-rsvp"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "services/access/helder-access.h"
#include "services/views/helder-audience.h"
#include "services/delivery/helder-meeting.h"
#include "services/delivery/helder-rsvp.h"

static const char *const answers[] = { "yes", "no", "maybe", NULL };

gboolean
helder_rsvp_answer_valid (const char *answer)
{
  return answer != NULL && g_strv_contains (answers, answer);
}

/**
 * helder_rsvp_answer_label:
 * @answer: "yes", "no" or "maybe"
 *
 * Returns: what people read for the answer, in the current language
 */
const char *
helder_rsvp_answer_label (const char *answer)
{
  if (g_strcmp0 (answer, "yes") == 0)
    return _ ("Yes, I will come");
  if (g_strcmp0 (answer, "no") == 0)
    return _ ("No, I will not come");
  if (g_strcmp0 (answer, "maybe") == 0)
    return _ ("Maybe");
  return _ ("No answer yet");
}

static char *
hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

/**
 * helder_rsvp_links:
 * @root: the meeting (its first version)
 * @person: whom the links are for
 * @expires_at: when they stop working: the meeting's start
 * @base_url: server.base_url
 * @markdown: (out): a line with the three links, for the message
 * @text: (out): the same as plain text, for the calendar item
 *
 * Makes a new personal link for @person and the meeting, inside the
 * caller's transaction.
 *
 * Returns: %TRUE unless the store or the random source failed
 */
gboolean
helder_rsvp_links (HelderStore *store,
                   gint64 root,
                   gint64 person,
                   const char *expires_at,
                   const char *base_url,
                   char **markdown,
                   char **text,
                   GError **error)
{
  g_autofree char *token = helder_access_new_form_token ();
  g_autofree char *hash = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *base = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (GString) md = g_string_new (NULL);
  g_autoptr (GString) plain = g_string_new (NULL);

  if (token == NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                   _ ("the random number generator of the system could not be used"));
      return FALSE;
    }
  hash = hash_token (token);
  stmt = helder_store_prepare (store,
                               "INSERT INTO rsvp_link (hash, root, person, expires_at, created_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, root);
  sqlite3_bind_int64 (stmt, 3, person);
  sqlite3_bind_text (stmt, 4, expires_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    return FALSE;

  base =
    g_strdup_printf ("%s%srsvp/%" PRId64 "/%s?answer=", base_url ? base_url : "",
                     base_url != NULL && g_str_has_suffix (base_url, "/") ? "" : "/", root, token);
  g_string_append (md, _ ("Will you come? Answer with one click:"));
  g_string_append (plain, _ ("Will you come? Answer with one click:"));
  for (guint i = 0; answers[i] != NULL; i++)
    {
      /* The <…> form keeps any character of the address out of the syntax. */
      g_string_append_printf (md, "%s[%s](<%s%s>)", i == 0 ? " " : " · ",
                              helder_rsvp_answer_label (answers[i]), base, answers[i]);
      g_string_append_printf (plain, "\n%s: %s%s", helder_rsvp_answer_label (answers[i]), base,
                              answers[i]);
    }
  *markdown = g_string_free (g_steal_pointer (&md), FALSE);
  *text = g_string_free (g_steal_pointer (&plain), FALSE);
  return TRUE;
}

/* Whether the meeting @root still takes answers: a version of it is
 * approved and has not started. */
static gboolean
meeting_open (HelderStore *store, gint64 root, const char *now, gboolean *open, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "WITH RECURSIVE chain (id) AS (SELECT ?1 UNION"
                          " SELECT m.id FROM moment m JOIN chain ON m.supersedes = chain.id)"
                          " SELECT count(*) FROM moment WHERE id IN chain AND status = 'approved'"
                          " AND scheduled_at > ?2",
                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, root);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  *open = sqlite3_column_int64 (stmt, 0) > 0;
  return TRUE;
}

/**
 * helder_rsvp_check_link:
 * @root: the meeting the link's address names
 * @token: the link's secret
 * @person: (out): whom the link is for
 * @error: %HELDER_ERROR_NOT_FOUND for an unknown or garbled link,
 *   %HELDER_ERROR_PERMISSION for another meeting's link,
 *   %HELDER_ERROR_CONFLICT when it expired or the meeting no longer
 *   takes answers
 *
 * Writes nothing.
 *
 * Returns: %TRUE when the link may answer
 */
gboolean
helder_rsvp_check_link (HelderStore *store,
                        gint64 root,
                        const char *token,
                        gint64 *person,
                        GError **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  g_autoptr (HelderStmt) stmt = NULL;
  gboolean open = FALSE;
  int rc;

  if (token == NULL || strlen (token) < 32 || strlen (token) > 64 ||
      strspn (token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") !=
        strlen (token))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
                   _ ("This answer link is not complete or not known."));
      return FALSE;
    }
  hash = hash_token (token);
  stmt = helder_store_prepare (
    store, "SELECT root, person, expires_at FROM rsvp_link WHERE hash = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
                   _ ("This answer link is not complete or not known."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  if (sqlite3_column_int64 (stmt, 0) != root)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_PERMISSION,
                   _ ("This answer link belongs to another meeting."));
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), now) <= 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                   _ ("This answer link has expired: the meeting has started."));
      return FALSE;
    }
  *person = sqlite3_column_int64 (stmt, 1);
  g_clear_pointer (&stmt, helder_store_stmt_release);
  if (!meeting_open (store, root, now, &open, error))
    return FALSE;
  if (!open)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                   _ ("This meeting no longer takes answers: it was cancelled or has started."));
      return FALSE;
    }
  return TRUE;
}

/**
 * helder_rsvp_current:
 *
 * Returns: (transfer full) (nullable): the person's answer, or %NULL
 *   (also on an error, which is then set)
 */
char *
helder_rsvp_current (HelderStore *store, gint64 root, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "SELECT answer FROM rsvp WHERE root = ?1 AND person = ?2"
                          " ORDER BY id DESC LIMIT 1",
                          error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, root);
  sqlite3_bind_int64 (stmt, 2, person);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    helder_store_propagate (store, rc, error);
  return NULL;
}

/**
 * helder_rsvp_record:
 * @actor: who answers (the person, by their link or signed in)
 * @changed: (out) (optional): whether a new answer was recorded
 *
 * Records @person's answer to the meeting @root in one transaction, with
 * its audit entry; the same answer again records nothing.
 *
 * Returns: %TRUE unless the answer is not one of yes, no, maybe, or the
 *   store failed
 */
gboolean
helder_rsvp_record (HelderStore *store,
                    const HelderAuditActor *actor,
                    gint64 root,
                    gint64 person,
                    const char *answer,
                    gboolean *changed,
                    GError **error)
{
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *before = NULL;
  g_autofree char *record = g_strdup_printf ("%" PRId64, root);
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (GError) local = NULL;

  if (changed != NULL)
    *changed = FALSE;
  if (!helder_rsvp_answer_valid (answer))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "answer",
                        _ ("answer: “%s” is not yes, no or maybe"), answer ? answer : "");
      return FALSE;
    }
  if (!helder_store_begin (store, error))
    return FALSE;
  before = helder_rsvp_current (store, root, person, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (g_strcmp0 (before, answer) == 0)
    {
      helder_store_rollback (store);
      return TRUE;
    }
  stmt = helder_store_prepare (
    store, "INSERT INTO rsvp (root, person, answer, answered_at) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, root);
  sqlite3_bind_int64 (stmt, 2, person);
  sqlite3_bind_text (stmt, 3, answer, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error) ||
      !helder_audit_record (store, actor, "rsvp", "moment", record, person, answer, error) ||
      !helder_store_commit (store, error))
    goto fail;
  if (changed != NULL)
    *changed = TRUE;
  return TRUE;

fail:
  helder_store_rollback (store);
  return FALSE;
}

/**
 * helder_rsvp_summary:
 * @moment: a meeting moment (any version)
 *
 * Who of the moment's audience comes, does not, may, or has not answered,
 * from the records as they are now.
 *
 * Returns: (transfer full): `{"meeting": ROOT, "counts": {"yes": N, "no":
 *   N, "maybe": N, "none": N}, "people": [{"id", "name", "answer"
 *   (null: none)}]}`
 */
JsonObject *
helder_rsvp_summary (HelderStore *store, gint64 moment, GError **error)
{
  g_autoptr (JsonObject) summary = json_object_new ();
  g_autoptr (JsonObject) counts = json_object_new ();
  g_autoptr (JsonArray) people = json_array_new ();
  g_autoptr (GArray) audience = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  gint64 root, depth;
  gint64 n[4] = { 0 };

  if (!helder_meeting_root (store, moment, &root, &depth, error))
    return NULL;
  audience = helder_audience_resolve (store, moment, error);
  if (audience == NULL)
    return NULL;
  stmt = helder_store_prepare (store,
                               "SELECT p.name, (SELECT r.answer FROM rsvp r WHERE r.root = ?1"
                               " AND r.person = p.id ORDER BY r.id DESC LIMIT 1)"
                               " FROM person p WHERE p.id = ?2",
                               error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < audience->len; i++)
    {
      gint64 id = g_array_index (audience, gint64, i);
      JsonObject *row;
      const char *answer;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, root);
      sqlite3_bind_int64 (stmt, 2, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        {
          helder_store_propagate (store, rc, error);
          return NULL;
        }
      answer = (const char *) sqlite3_column_text (stmt, 1);
      row = json_object_new ();
      json_object_set_int_member (row, "id", id);
      json_object_set_string_member (row, "name", (const char *) sqlite3_column_text (stmt, 0));
      if (answer != NULL)
        json_object_set_string_member (row, "answer", answer);
      else
        json_object_set_null_member (row, "answer");
      json_array_add_object_element (people, row);
      n[answer == NULL                     ? 3
        : g_str_equal (answer, answers[0]) ? 0
        : g_str_equal (answer, answers[1]) ? 1
                                           : 2]++;
    }
  json_object_set_int_member (counts, "yes", n[0]);
  json_object_set_int_member (counts, "no", n[1]);
  json_object_set_int_member (counts, "maybe", n[2]);
  json_object_set_int_member (counts, "none", n[3]);
  json_object_set_int_member (summary, "meeting", root);
  json_object_set_object_member (summary, "counts", g_steal_pointer (&counts));
  json_object_set_array_member (summary, "people", g_steal_pointer (&people));
  return g_steal_pointer (&summary);
}

/**
 * helder_rsvp_meeting:
 * @root: a meeting (its first version)
 *
 * Returns: (transfer full): its newest version as `{"id", "title",
 *   "title_en", "scheduled_at", "duration_minutes", "location",
 *   "online_url", "status"}`, or %NULL with %HELDER_ERROR_NOT_FOUND
 */
JsonObject *
helder_rsvp_meeting (HelderStore *store, gint64 root, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "WITH RECURSIVE chain (id) AS (SELECT ?1 UNION"
    " SELECT m.id FROM moment m JOIN chain ON m.supersedes = chain.id)"
    " SELECT m.id, m.title, m.title_en, m.scheduled_at, m.duration_minutes, m.location,"
    " m.online_url, m.status FROM moment m WHERE m.id IN chain AND EXISTS (SELECT 1 FROM"
    " moment_channel c WHERE c.moment = m.id AND c.channel = 'meeting') ORDER BY"
    " m.status = 'approved' DESC, m.id DESC LIMIT 1",
    error);
  JsonObject *meeting;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, root);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND, _ ("no meeting “%" PRId64 "”"),
                   root);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  meeting = json_object_new ();
  json_object_set_int_member (meeting, "id", sqlite3_column_int64 (stmt, 0));
  json_object_set_string_member (meeting, "title", (const char *) sqlite3_column_text (stmt, 1));
  json_object_set_string_member (meeting, "title_en", (const char *) sqlite3_column_text (stmt, 2));
  json_object_set_string_member (meeting, "scheduled_at",
                                 (const char *) sqlite3_column_text (stmt, 3));
  json_object_set_int_member (meeting, "duration_minutes", sqlite3_column_int64 (stmt, 4));
  json_object_set_string_member (meeting, "location", (const char *) sqlite3_column_text (stmt, 5));
  json_object_set_string_member (meeting, "online_url",
                                 (const char *) sqlite3_column_text (stmt, 6));
  json_object_set_string_member (meeting, "status", (const char *) sqlite3_column_text (stmt, 7));
  return meeting;
}

/**
 * helder_rsvp_may_answer:
 * @moment: a meeting moment (any version), as the personal page shows it
 * @person: who answers, signed in
 * @root: (out): the meeting's first version, under which answers are kept
 * @error: %HELDER_ERROR_NOT_FOUND when @moment is not a meeting that
 *   reaches @person, %HELDER_ERROR_CONFLICT when it takes no answers
 *   (cancelled or started)
 *
 * Returns: %TRUE when @person may answer
 */
gboolean
helder_rsvp_may_answer (HelderStore *store,
                        gint64 moment,
                        gint64 person,
                        gint64 *root,
                        GError **error)
{
  g_autofree char *now = helder_clock_now_utc ();
  g_autoptr (JsonObject) meeting = NULL;
  gint64 depth;
  gboolean reaches = FALSE, open = FALSE;

  if (!helder_meeting_root (store, moment, root, &depth, error))
    return FALSE;
  meeting = helder_rsvp_meeting (store, *root, NULL);
  if (meeting != NULL &&
      !helder_audience_contains (store, json_object_get_int_member (meeting, "id"), person,
                                 &reaches, error))
    return FALSE;
  if (meeting == NULL || !reaches)
    {
      g_clear_error (error);
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
                   _ ("moment: %" PRId64 " is not a meeting you are invited to"), moment);
      return FALSE;
    }
  if (!meeting_open (store, *root, now, &open, error))
    return FALSE;
  if (!open)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                   _ ("This meeting no longer takes answers: it was cancelled or has started."));
      return FALSE;
    }
  return TRUE;
}
