/* helder-web-me.c — a person's own page, its JSON and calendar feed
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * /me and /api/v1/me show the signed-in person their own transition; the
 * advisor opens /people/{id} to see a person's page exactly as that person
 * sees it, with a banner saying whose page it is, and that read goes into
 * the audit log. All of it comes from one core service,
 * helder_personal_compute(), so the page, the API and the e-mail digest
 * say the same thing; this file only adds what people read (dates, labels,
 * Markdown rendered to safe HTML).
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "model/helder-text.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-repo-audited.h"
#include "services/views/helder-calendar.h"
#include "services/delivery/helder-digest.h"
#include "services/views/helder-personal.h"
#include "services/views/helder-role-change-text.h"
#include "web/helder-web-private.h"

#define CALENDAR_TYPE "text/calendar; charset=utf-8"

static const char *
string_or_null (JsonObject *object, const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
object_or_null (JsonObject *object, const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

/* Sets @member to @value and frees @value. */
static void
take_string (JsonObject *object, const char *member, char *value)
{
  json_object_set_string_member (object, member, value ? value : "");
  g_free (value);
}

static char *
names_of (JsonArray *groups)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; groups != NULL && i < json_array_get_length (groups); i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, string_or_null (json_array_get_object_element (groups, i), "name"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- the page context ------------------------------------------------------- */

static JsonObject *
contact_context (JsonObject *contact)
{
  JsonObject *result = json_object_new ();
  const char *email = string_or_null (contact, "email");

  json_object_set_string_member (result, "contact_name", string_or_null (contact, "name"));
  if (email != NULL)
    {
      json_object_set_string_member (result, "contact_email", email);
      take_string (result, "contact_mailto", g_strconcat ("mailto:", email, NULL));
    }
  return result;
}

static void
add_transition (JsonObject *context, JsonObject *transition)
{
  const char *status = string_or_null (transition, "status");
  JsonObject *contact = object_or_null (transition, "contact");
  JsonObject *to_role = object_or_null (transition, "to_role");
  JsonObject *shown;

  if (contact != NULL)
    json_object_set_object_member (context, "contact", contact_context (contact));

  if (transition == NULL)
    {
      json_object_set_boolean_member (context, "no_change", TRUE);
      return;
    }
  if (g_strcmp0 (status, "conversation_planned") == 0)
    {
      json_object_set_boolean_member (context, "conversation_planned", TRUE);
      return;
    }

  shown = json_object_new ();
  json_object_set_string_member (shown, "status", status);
  json_object_set_string_member (shown, "status_label",
                                 helder_personal_change_status_label (status));
  if (json_object_get_boolean_member_with_default (transition, "undecided", FALSE))
    {
      const char *expected = string_or_null (transition, "decision_expected");

      json_object_set_boolean_member (shown, "undecided", TRUE);
      if (expected != NULL)
        {
          g_autofree char *date = helder_web_format_date (expected);

          take_string (shown, "undecided_text",
                       g_strdup_printf (_ ("Not decided yet — decision expected on %s."), date));
        }
      else
        json_object_set_string_member (shown, "undecided_text", _ ("Not decided yet."));
    }
  else
    {
      json_object_set_boolean_member (shown, "undecided", FALSE);
      json_object_set_string_member (shown, "to_role_name", string_or_null (to_role, "name"));
      take_string (shown, "to_role_html",
                   helder_web_markdown (string_or_null (to_role, "description")));
      json_object_set_boolean_member (
        shown, "same_role",
        json_object_get_boolean_member_with_default (transition, "same_role", FALSE));
    }
  if (string_or_null (transition, "effective_on") != NULL)
    {
      g_autofree char *date = helder_web_format_date (string_or_null (transition, "effective_on"));

      take_string (shown, "effective_text", g_strdup_printf (_ ("Effective from %s."), date));
    }
  take_string (shown, "changes_html", helder_web_markdown (string_or_null (transition, "changes")));
  json_object_set_object_member (context, "transition", shown);
}

/* Kept and withdrawn promises are settled: the page folds them away. */
static gboolean
promise_settled (JsonObject *promise)
{
  const char *state = string_or_null (promise, "effective_status");

  return g_strcmp0 (state, "kept") == 0 || g_strcmp0 (state, "withdrawn") == 0;
}

/* The promises that are still open (settled = FALSE: late, broken, open)
 * or the settled ones (settled = TRUE: kept, withdrawn). */
/* Whether @news holds an item of @kind_prefix about @id ("promise", 3). */
static gboolean
is_new (JsonArray *news, const char *member, gint64 id)
{
  for (guint i = 0; news != NULL && i < json_array_get_length (news); i++)
    {
      JsonObject *item = json_array_get_object_element (news, i);

      if (json_object_has_member (item, member) && json_object_get_int_member (item, member) == id)
        return TRUE;
    }
  return FALSE;
}

static JsonArray *
promises_context (JsonArray *promises, gboolean settled, JsonArray *news)
{
  JsonArray *items = json_array_new ();

  for (guint i = 0; promises != NULL && i < json_array_get_length (promises); i++)
    {
      JsonObject *promise = json_array_get_object_element (promises, i);
      JsonObject *update;
      JsonObject *item;
      g_autofree char *due = NULL;
      g_autofree char *made_on = NULL;

      if (promise_settled (promise) != settled)
        continue;
      update = object_or_null (promise, "latest_update");
      item = json_object_new ();
      due = helder_web_format_date (string_or_null (promise, "due_on"));
      made_on = helder_web_format_date (string_or_null (promise, "made_on"));

      json_object_set_int_member (item, "promise_id", json_object_get_int_member (promise, "id"));
      json_object_set_boolean_member (
        item, "is_new", is_new (news, "promise", json_object_get_int_member (promise, "id")));
      json_object_set_string_member (item, "state", string_or_null (promise, "effective_status"));
      take_string (item, "state_label", helder_personal_promise_label (promise));
      take_string (item, "due_text", g_strdup_printf (_ ("due %s"), due));
      take_string (item, "text_html", helder_web_markdown (string_or_null (promise, "text")));
      /* names inside a sentence are isolated, as <bdi> does for a value */
      g_autofree char *made_by = helder_text_isolate (string_or_null (promise, "made_by"));

      take_string (item, "made_text",
                   g_strdup_printf (_ ("Promised by %s, on %s."), made_by, made_on));
      if (json_object_get_boolean_member_with_default (promise, "personal", FALSE))
        json_object_set_string_member (item, "to_text", _ ("Made to you personally."));
      else
        {
          g_autofree char *names = names_of (json_object_get_array_member (promise, "groups"));
          g_autofree char *groups = helder_text_isolate (names);

          take_string (item, "to_text", g_strdup_printf (_ ("Made to: %s."), groups));
        }
      if (update != NULL && string_or_null (update, "note") != NULL &&
          *string_or_null (update, "note") != '\0')
        {
          JsonObject *u = json_object_new ();
          g_autofree char *day = g_strndup (string_or_null (update, "created_at"), 10);
          g_autofree char *date = helder_web_format_date (day);

          take_string (u, "update_heading", g_strdup_printf (_ ("Latest update (%s):"), date));
          take_string (u, "update_html", helder_web_markdown (string_or_null (update, "note")));
          json_object_set_object_member (item, "update", u);
        }
      else
        json_object_set_null_member (item, "update");
      json_array_add_object_element (items, item);
    }
  return items;
}

static JsonArray *
moments_context (JsonArray *moments, JsonArray *news)
{
  JsonArray *items = json_array_new ();

  for (guint i = 0; moments != NULL && i < json_array_get_length (moments); i++)
    {
      JsonObject *moment = json_array_get_object_element (moments, i);
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "moment_id", json_object_get_int_member (moment, "id"));
      json_object_set_boolean_member (
        item, "is_new", is_new (news, "moment", json_object_get_int_member (moment, "id")));
      json_object_set_string_member (item, "title", string_or_null (moment, "title"));
      json_object_set_string_member (item, "scheduled_at", string_or_null (moment, "scheduled_at"));
      take_string (item, "when_text",
                   helder_web_format_datetime (string_or_null (moment, "scheduled_at")));
      json_object_set_boolean_member (
        item, "meeting", json_object_get_boolean_member_with_default (moment, "meeting", FALSE));
      take_string (item, "body_html", helder_web_markdown (string_or_null (moment, "body")));
      if (helder_personal_moment_note (moment) != NULL)
        json_object_set_string_member (item, "not_received", helder_personal_moment_note (moment));
      json_array_add_object_element (items, item);
    }
  return items;
}

