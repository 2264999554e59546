/* test-interviews-web-concerns.c — concerns on the web: raising one from
 * /me, anonymously or named; answering and publishing; the questions and
 * answers; the summary
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real `helder serve` on loopback with the real plugin, on the demo
 * programme. An employee's anonymous concern, through the form and the
 * API: the stored row has no person, and nothing the raise wrote (the
 * concern, its groups, the audit log) holds the person's id, name or
 * e-mail address, nor a time finer than the day. A named one keeps them.
 * The advisor answers and publishes; everyone reads it on /qa without a
 * name. Every bad field refused with its name, nothing changed.
 */
#include "config.h"

#include <string.h>

#include "interviews-web-test.h"

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

static char *
employee_text (Fixture *f, const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM person WHERE id = ?1", column);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->web->store, sql, NULL);

  sqlite3_bind_int64 (stmt, 1, f->web->employee.person);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Every row the raise added to the concern tables and the audit log,
 * as text, for searching. */
static char *
rows_after (Fixture *f, gint64 audit_before, gint64 concern_before)
{
  static const char *const queries[] = {
    "SELECT * FROM audit_entry WHERE id > ?1",
    "SELECT * FROM concern WHERE id > ?2",
    "SELECT * FROM concern_group WHERE concern > ?2",
  };
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr (HelderStmt) stmt = helder_store_prepare (f->web->store, queries[q], NULL);

      sqlite3_bind_int64 (stmt, 1, audit_before);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        sqlite3_bind_int64 (stmt, 2, concern_before);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s=%s|", sqlite3_column_name (stmt, c),
                                    sqlite3_column_text (stmt, c) != NULL
                                      ? (const char *) sqlite3_column_text (stmt, c)
                                      : "NULL");
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

static void
assert_nobody (Fixture *f, const char *rows)
{
  g_autofree char *name = employee_text (f, "name");
  g_autofree char *email = employee_text (f, "email");
  static const char *const columns[] = { "actor", "subject", "person", "record" };

  g_test_message ("rows written: %s", rows);
  g_assert_null (strstr (rows, name));
  if (email != NULL)
    g_assert_null (strstr (rows, email));
  /* The person's id in no column that names a person. */
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      g_autofree char *id =
        g_strdup_printf ("%s=%" G_GINT64_FORMAT "|", columns[c], f->web->employee.person);
      g_assert_null (strstr (rows, id));
    }
}

/* Whether the server's access log has a line with @needle, waiting a
 * little for the line of the last request. */
static gboolean
log_shows (HelderWebTest *web, const char *needle)
{
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *log = NULL;

      if (g_file_get_contents (web->log_path, &log, NULL, NULL) && strstr (log, needle) != NULL)
        return TRUE;
      g_usleep (10 * 1000);
    }
  return FALSE;
}

static void
test_anonymous (Fixture *f, gconstpointer data)
{
  gint64 audit = helder_web_test_scalar (f->web, "SELECT coalesce (max (id), 0) FROM audit_entry");
  gint64 concern = helder_web_test_scalar (f->web, "SELECT coalesce (max (id), 0) FROM concern");
  g_autofree char *form =
    iv_test_form ("text", "Hou ik mijn laptop na de overgang?", "group-servicedesk", "1", NULL);
  g_autoptr (HelderWebTestResponse) r =
    helder_web_test_post_form (f->web, "/me/concerns", &f->web->employee, form);
  g_autofree char *rows = NULL;
  gint64 id;

  iv_test_assert_status (r, 303, "an anonymous concern");
  g_assert_cmpstr (iv_test_header (r, "Location"), ==, "/me?concern=sent#concern");
  id = helder_web_test_scalar (f->web, "SELECT max (id) FROM concern");
  g_assert_cmpint (id, >, concern);
  g_assert_cmpint (helder_web_test_scalar (f->web, "SELECT count (*) FROM concern"
                                                   " WHERE id = (SELECT max (id) FROM concern)"
                                                   " AND person IS NULL AND named = 0"
                                                   " AND via = 'personal-page'"
                                                   " AND length (raised_on) = 10"),
                   ==, 1);
  rows = rows_after (f, audit, concern);
  g_assert_nonnull (strstr (rows, "Hou ik mijn laptop"));
  assert_nobody (f, rows);

  /* The same through the API: 201, no id to tie it to the caller. */
  audit = helder_web_test_scalar (f->web, "SELECT coalesce (max (id), 0) FROM audit_entry");
  concern = helder_web_test_scalar (f->web, "SELECT coalesce (max (id), 0) FROM concern");
  {
    g_autoptr (HelderWebTestResponse) api = helder_web_test_send_json (
      f->web, "POST", "/api/v1/me/concerns", &f->web->employee,
      "{\"text\": \"Wie is straks mijn aanspreekpunt?\", \"groups\": [\"servicedesk\"]}");
    g_autoptr (JsonNode) body = NULL;
    g_autofree char *api_rows = NULL;

    iv_test_assert_status (api, 201, "an anonymous concern by the API");
    body = helder_web_test_json (api);
    g_assert_false (json_object_has_member (json_node_get_object (body), "id"));
    api_rows = rows_after (f, audit, concern);
    g_assert_nonnull (strstr (api_rows, "aanspreekpunt"));
    assert_nobody (f, api_rows);
  }
  /* Neither request is in the access log, which names who asked and when:
   * the request after them is, so theirs would have been written by now. */
  {
    g_autoptr (HelderWebTestResponse) after = helder_web_test_request (
      f->web, "GET", "/qa", &f->web->employee, "cookie", NULL, NULL, 0, NULL);
    g_autofree char *log = NULL;

    iv_test_assert_status (after, 200, "the questions and answers");
    g_assert_true (log_shows (f->web, "\"GET /qa\" 200"));
    g_assert_true (g_file_get_contents (f->web->log_path, &log, NULL, NULL));
    g_assert_null (strstr (log, "/me/concerns"));
  }
}

