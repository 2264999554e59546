/* test-survey-web-followup.c — closing the loop on the web: a round's
 * follow-up form and its note on the results
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real `helder serve` on loopback (tests/helder-web-test-utils.h) with the
 * real plugin from the build tree, on the demo programme. A pulse for the
 * servicedesk is made, opened and closed with the real `helder survey`
 * commands, so that its round 1 is closed. The advisor plans its follow-up
 * at /surveys/{id}/follow-up: every bad field is named next to its field
 * and changes nothing, a forged form token changes nothing, employees may
 * not, and a good form makes the moment, links it to the round and leads
 * to the results, which show it as a note. (Its own program beside
 * test-survey-web.c, which is near the size a file should stay under.)
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"

typedef struct
{
  HelderWebTest *web;
  gint64 survey;
  char *form;    /* /surveys/ID/follow-up */
  char *results; /* /surveys/ID/results */
} Fixture;

/* A pulse for the servicedesk, open since yesterday; @close: closed now. */
static void
new_survey (Fixture *f, const char *slug, gboolean close)
{
  g_autofree char *opens = helder_test_day (-1);
  g_autofree char *closes = helder_test_day (10);
  const char *const args[] = { "survey",
                               "new",
                               "--template",
                               "pulse",
                               "--title",
                               slug,
                               "--slug",
                               slug,
                               "--groups",
                               "servicedesk",
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
  const char *const open[] = { "survey", "open", slug, NULL };
  const char *const shut[] = { "survey", "close", slug, NULL };

  helder_test_runv_ok (f->web->db_path, args);
  helder_test_runv_ok (f->web->db_path, open);
  if (close)
    helder_test_runv_ok (f->web->db_path, shut);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->web = helder_web_test_start ();
  new_survey (f, "terugkoppeling", TRUE);
  f->survey =
    helder_web_test_scalar (f->web, "SELECT id FROM survey WHERE slug = 'terugkoppeling'");
  f->form = g_strdup_printf ("/surveys/%" G_GINT64_FORMAT "/follow-up", f->survey);
  f->results = g_strdup_printf ("/surveys/%" G_GINT64_FORMAT "/results", f->survey);
  g_assert_cmpint (helder_web_test_scalar (f->web,
                                           "SELECT count(*) FROM survey_round r JOIN survey s"
                                           " ON s.id = r.survey WHERE s.slug = 'terugkoppeling'"
                                           " AND r.number = 1 AND r.status = 'closed'"),
                   ==, 1);
  helder_web_test_set_locale (f->web, f->web->advisor.person, "nl");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  helder_web_test_stop (f->web);
  g_free (f->form);
  g_free (f->results);
}

static void
assert_status (HelderWebTestResponse *response, guint status, const char *what)
{
  const char *summary = strstr (response->text, "error-summary");

  if (response->status != status)
    g_error ("%s: expected %u, got %u: %.800s", what, status, response->status,
             summary != NULL ? summary : response->text);
}

static gint64
followups (Fixture *f)
{
  return helder_web_test_scalar (f->web,
                                 "SELECT count(*) FROM survey_round WHERE followup IS NOT NULL");
}

/* The form, in Dutch; the results of the closed round link it, and say
 * nothing of a follow-up yet; employees get neither. */
static void
test_form (Fixture *f, gconstpointer data)
{
  g_autofree char *round1 = g_strconcat (f->results, "?round=1", NULL);
  g_autofree char *link = g_strconcat (f->form, "?round=1", NULL);

  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, link);

    assert_status (r, 200, "the follow-up form");
    helder_web_test_assert_contains (r, "Wat jullie ons vertelden en wat we ermee doen");
    helder_web_test_assert_contains (r, "<option value=\"1\" selected>");
    helder_web_test_assert_contains (r, "name=\"csrf\"");
    helder_web_test_assert_contains (r, "id=\"title_en\"");
    helder_web_test_assert_contains (r, "id=\"when\"");
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, round1);
    g_autofree char *href = g_strdup_printf ("href=\"%s\"", link);

    assert_status (r, 200, "results of round 1");
    helder_web_test_assert_contains (r, href);
    helder_web_test_assert_contains (r, "Terugkoppeling plannen");
    helder_web_test_assert_lacks (r, "Wat we met de uitkomsten doen");
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_request (
      f->web, "GET", f->form, &f->web->employee, "cookie", NULL, NULL, 0, NULL);
    g_autoptr (HelderWebTestResponse) post =
      helder_web_test_post_form (f->web, f->form, &f->web->employee, "round=1&title=X&body=Y");

    assert_status (r, 403, "the form as an employee");
    assert_status (post, 403, "posting the form as an employee");
  }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_browse (f->web, "/surveys/424242/follow-up");
    g_autoptr (HelderWebTestResponse) bad =
      helder_web_test_browse (f->web, "/surveys/1/follow-up?round=nul");

    assert_status (r, 404, "the form of no survey");
    assert_status (bad, 400, "?round=nul");
  }
  g_assert_cmpint (followups (f), ==, 0);
}