static void
add_decisions (JsonObject *context, JsonArray *decisions, JsonArray *upcoming)
{
  JsonArray *decided = json_array_new ();
  JsonArray *expected = json_array_new ();

  for (guint i = 0; decisions != NULL && i < json_array_get_length (decisions); i++)
    {
      JsonObject *gate = json_array_get_object_element (decisions, i);
      JsonObject *item = json_object_new ();
      const char *decided_at = string_or_null (gate, "decided_at");
      g_autofree char *day =
        decided_at ? g_strndup (decided_at, 10) : g_strdup (string_or_null (gate, "decide_on"));

      take_string (item, "gate_title", helder_personal_gate_title (string_or_null (gate, "name")));
      json_object_set_string_member (item, "decision", string_or_null (gate, "decision"));
      json_object_set_string_member (
        item, "decision_label", helder_personal_decision_label (string_or_null (gate, "decision")));
      json_object_set_string_member (item, "decided_on", day);
      take_string (item, "decided_text", helder_web_format_date (day));
      take_string (item, "rationale_html",
                   helder_web_markdown (string_or_null (gate, "rationale")));
      json_array_add_object_element (decided, item);
    }
  for (guint i = 0; upcoming != NULL && i < json_array_get_length (upcoming); i++)
    {
      JsonObject *gate = json_array_get_object_element (upcoming, i);
      JsonObject *item = json_object_new ();
      g_autofree char *date = helder_web_format_date (string_or_null (gate, "decide_on"));

      take_string (item, "gate_title", helder_personal_gate_title (string_or_null (gate, "name")));
      json_object_set_string_member (item, "decide_on", string_or_null (gate, "decide_on"));
      take_string (item, "expected_text", g_strdup_printf (_ ("decision expected on %s"), date));
      json_array_add_object_element (expected, item);
    }
  json_object_set_boolean_member (
    context, "has_decisions",
    json_array_get_length (decided) + json_array_get_length (expected) > 0);
  json_object_set_array_member (context, "decisions", decided);
  json_object_set_array_member (context, "upcoming_decisions", expected);
}

