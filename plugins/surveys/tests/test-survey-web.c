/* test-survey-web.c — the surveys plugin's pages and API on a real server
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real `helder serve` on loopback (tests/helder-web-test-utils.h) with the
 * real plugin from the build tree, on the demo programme. A survey is made
 * and opened with the real `helder survey` commands: a pulse for the
 * servicedesk and the two test employees, with a single and a multiple
 * choice question added. Then the advisor's pages in Dutch and English,
 * answering as an employee through the form and through the API, every
 * refusal (a second answer, a round one is not invited to, a closed round,
 * a forged token, a bad form token, bad values of every kind of question,
 * hostile bodies) with the database unchanged, and the results page, which
 * never shows the number of a group smaller than the threshold.
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"

typedef struct
{
  HelderWebTest *web;
  gint64 survey;
  gint64 round;
  gint64 q_agree, q_scale, q_long, q_single, q_multiple;
} Fixture;

static gint64
question (Fixture *f, const char *kind)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT min (id) FROM survey_question WHERE survey = %" G_GINT64_FORMAT " AND kind = '%s'",
    f->survey, kind);

  return helder_web_test_scalar (f->web, sql);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *opens = helder_test_day (-1);
  g_autofree char *closes = helder_test_day (10);
  g_autofree char *persons = NULL;

  f->web = helder_web_test_start ();
  persons = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, f->web->employee.person,
                             f->web->employee2.person);
  {
    const char *const args[] = { "survey",
                                 "new",
                                 "--template",
                                 "pulse",
                                 "--title",
                                 "Pulse <b>webtest</b>",
                                 "--slug",
                                 "webtest",
                                 "--groups",
                                 "servicedesk",
                                 "--persons",
                                 persons,
                                 "--opens",
                                 opens,
                                 "--closes",
                                 closes,
                                 "--purpose",
                                 "Weten hoe het gaat",
                                 "--legal-basis",
                                 "public_task",
                                 "--works-council",
                                 "not_required",
                                 "--retention-months",
                                 "12",
                                 NULL };
    helder_test_runv_ok (f->web->db_path, args);
  }
  {
    const char *const args[] = { "survey-question",
                                 "add",
                                 "--survey",
                                 "webtest",
                                 "--position",
                                 "7",
                                 "--kind",
                                 "single",
                                 "--text",
                                 "Ben je er klaar voor?",
                                 "--options",
                                 "Klaar\nBijna\nNiet klaar",
                                 "--required",
                                 "1",
                                 NULL };
    helder_test_runv_ok (f->web->db_path, args);
  }
  {
    const char *const args[] = { "survey-question",
                                 "add",
                                 "--survey",
                                 "webtest",
                                 "--position",
                                 "8",
                                 "--kind",
                                 "multiple",
                                 "--text",
                                 "Wat heb je nodig?",
                                 "--options",
                                 "Training\nTijd\nUitleg",
                                 NULL };
    helder_test_runv_ok (f->web->db_path, args);
  }
  {
    const char *const args[] = { "survey", "open", "webtest", NULL };
    helder_test_runv_ok (f->web->db_path, args);
  }
  f->survey = helder_web_test_scalar (f->web, "SELECT id FROM survey WHERE slug = 'webtest'");
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT min (id) FROM survey_round WHERE survey = %" G_GINT64_FORMAT, f->survey);
    f->round = helder_web_test_scalar (f->web, sql);
  }
  f->q_agree = question (f, "agree5");
  f->q_scale = question (f, "scale10");
  f->q_long = question (f, "long");
  f->q_single = question (f, "single");
  f->q_multiple = question (f, "multiple");
  g_assert_cmpint (f->round, >, 0);
  g_assert_cmpint (f->q_multiple, >, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  helder_web_test_stop (f->web);
}

static char *
answer_path (Fixture *f)
{
  return g_strdup_printf ("/surveys/rounds/%" G_GINT64_FORMAT "/answer", f->round);
}

static char *
api_path (Fixture *f)
{
  return g_strdup_printf ("/api/v1/me/surveys/%" G_GINT64_FORMAT "/answers", f->round);
}

/* Every question answered, through the form: agreement 4, scale 8, the
 * second option of a single choice, the first and third of a multiple
 * choice, and a comment. */