/* Every field, each bad in its own way: 400, the problem next to its
 * field and in the summary with the value, and nothing changed. */
static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autoptr (GString) long_title = g_string_new ("title=");
  struct
  {
    const char *form;
    const char *field;
    const char *says;
  } bad[] = {
    { "title=T&body=B", "round", "kies de ronde" },
    { "round=een&title=T&body=B", "round", "een" },
    { "round=99&title=T&body=B", "round", "99" },
    { "round=1&body=B", "title", "Titel" },
    { "round=1&title=+++&body=B", "title", "Titel" },
    { NULL, "title", "200" },
    { "round=1&title=T", "body", "Tekst" },
    { "round=1&title=T&body=a%01b", "body", "stuurteken" },
    { "round=1&title=T&body=B&title_en=bel%07l", "title_en", "stuurteken" },
    { "round=1&title=T&body=B&body_en=x%1Bx", "body_en", "stuurteken" },
    { "round=1&title=T&body=B&when=morgen", "when", "morgen" },
    { "round=1&title=T&body=B&when=2020-01-01+10%3A00", "when", "2020-01-01 10:00" },
  };

  for (guint i = 0; i < 201; i++)
    g_string_append_c (long_title, 'x');
  g_string_append (long_title, "&round=1&body=B");
  bad[5].form = long_title->str;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (HelderWebTestResponse) r = helder_web_test_post (f->web, f->form, bad[i].form);
      g_autofree char *after = helder_test_fingerprint (f->web->store);
      g_autofree char *anchor = g_strdup_printf ("href=\"#%s\"", bad[i].field);
      g_autofree char *next_to = g_strdup_printf ("id=\"%s-error\"", bad[i].field);

      if (r->status != 400)
        g_error ("%s: expected 400, got %u: %.600s", bad[i].form, r->status, r->text);
      helder_web_test_assert_contains (r, bad[i].says);
      helder_web_test_assert_contains (r, anchor);
      helder_web_test_assert_contains (r, next_to);
      helder_web_test_assert_contains (r, "aria-invalid=\"true\"");
      if (g_strcmp0 (before, after) != 0)
        g_error ("%s changed the database", bad[i].form);
    }
  /* Invalid UTF-8 in any field: the form is refused as a whole. */
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post (f->web, f->form, "round=1&title=T&body=caf%C3%28");
    g_autofree char *after = helder_test_fingerprint (f->web->store);

    assert_status (r, 400, "invalid UTF-8");
    helder_web_test_assert_contains (r, "UTF-8");
    g_assert_cmpstr (before, ==, after);
  }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post (f->web, f->form, "round=1&title=T&body=B&csrf=vervalst");
    g_autofree char *after = helder_test_fingerprint (f->web->store);

    assert_status (r, 403, "a forged form token");
    g_assert_cmpstr (before, ==, after);
  }
}

/* A good form: the moment, to the survey's audience, linked to round 1;
 * the results show the note and no longer offer the form; a second
 * follow-up of the round is refused with nothing changed. */
static void
test_save (Fixture *f, gconstpointer data)
{
  g_autofree char *round1 = g_strconcat (f->results, "?round=1", NULL);
  g_autofree char *before = NULL;
  gint64 moment;

  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_post (
      f->web, f->form,
      "round=1&title=Wat+we+met+jullie+antwoorden+doen"
      "&body=Jullie+misten+**een+planning**.%0D%0A%0D%0A-+Vanaf+maandag+staat+die+online."
      "&title_en=What+we+do+with+your+answers&body_en=You+missed+a+plan.");

    assert_status (r, 303, "saving the follow-up");
    g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Location"), ==, round1);
  }
  moment = helder_web_test_scalar (f->web, "SELECT followup FROM survey_round r JOIN survey s"
                                           " ON s.id = r.survey WHERE s.slug = 'terugkoppeling'"
                                           " AND r.number = 1");
  g_assert_cmpint (moment, >, 0);
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM moment m JOIN moment_group g ON g.moment = m.id"
      " WHERE m.id = %" G_GINT64_FORMAT " AND m.status = 'approved' AND g.grp = 'servicedesk'"
      " AND m.title_en = 'What we do with your answers'"
      " AND m.body = 'Jullie misten **een planning**.' || char (10) || char (10) ||"
      " '- Vanaf maandag staat die online.'",
      moment);

    g_assert_cmpint (helder_web_test_scalar (f->web, sql), ==, 1);
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, round1);
    g_autofree char *href = g_strdup_printf ("href=\"/moments/%" G_GINT64_FORMAT "\"", moment);

    assert_status (r, 200, "results with the note");
    helder_web_test_assert_contains (r, "Wat we met de uitkomsten doen:");
    helder_web_test_assert_contains (r, "Wat we met jullie antwoorden doen");
    helder_web_test_assert_contains (r, href);
    helder_web_test_assert_contains (r, "gepland op");
    helder_web_test_assert_lacks (r, "Terugkoppeling plannen");
  }
  before = helder_test_fingerprint (f->web->store);
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post (f->web, f->form, "round=1&title=Nog+een&body=Nog+een");
    g_autoptr (HelderWebTestResponse) page = helder_web_test_browse (f->web, f->form);
    g_autofree char *after = helder_test_fingerprint (f->web->store);

    assert_status (r, 400, "a second follow-up of round 1");
    helder_web_test_assert_contains (r, "href=\"#round\"");
    assert_status (page, 200, "the form without rounds left");
    helder_web_test_assert_contains (page, "Geen gesloten ronde");
    helder_web_test_assert_lacks (page, "<form method=\"post\" action=\"/surveys/");
    g_assert_cmpstr (before, ==, after);
  }
}

