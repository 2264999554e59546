/* helder-personal-text.c — a person's sections as people read them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Labels, dates and CommonMark for the sections of helder_personal_compute()
 * (helder-personal.c), in the current gettext language: the e-mail digest
 * renders the Markdown and the personal page uses the same labels, so both
 * say the same thing.
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

/* ---- dates, in the current gettext language -------------------------------- */

static const char *
month_name (int month)
{
  /* The same strings as the web pages use, so they translate once. */
  static const char *const months[] = {
    N_ ("January"),   N_ ("February"), N_ ("March"),    N_ ("April"),
    N_ ("May"),       N_ ("June"),     N_ ("July"),     N_ ("August"),
    N_ ("September"), N_ ("October"),  N_ ("November"), N_ ("December"),
  };

  if (month < 1 || month > 12)
    return "";
  return _ (months[month - 1]);
}

/**
 * helder_personal_format_date:
 * @date: (nullable): YYYY-MM-DD
 *
 * Returns: (transfer full): "4 December 2026" in the current language
 */
char *
helder_personal_format_date (const char *date)
{
  GDate parsed;

  if (date == NULL || !helder_date_parse (date, &parsed))
    return g_strdup (date ? date : "");
  /* TRANSLATORS: a date: day, month name, year */
  return g_strdup_printf (C_ ("date", "%d %s %d"), g_date_get_day (&parsed),
                          month_name (g_date_get_month (&parsed)), g_date_get_year (&parsed));
}

/**
 * helder_personal_datetime_label:
 * @utc: (nullable): a UTC timestamp of the store
 *
 * Returns: (transfer full): "8 December 2026, 13:30" in the programme's
 *   zone and the current language
 */
char *
helder_personal_datetime_label (const char *utc)
{
  g_autoptr (GDateTime) parsed = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *day = NULL;

  if (utc == NULL)
    return g_strdup ("");
  parsed = g_date_time_new_from_iso8601 (utc, NULL);
  if (parsed == NULL)
    return g_strdup (utc);
  local = g_date_time_to_timezone (parsed, helder_clock_zone ());
  date = g_date_time_format (local, "%Y-%m-%d");
  day = helder_personal_format_date (date);
  /* TRANSLATORS: a date and a time of day */
  return g_strdup_printf (C_ ("datetime", "%s, %02d:%02d"), day, g_date_time_get_hour (local),
                          g_date_time_get_minute (local));
}

/* ---- labels ----------------------------------------------------------------- */

/**
 * helder_personal_promise_label:
 * @promise: an element of the "promises" section
 *
 * Returns: (transfer full): the promise's status for people: "late, 12 days",
 *   "kept", "broken", … in the current language
 */
char *
helder_personal_promise_label (JsonObject *promise)
{
  const char *status = member_string (promise, "effective_status");

  g_return_val_if_fail (promise != NULL, NULL);

  if (g_strcmp0 (status, "late") == 0)
    {
      gint64 days = member_int (promise, "days_late");

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "late, %" PRId64 " day",
                                           "late, %" PRId64 " days", (gulong) days),
                              days);
    }
  if (g_strcmp0 (status, "open") == 0)
    return g_strdup (_ ("open"));
  if (g_strcmp0 (status, "kept") == 0)
    return g_strdup (_ ("kept"));
  if (g_strcmp0 (status, "broken") == 0)
    return g_strdup (_ ("broken"));
  if (g_strcmp0 (status, "withdrawn") == 0)
    return g_strdup (_ ("withdrawn"));
  return g_strdup (status ? status : "");
}

/**
 * helder_personal_decision_label:
 *
 * Returns: a gate decision for people ("Go", "No-Go", "Postponed"), or
 *   "Not decided yet" for %NULL
 */
const char *
helder_personal_decision_label (const char *decision)
{
  if (decision == NULL)
    return _ ("Not decided yet");
  if (g_str_equal (decision, "go"))
    return C_ ("gate decision", "Go");
  if (g_str_equal (decision, "nogo"))
    return C_ ("gate decision", "No-Go");
  if (g_str_equal (decision, "postponed"))
    return C_ ("gate decision", "Postponed");
  return decision;
}