static char *
good_form (Fixture *f)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT id, kind FROM survey_question WHERE survey = %" G_GINT64_FORMAT " ORDER BY position",
    f->survey);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->web->store, sql, NULL);
  GString *form = g_string_new (NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);

      if (form->len > 0)
        g_string_append_c (form, '&');
      if (g_str_equal (kind, "agree5"))
        g_string_append_printf (form, "q%" G_GINT64_FORMAT "=4", id);
      else if (g_str_equal (kind, "scale10"))
        g_string_append_printf (form, "q%" G_GINT64_FORMAT "=8", id);
      else if (g_str_equal (kind, "single"))
        g_string_append_printf (form, "q%" G_GINT64_FORMAT "=1", id);
      else if (g_str_equal (kind, "multiple"))
        g_string_append_printf (form, "q%" G_GINT64_FORMAT "-0=1&q%" G_GINT64_FORMAT "-2=1", id,
                                id);
      else
        g_string_append_printf (form, "q%" G_GINT64_FORMAT "=Meer+uitleg+graag", id);
    }
  return g_string_free (form, FALSE);
}

/* The same as JSON for the API. */
static char *
good_json (Fixture *f)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT id, kind FROM survey_question WHERE survey = %" G_GINT64_FORMAT " ORDER BY position",
    f->survey);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->web->store, sql, NULL);
  GString *json = g_string_new ("{\"answers\": {");
  gboolean first = TRUE;

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      const char *value = g_str_equal (kind, "agree5")     ? "5"
                          : g_str_equal (kind, "scale10")  ? "10"
                          : g_str_equal (kind, "single")   ? "0"
                          : g_str_equal (kind, "multiple") ? "[1, 2]"
                                                           : "\"Prima\"";

      g_string_append_printf (json, "%s\"%" G_GINT64_FORMAT "\": %s", first ? "" : ", ", id, value);
      first = FALSE;
    }
  g_string_append (json, "}}");
  return g_string_free (json, FALSE);
}

/* The good answers with question @id's answer made @value (JSON). */
static char *
json_with (Fixture *f, gint64 id, const char *value)
{
  g_autofree char *good = good_json (f);
  g_autoptr (JsonNode) root = json_from_string (good, NULL);
  g_autoptr (JsonNode) replaced = json_from_string (value, NULL);
  JsonObject *answers = json_object_get_object_member (json_node_get_object (root), "answers");
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  json_object_set_member (answers, key, g_steal_pointer (&replaced));
  return json_to_string (root, FALSE);
}

static gint64
answered (Fixture *f)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count (*) FROM survey_answered WHERE round = %" G_GINT64_FORMAT, f->round);

  return helder_web_test_scalar (f->web, sql);
}

static HelderWebTestResponse *
page (Fixture *f, HelderWebTestUser *user, const char *path)
{
  return helder_web_test_request (f->web, "GET", path, user, "cookie", NULL, NULL, 0, NULL);
}

static void
assert_status (HelderWebTestResponse *response, guint status, const char *what)
{
  const char *summary = strstr (response->text, "error-summary");

  if (response->status != status)
    g_error ("%s: expected %u, got %u: %.800s", what, status, response->status,
             summary != NULL ? summary : response->text);
}

/* ---- the advisor's pages ----------------------------------------------------- */

static void
check_advisor_pages (Fixture *f, gboolean dutch)
{
  const char *paths[] = { "/surveys", "/surveys/new", NULL, NULL, NULL, NULL };
  g_autofree char *show = g_strdup_printf ("/surveys/%" G_GINT64_FORMAT, f->survey);
  g_autofree char *governance = g_strconcat (show, "/governance", NULL);
  g_autofree char *results = g_strconcat (show, "/results", NULL);
  g_autofree char *csv = g_strconcat (show, "/results.csv", NULL);

  paths[2] = show;
  paths[3] = governance;
  paths[4] = results;
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, paths[i]);

      assert_status (r, 200, paths[i]);
      helder_web_test_assert_contains (r, dutch ? "Vragenlijsten" : "Surveys");
      /* Text from the store is escaped. */
      helder_web_test_assert_lacks (r, "<b>webtest</b>");
    }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, show);

    helder_web_test_assert_contains (r, dutch ? "Sluit de vragenlijst nu" : "Close the survey now");
    helder_web_test_assert_contains (r, "Pulse &lt;b&gt;webtest&lt;/b&gt;");
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, governance);

    helder_web_test_assert_contains (r, dutch ? "Toestemming is hier geen rechtsgrond"
                                              : "Consent is not a legal basis here");
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, csv);

    assert_status (r, 200, csv);
    g_assert_true (g_str_has_prefix (r->content_type, "text/csv"));
  }
}

static void
test_advisor_pages (Fixture *f, gconstpointer data)
{
  check_advisor_pages (f, FALSE);
  helder_web_test_set_locale (f->web, f->web->advisor.person, "nl");
  check_advisor_pages (f, TRUE);
}

/* Nobody but the advisor sees the advisor's pages; employees do not get
 * the navigation entry. */