/* What is new since the person's previous visit, first on the page. */
static void
add_news (JsonObject *context, JsonArray *news)
{
  JsonArray *items = json_array_new ();

  for (guint i = 0; news != NULL && i < json_array_get_length (news); i++)
    {
      JsonObject *entry = json_array_get_object_element (news, i);
      JsonObject *item = json_object_new ();

      take_string (item, "label", helder_personal_news_label (entry));
      take_string (item, "title", helder_personal_news_title (entry));
      if (string_or_null (entry, "note") != NULL)
        take_string (item, "note_html", helder_web_markdown (string_or_null (entry, "note")));
      json_array_add_object_element (items, item);
    }
  json_object_set_boolean_member (context, "show_news", news != NULL);
  json_object_set_boolean_member (context, "has_news", json_array_get_length (items) > 0);
  json_object_set_array_member (context, "news", items);
}

/* The person's own choice of the weekly digest, on their own page. */
static void
add_digest_form (JsonObject *context, JsonObject *person, const char *csrf)
{
  JsonObject *form = json_object_new ();
  const char *choice = string_or_null (person, "digest");
  gboolean external = json_object_get_boolean_member_with_default (person, "external", FALSE);
  gboolean weekly =
    g_strcmp0 (choice, "weekly") == 0 || (g_strcmp0 (choice, "default") == 0 && !external);

  json_object_set_string_member (form, "csrf", csrf);
  json_object_set_string_member (
    form, "digest_text",
    weekly ? _ ("You get a weekly overview by e-mail when something is new for you.")
           : _ ("You get no weekly overview by e-mail."));
  json_object_set_string_member (form, "digest_next", weekly ? "off" : "weekly");
  json_object_set_string_member (
    form, "digest_button", weekly ? _ ("Stop the weekly overview") : _ ("Get the weekly overview"));
  json_object_set_object_member (context, "digest_form", form);
}