/**
 * helder_personal_gate_title:
 * @name: a gate's name
 *
 * Returns: (transfer full): "Go/No-Go: NAME", or the name itself when it
 *   already says so ("Go/No-Go migratieweekend")
 */
char *
helder_personal_gate_title (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (g_ascii_strncasecmp (name, "Go/No-Go", strlen ("Go/No-Go")) == 0)
    return g_strdup (name);
  return g_strdup_printf (_ ("Go/No-Go: %s"), name);
}

/**
 * helder_personal_change_status_label:
 *
 * Returns: where a person's own transition stands, said to that person
 */
const char *
helder_personal_change_status_label (const char *status)
{
  if (status == NULL)
    return _ ("No change to your role is planned.");
  if (g_str_equal (status, "conversation_planned"))
    return _ ("A personal conversation about your future role is planned.");
  if (g_str_equal (status, "discussed"))
    return _ ("This change has been discussed with you.");
  if (g_str_equal (status, "accepted"))
    return _ ("You have accepted this change.");
  if (g_str_equal (status, "objection"))
    return _ ("You have objected to this change.");
  return status;
}

/* ---- the same sections as CommonMark -------------------------------------------- */

/* A Markdown block from the store, indented to belong to a list item. */
static void
append_block (GString *out, const char *markdown, const char *indent)
{
  g_auto (GStrv) lines = NULL;

  if (markdown == NULL || *markdown == '\0')
    return;
  lines = g_strsplit (markdown, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (*lines[i] != '\0')
        g_string_append (out, indent);
      g_string_append (out, lines[i]);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static void
append_heading (GString *out, const char *heading)
{
  g_string_append (out, "## ");
  helder_markdown_append_inline (out, heading);
  g_string_append (out, "\n\n");
}

static void
append_contact (GString *out, JsonObject *contact)
{
  const char *email = member_string (contact, "email");

  if (email != NULL && strchr (email, '>') == NULL && strchr (email, ' ') == NULL)
    {
      g_string_append_c (out, '[');
      helder_markdown_append_inline (out, member_string (contact, "name"));
      g_string_append (out, "](<mailto:");
      g_string_append (out, email);
      g_string_append (out, ">)");
    }
  else
    helder_markdown_append_inline (out, member_string (contact, "name"));
}

static void
append_transition (GString *out, JsonObject *transition)
{
  const char *status = member_string (transition, "status");
  JsonObject *contact = member_object (transition, "contact");
  JsonObject *to_role = member_object (transition, "to_role");

  append_heading (out, _ ("Your future role"));
  if (transition == NULL)
    {
      g_string_append_printf (out, "%s\n\n", helder_personal_change_status_label (NULL));
      return;
    }
  if (g_strcmp0 (status, "conversation_planned") == 0)
    {
      g_string_append_printf (
        out, "%s %s\n\n", helder_personal_change_status_label (status),
        _ ("You hear about it in that conversation first; it appears here afterwards."));
      if (contact != NULL)
        {
          append_heading (out, _ ("Who to talk to"));
          append_contact (out, contact);
          g_string_append (out, "\n\n");
        }
      return;
    }

  if (member_true (transition, "undecided"))
    {
      g_autofree char *date =
        helder_personal_format_date (member_string (transition, "decision_expected"));

      if (member_string (transition, "decision_expected") != NULL)
        g_string_append_printf (out, _ ("Not decided yet — decision expected on %s."), date);
      else
        g_string_append (out, _ ("Not decided yet."));
      g_string_append (out, "\n\n");
    }
  else if (to_role != NULL)
    {
      g_string_append (out, "**");
      helder_markdown_append_inline (out, member_string (to_role, "name"));
      g_string_append (out, "**");
      if (member_true (transition, "same_role"))
        g_string_append_printf (out, " (%s)", _ ("you keep this role"));
      g_string_append (out, "\n\n");
      append_block (out, member_string (to_role, "description"), "");
    }
  if (member_string (transition, "effective_on") != NULL)
    {
      g_autofree char *date =
        helder_personal_format_date (member_string (transition, "effective_on"));

      g_string_append_printf (out, _ ("Effective from %s."), date);
      g_string_append (out, "\n\n");
    }
  g_string_append_printf (out, "%s\n\n", helder_personal_change_status_label (status));

  if (member_string (transition, "changes") != NULL &&
      *member_string (transition, "changes") != '\0')
    {
      append_heading (out, _ ("What changes for you"));
      append_block (out, member_string (transition, "changes"), "");
    }
  if (contact != NULL)
    {
      append_heading (out, _ ("Who to talk to"));
      append_contact (out, contact);
      g_string_append (out, "\n\n");
    }
}

/* When a promise's status last changed: its latest update, or when it
 * was recorded when it has none. */
static const char *
promise_changed_at (JsonObject *promise)
{
  JsonObject *update = member_object (promise, "latest_update");

  if (update != NULL && member_string (update, "created_at") != NULL)
    return member_string (update, "created_at");
  return member_string (promise, "created_at");
}

/* Kept or withdrawn before @since: told before, counted now. */
static gboolean
promise_settled_before (JsonObject *promise, const char *since)
{
  const char *state = member_string (promise, "effective_status");

  return since != NULL && (g_strcmp0 (state, "kept") == 0 || g_strcmp0 (state, "withdrawn") == 0) &&
         g_strcmp0 (promise_changed_at (promise), since) <= 0;
}

static void
append_promise (GString *out, JsonObject *promise)
{
  JsonObject *update = member_object (promise, "latest_update");
  g_autofree char *label = helder_personal_promise_label (promise);
  g_autofree char *due = helder_personal_format_date (member_string (promise, "due_on"));

  g_string_append (out, "- **");
  helder_markdown_append_inline (out, label);
  g_string_append (out, "** — ");
  g_string_append_printf (out, _ ("due %s"), due);
  g_string_append (out, "\n\n");
  append_block (out, member_string (promise, "text"), "  ");
  if (member_string (promise, "made_by") != NULL)
    {
      g_autofree char *made_on = helder_personal_format_date (member_string (promise, "made_on"));
      g_autofree char *line =
        g_strdup_printf (_ ("Promised by %s on %s."), member_string (promise, "made_by"), made_on);

      g_string_append (out, "  ");
      helder_markdown_append_inline (out, line);
      g_string_append (out, "\n\n");
    }
  if (update != NULL && member_string (update, "note") != NULL &&
      *member_string (update, "note") != '\0')
    {
      g_autofree char *day = g_strndup (member_string (update, "created_at"), 10);
      g_autofree char *date = helder_personal_format_date (day);

      g_string_append (out, "  *");
      g_string_append_printf (out, _ ("Latest update (%s):"), date);
      g_string_append (out, "*\n\n");
      append_block (out, member_string (update, "note"), "  ");
    }
}

/* With @since, kept and withdrawn promises settled before it are one
 * count with a link to the page that lists them. */
static void
append_promises (GString *out,
                 JsonArray *promises,
                 const char *partner,
                 const char *since,
                 const char *link)
{
  guint settled = 0;

  if (partner != NULL)
    {
      g_autofree char *heading = g_strdup_printf (_ ("Commitments to %s"), partner);

      append_heading (out, heading);
    }
  else
    append_heading (out, _ ("Promises made to you"));
  if (promises == NULL || json_array_get_length (promises) == 0)
    {
      g_string_append_printf (
        out, "%s\n\n",
        partner != NULL ? _ ("No commitments have been recorded for you or your organisation.")
                        : _ ("No promises have been recorded for you or your groups."));
      return;
    }
  for (guint i = 0; i < json_array_get_length (promises); i++)
    {
      JsonObject *promise = json_array_get_object_element (promises, i);

      if (promise_settled_before (promise, since))
        settled++;
      else
        append_promise (out, promise);
    }
  if (settled > 0)
    {
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "%u kept or withdrawn promise from before is on your own page.",
                     "%u kept or withdrawn promises from before are on your own page.", settled),
        settled);

      if (link != NULL && link[0] != '\0')
        {
          g_string_append_c (out, '[');
          helder_markdown_append_inline (out, text);
          g_string_append_printf (out, "](<%s#promises>)", link);
        }
      else
        helder_markdown_append_inline (out, text);
      g_string_append (out, "\n\n");
    }
}