static void
test_permissions (Fixture *f, gconstpointer data)
{
  g_autofree char *results = g_strdup_printf ("/surveys/%" G_GINT64_FORMAT "/results", f->survey);
  g_autoptr (HelderWebTestResponse) list = page (f, &f->web->employee, "/surveys");
  g_autoptr (HelderWebTestResponse) res = page (f, &f->web->hr, results);
  g_autoptr (HelderWebTestResponse) me = page (f, &f->web->employee, "/me");
  g_autoptr (HelderWebTestResponse) anon = page (f, NULL, "/surveys");

  assert_status (list, 403, "/surveys as employee");
  assert_status (res, 403, "results as HR");
  assert_status (anon, 401, "/surveys anonymously");
  helder_web_test_assert_lacks (me, "href=\"/surveys\"");
}

/* ---- answering through the form ---------------------------------------------- */

static void
test_answer_form (Fixture *f, gconstpointer data)
{
  g_autofree char *path = answer_path (f);
  g_autofree char *form = good_form (f);
  g_autofree char *before = NULL;

  helder_web_test_set_locale (f->web, f->web->employee.person, "nl");
  /* The personal page links the answer page itself; the old address is gone. */
  {
    g_autofree char *old = g_strdup_printf ("/surveys/%" G_GINT64_FORMAT "/answer", f->round);
    g_autoptr (HelderWebTestResponse) me = page (f, &f->web->employee, "/me");
    g_autoptr (HelderWebTestResponse) gone = page (f, &f->web->employee, old);

    helder_web_test_assert_contains (me, path);
    assert_status (gone, 404, "the old address of the answer page");
  }
  {
    g_autoptr (HelderWebTestResponse) r = page (f, &f->web->employee, path);

    assert_status (r, 200, "the answer form");
    helder_web_test_assert_contains (
      r, "Je antwoorden zijn anoniem: niemand kan zien wat jij hebt ingevuld. We tonen uitkomsten "
         "alleen als minstens 5 mensen hebben geantwoord, en opmerkingen alleen bij minstens 10. "
         "Je naam wordt niet bij je antwoorden bewaard.");
    helder_web_test_assert_contains (r, "<legend>");
    helder_web_test_assert_contains (r, "type=\"radio\"");
    helder_web_test_assert_contains (r, "type=\"checkbox\"");
    helder_web_test_assert_contains (r, "maxlength=\"4000\"");
    helder_web_test_assert_contains (r, "Helemaal mee eens");
  }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post_form (f->web, path, &f->web->employee, form);

    assert_status (r, 200, "answering");
    helder_web_test_assert_contains (r, "Bedankt");
    helder_web_test_assert_contains (r, "href=\"/me\"");
  }
  g_assert_cmpint (answered (f), ==, 1);
  g_assert_cmpint (
    helder_web_test_scalar (f->web, "SELECT count (*) FROM survey_answer WHERE choice IN (0, 2)"
                                    " AND question = (SELECT max (id) FROM survey_question)"),
    ==, 2);

  /* Once per round: the page says so, and a second POST changes nothing. */
  before = helder_test_fingerprint (f->web->store);
  {
    g_autoptr (HelderWebTestResponse) r = page (f, &f->web->employee, path);

    assert_status (r, 409, "the form after answering");
    helder_web_test_assert_contains (r, "Je hebt al geantwoord");
  }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post_form (f->web, path, &f->web->employee, form);
    g_autofree char *after = NULL;

    assert_status (r, 409, "a second answer");
    after = helder_test_fingerprint (f->web->store);
    g_assert_cmpstr (before, ==, after);
  }
}

/* Each bad value of each kind of question, and a bad form token: refused
 * next to the question, nothing written. */
