/* test-web-pages.c — the personal page, its JSON and calendar feeds over HTTP
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real server on loopback with the demo programme: /me for an employee
 * whose role change was discussed and for one whose change is still a
 * draft (conversation planned, nothing more), /people/{id} for the advisor
 * (same content, a banner, one audit line), /api/v1/me equal to the core
 * service and refreshed when the database changes, the calendar feeds
 * (also with ?token= as calendar apps send it), escaping of what the
 * advisor typed, and no other person's data in an employee's responses.
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <libical/ical.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "services/views/helder-personal.h"
#include "services/repo/helder-repo.h"

typedef struct
{
  HelderWebTest *web;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->web = helder_web_test_start ();
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  helder_web_test_stop (f->web);
}

static HelderWebTestResponse *
get_cookie (HelderWebTest *web, const char *path, HelderWebTestUser *user)
{
  return helder_web_test_request (web, "GET", path, user, "cookie", NULL, NULL, 0, NULL);
}

static char *
text_of (HelderStore *store, const char *sql, gint64 arg)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, arg);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
count_of (HelderStore *store, const char *sql, gint64 a, gint64 b)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Everything the programme publishes (titles, bodies, promises and who
 * made them, notes, rationales) and the employee's own "what changes":
 * names in there are not someone's record. */
static char *
public_text (HelderStore *store, gint64 employee)
{
  static const char sql[] =
    "SELECT group_concat (t, char (10)) FROM ("
    " SELECT title || char (10) || body || char (10) || author AS t FROM moment"
    " UNION ALL SELECT text || char (10) || made_by FROM commitment"
    " UNION ALL SELECT note || char (10) || author FROM commitment_update"
    " UNION ALL SELECT name || char (10) || coalesce (rationale, '') || char (10) || coalesce (decided_by, '') FROM gate"
    " UNION ALL SELECT changes FROM role_change WHERE person = ?1)";

  return text_of (store, sql, employee);
}

static void
assert_nothing_of_others (HelderWebTest *web,
                          HelderWebTestUser *employee,
                          const char *what,
                          const char *text)
{
  g_autofree char *published = public_text (web->store, employee->person);
  g_autofree char *contact =
    text_of (web->store, "SELECT contact FROM role_change WHERE person = ?1", employee->person);
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (web->store, "SELECT id, name, email FROM person", NULL);
  guint checked = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *email = (const char *) sqlite3_column_text (stmt, 2);

      if (id == employee->person || (contact != NULL && id == g_ascii_strtoll (contact, NULL, 10)))
        continue;
      if (email != NULL && strstr (text, email) != NULL)
        g_error ("%s shows %s to %s", what, email, employee->name);
      if (strstr (published, name) != NULL)
        continue;
      checked++;
      if (strstr (text, name) != NULL)
        g_error ("%s shows %s (person %" G_GINT64_FORMAT ") to %s", what, name, id, employee->name);
    }
  g_assert_cmpuint (checked, >, 30);
}

static JsonObject *
sections_of (HelderWebTest *web, gint64 person)
{
  g_autoptr (GError) error = NULL;
  JsonObject *sections = helder_personal_compute (web->store, person, web->today, &error);

  g_assert_no_error (error);
  return sections;
}

/* ---- /me -------------------------------------------------------------------- */

