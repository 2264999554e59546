/* test-web-people.c — the advisor's people pages over HTTP: the list
 * (search regardless of case and accents, filter by group, pages), a new
 * person and the edit form, their validation one field at a time, CSRF,
 * who may use them, escaping and the audit log. Against a real server on
 * loopback and the demo programme.
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "model/helder-entity.h"
#include "services/repo/helder-repo.h"

typedef struct
{
  HelderWebTest *web;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->web = helder_web_test_start_in_english ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  helder_web_test_stop (f->web);
}

/* ---- helpers ------------------------------------------------------------------ */

static gint64
count_where (Fixture *f, const char *sql, const char *p1)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->web->store, sql, NULL);

  g_assert_nonnull (stmt);
  if (p1 != NULL)
    sqlite3_bind_text (stmt, 1, p1, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static guint
count_occurrences (const char *text, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The rows of the list: one row heading each. */
static guint
rows_shown (HelderWebTestResponse *r)
{
  return count_occurrences (r->text, "<th scope=\"row\"");
}

static JsonObject *
person_row (Fixture *f, gint64 id)
{
  g_autofree char *key = g_strdup_printf ("%" PRId64, id);
  g_autoptr (GError) error = NULL;
  JsonObject *row = helder_repo_get (f->web->store, helder_entity_lookup ("person"), key, &error);

  g_assert_no_error (error);
  return row;
}

static gint64
add_person (Fixture *f, const char *name, const char *email)
{
  g_autoptr (JsonObject) values = json_object_new ();
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;

  json_object_set_string_member (values, "name", name);
  json_object_set_string_member (values, "email", email);
  row = helder_repo_create (f->web->store, helder_entity_lookup ("person"), values,
                            HELDER_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  return json_object_get_int_member (row, "id");
}

/* Brute force, independent of the code under test: the people whose name
 * or e-mail, stripped of accents and case-folded, contains @typed so. */
static char *
plain (const char *text)
{
  g_autofree char *nfd = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFD);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *folded = NULL;

  for (const char *p = nfd; *p; p = g_utf8_next_char (p))
    if (!g_unichar_ismark (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  folded = g_utf8_casefold (out->str, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

static guint
brute_force_matches (Fixture *f, const char *typed)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (f->web->store, "SELECT name, email FROM person", NULL);
  g_autofree char *needle = plain (typed);
  guint n = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *name = plain ((const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *email = plain ((const char *) sqlite3_column_text (stmt, 1));

      if (strstr (name, needle) != NULL || strstr (email, needle) != NULL)
        n++;
    }
  return n;
}

/* ---- the list ------------------------------------------------------------------ */

static void
test_list (Fixture *f, gconstpointer data)
{
  gint64 total = count_where (f, "SELECT count(*) FROM person", NULL);
  g_autofree char *summary = g_strdup_printf ("%" PRId64 " people in the programme.", total);
  g_autoptr (HelderWebTestResponse) first = helder_web_test_browse (f->web, "/people");
  g_autoptr (HelderWebTestResponse) second = helder_web_test_browse (f->web, "/people?page=2");
  g_autoptr (HelderWebTestResponse) dashboard = helder_web_test_browse (f->web, "/dashboard");

  g_assert_cmpint (total, >, 50);
  g_assert_cmpuint (first->status, ==, 200);
  helder_web_test_assert_contains (first, summary);
  g_assert_cmpuint (rows_shown (first), ==, 50);
  helder_web_test_assert_contains (first, "href=\"/people?page=2\" rel=\"next\"");
  helder_web_test_assert_contains (first, "Page 1 of 2");
  g_assert_cmpuint (second->status, ==, 200);
  g_assert_cmpuint (rows_shown (second), ==, total - 50);
  helder_web_test_assert_contains (second, "href=\"/people\" rel=\"prev\"");
  /* Every person once over the two pages. */
  g_assert_cmpuint (count_occurrences (first->text, "<th scope=\"row\"") +
                      count_occurrences (second->text, "<th scope=\"row\""),
                    ==, total);
  /* What the advisor sees of a person: name, e-mail, groups, role, status, access. */
  {
    g_autofree char *both = g_strconcat (first->text, second->text, NULL);
    const char *shown[] = { "<bdi>Sanne de Boer</bdi>",
                            "<bdi>sanne.deboer@voorbeeld.nl</bdi>",
                            "<bdi>Management en opdrachtgever</bdi>",
                            "has access",
                            "no access yet",
                            "status--discussed" };

    for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
      if (strstr (both, shown[i]) == NULL)
        g_error ("the list does not show “%s”", shown[i]);
  }
  /* The navigation leads there. */
  helder_web_test_assert_contains (dashboard, "href=\"/people\"");
  /* Reading the list of personal records is audited. */
  g_assert_cmpint (count_where (f,
                                "SELECT count(*) FROM audit_entry WHERE action = 'read'"
                                " AND entity = 'person' AND detail LIKE 'list of 50 %'",
                                NULL),
                   ==, 1);
}

static void
test_search (Fixture *f, gconstpointer data)
{
  const char *searches[] = { "lois", "LOÏS", "özdemir", "OZDEM", "jong", "VOORBEELD.NL", "de b" };
  gint64 lois = add_person (f, "Loïs Özdemir", "lois.ozdemir@voorbeeld.nl");
  g_autofree char *lois_href = g_strdup_printf ("href=\"/people/%" PRId64 "/edit\"", lois);

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autofree char *escaped = g_uri_escape_string (searches[i], NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/people?q=%s", escaped);
      g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, path);
      guint expected = brute_force_matches (f, searches[i]);
      g_autofree char *summary =
        g_strdup_printf (expected == 1 ? "%u person matches." : "%u people match.", expected);

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpuint (expected, >, 0);
      helder_web_test_assert_contains (r, summary);
      g_assert_cmpuint (rows_shown (r), ==, MIN (expected, 50));
      if (i < 4)
        helder_web_test_assert_contains (r, lois_href);
    }
  {
    g_autoptr (HelderWebTestResponse) none =
      helder_web_test_browse (f->web, "/people?q=niemand-heet-zo");

    g_assert_cmpuint (none->status, ==, 200);
    helder_web_test_assert_contains (none, "0 people match.");
    g_assert_cmpuint (rows_shown (none), ==, 0);
  }
}

static void
test_filter_group (Fixture *f, gconstpointer data)
{
  gint64 members =
    count_where (f, "SELECT count(*) FROM person_group WHERE grp = ?1", "servicedesk");
  gint64 both = count_where (f,
                             "SELECT count(*) FROM person p JOIN person_group g ON g.person = p.id"
                             " WHERE g.grp = 'servicedesk' AND p.name LIKE ?1",
                             "%an%");
  g_autofree char *summary = g_strdup_printf ("%" PRId64 " people match.", members);
  g_autofree char *summary_both =
    g_strdup_printf (both == 1 ? "%" PRId64 " person matches." : "%" PRId64 " people match.", both);
  g_autoptr (HelderWebTestResponse) r =
    helder_web_test_browse (f->web, "/people?group=servicedesk");
  g_autoptr (HelderWebTestResponse) r2 =
    helder_web_test_browse (f->web, "/people?group=servicedesk&q=an");

  g_assert_cmpint (members, >, 1);
  g_assert_cmpuint (r->status, ==, 200);
  helder_web_test_assert_contains (r, summary);
  g_assert_cmpuint (rows_shown (r), ==, members);
  helder_web_test_assert_contains (r, "value=\"servicedesk\" selected");
  g_assert_cmpuint (r2->status, ==, 200);
  helder_web_test_assert_contains (r2, summary_both);
}

static void
test_list_bad_input (Fixture *f, gconstpointer data)
{
  struct
  {
    const char *path;
    guint status;
    const char *field;
    const char *says;
  } cases[] = {
    { "/people?page=abc", 400, "page", "“abc” is not a whole number" },
    { "/people?page=0", 400, "page", "“0” is not a whole number" },
    { "/people?page=-1", 400, "page", "“-1” is not a whole number" },
    { "/people?page=3", 404, "page", "there is no page 3" },
    { "/people?group=bestaat-niet", 400, "group", "no group “bestaat-niet”" },
    { "/people?q=%FF%FE", 400, "q", "not valid UTF-8" },
  };
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autofree char *long_q = g_strnfill (201, 'a');
  g_autofree char *long_path = g_strdup_printf ("/people?q=%s", long_q);
  g_autoptr (HelderWebTestResponse) too_long = helder_web_test_browse (f->web, long_path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, cases[i].path);
      g_autoptr (HelderWebTestResponse) api =
        helder_web_test_get (f->web, cases[i].path, &f->web->advisor);

      g_assert_cmpuint (r->status, ==, cases[i].status);
      helder_web_test_assert_contains (r, cases[i].says);
      g_assert_cmpuint (api->status, ==, cases[i].status);
      (void) cases[i].field;
    }
  g_assert_cmpuint (too_long->status, ==, 400);
  helder_web_test_assert_contains (too_long, "at most 200 characters");
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

/* ---- the form ------------------------------------------------------------------ */

static void
test_edit (Fixture *f, gconstpointer data)
{
  gint64 id = f->web->employee.person;
  g_autofree char *path = g_strdup_printf ("/people/%" PRId64 "/edit", id);
  g_autofree char *form = g_strdup_printf (
    "name=Nieuwe+Naam&email=nieuw%%40voorbeeld.nl&locale=en&organisation=&role=&manager=%s"
    "&groups=servicedesk&groups=key-users&digest=off&channels=email",
    "sanne.deboer%40voorbeeld.nl");
  g_autoptr (HelderWebTestResponse) page = helder_web_test_browse (f->web, path);
  g_autoptr (HelderWebTestResponse) saved = NULL;
  g_autoptr (HelderWebTestResponse) again = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) manager = NULL;
  g_autofree char *location = g_strdup_printf ("/people/%" PRId64 "/edit?done=saved", id);
  g_autofree char *audit_sql = g_strdup_printf (
    "SELECT count(*) FROM audit_entry WHERE action = 'update' AND entity = 'person'"
    " AND record = '%" PRId64 "' AND subject = %" PRId64
    " AND detail = 'name, email, organisation, role, manager, digest, groups, channels'",
    id, id);
  JsonArray *groups;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (
    helder_store_exec (f->web->store, "UPDATE person SET organisation = 'Gemeente'", NULL));
  helder_web_test_assert_contains (page, "name=\"csrf\"");
  helder_web_test_assert_contains (page, "id=\"name\" name=\"name\" value=\"");
  helder_web_test_assert_contains (page, "checked");

  saved = helder_web_test_post (f->web, path, form);
  g_assert_cmpuint (saved->status, ==, 303);
  g_assert_cmpstr (soup_message_headers_get_one (saved->headers, "Location"), ==, location);
  row = person_row (f, id);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Nieuwe Naam");
  g_assert_cmpstr (json_object_get_string_member (row, "email"), ==, "nieuw@voorbeeld.nl");
  g_assert_cmpstr (json_object_get_string_member (row, "locale"), ==, "en");
  g_assert_cmpstr (json_object_get_string_member (row, "digest"), ==, "off");
  g_assert_true (json_node_is_null (json_object_get_member (row, "role")));
  manager = person_row (f, json_object_get_int_member (row, "manager"));
  g_assert_cmpstr (json_object_get_string_member (manager, "name"), ==, "Sanne de Boer");
  groups = json_object_get_array_member (row, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 2);
  if (count_where (f, audit_sql, NULL) != 1)
    {
      g_autoptr (HelderStmt) stmt = helder_store_prepare (
        f->web->store, "SELECT action, entity, record, subject, detail FROM audit_entry", NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_printerr ("%s %s %s %s %s\n", sqlite3_column_text (stmt, 0),
                    sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                    sqlite3_column_text (stmt, 3), sqlite3_column_text (stmt, 4));
      g_error ("no audit entry for the change");
    }

  /* The form shows what was saved, the manager by e-mail address. */
  again = helder_web_test_browse (f->web, location);
  g_assert_cmpuint (again->status, ==, 200);
  helder_web_test_assert_contains (again, "The changes are saved.");
  helder_web_test_assert_contains (again, "value=\"Nieuwe Naam\"");
  helder_web_test_assert_contains (again, "value=\"sanne.deboer@voorbeeld.nl\"");
  helder_web_test_assert_contains (
    again, "id=\"group-key-users\" name=\"groups\" value=\"key-users\" checked");
  helder_web_test_assert_contains (again,
                                   "id=\"digest-off\" name=\"digest\" value=\"off\" checked");
}

static void
test_create (Fixture *f, gconstpointer data)
{
  gint64 before = count_where (f, "SELECT count(*) FROM person", NULL);
  g_autoptr (HelderWebTestResponse) page = helder_web_test_browse (f->web, "/people/new");
  g_autoptr (HelderWebTestResponse) created = helder_web_test_post (
    f->web, "/people",
    "name=Fatima+el+Amrani&email=f.elamrani%40voorbeeld.nl&locale=nl&organisation="
    "&role=&manager=&groups=servicedesk&digest=default");
  const char *location = NULL;
  gint64 id;
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *audit_sql = NULL;

  g_assert_cmpuint (page->status, ==, 200);
  helder_web_test_assert_contains (page, "action=\"/people\"");
  g_assert_cmpuint (created->status, ==, 303);
  location = soup_message_headers_get_one (created->headers, "Location");
  g_assert_true (g_str_has_prefix (location, "/people/"));
  g_assert_true (g_str_has_suffix (location, "/edit?done=created"));
  id = g_ascii_strtoll (location + strlen ("/people/"), NULL, 10);
  row = person_row (f, id);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Fatima el Amrani");
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM person", NULL), ==, before + 1);
  audit_sql = g_strdup_printf ("SELECT count(*) FROM audit_entry WHERE action = 'create'"
                               " AND entity = 'person' AND subject = %" PRId64,
                               id);
  g_assert_cmpint (count_where (f, audit_sql, NULL), ==, 1);
}

/* Each bad field on its own, on the edit form and the new-person form: the
 * form comes back with the problem next to that field, the rest as typed,
 * and nothing changes. */
static void
test_validation (Fixture *f, gconstpointer data)
{
  struct
  {
    const char *change; /* replaces the field in a good form */
    const char *field;
    guint status;
    const char *says;
  } cases[] = {
    { "name=+", "name", 400, "Name:" },
    { "name=%01", "name", 400, "Name:" },
    { "email=geen-adres", "email", 400, "geen-adres" },
    { "email=sanne.deboer%40voorbeeld.nl", "email", 409, "sanne.deboer@voorbeeld.nl" },
    { "locale=fr", "locale", 400, "fr" },
    { "groups=bestaat-niet", "groups", 400, "bestaat-niet" },
    { "role=bestaat-niet", "role", 400, "bestaat-niet" },
    { "manager=niemand%40voorbeeld.nl", "manager", 400, "niemand@voorbeeld.nl" },
    { "manager=999999", "manager", 400, "999999" },
    { "digest=daily", "digest", 400, "daily" },
    { "channels=fax", "channels", 400, "fax" },
  };
  const char *fields[] = { "name", "email",   "locale", "groups",
                           "role", "manager", "digest", "channels" };
  g_autofree char *edit = g_strdup_printf ("/people/%" PRId64 "/edit", f->web->employee.person);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint target = 0; target < 2; target++)
      {
        g_autoptr (GString) form = g_string_new ("organisation=Blijft+staan");
        g_autoptr (HelderWebTestResponse) r = NULL;
        g_autofree char *error_id = g_strdup_printf ("id=\"%s-error\"", cases[i].field);
        g_autofree char *summary = NULL;

        for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
          {
            const char *good[] = { "name=Iemand",   "email=iemand.nieuw%40voorbeeld.nl",
                                   "locale=nl",     "groups=servicedesk",
                                   "role=",         "manager=",
                                   "digest=weekly", "channels=email" };

            g_string_append_c (form, '&');
            g_string_append (form,
                             g_str_equal (fields[k], cases[i].field) ? cases[i].change : good[k]);
          }
        r = helder_web_test_post (f->web, target == 0 ? edit : "/people", form->str);
        if (r->status != cases[i].status || strstr (r->text, error_id) == NULL)
          {
            g_printerr ("%s\n", r->text);
            g_error ("%s %s: expected %u with %s, got %u", target == 0 ? edit : "/people",
                     cases[i].change, cases[i].status, error_id, r->status);
          }
        helder_web_test_assert_contains (r, cases[i].says);
        /* The field, or its fieldset, points at its message. */
        {
          g_autofree char *first =
            g_strdup_printf ("aria-describedby=\"%s-error\"", cases[i].field);
          g_autofree char *later = g_strdup_printf (" %s-error\"", cases[i].field);

          if (strstr (r->text, first) == NULL && strstr (r->text, later) == NULL)
            g_error ("%s: the field does not point at its message", cases[i].change);
        }
        summary = g_strdup_printf ("<a href=\"#%s", cases[i].field);
        helder_web_test_assert_contains (r, summary);
        /* What was typed is kept. */
        helder_web_test_assert_contains (r, "value=\"Blijft staan\"");
      }
  /* Several problems at once: each is named, on both forms. */
  for (guint target = 0; target < 2; target++)
    {
      g_autoptr (HelderWebTestResponse) r = helder_web_test_post (
        f->web, target == 0 ? edit : "/people",
        "name=+&email=geen-adres&locale=nl&groups=bestaat-niet&manager=niemand%40x.nl"
        "&digest=weekly");

      g_assert_cmpuint (r->status, ==, 400);
      helder_web_test_assert_contains (r, "id=\"name-error\"");
      helder_web_test_assert_contains (r, "id=\"email-error\"");
      helder_web_test_assert_contains (r, "id=\"groups-error\"");
      helder_web_test_assert_contains (r, "id=\"manager-error\"");
      helder_web_test_assert_contains (r, "<a href=\"#email\">");
    }
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_not_found (Fixture *f, gconstpointer data)
{
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autoptr (HelderWebTestResponse) page = helder_web_test_browse (f->web, "/people/999999/edit");
  g_autoptr (HelderWebTestResponse) word = helder_web_test_browse (f->web, "/people/iemand/edit");
  g_autoptr (HelderWebTestResponse) posted =
    helder_web_test_post (f->web, "/people/999999/edit", "name=X");

  g_assert_cmpuint (page->status, ==, 404);
  g_assert_cmpuint (word->status, ==, 404);
  g_assert_cmpuint (posted->status, ==, 404);
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_csrf (Fixture *f, gconstpointer data)
{
  g_autofree char *edit = g_strdup_printf ("/people/%" PRId64 "/edit", f->web->employee.person);
  const char *paths[] = { "/people", edit };
  const char *form = "name=CSRF&email=&locale=nl&digest=default";
  g_autofree char *good = g_strdup_printf ("csrf=%s", f->web->advisor.csrf);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *wrong = g_strdup_printf ("%s&csrf=not-the-token", form);
      g_autofree char *right = g_strdup_printf ("%s&%s", form, good);
      g_autoptr (HelderWebTestResponse) missing =
        helder_web_test_request (f->web, "POST", paths[i], &f->web->advisor, "cookie",
                                 "application/x-www-form-urlencoded", form, -1, NULL);
      g_autoptr (HelderWebTestResponse) bad = helder_web_test_post (f->web, paths[i], wrong);
      g_autoptr (HelderWebTestResponse) cross = helder_web_test_request (
        f->web, "POST", paths[i], &f->web->advisor, "cookie", "application/x-www-form-urlencoded",
        right, -1, "Sec-Fetch-Site", "cross-site", NULL);
      g_autoptr (HelderWebTestResponse) bearer =
        helder_web_test_request (f->web, "POST", paths[i], &f->web->advisor, "bearer",
                                 "application/x-www-form-urlencoded", right, -1, NULL);

      g_assert_cmpuint (missing->status, ==, 403);
      g_assert_cmpuint (bad->status, ==, 403);
      g_assert_cmpuint (cross->status, ==, 403);
      g_assert_cmpuint (bearer->status, ==, 403);
    }
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

/* Only the advisor: HR and employees are refused every people page and form. */
static void
test_forbidden (Fixture *f, gconstpointer data)
{
  HelderWebTestUser *users[] = { &f->web->hr, &f->web->employee };
  g_autofree char *edit = g_strdup_printf ("/people/%" PRId64 "/edit", f->web->employee.person);
  const char *pages[] = { "/people", "/people/new", edit, "/people?q=a" };
  const char *posts[] = { "/people", edit };
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;

  for (guint u = 0; u < G_N_ELEMENTS (users); u++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          g_autoptr (HelderWebTestResponse) r = helder_web_test_request (
            f->web, "GET", pages[i], users[u], "cookie", NULL, NULL, 0, NULL);
          g_assert_cmpuint (r->status, ==, 403);
        }
      for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
        {
          g_autoptr (HelderWebTestResponse) r =
            helder_web_test_post_form (f->web, posts[i], users[u], "name=Ik&locale=nl");
          g_assert_cmpuint (r->status, ==, 403);
        }
    }
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_xss (Fixture *f, gconstpointer data)
{
  gint64 id = add_person (f, "<script>alert(1)</script>\"'&", "xss@voorbeeld.nl");
  g_autofree char *edit = g_strdup_printf ("/people/%" PRId64 "/edit", id);
  g_autoptr (HelderWebTestResponse) list = helder_web_test_browse (f->web, "/people?q=script");
  g_autoptr (HelderWebTestResponse) form = helder_web_test_browse (f->web, edit);
  g_autoptr (HelderWebTestResponse) back = helder_web_test_post (
    f->web, edit, "name=%3Cimg+src%3Dx+onerror%3Dalert(2)%3E&email=geen&locale=nl");

  g_assert_cmpuint (list->status, ==, 200);
  helder_web_test_assert_contains (list, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;");
  helder_web_test_assert_lacks (list, "<script>alert");
  g_assert_cmpuint (form->status, ==, 200);
  helder_web_test_assert_lacks (form, "<script>alert");
  g_assert_cmpuint (back->status, ==, 400);
  helder_web_test_assert_contains (back, "value=\"&lt;img src=x onerror=alert(2)&gt;\"");
  helder_web_test_assert_lacks (back, "<img");
}

static void
test_dutch (Fixture *f, gconstpointer data)
{
  g_autofree char *edit = g_strdup_printf ("/people/%" PRId64 "/edit", f->web->employee.person);
  g_autoptr (HelderWebTestResponse) list = NULL;
  g_autoptr (HelderWebTestResponse) form = NULL;
  g_autoptr (HelderWebTestResponse) bad = NULL;

  helder_web_test_set_locale (f->web, f->web->advisor.person, "nl");
  list = helder_web_test_browse (f->web, "/people");
  form = helder_web_test_browse (f->web, edit);
  bad = helder_web_test_post (f->web, edit, "name=+&locale=nl");
  g_assert_cmpuint (list->status, ==, 200);
  helder_web_test_assert_contains (list, "<h1>Personen</h1>");
  helder_web_test_assert_contains (list, "Naam of e-mailadres");
  helder_web_test_assert_contains (list, "besloten");
  g_assert_cmpuint (form->status, ==, 200);
  helder_web_test_assert_contains (form, "Wekelijks overzicht");
  helder_web_test_assert_contains (form, "Wijzigingen opslaan");
  g_assert_cmpuint (bad->status, ==, 400);
  helder_web_test_assert_contains (bad, "Er is een probleem");
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/web-people/list", test_list);
  ADD ("/web-people/search", test_search);
  ADD ("/web-people/filter-group", test_filter_group);
  ADD ("/web-people/list-bad-input", test_list_bad_input);
  ADD ("/web-people/edit", test_edit);
  ADD ("/web-people/create", test_create);
  ADD ("/web-people/validation", test_validation);
  ADD ("/web-people/not-found", test_not_found);
  ADD ("/web-people/csrf", test_csrf);
  ADD ("/web-people/forbidden", test_forbidden);
  ADD ("/web-people/xss", test_xss);
  ADD ("/web-people/dutch", test_dutch);
#undef ADD

  return g_test_run ();
}