static void
test_answer_form_bad (Fixture *f, gconstpointer data)
{
  g_autofree char *path = answer_path (f);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *too_long = g_strnfill (4001, 'x');
  g_autofree char *good = good_form (f);
  struct
  {
    const char *what;
    char *form;
    guint status;
    const char *says;
  } cases[] = {
    /* The good form with one answer made bad: the last value of a field counts. */
    { "agree5 out of range", g_strdup_printf ("%s&q%" G_GINT64_FORMAT "=7", good, f->q_agree), 400,
      "Question 1" },
    { "agree5 not a number", g_strdup_printf ("%s&q%" G_GINT64_FORMAT "=veel", good, f->q_agree),
      400, "choose one of the answers shown" },
    { "scale10 out of range", g_strdup_printf ("%s&q%" G_GINT64_FORMAT "=11", good, f->q_scale),
      400, "Question 5" },
    { "single out of range", g_strdup_printf ("%s&q%" G_GINT64_FORMAT "=9", good, f->q_single), 400,
      "Question 7" },
    { "required single missing", g_strdup_printf ("%s&q%" G_GINT64_FORMAT "=", good, f->q_single),
      400, "choose an answer" },
    { "long text too long",
      g_strdup_printf ("%s&q%" G_GINT64_FORMAT "=%s", good, f->q_long, too_long), 400,
      "Question 6" },
    { "a bad form token", g_strdup_printf ("csrf=forged&%s", good), 403, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (HelderWebTestResponse) r =
        helder_web_test_post_form (f->web, path, &f->web->employee, cases[i].form);
      g_autofree char *after = helder_test_fingerprint (f->web->store);

      assert_status (r, cases[i].status, cases[i].what);
      if (cases[i].says != NULL)
        {
          helder_web_test_assert_contains (r, cases[i].says);
          helder_web_test_assert_contains (r, "class=\"field-error\"");
          helder_web_test_assert_contains (r, "class=\"error-summary\"");
        }
      if (g_strcmp0 (before, after) != 0)
        g_error ("%s changed the database", cases[i].what);
      g_free (cases[i].form);
    }
  g_assert_cmpint (answered (f), ==, 0);
}

/* A round the caller is not invited to, a round that does not exist, and
 * a closed round each get a page that says which. */
static void
test_answer_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *path = answer_path (f);
  g_autofree char *form = good_form (f);
  g_autofree char *before = helder_test_fingerprint (f->web->store);

  {
    g_autoptr (HelderWebTestResponse) r = page (f, &f->web->hr, path);
    g_autoptr (HelderWebTestResponse) p =
      helder_web_test_post_form (f->web, path, &f->web->hr, form);

    assert_status (r, 403, "the form of someone not invited");
    helder_web_test_assert_contains (r, "This survey is not for you");
    assert_status (p, 403, "answering when not invited");
  }
  {
    g_autoptr (HelderWebTestResponse) r =
      page (f, &f->web->employee, "/surveys/rounds/999999/answer");
    g_autoptr (HelderWebTestResponse) bad = page (f, &f->web->employee, "/surveys/rounds/x/answer");

    assert_status (r, 404, "a round that does not exist");
    assert_status (bad, 404, "a round that is no number");
  }
  {
    g_autofree char *after = helder_test_fingerprint (f->web->store);
    g_assert_cmpstr (before, ==, after);
  }
  {
    const char *const args[] = { "survey", "close", "webtest", NULL };
    helder_test_runv_ok (f->web->db_path, args);
  }
  g_free (before);
  before = helder_test_fingerprint (f->web->store);
  {
    g_autoptr (HelderWebTestResponse) r = page (f, &f->web->employee, path);
    g_autoptr (HelderWebTestResponse) p =
      helder_web_test_post_form (f->web, path, &f->web->employee, form);
    g_autofree char *after = helder_test_fingerprint (f->web->store);

    assert_status (r, 410, "the form of a closed round");
    helder_web_test_assert_contains (r, "This survey is closed");
    assert_status (p, 410, "answering a closed round");
    g_assert_cmpstr (before, ==, after);
  }
}

/* ---- answering through the API ------------------------------------------------ */