/**
 * helder_personal_moment_note:
 * @moment: a moment of the "past" section
 *
 * Returns: (nullable): for a message the person did not receive (it went
 *   out before they were in its audience) a sentence that says so, in the
 *   current gettext language; %NULL for one they received
 */
const char *
helder_personal_moment_note (JsonObject *moment)
{
  if (!member_true (moment, "not_received"))
    return NULL;
  if (member_true (moment, "joined_later"))
    return _ ("Sent before you joined: you did not receive this message.");
  return _ ("Not sent to you: it went out before you were in its audience, or none of its "
            "channels reached you then.");
}

static void
append_moments (GString *out, const char *heading, const char *empty, JsonArray *moments)
{
  append_heading (out, heading);
  if (moments == NULL || json_array_get_length (moments) == 0)
    {
      g_string_append_printf (out, "%s\n\n", empty);
      return;
    }
  for (guint i = 0; i < json_array_get_length (moments); i++)
    {
      JsonObject *moment = json_array_get_object_element (moments, i);
      g_autofree char *when =
        helder_personal_datetime_label (member_string (moment, "scheduled_at"));

      g_string_append (out, "- ");
      helder_markdown_append_inline (out, when);
      g_string_append (out, " — **");
      helder_markdown_append_inline (out, member_string (moment, "title"));
      g_string_append (out, "**");
      if (member_true (moment, "meeting"))
        g_string_append_printf (out, " (%s)", _ ("meeting"));
      if (helder_personal_moment_note (moment) != NULL)
        {
          g_string_append (out, " — ");
          helder_markdown_append_inline (out, helder_personal_moment_note (moment));
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static void
append_decisions (GString *out, JsonArray *decisions, JsonArray *upcoming)
{
  append_heading (out, _ ("Decisions"));
  if ((decisions == NULL || json_array_get_length (decisions) == 0) &&
      (upcoming == NULL || json_array_get_length (upcoming) == 0))
    {
      g_string_append_printf (out, "%s\n\n", _ ("No Go/No-Go decisions concern your groups."));
      return;
    }
  for (guint i = 0; decisions != NULL && i < json_array_get_length (decisions); i++)
    {
      JsonObject *gate = json_array_get_object_element (decisions, i);
      const char *decided_at = member_string (gate, "decided_at");
      g_autofree char *day = decided_at ? g_strndup (decided_at, 10) : NULL;
      g_autofree char *date =
        helder_personal_format_date (day ? day : member_string (gate, "decide_on"));
      g_autofree char *title = helder_personal_gate_title (member_string (gate, "name"));

      g_string_append (out, "- **");
      helder_markdown_append_inline (out, title);
      g_string_append (out, "** — ");
      helder_markdown_append_inline (
        out, helder_personal_decision_label (member_string (gate, "decision")));
      g_string_append_printf (out, " (%s)\n\n", date);
      append_block (out, member_string (gate, "rationale"), "  ");
    }
  for (guint i = 0; upcoming != NULL && i < json_array_get_length (upcoming); i++)
    {
      JsonObject *gate = json_array_get_object_element (upcoming, i);
      g_autofree char *date = helder_personal_format_date (member_string (gate, "decide_on"));
      g_autofree char *title = helder_personal_gate_title (member_string (gate, "name"));

      g_string_append (out, "- **");
      helder_markdown_append_inline (out, title);
      g_string_append (out, "** — ");
      g_string_append_printf (out, _ ("decision expected on %s"), date);
      g_string_append (out, "\n\n");
    }
}

static void
append_news (GString *out, JsonArray *news, const char *heading)
{
  append_heading (out, heading);
  if (news == NULL || json_array_get_length (news) == 0)
    {
      g_string_append_printf (out, "%s\n\n", _ ("Nothing new since then."));
      return;
    }
  for (guint i = 0; i < json_array_get_length (news); i++)
    {
      JsonObject *item = json_array_get_object_element (news, i);
      g_autofree char *label = helder_personal_news_label (item);
      g_autofree char *title = helder_personal_news_title (item);

      g_string_append (out, "- **");
      helder_markdown_append_inline (out, label);
      g_string_append (out, ":** ");
      helder_markdown_append_inline (out, title);
      g_string_append (out, "\n\n");
      append_block (out, member_string (item, "note"), "  ");
    }
}

/* The earlier messages after @since (all of them without it). */
static JsonArray *
past_since (JsonArray *past, const char *since)
{
  JsonArray *result = json_array_new ();

  for (guint i = 0; past != NULL && i < json_array_get_length (past); i++)
    {
      JsonObject *moment = json_array_get_object_element (past, i);

      if (since == NULL || g_strcmp0 (member_string (moment, "scheduled_at"), since) > 0)
        json_array_add_object_element (result, json_object_ref (moment));
    }
  return result;
}

/**
 * helder_personal_partner:
 * @sections: the result of helder_personal_compute()
 *
 * Returns: (nullable): for an external person, who they speak for: their
 *   organisation, else their first group; %NULL for everyone else
 */
const char *
helder_personal_partner (JsonObject *sections)
{
  JsonObject *person = member_object (sections, "person");
  JsonArray *groups = member_array (person, "groups");
  const char *organisation = member_string (person, "organisation");

  if (!member_true (person, "external"))
    return NULL;
  if (organisation != NULL && organisation[0] != '\0')
    return organisation;
  if (groups != NULL && json_array_get_length (groups) > 0)
    return member_string (json_array_get_object_element (groups, 0), "name");
  return member_string (person, "name");
}

/**
 * helder_personal_to_markdown:
 * @sections: the result of helder_personal_compute()
 * @news: (nullable): helder_personal_news() for @since, shown first
 * @since: (nullable): UTC; with it the picture is short: kept and
 *   withdrawn promises settled before it are a count with a link, and
 *   earlier messages are only those after it
 * @news_heading: (nullable): the heading of @news
 * @link: (nullable): the person's own page
 *
 * The same sections as CommonMark, in the current gettext language, for
 * the digest. Text from the store that is one line (titles, names) is
 * escaped; Markdown from the store (what changes, promises, rationales) is
 * kept as Markdown. An external person's (helder_personal_partner())
 * has no role or transition and speaks of their organisation.
 *
 * Returns: (transfer full): CommonMark text, or %NULL with @error when
 *   @sections is not what helder_personal_compute() returns
 */
char *
helder_personal_to_markdown (JsonObject *sections,
                             JsonArray *news,
                             const char *since,
                             const char *news_heading,
                             const char *link,
                             GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (JsonArray) past = NULL;
  JsonObject *person = member_object (sections, "person");
  JsonObject *role;
  JsonNode *transition;
  const char *partner;

  g_return_val_if_fail (sections != NULL, NULL);

  transition = json_object_get_member (sections, "transition");
  if (person == NULL || transition == NULL ||
      !(JSON_NODE_HOLDS_NULL (transition) || JSON_NODE_HOLDS_OBJECT (transition)))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("personal sections: “person” and “transition” are missing"));
      return NULL;
    }
  partner = helder_personal_partner (sections);

  if (news != NULL)
    append_news (out, news, news_heading != NULL ? news_heading : _ ("What is new"));
  if (partner == NULL)
    {
      role = member_object (person, "role");
      append_heading (out, _ ("Your role now"));
      if (role != NULL)
        helder_markdown_append_inline (out, member_string (role, "name"));
      else
        g_string_append (out, _ ("No role is recorded for you in this programme."));
      g_string_append (out, "\n\n");

      append_transition (
        out, JSON_NODE_HOLDS_OBJECT (transition) ? json_node_get_object (transition) : NULL);
    }
  append_promises (out, member_array (sections, "promises"), partner, since, link);
  if (partner != NULL)
    {
      g_autofree char *heading = g_strdup_printf (_ ("Coming up for %s"), partner);

      append_moments (out, heading, _ ("Nothing is planned for you yet."),
                      member_array (sections, "coming"));
    }
  else
    append_moments (out, _ ("Coming up for you"), _ ("Nothing is planned for you yet."),
                    member_array (sections, "coming"));
  past = past_since (member_array (sections, "past"), since);
  /* With @since, no earlier messages is nothing to say. */
  if (since == NULL || json_array_get_length (past) > 0)
    append_moments (out, _ ("Earlier messages"), _ ("No messages have reached you yet."), past);
  append_decisions (out, member_array (sections, "decisions"),
                    member_array (sections, "upcoming_decisions"));

  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
  return g_string_free (g_steal_pointer (&out), FALSE);
}