/* A follow-up planned for later says so; the round of an open survey is
 * no closed round and gets neither the form nor the link. */
static void
test_planned (Fixture *f, gconstpointer data)
{
  g_autofree char *later = helder_test_day (3);
  g_autofree char *form =
    g_strdup_printf ("round=1&title=Later&body=Later&when=%s+09%%3A00", later);
  g_autofree char *round1 = g_strconcat (f->results, "?round=1", NULL);
  gint64 open;

  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_post (f->web, f->form, form);
    assert_status (r, 303, "a planned follow-up");
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, round1);
    helder_web_test_assert_contains (r, "gepland op");
    helder_web_test_assert_contains (r, ">Later</bdi>");
  }
  new_survey (f, "nog-open", FALSE);
  open = helder_web_test_scalar (f->web, "SELECT id FROM survey WHERE slug = 'nog-open'");
  {
    g_autofree char *results = g_strdup_printf ("/surveys/%" G_GINT64_FORMAT "/results", open);
    g_autofree char *path = g_strdup_printf ("/surveys/%" G_GINT64_FORMAT "/follow-up", open);
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, results);
    g_autoptr (HelderWebTestResponse) post =
      helder_web_test_post (f->web, path, "round=1&title=Te+vroeg&body=Te+vroeg");

    helder_web_test_assert_lacks (r, "Terugkoppeling plannen");
    assert_status (post, 400, "a follow-up of an open round");
    helder_web_test_assert_contains (post, "href=\"#round\"");
  }
  g_assert_cmpint (followups (f), ==, 1);
}

/* A closed round keeps its results the first time they are read (here by
 * the command line, in the operator's language); whoever reads them later
 * in the other language gets the reasons for what is not shown in theirs. */
static void
test_kept_results_language (Fixture *f, gconstpointer data)
{
  const char *const args[] = { "survey", "results", "terugkoppeling", "--round", "1", NULL };
  g_autofree char *round1 = g_strconcat (f->results, "?round=1", NULL);
  gboolean dutch;

  helder_test_runv_ok (f->web->db_path, args);
  dutch = helder_web_test_scalar (f->web, "SELECT count(*) FROM survey_round r JOIN survey s ON"
                                          " s.id = r.survey WHERE s.slug = 'terugkoppeling'"
                                          " AND instr (r.aggregate, 'minder dan 5') > 0") == 1;
  g_assert_cmpint (helder_web_test_scalar (
                     f->web, dutch ? "SELECT count(*) FROM survey_round WHERE instr (aggregate,"
                                     " 'fewer than') > 0"
                                   : "SELECT count(*) FROM survey_round r JOIN survey s ON"
                                     " s.id = r.survey WHERE s.slug = 'terugkoppeling'"
                                     " AND instr (r.aggregate, 'fewer than 5') > 0"),
                   ==, dutch ? 0 : 1);
  helder_web_test_set_locale (f->web, f->web->advisor.person, dutch ? "en" : "nl");
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, round1);

    assert_status (r, 200, "the kept results in the reader's language");
    helder_web_test_assert_contains (r, dutch ? "fewer than 5 answers" : "minder dan 5 antwoorden");
    helder_web_test_assert_lacks (r, dutch ? "minder dan" : "fewer than");
  }
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
#define ADD(path, fn) \
  g_test_add ("/survey-web/follow-up/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("form", test_form);
  ADD ("bad-input", test_bad_input);
  ADD ("save", test_save);
  ADD ("planned", test_planned);
  ADD ("kept-results-language", test_kept_results_language);
#undef ADD
  return g_test_run ();
}