static JsonObject *
page_context (JsonObject *sections, const char *calendar_href, JsonArray *news)
{
  JsonObject *context = json_object_new ();
  JsonObject *person = object_or_null (sections, "person");
  JsonObject *role = object_or_null (person, "role");
  JsonArray *promises =
    promises_context (json_object_get_array_member (sections, "promises"), FALSE, news);
  JsonArray *settled =
    promises_context (json_object_get_array_member (sections, "promises"), TRUE, news);
  JsonArray *coming = moments_context (json_object_get_array_member (sections, "coming"), news);
  JsonArray *past = moments_context (json_object_get_array_member (sections, "past"), news);
  const char *partner = helder_personal_partner (sections);

  json_object_set_string_member (context, "person_name", string_or_null (person, "name"));
  if (role != NULL)
    json_object_set_string_member (context, "role_now", string_or_null (role, "name"));
  take_string (context, "groups_text", names_of (json_object_get_array_member (person, "groups")));
  /* An external person reads what is meant for their organisation: no
   * role, no transition, no "promises made to you". */
  if (partner != NULL)
    {
      json_object_set_string_member (context, "partner", partner);
      take_string (context, "promises_heading", g_strdup_printf (_ ("Commitments to %s"), partner));
      take_string (context, "coming_heading", g_strdup_printf (_ ("Coming up for %s"), partner));
    }
  else
    {
      add_transition (context, object_or_null (sections, "transition"));
      json_object_set_string_member (context, "promises_heading", _ ("Promises made to you"));
      json_object_set_string_member (context, "coming_heading", _ ("Coming up for you"));
    }
  add_news (context, news);
  json_object_set_boolean_member (
    context, "has_promises",
    json_array_get_length (promises) + json_array_get_length (settled) > 0);
  json_object_set_boolean_member (context, "has_open_promises",
                                  json_array_get_length (promises) > 0);
  json_object_set_boolean_member (context, "has_settled", json_array_get_length (settled) > 0);
  take_string (
    context, "settled_summary",
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u kept or withdrawn promise",
                                  "%u kept or withdrawn promises", json_array_get_length (settled)),
                     json_array_get_length (settled)));
  json_object_set_array_member (context, "promises", promises);
  json_object_set_array_member (context, "settled", settled);
  json_object_set_boolean_member (context, "has_coming", json_array_get_length (coming) > 0);
  json_object_set_array_member (context, "coming", coming);
  json_object_set_boolean_member (context, "has_past", json_array_get_length (past) > 0);
  json_object_set_array_member (context, "past", past);
  add_decisions (context, json_object_get_array_member (sections, "decisions"),
                 json_object_get_array_member (sections, "upcoming_decisions"));
  json_object_set_string_member (context, "calendar_href", calendar_href);
  return context;
}

/* ---- handlers --------------------------------------------------------------- */

/* The {id} of /people/{id}, or 0 after answering 404. */
static gint64
person_param (HelderWebRequest *request)
{
  const char *text = helder_web_param (request, "id");
  guint64 id = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_autofree char *message = g_strdup_printf (_ ("no person “%s”"), text ? text : "");

      helder_web_respond_error (request, SOUP_STATUS_NOT_FOUND, "not_found", "id", message);
      return 0;
    }
  return (gint64) id;
}

static JsonObject *
compute (HelderWebRequest *request, gint64 person)
{
  g_autoptr (GError) error = NULL;
  JsonObject *sections = helder_personal_compute (request->store, person, request->today, &error);

  if (sections == NULL)
    helder_web_respond_gerror (request, NULL, error);
  return sections;
}

/* What addins add to everyone's digest (DESIGN.md §4: the page and the
 * digest say the same), as HTML; a section that fails is left out and
 * logged, the rest of the page stands. */
static JsonArray *
addin_sections (HelderWebRequest *request, gint64 person)
{
  GPtrArray *sections = helder_web_server_get_sections (request->server);
  JsonArray *result = json_array_new ();

  for (guint i = 0; sections != NULL && i < sections->len; i++)
    {
      const HelderDigestSection *section = g_ptr_array_index (sections, i);
      g_autoptr (GError) error = NULL;
      g_autofree char *markdown =
        section->func (request->store, person, request->today, section->user_data, &error);
      JsonObject *item;

      if (error != NULL)
        {
          g_warning ("section %s of person %" PRId64 ": %s", section->name, person, error->message);
          continue;
        }
      if (markdown == NULL || markdown[0] == '\0')
        continue;
      item = json_object_new ();
      json_object_set_string_member (item, "name", section->name);
      take_string (item, "html", helder_web_markdown (markdown));
      json_array_add_object_element (result, item);
    }
  return result;
}