static void
test_api (Fixture *f, gconstpointer data)
{
  g_autofree char *path = api_path (f);
  g_autofree char *form_path = g_strdup_printf ("/api/v1/me/surveys/%" G_GINT64_FORMAT, f->round);
  g_autofree char *good = good_json (f);
  g_autofree char *before = NULL;

  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_get (f->web, "/api/v1/me/surveys", &f->web->employee2);
    g_autoptr (JsonNode) body = helder_web_test_json (r);
    JsonArray *items = json_object_get_array_member (json_node_get_object (body), "items");

    assert_status (r, 200, "my surveys");
    g_assert_cmpuint (json_array_get_length (items), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "round"),
                     ==, f->round);
    g_assert_nonnull (soup_message_headers_get_one (r->headers, "Cache-Control"));
    g_assert_nonnull (
      strstr (soup_message_headers_get_one (r->headers, "Cache-Control"), "no-store"));
  }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_get (f->web, form_path, &f->web->employee2);
    g_autoptr (JsonNode) body = helder_web_test_json (r);

    assert_status (r, 200, "my form");
    g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (json_node_get_object (body), "questions")),
                      ==, 8);
  }

  /* Bad values, each named as answers.QID; bad shapes; nothing written. */
  before = helder_test_fingerprint (f->web->store);
  {
    struct
    {
      char *json;
      guint status;
      char *field;
    } cases[] = {
      { json_with (f, f->q_agree, "6"), 400,
        g_strdup_printf ("answers.%" G_GINT64_FORMAT, f->q_agree) },
      { json_with (f, f->q_scale, "-1"), 400,
        g_strdup_printf ("answers.%" G_GINT64_FORMAT, f->q_scale) },
      { json_with (f, f->q_multiple, "[0, 0, 7]"), 400,
        g_strdup_printf ("answers.%" G_GINT64_FORMAT, f->q_multiple) },
      { json_with (f, f->q_single, "\"twee\""), 400,
        g_strdup_printf ("answers.%" G_GINT64_FORMAT, f->q_single) },
      { json_with (f, f->q_long, "12"), 400,
        g_strdup_printf ("answers.%" G_GINT64_FORMAT, f->q_long) },
      { g_strdup ("{\"answers\": {\"999999\": 1}}"), 400, g_strdup ("answers.999999") },
      { g_strdup ("{\"answers\": [1, 2]}"), 400, g_strdup ("answers") },
      { g_strdup ("{\"answers\": {}, \"person\": 1}"), 400, g_strdup ("answers") },
      { g_strdup ("{\"answers\": "), 400, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr (HelderWebTestResponse) r =
          helder_web_test_send_json (f->web, "POST", path, &f->web->employee2, cases[i].json);
        g_autofree char *after = helder_test_fingerprint (f->web->store);

        if (r->status != cases[i].status)
          g_error ("%s: expected %u, got %u: %s", cases[i].json, cases[i].status, r->status,
                   r->text);
        if (cases[i].field != NULL)
          helder_web_test_assert_error (r, cases[i].status, cases[i].field, "");
        if (g_strcmp0 (before, after) != 0)
          g_error ("%s changed the database", cases[i].json);
        g_free (cases[i].json);
        g_free (cases[i].field);
      }
  }

  /* A forged token. */
  {
    HelderWebTestUser forged = f->web->employee2;
    g_autoptr (HelderWebTestResponse) r = NULL;
    g_autofree char *after = NULL;

    forged.token = (char *) "forged-token-that-no-one-was-given-000000000";
    r = helder_web_test_send_json (f->web, "POST", path, &forged, good);
    assert_status (r, 401, "a forged token");
    after = helder_test_fingerprint (f->web->store);
    g_assert_cmpstr (before, ==, after);
  }
  /* Someone not invited. */
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_send_json (f->web, "POST", path, &f->web->hr, good);
    g_autofree char *after = helder_test_fingerprint (f->web->store);

    helder_web_test_assert_error (r, 403, "round", "");
    g_assert_cmpstr (before, ==, after);
  }

  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_send_json (f->web, "POST", path, &f->web->employee2, good);
    g_autoptr (JsonNode) body = helder_web_test_json (r);

    assert_status (r, 201, "answering through the API");
    g_assert_true (json_object_get_boolean_member (json_node_get_object (body), "ok"));
  }
  g_assert_cmpint (answered (f), ==, 1);
  g_free (before);
  before = helder_test_fingerprint (f->web->store);
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_send_json (f->web, "POST", path, &f->web->employee2, good);
    g_autoptr (HelderWebTestResponse) list =
      helder_web_test_get (f->web, "/api/v1/me/surveys", &f->web->employee2);
    g_autofree char *after = helder_test_fingerprint (f->web->store);

    helder_web_test_assert_error (r, 409, "round", "already");
    g_assert_null (strstr (list->text, "webtest"));
    g_assert_cmpstr (before, ==, after);
  }
}

/* The link to a round in @text (at the server's address), as a path. */
static char *
round_link (Fixture *f, const char *text, const char *what)
{
  g_autofree char *needle =
    g_strdup_printf ("%s/surveys/rounds/%" G_GINT64_FORMAT "/answer)", f->web->base_url, f->round);
  const char *at = strstr (text, needle);

  if (at == NULL)
    g_error ("%s lacks %s: %s", what, needle, text);
  return g_strndup (at + strlen (f->web->base_url),
                    strlen (needle) - strlen (f->web->base_url) - 1);
}

/* One address for answering: the link of the weekly digest and the link
 * of the invitation's e-mail text (the moment's body, in both languages)
 * open the answer page for the employee. */