static void
test_me_discussed (Fixture *f, gconstpointer data)
{
  HelderWebTest *web = f->web;
  g_autoptr (JsonObject) sections = sections_of (web, web->employee.person);
  JsonObject *transition = json_object_get_object_member (sections, "transition");
  JsonObject *to_role = json_object_get_object_member (transition, "to_role");
  JsonObject *contact = json_object_get_object_member (transition, "contact");
  g_autoptr (HelderWebTestResponse) page = get_cookie (web, "/me", &web->employee);
  g_autoptr (HelderWebTestResponse) by_token = helder_web_test_get (web, "/me", &web->employee);
  g_autofree char *mailto =
    g_strdup_printf ("href=\"mailto:%s\"", json_object_get_string_member (contact, "email"));

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_cmpstr (page->content_type, ==, "text/html");
  g_assert_cmpstr (soup_message_headers_get_one (page->headers, "Cache-Control"), ==, "no-store");
  g_assert_cmpuint (by_token->status, ==, 200);
  g_assert_nonnull (strstr (page->text, "<h2 id=\"role-now\">"));
  g_assert_nonnull (strstr (page->text, "<h2 id=\"role-future\">"));
  g_assert_nonnull (strstr (page->text, "<h2 id=\"what-changes\">"));
  g_assert_nonnull (strstr (page->text, json_object_get_string_member (to_role, "name")));
  g_assert_nonnull (strstr (page->text, json_object_get_string_member (contact, "name")));
  g_assert_nonnull (strstr (page->text, mailto));
  g_assert_null (strstr (page->text, "style="));
  g_assert_null (strstr (page->text, "<script"));
  /* the promises: late ones say so */
  {
    JsonArray *promises = json_object_get_array_member (sections, "promises");
    JsonObject *first = json_array_get_object_element (promises, 0);

    g_assert_cmpstr (json_object_get_string_member (first, "effective_status"), ==, "late");
    {
      /* The page is in the person's language: look for the number of days
       * in the first late label, whatever the words around it. */
      const char *label = strstr (page->text, "<span class=\"status status--late\">");
      g_autofree char *days =
        g_strdup_printf (" %" G_GINT64_FORMAT " ", json_object_get_int_member (first, "days_late"));
      g_autofree char *shown = NULL;

      g_assert_nonnull (label);
      shown = g_strndup (label, strcspn (label + 1, "<") + 1);
      g_assert_nonnull (strstr (shown, days));
    }
  }
  assert_nothing_of_others (web, &web->employee, "/me", page->text);
}

static void
test_me_conversation_planned (Fixture *f, gconstpointer data)
{
  HelderWebTest *web = f->web;
  g_autoptr (HelderWebTestResponse) page = get_cookie (web, "/me", &web->employee2);
  g_autoptr (HelderWebTestResponse) api = helder_web_test_get (web, "/api/v1/me", &web->employee2);
  g_autofree char *to_role =
    text_of (web->store,
             "SELECT r.name FROM role_change rc JOIN role r ON r.slug = rc.to_role"
             " WHERE rc.person = ?1 AND r.slug != (SELECT role FROM person WHERE id = ?1)",
             web->employee2.person);
  g_autofree char *changes = text_of (
    web->store, "SELECT changes FROM role_change WHERE person = ?1", web->employee2.person);
  g_autoptr (JsonNode) root = NULL;
  JsonObject *transition;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (
    strstr (page->text, "A personal conversation about your future role is planned."));
  g_assert_null (strstr (page->text, "<h2 id=\"what-changes\">"));
  if (to_role != NULL)
    {
      g_assert_null (strstr (page->text, to_role));
      g_assert_null (strstr (api->text, to_role));
    }
  if (changes != NULL && strlen (changes) > 20)
    {
      g_autofree char *start = g_strndup (changes, 20);
      g_assert_null (strstr (page->text, start));
      g_assert_null (strstr (api->text, start));
    }

  g_assert_cmpuint (api->status, ==, 200);
  root = helder_web_test_json (api);
  transition = json_object_get_object_member (json_node_get_object (root), "transition");
  g_assert_cmpstr (json_object_get_string_member (transition, "status"), ==,
                   "conversation_planned");
  g_assert_false (json_object_has_member (transition, "to_role"));
  g_assert_false (json_object_has_member (transition, "changes"));
  g_assert_cmpuint (json_object_get_size (transition), ==, 2);
  g_assert_false (json_object_get_null_member (transition, "contact"));
  /* (the demo's draft is also undecided: not even that is said yet) */
  g_assert_null (strstr (page->text, "Not decided yet"));
  assert_nothing_of_others (web, &web->employee2, "/me", page->text);
  assert_nothing_of_others (web, &web->employee2, "/api/v1/me", api->text);
}