/* What is new for @person since their previous visit; @own records this
 * visit (their own page load). NULL after answering with an error. */
static JsonArray *
news_since_visit (HelderWebRequest *request, JsonObject *sections, gint64 person, gboolean own)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *since = NULL;
  JsonArray *news;

  if (!helder_personal_visit (request->store, person, now, request->today, own, &since, &error) ||
      (news = helder_personal_news (request->store, sections, NULL, since, &error)) == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return NULL;
    }
  return news;
}

static void
respond_personal_page (HelderWebRequest *request,
                       JsonObject *sections,
                       JsonArray *news,
                       const char *title,
                       const char *calendar_href,
                       const char *banner,
                       JsonObject *preview,
                       gboolean own)
{
  g_autoptr (JsonObject) context = page_context (sections, calendar_href, news);
  JsonObject *me = object_or_null (sections, "person");

  /* On their own page, people answer the meetings they are invited to. */
  if (own)
    helder_web_rsvp_add_choices (request, json_object_get_array_member (context, "coming"));

  json_object_set_array_member (
    context, "addin_sections",
    addin_sections (request, me != NULL ? json_object_get_int_member (me, "id") : 0));
  /* The plugins' panels (helder_context_add_web_panel()), forms included. */
  json_object_set_array_member (
    context, "panels",
    helder_web_panels (request, "me", me != NULL ? json_object_get_int_member (me, "id") : 0,
                       !own));

  json_object_set_string_member (context, "heading", title);
  json_object_set_string_member (
    context, "lede",
    json_object_has_member (context, "partner")
      ? _ (
          "What the transition brings for your organisation: the commitments made to you, what is coming, and the decisions that concern you.")
      : _ (
          "What the transition means for you: your role, what changes, who to talk to, the promises made to you, and what is coming."));
  if (banner != NULL)
    json_object_set_string_member (context, "banner", banner);
  if (preview != NULL)
    json_object_set_object_member (context, "preview", json_object_ref (preview));
  if (own)
    add_digest_form (context, me, request->identity.csrf);
  helder_web_respond_page (request, SOUP_STATUS_OK, "me", title, context);
}

void
helder_web_handle_me_page (HelderWebRequest *request)
{
  g_autoptr (JsonObject) sections = compute (request, request->identity.person);
  g_autoptr (JsonArray) news = NULL;
  const char *partner;
  g_autofree char *title = NULL;

  if (sections == NULL)
    return;
  news = news_since_visit (request, sections, request->identity.person, TRUE);
  if (news == NULL)
    return;
  partner = helder_personal_partner (sections);
  title = partner != NULL ? g_strdup_printf (_ ("What is happening for %s"), partner)
                          : g_strdup (_ ("Your transition"));
  respond_personal_page (request, sections, news, title, "/api/v1/me/calendar.ics", NULL, NULL,
                         TRUE);
}