static void
test_answer_links (Fixture *f, gconstpointer data)
{
  const char *const base[] = { "config", "set", "server.base_url", f->web->base_url, NULL };
  g_autofree char *person = g_strdup_printf ("%" G_GINT64_FORMAT, f->web->employee.person);
  const char *const digest[] = { "digest", person, NULL };
  g_autofree char *text = NULL;
  g_autofree char *sql = g_strdup_printf (
    "SELECT body || ' ' || body_en FROM moment WHERE id = (SELECT invitation FROM survey_round"
    " WHERE id = %" G_GINT64_FORMAT ")",
    f->round);
  g_autoptr (HelderStmt) stmt = NULL;
  char *links[3] = { NULL };

  helder_test_runv_ok (f->web->db_path, base);
  /* The survey opened before server.base_url was set: the invitation was
   * written with the default address, which is what it has. */
  g_assert_cmpint (helder_test_runv (f->web->db_path, NULL, digest, &text, NULL), ==, 0);
  links[0] = round_link (f, text, "the digest");
  stmt = helder_store_prepare (f->web->store, sql, NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  {
    g_autofree char *body = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    g_autofree char *needle =
      g_strdup_printf ("/surveys/rounds/%" G_GINT64_FORMAT "/answer)", f->round);
    const char *at = strstr (body, needle);

    g_assert_nonnull (at);
    g_assert_nonnull (strstr (at + 1, needle));
    links[1] = g_strndup (needle, strlen (needle) - 1);
  }
  for (guint i = 0; links[i] != NULL; i++)
    {
      g_autoptr (HelderWebTestResponse) r = page (f, &f->web->employee, links[i]);

      assert_status (r, 200, links[i]);
      helder_web_test_assert_contains (r, "type=\"radio\"");
    }
  g_free (links[0]);
  g_free (links[1]);
}

/* ---- hostile input ------------------------------------------------------------------ */

static void
test_hostile (Fixture *f, gconstpointer data)
{
  g_autofree char *path = answer_path (f);
  g_autofree char *api = api_path (f);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autoptr (GString) many = g_string_new (NULL);
  g_autoptr (GString) big = g_string_new ("{\"answers\": {\"1\": \"");
  g_autofree char *bad_utf8 =
    g_strdup_printf ("{\"answers\": {\"%" G_GINT64_FORMAT "\": \"caf\xc3\x28\"}}", f->q_long);

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (many, "%sf%u=1", i ? "&" : "", i);
  while (big->len < 1024 * 1024 + 100)
    g_string_append (big, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  g_string_append (big, "\"}}");
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post_form (f->web, path, &f->web->employee, many->str);
    g_assert_cmpuint (r->status, >=, 400);
    g_assert_cmpuint (r->status, <, 500);
  }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_send_json (f->web, "POST", api, &f->web->employee, big->str);
    g_assert_cmpuint (r->status, ==, 413);
  }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_send_json (f->web, "POST", api, &f->web->employee, bad_utf8);
    g_assert_cmpuint (r->status, ==, 400);
  }
  {
    g_autofree char *form = g_strdup_printf (
      "q%" G_GINT64_FORMAT "=caf%%C3%%28&q%" G_GINT64_FORMAT "=1", f->q_long, f->q_single);
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post_form (f->web, path, &f->web->employee, form);
    g_assert_cmpuint (r->status, ==, 400);
  }
  {
    g_autofree char *after = helder_test_fingerprint (f->web->store);
    g_assert_cmpstr (before, ==, after);
  }
}

/* ---- results ------------------------------------------------------------------------- */

/* Two answers: fewer than the threshold, so the results page says "not
 * shown" everywhere and shows no count of answers. */
static void
test_results_suppressed (Fixture *f, gconstpointer data)
{
  g_autofree char *path = answer_path (f);
  g_autofree char *form = good_form (f);
  g_autofree char *results = g_strdup_printf ("/surveys/%" G_GINT64_FORMAT "/results", f->survey);
  g_autofree char *api =
    g_strdup_printf ("/api/v1/surveys/%" G_GINT64_FORMAT "/results", f->survey);

  {
    g_autoptr (HelderWebTestResponse) a =
      helder_web_test_post_form (f->web, path, &f->web->employee, form);
    g_autoptr (HelderWebTestResponse) b =
      helder_web_test_post_form (f->web, path, &f->web->employee2, form);

    assert_status (a, 200, "first answer");
    assert_status (b, 200, "second answer");
  }
  helder_web_test_set_locale (f->web, f->web->advisor.person, "nl");
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, results);

    assert_status (r, 200, "results");
    helder_web_test_assert_contains (r, "niet getoond");
    /* No count of answers, no average, no distribution of the two. */
    helder_web_test_assert_lacks (r, "<td class=\"num\">2</td>");
    helder_web_test_assert_lacks (r, "Meer uitleg graag");
    helder_web_test_assert_lacks (r, "Gemiddelde");
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_get (f->web, api, &f->web->advisor);
    g_autoptr (JsonNode) body = helder_web_test_json (r);
    JsonObject *round = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (body), "rounds"), 0);

    assert_status (r, 200, "results API");
    g_assert_true (json_object_get_boolean_member_with_default (round, "suppressed", FALSE));
    g_assert_false (json_object_has_member (round, "responses"));
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, "/surveys?x=1");
    helder_web_test_assert_contains (r, "niet getoond");
  }
  {
    g_autofree char *bad = g_strconcat (results, "?round=nul", NULL);
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, bad);

    assert_status (r, 400, "?round=nul");
    helder_web_test_assert_contains (r, "nul");
  }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_browse (f->web, "/surveys/424242/results");
    assert_status (r, 404, "results of no survey");
  }
}