static void
test_escaping (Fixture *f, gconstpointer data)
{
  HelderWebTest *web = f->web;
  g_autofree char *json = g_strdup_printf (
    "{\"title\":\"<script>alert(1)</script> & \\\"quotes\\\"\","
    "\"body\":\"<img src=x onerror=alert(2)> [klik](javascript:alert(3)) **vet**\","
    "\"scheduled_at\":\"%sT23:00:00Z\",\"status\":\"approved\",\"channels\":[\"email\"],\"persons\":[%" G_GINT64_FORMAT
    "]}",
    web->today, web->employee.person);
  g_autoptr (HelderWebTestResponse) page = NULL;

  json_object_unref (helder_test_create (web->store, "moment", json));
  page = get_cookie (web, "/me", &web->employee);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (
    strstr (page->text,
            "<h3><bdi>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</bdi></h3>"));
  g_assert_null (strstr (page->text, "<script>alert"));
  g_assert_null (strstr (page->text, "onerror"));
  g_assert_null (strstr (page->text, "javascript:"));
  g_assert_nonnull (strstr (page->text, "<strong>vet</strong>"));
}

/* ---- /people/{id} --------------------------------------------------------------- */

/* Removes from @page each plugin panel (<div data-panel="…">) that
 * @preview lacks: a panel shows on the advisor's preview of a personal page
 * only when it says so (HelderWebPanel.in_preview), as a form a person
 * fills in for themselves does not. */
static void
strip_own_panels (char *page, const char *preview)
{
  char *open = page;

  while ((open = strstr (open, "<div data-panel=\"")) != NULL)
    {
      const char *name_end = strchr (open + strlen ("<div data-panel=\""), '"');
      g_autofree char *tag = g_strndup (open, name_end + 2 - open);
      char *p = open + 1;
      int depth = 1;

      if (strstr (preview, tag) != NULL)
        {
          open = p;
          continue;
        }
      while (depth > 0 && *p)
        {
          if (g_str_has_prefix (p, "<div"))
            depth++;
          else if (g_str_has_prefix (p, "</div>"))
            depth--;
          p++;
        }
      g_assert_cmpint (depth, ==, 0);
      p += strlen ("</div>") - 1;
      while (*p == '\n')
        p++;
      memmove (open, p, strlen (p) + 1);
    }
}