void
helder_web_handle_person_page (HelderWebRequest *request)
{
  gint64 person = person_param (request);
  g_autoptr (JsonObject) sections = NULL;
  g_autofree char *key = NULL;
  g_autofree char *title = NULL;
  g_autofree char *banner = NULL;
  g_autofree char *calendar = NULL;
  const char *name;

  g_autofree char *detail = NULL;
  /* Raw: helder_web_query() hides a value that is not UTF-8, and a bad
   * ?on= must be refused, not ignored. */
  const char *on = request->query != NULL ? g_hash_table_lookup (request->query, "on") : NULL;
  g_autoptr (JsonObject) preview = json_object_new ();
  g_autoptr (JsonArray) news = NULL;

  if (person == 0)
    return;
  /* ?on=DATE: the page as it reads on that day, to preview what a
   * decision date or a due promise will make it say. */
  if (on != NULL && on[0] != '\0')
    {
      if (!helder_date_parse (on, NULL))
        {
          g_autofree char *message =
            g_strdup_printf (_ ("on: “%s” is not a date (use YYYY-MM-DD, a day that exists)"),
                             g_utf8_validate (on, -1, NULL) ? on : "?");

          helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", "on", message);
          return;
        }
      request->today = on;
    }
  else
    on = NULL;
  sections = compute (request, person);
  if (sections == NULL)
    return;
  news = news_since_visit (request, sections, person, FALSE);
  if (news == NULL)
    return;
  name = string_or_null (object_or_null (sections, "person"), "name");
  key = g_strdup_printf ("%" PRId64, person);
  detail = on != NULL ? g_strdup_printf ("personal page on %s", on) : g_strdup ("personal page");
  if (person != request->identity.person)
    helder_web_audit (request, "read", "person", key, person, detail);

  title = g_strdup_printf (_ ("Transition of %s"), name);
  if (on != NULL)
    {
      g_autofree char *day = helder_web_format_date (on);

      banner = g_strdup_printf (
        _ (
          "You are looking at the page of %s as it reads on %s, not as it reads today. This visit is recorded in the audit log."),
        name, day);
    }
  else
    banner = g_strdup_printf (
      _ (
        "You are looking at the page of %s, exactly as they see it. This visit is recorded in the audit log."),
      name);
  calendar = g_strdup_printf ("/people/%" PRId64 "/calendar.ics", person);
  take_string (preview, "action", g_strdup_printf ("/people/%" PRId64, person));
  json_object_set_string_member (preview, "on", on != NULL ? on : request->today);
  {
    g_autoptr (GError) error = NULL;
    JsonArray *warnings = helder_role_change_text_warnings_for (request->store, person, &error);

    if (warnings == NULL)
      {
        helder_web_respond_gerror (request, NULL, error);
        return;
      }
    json_object_set_boolean_member (preview, "has_warnings", json_array_get_length (warnings) > 0);
    json_object_set_array_member (preview, "warnings", warnings);
  }
  respond_personal_page (request, sections, news, title, calendar, banner, preview, FALSE);
}

/* POST /me/digest digest=default|weekly|off: the person's own choice of
 * the weekly digest (an external person's is off until they choose it).
 * A change of their own record: audited like the others. */
void
helder_web_handle_me_digest (HelderWebRequest *request)
{
  HelderAuditActor actor;
  static const char *const known[] = { "csrf", "digest", NULL };
  g_autoptr (GHashTable) form = helder_web_read_form (request);
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *detail = NULL;
  const HelderEntity *entity = helder_entity_lookup ("person");
  const char *choice;
  GHashTableIter iter;
  gpointer name;

  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_strv_contains (known, name))
      {
        g_autofree char *message =
          g_strdup_printf (_ ("%s: unknown field of this form"), (const char *) name);

        helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name, message);
        return;
      }
  choice = g_hash_table_lookup (form, "digest");
  if (choice == NULL ||
      !helder_field_has_choice (helder_entity_get_field (entity, "digest"), choice))
    {
      g_autofree char *message =
        g_strdup_printf (_ ("digest: “%s” is not one of default, weekly, off"),
                         choice != NULL && g_utf8_validate (choice, -1, NULL) ? choice : "");

      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", "digest", message);
      return;
    }
  key = g_strdup_printf ("%" PRId64, request->identity.person);
  json_object_set_string_member (changes, "digest", choice);
  detail = g_strdup_printf ("digest %s", choice);
  helder_web_request_actor (request, &actor);
  row = helder_repo_update_as (request->store, &actor, entity, key, changes, detail, &error);
  if (row == NULL)
    {
      helder_web_respond_gerror (request, entity, error);
      return;
    }
  helder_web_redirect (request, "/me#digest");
}

/* ---- /api/v1/me, with a cache --------------------------------------------- */

/* Programs poll /api/v1/me. Its answer depends only on the person, the
 * day and the database, so the serialised answer is kept per person until
 * the database changes (helder_store_stamp()) or the day does; the
 * whole cache is dropped then. The cache hangs on the store, as the
 * insights cache does, and holds at most ME_CACHE_SIZE answers. */
#define ME_CACHE_KEY  "helder-web-me-cache"
#define ME_CACHE_SIZE 256