/* Answers through the API as @n members of the servicedesk, each with a
 * token of their own. */
static void
answer_as_servicedesk (Fixture *f, guint n)
{
  g_autofree char *path = api_path (f);
  g_autofree char *good = good_json (f);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    f->web->store, "SELECT person FROM person_group WHERE grp = 'servicedesk' ORDER BY person",
    NULL);
  guint done = 0;

  g_assert_nonnull (stmt);
  while (done < n && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *person =
        g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      const char *const args[] = { "token", "issue", person, "--role", "employee", "--json", NULL };
      g_autofree char *out = NULL;
      g_autoptr (JsonNode) issued = NULL;
      g_autoptr (HelderWebTestResponse) r = NULL;
      HelderWebTestUser user = { 0 };

      g_assert_cmpint (helder_test_runv (f->web->db_path, NULL, args, &out, NULL), ==, 0);
      issued = json_from_string (out, NULL);
      user.token = (char *) json_object_get_string_member (json_node_get_object (issued), "token");
      r = helder_web_test_send_json (f->web, "POST", path, &user, good);
      assert_status (r, 201, "a servicedesk member answers");
      done++;
    }
  g_assert_cmpuint (done, ==, n);
}

/* Six answers from the servicedesk: its numbers are shown as charts and
 * tables, the overall ones too, and the groups of fewer than five are
 * not; the CSV is the same results. */
static void
test_results_shown (Fixture *f, gconstpointer data)
{
  g_autofree char *results = g_strdup_printf ("/surveys/%" G_GINT64_FORMAT "/results", f->survey);
  g_autofree char *csv = g_strdup_printf ("/surveys/%" G_GINT64_FORMAT "/results.csv", f->survey);

  answer_as_servicedesk (f, 6);
  helder_web_test_set_locale (f->web, f->web->advisor.person, "nl");
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, results);

    assert_status (r, 200, "results");
    helder_web_test_assert_contains (r, "role=\"img\"");
    helder_web_test_assert_contains (
      r, "<title>Antwoorden op vraag 1, in procenten van 6 antwoorden</title>");
    helder_web_test_assert_contains (r, "<desc>");
    helder_web_test_assert_contains (
      r, "<caption class=\"visually-hidden\">Antwoorden op vraag 1</caption>");
    helder_web_test_assert_contains (r, "Gemiddelde");
    helder_web_test_assert_contains (r, "<td class=\"num\">6</td>");
    helder_web_test_assert_contains (r, "XLA-index");
    /* Fewer than ten comments: none shown. */
    helder_web_test_assert_lacks (r, "Prima");
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, csv);

    assert_status (r, 200, "results.csv");
    helder_web_test_assert_lacks (r, "Prima");
  }
}

/* ---- the advisor's forms ---------------------------------------------------------------- */

