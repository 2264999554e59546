/* helder-personal-news.c — what is new for a person since a time
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The weekly digest opens with what changed since the person's previous
 * digest, and the personal page marks what is new since their previous
 * visit: both ask helder_personal_news() with their own "since", so "new"
 * means the same in both. New is, for what reaches the person (the
 * sections of helder_personal_compute()):
 *
 * - a promise recorded after @since (whenever it was made: the person
 *   hears of it now), or one with an update after it, or one that became
 *   late after it (the day after its due date began);
 * - a Go/No-Go decision about their groups taken after it;
 * - their role change: once discussed, any change to it; before that
 *   only that a conversation is planned (DESIGN.md §3), once;
 * - a moment that reaches them and was approved or cancelled after it,
 *   or whose time came after it, or that was sent (late) after it; not
 *   a sent one that the outbox holds no message of for them (they joined
 *   later: helder_personal_moments() "not_received").
 *
 * Where nothing came before (a first digest, a first visit), "since" is
 * the start of the day a week ago (HELDER_PERSONAL_FIRST_DAYS).
 */
#define G_LOG_DOMAIN "helder-personal"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/views/helder-personal.h"
#include "services/views/helder-personal-private.h"

/* Page loads closer together than this belong to one visit: reloading the
 * page does not make what was new a minute ago old. */
#define VISIT_GAP_SECONDS (30 * 60)

/**
 * helder_personal_first_since:
 * @today: YYYY-MM-DD, a day of the programme's time zone
 *
 * Returns: (transfer full) (nullable): where "new" begins for someone
 *   with no previous digest or visit: the start of the day
 *   HELDER_PERSONAL_FIRST_DAYS before @today, in UTC; %NULL when @today
 *   is not a day
 */
char *
helder_personal_first_since (const char *today)
{
  GDate day;
  char text[16];

  if (!helder_date_parse (today, &day))
    return NULL;
  g_date_subtract_days (&day, HELDER_PERSONAL_FIRST_DAYS);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &day);
  return helder_clock_day_start_utc (text);
}

static gboolean
after (const char *time, const char *since)
{
  return time != NULL && g_strcmp0 (time, since) > 0;
}

/* Whether the promise became late after @since: it is late from the start
 * of the day after its due date. */
static gboolean
became_late_after (JsonObject *promise, const char *since)
{
  g_autofree char *start = NULL;
  GDate day;
  char text[16];

  if (!member_true (promise, "late") ||
      !helder_date_parse (member_string (promise, "due_on"), &day))
    return FALSE;
  g_date_add_days (&day, 1);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &day);
  start = helder_clock_day_start_utc (text);
  return after (start, since);
}

static JsonObject *
item_new (const char *kind, const char *at)
{
  JsonObject *item = json_object_new ();

  json_object_set_string_member (item, "kind", kind);
  json_object_set_string_member (item, "at", at);
  return item;
}

static void
copy_member (JsonObject *to, JsonObject *from, const char *member)
{
  JsonNode *node = json_object_get_member (from, member);

  if (node != NULL)
    json_object_set_member (to, member, json_node_copy (node));
}