typedef struct
{
  HelderStoreStamp stamp;
  char *today;
  GHashTable *answers; /* gint64 person → MeAnswer */
} MeCache;

typedef struct
{
  GBytes *body;
  char *etag;
} MeAnswer;

static void
me_answer_free (MeAnswer *answer)
{
  g_bytes_unref (answer->body);
  g_free (answer->etag);
  g_free (answer);
}

static void
me_cache_free (MeCache *cache)
{
  g_free (cache->today);
  g_hash_table_unref (cache->answers);
  g_free (cache);
}

/* The cache for @request's store, emptied when the data or the day moved
 * on; NULL when the version cannot be read (then nothing is cached). */
static MeCache *
me_cache (HelderWebRequest *request)
{
  MeCache *cache = g_object_get_data (G_OBJECT (request->store), ME_CACHE_KEY);
  HelderStoreStamp stamp;

  if (!helder_store_stamp (request->store, &stamp, NULL))
    return NULL;
  if (cache == NULL)
    {
      cache = g_new0 (MeCache, 1);
      cache->answers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) me_answer_free);
      g_object_set_data_full (G_OBJECT (request->store), ME_CACHE_KEY, cache,
                              (GDestroyNotify) me_cache_free);
    }
  if (!helder_store_stamp_equal (&cache->stamp, &stamp) ||
      g_strcmp0 (cache->today, request->today) != 0 ||
      g_hash_table_size (cache->answers) >= ME_CACHE_SIZE)
    {
      g_hash_table_remove_all (cache->answers);
      cache->stamp = stamp;
      g_free (cache->today);
      cache->today = g_strdup (request->today);
    }
  return cache;
}

static MeAnswer *
me_answer_new (JsonObject *sections)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_node_init_object (json_node_alloc (), sections);
  MeAnswer *answer = g_new0 (MeAnswer, 1);
  g_autofree char *digest = NULL;
  gsize length;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  answer->body = g_bytes_new_take (text, length);
  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, answer->body);
  answer->etag = g_strdup_printf ("\"%.32s\"", digest);
  return answer;
}

void
helder_web_handle_api_me (HelderWebRequest *request)
{
  MeCache *cache = me_cache (request);
  gint64 person = request->identity.person;
  MeAnswer *answer = cache ? g_hash_table_lookup (cache->answers, &person) : NULL;
  MeAnswer *fresh = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);
  const char *match;

  if (answer == NULL)
    {
      g_autoptr (JsonObject) sections = compute (request, person);

      if (sections == NULL)
        return;
      answer = fresh = me_answer_new (sections);
      if (cache != NULL)
        g_hash_table_insert (cache->answers, g_memdup2 (&person, sizeof person), answer);
    }

  soup_message_headers_replace (headers, "ETag", answer->etag);
  match = soup_message_headers_get_one (soup_server_message_get_request_headers (request->msg),
                                        "If-None-Match");
  if (match != NULL && strstr (match, answer->etag) != NULL)
    {
      g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);

      helder_web_respond_bytes (request, SOUP_STATUS_NOT_MODIFIED,
                                "application/json; charset=utf-8", empty);
    }
  else
    helder_web_respond_bytes (request, SOUP_STATUS_OK, "application/json; charset=utf-8",
                              answer->body);
  if (cache == NULL && fresh != NULL)
    me_answer_free (fresh);
}

/* Answers with @person's calendar; FALSE when it answered with an error. */
static gboolean
respond_calendar (HelderWebRequest *request, gint64 person)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  char *text = helder_calendar_for_person (request->store, person, NULL, &error);

  if (text == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return FALSE;
    }
  bytes = g_bytes_new_take (text, strlen (text));
  helder_web_respond_bytes (request, SOUP_STATUS_OK, CALENDAR_TYPE, bytes);
  return TRUE;
}

void
helder_web_handle_me_calendar (HelderWebRequest *request)
{
  respond_calendar (request, request->identity.person);
}

void
helder_web_handle_person_calendar (HelderWebRequest *request)
{
  gint64 person = person_param (request);
  g_autofree char *key = NULL;

  if (person == 0 || !respond_calendar (request, person))
    return;
  key = g_strdup_printf ("%" PRId64, person);
  if (person != request->identity.person)
    helder_web_audit (request, "read", "person", key, person, "calendar feed");
}