static void
test_person_page (Fixture *f, gconstpointer data)
{
  HelderWebTest *web = f->web;
  g_autofree char *path = g_strdup_printf ("/people/%" G_GINT64_FORMAT, web->employee.person);
  g_autofree char *calendar =
    g_strdup_printf ("/people/%" G_GINT64_FORMAT "/calendar.ics", web->employee.person);
  static const char audit_sql[] =
    "SELECT count (*) FROM audit_entry WHERE action = 'read' AND entity = 'person'"
    " AND subject = ?1 AND actor = ?2";
  gint64 before = count_of (web->store, audit_sql, web->employee.person, web->advisor.person);
  g_autoptr (HelderWebTestResponse) page = get_cookie (web, path, &web->advisor);
  g_autoptr (HelderWebTestResponse) own = get_cookie (web, "/me", &web->employee);
  g_autoptr (HelderWebTestResponse) as_employee = get_cookie (web, path, &web->employee2);
  g_autoptr (HelderWebTestResponse) as_hr = get_cookie (web, path, &web->hr);
  g_autoptr (HelderWebTestResponse) missing = get_cookie (web, "/people/987654", &web->advisor);
  g_autoptr (HelderWebTestResponse) bad = get_cookie (web, "/people/abc", &web->advisor);
  g_autoptr (HelderWebTestResponse) feed = NULL;
  g_autoptr (HelderWebTestResponse) feed_employee = NULL;
  g_autofree char *banner = g_strdup_printf (
    "You are looking at the page of %s, exactly as they see it.", web->employee.name);
  const char *main_page, *main_own;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->text, banner));
  g_assert_cmpint (count_of (web->store, audit_sql, web->employee.person, web->advisor.person), ==,
                   before + 1);

  /* The same sections as the person's own page, after the banner and title. */
  main_page = strstr (page->text, "<div class=\"grid\">");
  main_own = strstr (own->text, "<div class=\"grid\">");
  g_assert_nonnull (main_page);
  g_assert_nonnull (main_own);
  {
    g_autofree char *a = g_strndup (main_page, strstr (main_page, "</main>") - main_page);
    /* The person's own page adds their own choice of the weekly digest,
     * a form for them alone; the sections before it are the same. */
    const char *own_form = strstr (main_own, "<section aria-labelledby=\"digest\">");
    const char *own_end = strstr (main_own, "</main>");
    g_autofree char *b = NULL;

    g_assert_nonnull (own_form);
    g_assert_null (strstr (main_page, "<section aria-labelledby=\"digest\">"));
    g_assert_true (own_form < own_end);
    b = g_strchomp (g_strndup (main_own, own_form - main_own));
    g_strchomp (a);
    g_autofree char *own_feed = g_strdup ("/api/v1/me/calendar.ics");
    g_autofree char *adjusted = NULL;
    g_auto (GStrv) parts = g_strsplit (b, own_feed, -1);

    adjusted = g_strjoinv (calendar, parts);
    /* Only the person answers their meeting invitations: the forms are
     * theirs alone (tests/test-web-rsvp.c). */
    for (char *open; (open = strstr (adjusted, "<div class=\"rsvp\"")) != NULL;)
      {
        char *close = strstr (open, "</div>");

        g_assert_nonnull (close);
        memmove (open, close + strlen ("</div>"), strlen (close + strlen ("</div>")) + 1);
      }
    strip_own_panels (adjusted, a);
    g_strchomp (adjusted);
    g_assert_cmpstr (a, ==, adjusted);
  }

  g_assert_cmpuint (as_employee->status, ==, 403);
  g_assert_cmpuint (as_hr->status, ==, 403);
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_nonnull (strstr (missing->text, "987654"));
  g_assert_cmpuint (bad->status, ==, 404);
  g_assert_cmpint (count_of (web->store,
                             "SELECT count (*) FROM audit_entry WHERE subject = ?1"
                             " OR record IN (CAST (?2 AS TEXT), 'abc')",
                             987654, 987654),
                   ==, 0);

  feed = helder_web_test_get (web, calendar, &web->advisor);
  g_assert_cmpuint (feed->status, ==, 200);
  g_assert_cmpstr (feed->content_type, ==, "text/calendar");
  g_assert_cmpint (count_of (web->store, audit_sql, web->employee.person, web->advisor.person), ==,
                   before + 2);
  feed_employee = helder_web_test_get (web, calendar, &web->employee);
  g_assert_cmpuint (feed_employee->status, ==, 403);
}

/* Promises to @person still open and due before @day: counted from the
 * tables, not through the code that makes the page. */
static gint64
late_on (HelderStore *store, gint64 person, const char *day)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT count (*) FROM commitment c WHERE c.status = 'open' AND c.due_on < ?2"
    " AND (EXISTS (SELECT 1 FROM commitment_person cp WHERE cp.commitment = c.id AND cp.person = ?1)"
    "  OR EXISTS (SELECT 1 FROM commitment_group cg JOIN person_group pg ON pg.grp = cg.grp"
    "             WHERE cg.commitment = c.id AND pg.person = ?1))",
    NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, person);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static guint