static void
test_named (Fixture *f, gconstpointer data)
{
  g_autofree char *form =
    iv_test_form ("text", "Mag ik meedenken over de werkplek?", "named", "1", NULL);
  g_autoptr (HelderWebTestResponse) r =
    helder_web_test_post_form (f->web, "/me/concerns", &f->web->employee, form);
  g_autofree char *sql =
    g_strdup_printf ("SELECT count (*) FROM concern WHERE named = 1"
                     " AND person = %" G_GINT64_FORMAT " AND text LIKE 'Mag ik meedenken%%'",
                     f->web->employee.person);

  iv_test_assert_status (r, 303, "a named concern");
  g_assert_cmpint (helder_web_test_scalar (f->web, sql), ==, 1);
  {
    g_autoptr (HelderWebTestResponse) api =
      helder_web_test_send_json (f->web, "POST", "/api/v1/me/concerns", &f->web->employee,
                                 "{\"text\": \"Krijg ik een opleiding?\", \"named\": true}");
    g_autoptr (JsonNode) body = NULL;

    iv_test_assert_status (api, 201, "a named concern by the API");
    body = helder_web_test_json (api);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (body), "id"), >, 0);
  }
  /* Named, they are logged like any other request. */
  g_assert_true (log_shows (f->web, "\"POST /me/concerns\" 303"));
  g_assert_true (log_shows (f->web, "\"POST /api/v1/me/concerns\" 201"));
}