static gboolean
add_transition (HelderStore *store,
                JsonObject *sections,
                const char *since,
                JsonArray *news,
                GError **error)
{
  JsonObject *transition = member_object (sections, "transition");
  gint64 person = member_int (member_object (sections, "person"), "id");
  g_autoptr (HelderStmt) stmt = NULL;
  const char *status;
  int rc;

  if (transition == NULL)
    return TRUE;
  stmt = helder_store_prepare (
    store, "SELECT created_at, updated_at FROM role_change WHERE person = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  status = member_string (transition, "status");
  /* Until it is discussed, edits to the change say nothing: only that a
   * conversation is planned is news, once. */
  if (g_strcmp0 (status, "conversation_planned") == 0)
    {
      if (after ((const char *) sqlite3_column_text (stmt, 0), since))
        {
          JsonObject *item =
            item_new ("conversation", (const char *) sqlite3_column_text (stmt, 0));

          json_object_set_string_member (item, "status", status);
          json_array_add_object_element (news, item);
        }
      return TRUE;
    }
  if (after ((const char *) sqlite3_column_text (stmt, 1), since))
    {
      JsonObject *item = item_new ("transition", (const char *) sqlite3_column_text (stmt, 1));
      JsonObject *to_role = member_object (transition, "to_role");

      json_object_set_string_member (item, "status", status);
      if (to_role != NULL)
        json_object_set_string_member (item, "to_role", member_string (to_role, "name"));
      json_array_add_object_element (news, item);
    }
  return TRUE;
}

static void
add_promises (JsonObject *sections, const char *since, JsonArray *news)
{
  JsonArray *promises = member_array (sections, "promises");

  for (guint i = 0; promises != NULL && i < json_array_get_length (promises); i++)
    {
      JsonObject *promise = json_array_get_object_element (promises, i);
      JsonObject *update = member_object (promise, "latest_update");
      const char *updated = update != NULL ? member_string (update, "created_at") : NULL;
      JsonObject *item;

      if (after (member_string (promise, "created_at"), since))
        item = item_new ("promise", member_string (promise, "created_at"));
      else if (after (updated, since))
        item = item_new ("promise_update", updated);
      else if (became_late_after (promise, since))
        item = item_new ("promise_late", member_string (promise, "due_on"));
      else
        continue;
      json_object_set_int_member (item, "promise", member_int (promise, "id"));
      copy_member (item, promise, "text");
      copy_member (item, promise, "due_on");
      copy_member (item, promise, "effective_status");
      copy_member (item, promise, "days_late");
      copy_member (item, promise, "late");
      if (update != NULL && after (updated, since))
        {
          json_object_set_string_member (item, "note", member_string (update, "note"));
          if (member_string (update, "status") != NULL)
            json_object_set_string_member (item, "status", member_string (update, "status"));
        }
      json_array_add_object_element (news, item);
    }
}

static void
add_decisions (JsonObject *sections, const char *since, JsonArray *news)
{
  JsonArray *decisions = member_array (sections, "decisions");

  for (guint i = 0; decisions != NULL && i < json_array_get_length (decisions); i++)
    {
      JsonObject *gate = json_array_get_object_element (decisions, i);
      JsonObject *item;

      if (!after (member_string (gate, "decided_at"), since))
        continue;
      item = item_new ("decision", member_string (gate, "decided_at"));
      copy_member (item, gate, "slug");
      copy_member (item, gate, "name");
      copy_member (item, gate, "decision");
      copy_member (item, gate, "rationale");
      json_array_add_object_element (news, item);
    }
}

static gboolean
add_moments (HelderStore *store,
             JsonObject *sections,
             JsonArray *given,
             const char *since,
             JsonArray *news,
             GError **error)
{
  gint64 person = member_int (member_object (sections, "person"), "id");
  g_autoptr (JsonArray) moments =
    given != NULL ? json_array_ref (given) : helder_personal_moments (store, person, error);
  const char *today = member_string (sections, "today");

  if (moments == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (moments); i++)
    {
      JsonObject *moment = json_array_get_object_element (moments, i);
      JsonObject *item;

      const char *status = member_string (moment, "status");
      const char *at = member_string (moment, "scheduled_at");
      gboolean coming = g_strcmp0 (status, "approved") == 0 && g_strcmp0 (at, today) >= 0;

      gboolean changed = after (member_string (moment, "updated_at"), since);

      /* A message the outbox never held for them is not news to them:
       * their earlier messages say it went out before they joined. */
      if (json_object_get_boolean_member_with_default (moment, "not_received", FALSE))
        continue;

      /* Coming or cancelled: when it was approved or cancelled after
       * @since. Past: when its time came after @since, or, sent, when it
       * was sent after @since (late). */
      if (coming || g_strcmp0 (status, "cancelled") == 0
            ? !changed
            : !(after (at, since) || (changed && g_strcmp0 (status, "sent") == 0)))
        continue;
      item = item_new ("moment", member_string (moment, "updated_at"));
      json_object_set_int_member (item, "moment", member_int (moment, "id"));
      copy_member (item, moment, "title");
      copy_member (item, moment, "scheduled_at");
      copy_member (item, moment, "status");
      copy_member (item, moment, "meeting");
      json_array_add_object_element (news, item);
    }
  return TRUE;
}

/**
 * helder_personal_news:
 * @store: the store
 * @sections: the person's sections, from helder_personal_compute()
 * @moments: (nullable): the moments helder_personal_compute_full() read,
 *   or %NULL to read them again
 * @since: UTC "…Z": what came after this is new
 * @error: set when the store fails
 *
 * What is new for the person of @sections since @since, in this order:
 * their role change, promises (as the promises section orders them),
 * decisions, moments (by time).
 *
 * Returns: (transfer full): objects {kind, at, …}: kind "conversation" or
 *   "transition" {status, to_role}; "promise", "promise_update" or
 *   "promise_late" {promise, text, due_on, effective_status, late,
 *   days_late, note and status of an update after @since}; "decision"
 *   {slug, name, decision, rationale}; "moment" {moment, title,
 *   scheduled_at, status, meeting}
 */
JsonArray *
helder_personal_news (HelderStore *store,
                      JsonObject *sections,
                      JsonArray *moments,
                      const char *since,
                      GError **error)
{
  g_autoptr (JsonArray) news = json_array_new ();

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (sections != NULL && since != NULL, NULL);

  if (!add_transition (store, sections, since, news, error))
    return NULL;
  add_promises (sections, since, news);
  add_decisions (sections, since, news);
  if (!add_moments (store, sections, moments, since, news, error))
    return NULL;
  return g_steal_pointer (&news);
}

/**
 * helder_personal_news_label:
 * @item: an element of helder_personal_news()
 *
 * Returns: (transfer full): what kind of news it is, in the current
 *   language: "New promise", "Sent to you", …
 */
char *
helder_personal_news_label (JsonObject *item)
{
  const char *kind = member_string (item, "kind");
  const char *status = member_string (item, "status");

  if (g_strcmp0 (kind, "conversation") == 0 || g_strcmp0 (kind, "transition") == 0)
    return g_strdup (_ ("Your role change"));
  if (g_strcmp0 (kind, "promise") == 0)
    return g_strdup (_ ("New promise"));
  if (g_strcmp0 (kind, "promise_update") == 0)
    return g_strdup (_ ("Promise updated"));
  if (g_strcmp0 (kind, "promise_late") == 0)
    return g_strdup (_ ("Promise now late"));
  if (g_strcmp0 (kind, "decision") == 0)
    return g_strdup (_ ("Decision"));
  if (g_strcmp0 (status, "sent") == 0)
    return g_strdup (_ ("Sent to you"));
  if (g_strcmp0 (status, "cancelled") == 0)
    return g_strdup (_ ("Cancelled"));
  return g_strdup (_ ("Planned"));
}

/**
 * helder_personal_news_title:
 * @item: an element of helder_personal_news()
 *
 * Returns: (transfer full): one line of plain text that says what it is
 *   about, in the current language
 */
char *
helder_personal_news_title (JsonObject *item)
{
  const char *kind = member_string (item, "kind");

  if (g_strcmp0 (kind, "conversation") == 0)
    return g_strdup (helder_personal_change_status_label ("conversation_planned"));
  if (g_strcmp0 (kind, "transition") == 0)
    {
      const char *label = helder_personal_change_status_label (member_string (item, "status"));

      if (member_string (item, "to_role") != NULL)
        return g_strdup_printf (_ ("%s Your future role: %s."), label,
                                member_string (item, "to_role"));
      return g_strdup (label);
    }
  if (g_str_has_prefix (kind ? kind : "", "promise"))
    {
      g_autofree char *text = helder_markdown_to_text (member_string (item, "text"), 160);
      g_autofree char *state = helder_personal_promise_label (item);

      return g_strdup_printf ("%s (%s)", text, state);
    }
  if (g_strcmp0 (kind, "decision") == 0)
    {
      g_autofree char *title = helder_personal_gate_title (member_string (item, "name"));

      return g_strdup_printf ("%s — %s", title,
                              helder_personal_decision_label (member_string (item, "decision")));
    }
  {
    g_autoptr (GDateTime) local = helder_clock_to_local (member_string (item, "scheduled_at"));
    g_autofree char *day = local ? g_date_time_format (local, "%Y-%m-%d") : NULL;
    g_autofree char *date = helder_personal_format_date (day);

    return g_strdup_printf ("%s (%s)", member_string (item, "title"), date);
  }
}

/**
 * helder_personal_visit:
 * @store: the store, not in a transaction
 * @person: whose visit
 * @now: UTC "…Z"
 * @today: YYYY-MM-DD, for a first visit
 * @record: whether this is the person's own visit; %FALSE (someone else
 *   looks at their page) writes nothing
 * @since: (out): where "new" begins for this visit
 * @error: set when the store fails
 *
 * A page load more than half an hour after the start of the person's
 * previous visit starts a new one: what came after the previous visit
 * began is new. Written once per visit, in one short transaction. Not
 * audited: the person's own visit, recorded for them, read by no one
 * else (an advisor's look at their page is audited where it happens).
 *
 * Returns: %TRUE on success
 */
gboolean
helder_personal_visit (HelderStore *store,
                       gint64 person,
                       const char *now,
                       const char *today,
                       gboolean record,
                       char **since,
                       GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (GDateTime) now_time = g_date_time_new_from_iso8601 (now, NULL);
  g_autoptr (GDateTime) visit_time = NULL;
  g_autofree char *visit_at = NULL;
  g_autofree char *result = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (now_time != NULL && since != NULL, FALSE);

  stmt = helder_store_prepare (store, "SELECT visit_at, since FROM person_visit WHERE person = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      visit_at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      result = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  g_clear_pointer (&stmt, helder_store_stmt_release);

  if (visit_at != NULL)
    {
      visit_time = g_date_time_new_from_iso8601 (visit_at, NULL);
      if (visit_time != NULL && g_date_time_difference (now_time, visit_time) <
                                  (GTimeSpan) VISIT_GAP_SECONDS * G_USEC_PER_SEC)
        {
          /* the same visit: nothing to write */
          *since = g_steal_pointer (&result);
          return TRUE;
        }
      g_free (result);
      result = g_strdup (visit_at);
    }
  else
    {
      g_free (result);
      result = helder_personal_first_since (today);
      if (result == NULL)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("“%s” is not a date (use YYYY-MM-DD)"), today);
          return FALSE;
        }
    }

  if (record)
    {
      if (!helder_store_begin (store, error))
        return FALSE;
      stmt = helder_store_prepare (store,
                                   "INSERT INTO person_visit (person, visit_at, since)"
                                   " VALUES (?1, ?2, ?3) ON CONFLICT (person) DO UPDATE"
                                   " SET visit_at = excluded.visit_at, since = excluded.since",
                                   error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, person);
          sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, result, -1, SQLITE_TRANSIENT);
        }
      if (stmt == NULL || !helder_store_step_done (store, stmt, error))
        {
          g_clear_pointer (&stmt, helder_store_stmt_release);
          helder_store_rollback (store);
          return FALSE;
        }
      g_clear_pointer (&stmt, helder_store_stmt_release);
      if (!helder_store_commit (store, error))
        return FALSE;
    }
  *since = g_steal_pointer (&result);
  return TRUE;
}