occurrences (const char *text, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* ?on=DATE: the advisor previews the page as it reads on another day; a
 * bad day is refused and nothing is recorded; the footer says the
 * server's clock is set (the test pins it). */
static void
test_person_preview (Fixture *f, gconstpointer data)
{
  HelderWebTest *web = f->web;
  gint64 person = web->employee.person;
  g_autofree char *later = helder_date_add_days (web->today, 400);
  g_autofree char *path = g_strdup_printf ("/people/%" G_GINT64_FORMAT "?on=%s", person, later);
  g_autofree char *today_path =
    g_strdup_printf ("/people/%" G_GINT64_FORMAT "?on=%s", person, web->today);
  g_autofree char *plain_path = g_strdup_printf ("/people/%" G_GINT64_FORMAT, person);
  static const char *const bad[] = { "2027-02-30", "morgen", "2026-12-04T10:00", "%ff%fe",
                                     "31-12-2026" };
  static const char audit_sql[] =
    "SELECT count (*) FROM audit_entry WHERE action = 'read' AND entity = 'person'"
    " AND subject = ?1 AND actor = ?2";
  g_autoptr (HelderWebTestResponse) page = get_cookie (web, path, &web->advisor);
  g_autoptr (HelderWebTestResponse) same_day = get_cookie (web, today_path, &web->advisor);
  g_autoptr (HelderWebTestResponse) plain = get_cookie (web, plain_path, &web->advisor);
  g_autoptr (HelderWebTestResponse) as_employee = get_cookie (web, path, &web->employee);
  g_autofree char *value = g_strdup_printf ("value=\"%s\"", later);
  g_autofree char *detail = NULL;
  gint64 late_now = late_on (web->store, person, web->today);
  gint64 late_then = late_on (web->store, person, later);
  gint64 audits;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->text, "as it reads on"));
  g_assert_nonnull (strstr (page->text, value));
  /* The promises due meanwhile show as late on that day, and only then. */
  g_assert_cmpint (late_then, >, late_now);
  g_assert_cmpuint (occurrences (page->text, "status--late\""), ==, late_then);
  g_assert_cmpuint (occurrences (plain->text, "status--late\""), ==, late_now);
  g_assert_cmpuint (occurrences (same_day->text, "status--late\""), ==, late_now);
  /* Only the advisor previews. */
  g_assert_cmpuint (as_employee->status, ==, 403);
  detail =
    text_of (web->store,
             "SELECT detail FROM audit_entry WHERE subject = ?1 ORDER BY id DESC LIMIT 1", person);
  g_assert_nonnull (detail);
  g_assert_true (g_str_has_prefix (detail, "personal page"));

  /* The footer says the clock is pinned, on every page. */
  g_assert_nonnull (strstr (page->text, "site-footer__clock"));
  g_assert_nonnull (strstr (page->text, "HELDER_NOW"));

  audits = count_of (web->store, audit_sql, person, web->advisor.person);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *bad_path =
        g_strdup_printf ("/people/%" G_GINT64_FORMAT "?on=%s", person, bad[i]);
      g_autoptr (HelderWebTestResponse) refused = get_cookie (web, bad_path, &web->advisor);

      if (refused->status != 400)
        g_error ("?on=%s: HTTP %u", bad[i], refused->status);
      if (strstr (refused->text, "on") == NULL)
        g_error ("%s: %s", bad[i], refused->text);
    }
  g_assert_cmpint (count_of (web->store, audit_sql, person, web->advisor.person), ==, audits);
}

/* ---- /api/v1/me ---------------------------------------------------------------- */

static void
test_api_me (Fixture *f, gconstpointer data)
{
  HelderWebTest *web = f->web;
  g_autoptr (HelderWebTestResponse) first = helder_web_test_get (web, "/api/v1/me", &web->employee);
  g_autoptr (HelderWebTestResponse) again = NULL;
  g_autoptr (HelderWebTestResponse) changed = NULL;
  g_autoptr (HelderWebTestResponse) anonymous = helder_web_test_get (web, "/api/v1/me", NULL);
  g_autoptr (JsonObject) expected = sections_of (web, web->employee.person);
  g_autoptr (JsonNode) expected_node = json_node_init_object (json_node_alloc (), expected);
  g_autoptr (JsonNode) root = NULL;
  const char *etag;

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (first->content_type, ==, "application/json");
  root = helder_web_test_json (first);
  g_assert_true (json_node_equal (root, expected_node));
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (json_node_get_object (root), "person"), "id"),
                   ==, web->employee.person);
  assert_nothing_of_others (web, &web->employee, "/api/v1/me", first->text);

  /* A program that polls gets 304 while nothing changed. */
  etag = soup_message_headers_get_one (first->headers, "ETag");
  g_assert_nonnull (etag);
  again = helder_web_test_request (web, "GET", "/api/v1/me", &web->employee, "bearer", NULL, NULL,
                                   0, "If-None-Match", etag, NULL);
  g_assert_cmpuint (again->status, ==, 304);
  g_assert_cmpstr (again->text, ==, "");

  /* A change by another connection shows at once. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *key =
      text_of (web->store, "SELECT id FROM role_change WHERE person = ?1", web->employee.person);
    g_autoptr (JsonObject) changes =
      helder_test_object ("{\"changes\":\"Nieuw: je werkt **vanaf maart** in het regieteam.\"}");
    g_autoptr (JsonObject) row = helder_repo_update (
      web->store, helder_entity_lookup ("role_change"), key, changes, HELDER_WRITE_DEFAULT, &error);
    g_assert_no_error (error);
  }
  changed = helder_web_test_request (web, "GET", "/api/v1/me", &web->employee, "bearer", NULL, NULL,
                                     0, "If-None-Match", etag, NULL);
  g_assert_cmpuint (changed->status, ==, 200);
  g_assert_nonnull (strstr (changed->text, "Nieuw: je werkt **vanaf maart** in het regieteam."));
  g_assert_cmpstr (soup_message_headers_get_one (changed->headers, "ETag"), !=, etag);

  /* Each person gets their own answer from the cache. */
  {
    g_autoptr (HelderWebTestResponse) other =
      helder_web_test_get (web, "/api/v1/me", &web->employee2);
    g_autoptr (JsonNode) other_root = helder_web_test_json (other);

    g_assert_cmpint (
      json_object_get_int_member (
        json_object_get_object_member (json_node_get_object (other_root), "person"), "id"),
      ==, web->employee2.person);
    g_assert_null (strstr (other->text, "vanaf maart"));
  }

  helder_web_test_assert_error (anonymous, 401, NULL, NULL);
}