static void
test_raise_bad (Fixture *f, gconstpointer data)
{
  g_autofree char *long_text = g_strnfill (4001, 'z');
  struct
  {
    char *form;
    const char *needle;
  } forms[] = {
    { iv_test_form ("text", "   ", NULL), "text" },
    { iv_test_form ("text", long_text, NULL), "4000" },
    { iv_test_form ("text", "Vraag", "theme", "no-such-theme", NULL), "no-such-theme" },
    { iv_test_form ("text", "Vraag", "group-no-such-group", "1", NULL), "no-such-group" },
  };
  static const char *const bodies[][2] = {
    { "{}", "text" },
    { "{\"text\": 12}", "text" },
    { "{\"text\": \"Vraag\", \"named\": \"yes\"}", "named" },
    { "{\"text\": \"Vraag\", \"groups\": \"servicedesk\"}", "groups" },
    { "{\"text\": \"Vraag\", \"groups\": [1]}", "groups" },
    { "{\"text\": \"Vraag\", \"theme\": 5}", "theme" },
    { "[1, 2]", NULL },
    { "{\"text\": ", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *before = helder_test_fingerprint (f->web->store);
      g_autoptr (HelderWebTestResponse) r =
        helder_web_test_post_form (f->web, "/me/concerns", &f->web->employee, forms[i].form);
      g_autofree char *after = helder_test_fingerprint (f->web->store);

      g_test_message ("%s → %u", forms[i].form, r->status);
      g_assert_true (r->status == 400 || r->status == 404);
      helder_web_test_assert_contains (r, forms[i].needle);
      g_assert_cmpstr (before, ==, after);
      g_free (forms[i].form);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *before = helder_test_fingerprint (f->web->store);
      g_autoptr (HelderWebTestResponse) r = helder_web_test_send_json (
        f->web, "POST", "/api/v1/me/concerns", &f->web->employee, bodies[i][0]);
      g_autofree char *after = helder_test_fingerprint (f->web->store);

      g_test_message ("%s → %u %s", bodies[i][0], r->status, r->text);
      g_assert_cmpuint (r->status, ==, 400);
      if (bodies[i][1] != NULL)
        helder_web_test_assert_error (r, 400, bodies[i][1], NULL);
      g_assert_cmpstr (before, ==, after);
    }
  {
    g_autofree char *before = helder_test_fingerprint (f->web->store);
    g_autoptr (HelderWebTestResponse) r = helder_web_test_request (
      f->web, "POST", "/me/concerns", &f->web->employee, "cookie",
      "application/x-www-form-urlencoded", "csrf=forged&text=Vraag", -1, NULL);
    g_autofree char *after = helder_test_fingerprint (f->web->store);

    iv_test_assert_status (r, 403, "a concern without the form token");
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_answer_and_qa (Fixture *f, gconstpointer data)
{
  g_autofree char *form = iv_test_form ("text", "Wat gebeurt er met de printers van Jan?", NULL);
  g_autoptr (HelderWebTestResponse) raised =
    helder_web_test_post_form (f->web, "/me/concerns", &f->web->employee, form);
  gint64 id = helder_web_test_scalar (f->web, "SELECT max (id) FROM concern");
  g_autofree char *action = g_strdup_printf ("/concerns/%" G_GINT64_FORMAT "/answer", id);

  iv_test_assert_status (raised, 303, "raising");
  {
    g_autoptr (HelderWebTestResponse) page = helder_web_test_browse (f->web, "/concerns");

    iv_test_assert_status (page, 200, "/concerns");
    helder_web_test_assert_contains (page, "printers van Jan");
    helder_web_test_assert_contains (page, action);
  }
  /* Bad answers first: refused naming the field, nothing changed. */
  {
    struct
    {
      const char *path;
      char *form;
      guint status;
      const char *needle;
    } cases[] = {
      { action, iv_test_form ("text", "", NULL), 400, "text" },
      { action, iv_test_form ("moment", "abc", NULL), 400, "abc" },
      { action, iv_test_form ("commitment", "-3", NULL), 400, "-3" },
      { action, iv_test_form ("moment", "999999", NULL), 0, "999999" },
      { "/concerns/999999/answer", iv_test_form ("text", "Antwoord", NULL), 404, "999999" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *before = helder_test_fingerprint (f->web->store);
        g_autoptr (HelderWebTestResponse) r =
          helder_web_test_post (f->web, cases[i].path, cases[i].form);
        g_autofree char *after = helder_test_fingerprint (f->web->store);

        g_test_message ("%s %s → %u", cases[i].path, cases[i].form, r->status);
        if (cases[i].status != 0)
          iv_test_assert_status (r, cases[i].status, cases[i].form);
        else
          g_assert_true (r->status == 400 || r->status == 404);
        helder_web_test_assert_contains (r, cases[i].needle);
        g_assert_cmpstr (before, ==, after);
        g_free (cases[i].form);
      }
  }
  {
    g_autofree char *answer =
      iv_test_form ("text", "De printers gaan mee naar de **nieuwe leverancier**.", "publish", "1",
                    "public_question", "Wat gebeurt er met de printers?", NULL);
    g_autoptr (HelderWebTestResponse) r = helder_web_test_post (f->web, action, answer);
    g_autofree char *sql =
      g_strdup_printf ("SELECT count (*) FROM concern WHERE id = %" G_GINT64_FORMAT
                       " AND status = 'answered' AND published = 1",
                       id);

    iv_test_assert_status (r, 303, "answering");
    g_assert_cmpint (helder_web_test_scalar (f->web, sql), ==, 1);
  }
  /* Everyone reads it, as rephrased, without the name in it. */
  {
    g_autoptr (HelderWebTestResponse) qa = helder_web_test_request (
      f->web, "GET", "/qa", &f->web->employee2, "cookie", NULL, NULL, 0, NULL);
    g_autoptr (HelderWebTestResponse) api = helder_web_test_get (f->web, "/api/v1/qa", &f->web->hr);

    iv_test_assert_status (qa, 200, "/qa");
    helder_web_test_assert_contains (qa, "Wat gebeurt er met de printers?");
    helder_web_test_assert_contains (qa, "<strong>nieuwe leverancier</strong>");
    helder_web_test_assert_lacks (qa, "printers van Jan");
    helder_web_test_assert_contains (api, "Wat gebeurt er met de printers?");
    helder_web_test_assert_lacks (api, "printers van Jan");
  }
}

static void
test_summary_and_themes (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) r =
    helder_web_test_get (f->web, "/api/v1/concerns/summary", &f->web->advisor);
  g_autoptr (JsonNode) body = NULL;
  JsonObject *summary;

  iv_test_assert_status (r, 200, "the summary");
  body = helder_web_test_json (r);
  summary = json_node_get_object (body);
  /* The open count, recomputed from the rows. */
  g_assert_cmpint (
    json_object_get_int_member (summary, "open"), ==,
    helder_web_test_scalar (f->web, "SELECT count (*) FROM concern WHERE status = 'open'"));
  {
    g_autoptr (HelderWebTestResponse) late = helder_web_test_browse (f->web, "/concerns?late=1");
    g_autofree char *shown = g_strdup_printf ("of which late: %" G_GINT64_FORMAT,
                                              json_object_get_int_member (summary, "late"));

    iv_test_assert_status (late, 200, "/concerns?late=1");
    helder_web_test_assert_contains (late, shown);
  }
  /* Themes: added through the form; a second time refused, nothing changed. */
  {
    g_autofree char *form =
      iv_test_form ("slug", "parkeren", "name", "Parkeren", "name_en", "Parking", NULL);
    g_autoptr (HelderWebTestResponse) added =
      helder_web_test_post (f->web, "/concerns/themes", form);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    iv_test_assert_status (added, 303, "adding a theme");
    g_assert_cmpint (iv_test_scalar_text (
                       f->web, "SELECT count (*) FROM concern_theme WHERE slug = ?1", "parkeren"),
                     ==, 1);
    before = helder_test_fingerprint (f->web->store);
    {
      g_autoptr (HelderWebTestResponse) again =
        helder_web_test_post (f->web, "/concerns/themes", form);

      g_assert_true (again->status == 400 || again->status == 409);
      helder_web_test_assert_contains (again, "parkeren");
    }
    after = helder_test_fingerprint (f->web->store);
    g_assert_cmpstr (before, ==, after);
  }
}

/* The panel on /me: the form, the confirmation after sending, one's own
 * named concerns with their answers; the dashboard's panel. */
static void
test_panels (Fixture *f, gconstpointer data)
{
  {
    g_autoptr (HelderWebTestResponse) me = helder_web_test_request (
      f->web, "GET", "/me", &f->web->employee, "cookie", NULL, NULL, 0, NULL);

    iv_test_assert_status (me, 200, "/me");
    helder_web_test_assert_contains (me, "action=\"/me/concerns\"");
    helder_web_test_assert_contains (me, "name=\"named\" value=\"1\" aria-describedby");
    helder_web_test_assert_lacks (
      me, "name=\"named\" value=\"1\" aria-describedby=\"concern-anonymous\" checked");
    helder_web_test_assert_lacks (me, "has been received");
  }
  {
    g_autofree char *form =
      iv_test_form ("text", "Blijft de servicedesk op de begane grond?", "named", "1", NULL);
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post_form (f->web, "/me/concerns", &f->web->employee, form);
    gint64 id = helder_web_test_scalar (f->web, "SELECT max (id) FROM concern");
    g_autofree char *action = g_strdup_printf ("/concerns/%" G_GINT64_FORMAT "/answer", id);
    g_autofree char *answer = iv_test_form ("text", "Ja, tot de **zomer**.", NULL);
    g_autoptr (HelderWebTestResponse) answered = NULL;
    g_autoptr (HelderWebTestResponse) me = NULL;

    iv_test_assert_status (r, 303, "a named concern");
    answered = helder_web_test_post (f->web, action, answer);
    iv_test_assert_status (answered, 303, "answering it");
    me = helder_web_test_request (f->web, "GET", "/me?concern=sent", &f->web->employee, "cookie",
                                  NULL, NULL, 0, NULL);
    helder_web_test_assert_contains (me, "has been received");
    helder_web_test_assert_contains (me, "Blijft de servicedesk op de begane grond?");
    helder_web_test_assert_contains (me, "<strong>zomer</strong>");
  }
  /* Someone else's named concern is not on this page. */
  {
    g_autoptr (HelderWebTestResponse) other = helder_web_test_request (
      f->web, "GET", "/me", &f->web->employee2, "cookie", NULL, NULL, 0, NULL);

    helder_web_test_assert_lacks (other, "Blijft de servicedesk op de begane grond?");
  }
  {
    g_autoptr (HelderWebTestResponse) dashboard = helder_web_test_browse (f->web, "/dashboard");

    iv_test_assert_status (dashboard, 200, "the dashboard");
    helder_web_test_assert_contains (dashboard, "Open concerns");
    helder_web_test_assert_contains (dashboard, "href=\"/concerns?late=1\"");
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
#define ADD(path, fn)                                                              \
  g_test_add ("/interviews-web-concerns/" path, Fixture, NULL, fixture_set_up, fn, \
              fixture_tear_down)
  ADD ("anonymous", test_anonymous);
  ADD ("named", test_named);
  ADD ("raise-bad", test_raise_bad);
  ADD ("answer-and-qa", test_answer_and_qa);
  ADD ("summary-and-themes", test_summary_and_themes);
  ADD ("panels", test_panels);
#undef ADD
  return g_test_run ();
}