static void
test_forms (Fixture *f, gconstpointer data)
{
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *governance =
    g_strdup_printf ("/surveys/%" G_GINT64_FORMAT "/governance", f->survey);
  struct
  {
    const char *form;
    const char *field;
    const char *says;
  } bad[] = {
    { "title=&template=pulse", "title", "title" },
    { "title=X&template=quiz", "template", "quiz" },
    { "title=X&template=pulse&opens_at=gisteren", "opens_at", "gisteren" },
    { "title=X&template=pulse&threshold=vijf", "threshold", "vijf" },
    { "title=X&template=pulse&threshold=3", NULL, "5" },
    { "title=X&template=pulse&legal_basis=consent", "legal_basis", "consent" },
    { "title=X&template=pulse&retention_months=12x", "retention_months", "12x" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (HelderWebTestResponse) r =
        helder_web_test_post (f->web, "/surveys/new", bad[i].form);
      g_autofree char *after = helder_test_fingerprint (f->web->store);

      if (r->status != 400)
        g_error ("%s: expected 400, got %u: %.400s", bad[i].form, r->status, r->text);
      helder_web_test_assert_contains (r, bad[i].says);
      if (bad[i].field != NULL)
        {
          g_autofree char *error_id = g_strdup_printf ("href=\"#%s\"", bad[i].field);
          helder_web_test_assert_contains (r, error_id);
        }
      if (g_strcmp0 (before, after) != 0)
        g_error ("%s changed the database", bad[i].form);
    }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post (f->web, governance, "purpose=Beter&retention_months=twaalf");
    g_autofree char *after = helder_test_fingerprint (f->web->store);

    assert_status (r, 400, "governance with bad retention");
    helder_web_test_assert_contains (r, "twaalf");
    g_assert_cmpstr (before, ==, after);
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_post (
      f->web, "/surveys/new",
      "title=Readiness+migratieweekend&template=readiness&group-key-users=1&threshold=5"
      "&purpose=Klaar%3F&legal_basis=public_task&works_council=not_required&retention_months=6");
    gint64 id = helder_web_test_location_id (r, "/surveys/");

    assert_status (r, 303, "a new survey");
    g_autofree char *sql =
      g_strdup_printf ("SELECT count (*) FROM survey WHERE id = %" G_GINT64_FORMAT
                       " AND title = 'Readiness migratieweekend' AND status = 'draft'",
                       id);

    g_assert_cmpint (id, >, f->survey);
    g_assert_cmpint (helder_web_test_scalar (f->web, sql), ==, 1);
  }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post (f->web, governance, "purpose=Beter+weten&retention_months=24");

    assert_status (r, 303, "governance saved");
    g_assert_cmpint (helder_web_test_scalar (f->web, "SELECT retention_months FROM survey WHERE "
                                                     "slug = 'webtest'"),
                     ==, 24);
  }
}

/* Opening and closing from the survey's page: a draft that lacks its
 * window is refused there with what is missing, a bad form token changes
 * nothing, and closing an open survey ends its round. */
static void
test_open_close (Fixture *f, gconstpointer data)
{
  g_autofree char *close = g_strdup_printf ("/surveys/%" G_GINT64_FORMAT "/close", f->survey);
  g_autofree char *before = NULL;
  gint64 draft;

  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_post (
      f->web, "/surveys/new",
      "title=Evaluatie&template=evaluation&purpose=Leren&legal_basis=public_task"
      "&works_council=not_required&retention_months=6");
    assert_status (r, 303, "a draft");
    draft = helder_web_test_location_id (r, "/surveys/");
  }
  before = helder_test_fingerprint (f->web->store);
  {
    g_autofree char *open = g_strdup_printf ("/surveys/%" G_GINT64_FORMAT "/open", draft);
    g_autofree char *show = g_strdup_printf ("/surveys/%" G_GINT64_FORMAT, draft);
    g_autoptr (HelderWebTestResponse) r = helder_web_test_post (f->web, open, "");
    g_autoptr (HelderWebTestResponse) page_ = helder_web_test_browse (f->web, show);
    g_autoptr (HelderWebTestResponse) forged = helder_web_test_post (f->web, close, "csrf=forged");
    g_autofree char *after = helder_test_fingerprint (f->web->store);

    g_assert_cmpuint (r->status, >=, 400);
    g_assert_cmpuint (r->status, <, 500);
    helder_web_test_assert_contains (r, "class=\"error-summary\"");
    helder_web_test_assert_contains (page_, "Before this survey can open");
    helder_web_test_assert_lacks (page_, "action=\"/surveys/");
    assert_status (forged, 403, "closing with a forged form token");
    g_assert_cmpstr (before, ==, after);
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_post (f->web, close, "");
    g_autofree char *sql = g_strdup_printf (
      "SELECT count (*) FROM survey WHERE id = %" G_GINT64_FORMAT " AND status = 'closed'",
      f->survey);

    assert_status (r, 303, "closing");
    g_assert_cmpint (helder_web_test_scalar (f->web, sql), ==, 1);
  }
}

/* The plugin's part of the OpenAPI document: each of its API routes. */
int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
#define ADD(path, fn) \
  g_test_add ("/survey-web/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("advisor-pages", test_advisor_pages);
  ADD ("permissions", test_permissions);
  ADD ("answer-form", test_answer_form);
  ADD ("answer-form-bad", test_answer_form_bad);
  ADD ("answer-links", test_answer_links);
  ADD ("answer-refused", test_answer_refused);
  ADD ("api", test_api);
  ADD ("hostile", test_hostile);
  ADD ("results-suppressed", test_results_suppressed);
  ADD ("results-shown", test_results_shown);
  ADD ("forms", test_forms);
  ADD ("open-close", test_open_close);
#undef ADD
  return g_test_run ();
}