/* A person whose language is English reads the English title and text of
 * a moment on /api/v1/me and in the calendar feed, as in their e-mail;
 * a Dutch reader the Dutch. (The test users' language is English.) */
static void
test_api_me_english (Fixture *f, gconstpointer data)
{
  HelderWebTest *web = f->web;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) today = NULL;
  g_autoptr (GDateTime) later = NULL;
  g_autofree char *day = NULL;
  g_autofree char *json = NULL;
  g_autofree char *escaped = g_uri_escape_string (web->employee.token, NULL, FALSE);
  g_autofree char *feed = g_strdup_printf ("/api/v1/me/calendar.ics?token=%s", escaped);
  g_autoptr (HelderWebTestResponse) en = NULL;
  g_autoptr (HelderWebTestResponse) nl = NULL;
  g_autoptr (HelderWebTestResponse) ics = NULL;
  g_autofree char *noon = g_strconcat (web->today, "T12:00:00Z", NULL);

  today = g_date_time_new_from_iso8601 (noon, NULL);
  later = g_date_time_add_days (today, 5);
  day = g_date_time_format (later, "%Y-%m-%d");
  json = g_strdup_printf (
    "{\"title\":\"Kennismaking met het regieteam\",\"body\":\"Je bent welkom.\","
    "\"title_en\":\"Meet the new team\",\"body_en\":\"You are welcome.\","
    "\"scheduled_at\":\"%s 10:00\",\"status\":\"approved\",\"channels\":[\"meeting\"],"
    "\"persons\":[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]}",
    day, web->employee.person, web->employee2.person);
  json_object_unref (helder_test_create (web->store, "moment", json));
  g_assert_true (helder_store_exec (web->store,
                                    "UPDATE person SET locale = 'nl' WHERE id = (SELECT person FROM"
                                    " role_change WHERE status = 'draft' ORDER BY id LIMIT 1)",
                                    &error));
  g_assert_no_error (error);

  en = helder_web_test_get (web, "/api/v1/me", &web->employee);
  nl = helder_web_test_get (web, "/api/v1/me", &web->employee2);
  ics = helder_web_test_get (web, feed, NULL);
  g_assert_cmpuint (en->status, ==, 200);
  g_assert_cmpuint (nl->status, ==, 200);
  g_assert_cmpuint (ics->status, ==, 200);
  g_assert_nonnull (strstr (en->text, "\"Meet the new team\""));
  g_assert_nonnull (strstr (en->text, "You are welcome."));
  g_assert_null (strstr (en->text, "Kennismaking met het regieteam"));
  g_assert_nonnull (strstr (nl->text, "\"Kennismaking met het regieteam\""));
  g_assert_null (strstr (nl->text, "Meet the new team"));
  g_assert_nonnull (strstr (ics->text, "SUMMARY:Meet the new team\r\n"));
  g_assert_nonnull (strstr (ics->text, "DESCRIPTION:You are welcome."));
  g_assert_null (strstr (ics->text, "Kennismaking met het regieteam"));
}

/* ---- calendar feeds ------------------------------------------------------------- */

static guint
count_events (const char *text)
{
  icalcomponent *calendar = icalparser_parse_string (text);
  guint n = 0;

  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL; event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      g_assert_nonnull (icalcomponent_get_first_property (event, ICAL_UID_PROPERTY));
      g_assert_nonnull (icalcomponent_get_first_property (event, ICAL_DTSTAMP_PROPERTY));
      g_assert_nonnull (icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY));
      n++;
    }
  icalcomponent_free (calendar);
  return n;
}

static void
test_calendar (Fixture *f, gconstpointer data)
{
  HelderWebTest *web = f->web;
  g_autoptr (HelderWebTestResponse) bearer =
    helder_web_test_get (web, "/api/v1/me/calendar.ics", &web->employee);
  g_autofree char *escaped = g_uri_escape_string (web->employee.token, NULL, FALSE);
  g_autofree char *with_token = g_strdup_printf ("/api/v1/me/calendar.ics?token=%s", escaped);
  g_autoptr (HelderWebTestResponse) by_query = helder_web_test_get (web, with_token, NULL);
  g_autoptr (HelderWebTestResponse) wrong =
    helder_web_test_get (web, "/api/v1/me/calendar.ics?token=hld_nope", NULL);
  g_autoptr (HelderWebTestResponse) anonymous =
    helder_web_test_get (web, "/api/v1/me/calendar.ics", NULL);
  g_autoptr (HelderWebTestResponse) other =
    helder_web_test_get (web, "/api/v1/me/calendar.ics", &web->employee2);
  g_autoptr (JsonArray) moments = NULL;
  g_autoptr (JsonArray) gates = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (bearer->status, ==, 200);
  g_assert_cmpstr (bearer->content_type, ==, "text/calendar");
  g_assert_nonnull (
    strstr (soup_message_headers_get_one (bearer->headers, "Content-Type"), "charset=utf-8"));
  g_assert_true (g_str_has_prefix (bearer->text, "BEGIN:VCALENDAR\r\n"));
  moments = helder_personal_moments (web->store, web->employee.person, &error);
  g_assert_no_error (error);
  gates = helder_personal_gates (web->store, web->employee.person, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_events (bearer->text), ==,
                    json_array_get_length (moments) + json_array_get_length (gates));
  g_assert_cmpuint (json_array_get_length (gates), >, 0);
  assert_nothing_of_others (web, &web->employee, "calendar", bearer->text);

  g_assert_cmpuint (by_query->status, ==, 200);
  g_assert_cmpuint (count_events (by_query->text), ==, count_events (bearer->text));
  /* An unknown feed token: 404, as cheap as can be (see test-web-server). */
  g_assert_cmpuint (wrong->status, ==, 404);
  g_assert_cmpuint (anonymous->status, ==, 401);

  g_assert_cmpuint (other->status, ==, 200);
  assert_nothing_of_others (web, &web->employee2, "calendar", other->text);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add ("/web-pages/me/discussed", Fixture, NULL, fixture_setup, test_me_discussed,
              fixture_teardown);
  g_test_add ("/web-pages/me/conversation-planned", Fixture, NULL, fixture_setup,
              test_me_conversation_planned, fixture_teardown);
  g_test_add ("/web-pages/me/escaping", Fixture, NULL, fixture_setup, test_escaping,
              fixture_teardown);
  g_test_add ("/web-pages/people/advisor", Fixture, NULL, fixture_setup, test_person_page,
              fixture_teardown);
  g_test_add ("/web-pages/people/preview", Fixture, NULL, fixture_setup, test_person_preview,
              fixture_teardown);
  g_test_add ("/web-pages/api/me", Fixture, NULL, fixture_setup, test_api_me, fixture_teardown);
  g_test_add ("/web-pages/api/me/english", Fixture, NULL, fixture_setup, test_api_me_english,
              fixture_teardown);
  g_test_add ("/web-pages/calendar", Fixture, NULL, fixture_setup, test_calendar, fixture_teardown);
  return g_test_run ();
}
