/* test-web-supersede.c — a new version of an approved moment on the web:
 * the form filled with its content, the draft that supersedes it (the
 * service of `helder moment supersede`), then approval as usual; bad input
 * changes nothing, only an approved moment is superseded, CSRF and roles.
 * Against a real server on loopback and the demo programme.
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "model/helder-date.h"
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

static JsonObject *
get_row (Fixture *f, const char *entity, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key = g_strdup_printf ("%" PRId64, id);
  JsonObject *row = helder_repo_get (f->web->store, helder_entity_lookup (entity), key, &error);

  g_assert_no_error (error);
  return row;
}

/* An approved moment of its own, a week from today at 10:30 Amsterdam
 * time, to the servicedesk by e-mail. */
static gint64
approved_moment (Fixture *f, const char *status)
{
  g_autofree char *day = helder_date_add_days (f->web->today, 7);
  g_autofree char *json = g_strdup_printf (
    "{\"title\":\"Eerste versie\",\"body\":\"Op **dinsdag**.\",\"phase\":\"migration\","
    "\"scheduled_at\":\"%sT10:30\",\"channels\":[\"email\"],\"groups\":[\"servicedesk\"],"
    "\"author\":\"Iemand\"}",
    day);
  g_autoptr (JsonObject) row = helder_test_create (f->web->store, "moment", json);
  gint64 id = json_object_get_int_member (row, "id");

  if (g_strcmp0 (status, "draft") != 0)
    {
      g_autoptr (JsonObject) changes = json_object_new ();
      g_autoptr (JsonObject) changed = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *key = g_strdup_printf ("%" PRId64, id);

      json_object_set_string_member (changes, "status", "approved");
      changed = helder_repo_update (f->web->store, helder_entity_lookup ("moment"), key, changes,
                                    HELDER_WRITE_DEFAULT, &error);
      g_assert_no_error (error);
      if (g_strcmp0 (status, "cancelled") == 0)
        {
          g_clear_pointer (&changed, json_object_unref);
          json_object_set_string_member (changes, "status", "cancelled");
          changed = helder_repo_update (f->web->store, helder_entity_lookup ("moment"), key,
                                        changes, HELDER_WRITE_DEFAULT, &error);
          g_assert_no_error (error);
        }
    }
  return id;
}

static char *
form_for (Fixture *f, const char *title)
{
  g_autofree char *day = helder_date_add_days (f->web->today, 8);

  return g_strdup_printf ("title=%s&body=Op+**woensdag**.&phase=migration&scheduled_date=%s"
                          "&scheduled_time=11%%3A00&channels=email&groups=servicedesk"
                          "&groups=key-users&persons=",
                          title, day);
}

static void
test_supersede (Fixture *f, gconstpointer data)
{
  gint64 id = approved_moment (f, "approved");
  g_autofree char *path = g_strdup_printf ("/moments/%" PRId64, id);
  g_autofree char *form_path = g_strdup_printf ("/moments/%" PRId64 "/supersede", id);
  g_autofree char *link = g_strdup_printf ("href=\"%s\"", form_path);
  g_autofree char *day = helder_date_add_days (f->web->today, 7);
  g_autofree char *day_value = g_strdup_printf ("value=\"%s\"", day);
  g_autofree char *form = form_for (f, "Tweede+versie");
  g_autofree char *audit = NULL;
  g_autofree char *fresh_path = NULL;
  g_autofree char *supersedes = NULL;
  g_autofree char *approve = NULL;
  g_autoptr (HelderWebTestResponse) page = helder_web_test_browse (f->web, path);
  g_autoptr (HelderWebTestResponse) prefilled = helder_web_test_browse (f->web, form_path);
  g_autoptr (HelderWebTestResponse) saved = NULL;
  g_autoptr (HelderWebTestResponse) fresh_page = NULL;
  g_autoptr (HelderWebTestResponse) approved = NULL;
  g_autoptr (JsonObject) old = NULL;
  g_autoptr (JsonObject) fresh = NULL;
  g_autoptr (JsonObject) fresh_approved = NULL;
  gint64 fresh_id;

  /* The approved moment offers a new version, besides cancelling. */
  g_assert_cmpuint (page->status, ==, 200);
  helder_web_test_assert_contains (page, "only cancelled or superseded");
  helder_web_test_assert_contains (page, link);
  helder_web_test_assert_contains (page, "/cancel\"");

  /* The form holds the moment's content. */
  g_assert_cmpuint (prefilled->status, ==, 200);
  helder_web_test_assert_contains (prefilled, "action=\"/moments/");
  helder_web_test_assert_contains (prefilled, "/supersede\"");
  helder_web_test_assert_contains (prefilled, "value=\"Eerste versie\"");
  helder_web_test_assert_contains (prefilled, ">Op **dinsdag**.</textarea>");
  helder_web_test_assert_contains (prefilled, day_value);
  helder_web_test_assert_contains (prefilled, "value=\"10:30\"");
  helder_web_test_assert_contains (
    prefilled, "id=\"group-servicedesk\" name=\"groups\" value=\"servicedesk\" checked");
  helder_web_test_assert_contains (
    prefilled, "id=\"channel-email\" name=\"channels\" value=\"email\" checked");

  saved = helder_web_test_post (f->web, form_path, form);
  fresh_id = helder_web_test_location_id (saved, "/moments/");
  g_assert_cmpint (fresh_id, !=, id);
  g_assert_true (g_str_has_suffix (soup_message_headers_get_one (saved->headers, "Location"),
                                   "?done=superseded"));

  /* The service of `helder moment supersede`: the old one cancelled, the
   * new one a draft that says what it supersedes. */
  old = get_row (f, "moment", id);
  g_assert_cmpstr (json_object_get_string_member (old, "status"), ==, "cancelled");
  fresh = get_row (f, "moment", fresh_id);
  g_assert_cmpstr (json_object_get_string_member (fresh, "status"), ==, "draft");
  g_assert_cmpint (json_object_get_int_member (fresh, "supersedes"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (fresh, "title"), ==, "Tweede versie");
  g_assert_cmpstr (json_object_get_string_member (fresh, "body"), ==, "Op **woensdag**.");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fresh, "groups")), ==, 2);
  audit = g_strdup_printf ("SELECT count(*) FROM audit_entry WHERE action = 'supersede'"
                           " AND entity = 'moment' AND record = '%" PRId64 "' AND actor = %" PRId64,
                           id, f->web->advisor.person);
  g_assert_cmpint (helder_web_test_scalar (f->web, audit), ==, 1);

  /* Then approval as usual, on the new version's page. */
  fresh_path = g_strdup_printf ("/moments/%" PRId64 "?done=superseded", fresh_id);
  fresh_page = helder_web_test_browse (f->web, fresh_path);
  g_assert_cmpuint (fresh_page->status, ==, 200);
  helder_web_test_assert_contains (fresh_page, "The new version is saved as a draft");
  supersedes = g_strdup_printf ("<a href=\"/moments/%" PRId64 "\">", id);
  helder_web_test_assert_contains (fresh_page, supersedes);
  helder_web_test_assert_contains (fresh_page, "/approve\"");
  approve = g_strdup_printf ("/moments/%" PRId64 "/approve", fresh_id);
  approved = helder_web_test_post (f->web, approve, "");
  g_assert_cmpint (helder_web_test_location_id (approved, "/moments/"), ==, fresh_id);
  fresh_approved = get_row (f, "moment", fresh_id);
  g_assert_cmpstr (json_object_get_string_member (fresh_approved, "status"), ==, "approved");
}

/* Bad input keeps what was typed and changes nothing: the approved
 * version stays approved. */
static void
test_bad_input (Fixture *f, gconstpointer data)
{
  gint64 id = approved_moment (f, "approved");
  g_autofree char *form_path = g_strdup_printf ("/moments/%" PRId64 "/supersede", id);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autofree char *no_title = form_for (f, "+");
  g_autoptr (HelderWebTestResponse) empty = helder_web_test_post (f->web, form_path, no_title);
  g_autoptr (HelderWebTestResponse) nothing =
    helder_web_test_post (f->web, form_path, "title=&scheduled_date=&scheduled_time=");
  g_autoptr (HelderWebTestResponse) bad_date =
    helder_web_test_post (f->web, form_path,
                          "title=T&scheduled_date=2027-02-30&scheduled_time=09%3A00"
                          "&channels=email&groups=servicedesk");
  g_autoptr (HelderWebTestResponse) bad_url =
    helder_web_test_post (f->web, form_path,
                          "title=T&scheduled_date=2027-01-05&scheduled_time=09%3A00"
                          "&channels=meeting&groups=servicedesk&online_url=javascript%3Ax");
  g_autoptr (HelderWebTestResponse) unknown =
    helder_web_test_post (f->web, "/moments/99999/supersede", no_title);
  g_autoptr (JsonObject) row = NULL;

  g_assert_cmpuint (empty->status, ==, 400);
  helder_web_test_assert_contains (empty, "<a href=\"#title\">Title: may not be empty</a>");
  helder_web_test_assert_contains (empty, "id=\"title-error\"");
  helder_web_test_assert_contains (empty, ">Op **woensdag**.</textarea>");
  helder_web_test_assert_contains (empty, "/supersede\"");
  g_assert_cmpuint (nothing->status, ==, 400);
  helder_web_test_assert_contains (nothing, "<a href=\"#title\">Title: may not be empty</a>");
  helder_web_test_assert_contains (
    nothing, "<a href=\"#scheduled-date\">Scheduled for: give both a date and a time</a>");
  g_assert_cmpuint (bad_date->status, ==, 400);
  helder_web_test_assert_contains (bad_date, "id=\"scheduled-error\"");
  helder_web_test_assert_contains (bad_date, "2027-02-30");
  g_assert_cmpuint (bad_url->status, ==, 400);
  helder_web_test_assert_contains (bad_url, "id=\"online_url-error\"");
  g_assert_cmpuint (unknown->status, ==, 404);

  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
  row = get_row (f, "moment", id);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "approved");
}

/* A draft is edited, not superseded; a cancelled moment is over. */
static void
test_only_approved (Fixture *f, gconstpointer data)
{
  gint64 draft = approved_moment (f, "draft");
  gint64 cancelled = approved_moment (f, "cancelled");
  g_autofree char *draft_page = g_strdup_printf ("/moments/%" PRId64, draft);
  g_autofree char *draft_form = g_strdup_printf ("/moments/%" PRId64 "/supersede", draft);
  g_autofree char *cancelled_form = g_strdup_printf ("/moments/%" PRId64 "/supersede", cancelled);
  g_autofree char *form = form_for (f, "Anders");
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autoptr (HelderWebTestResponse) page = helder_web_test_browse (f->web, draft_page);
  g_autoptr (HelderWebTestResponse) get_draft = helder_web_test_browse (f->web, draft_form);
  g_autoptr (HelderWebTestResponse) post_draft = helder_web_test_post (f->web, draft_form, form);
  g_autoptr (HelderWebTestResponse) post_cancelled =
    helder_web_test_post (f->web, cancelled_form, form);

  helder_web_test_assert_lacks (page, draft_form);
  g_assert_cmpuint (get_draft->status, ==, 409);
  helder_web_test_assert_contains (get_draft, "only an approved moment is superseded");
  g_assert_cmpuint (post_draft->status, ==, 409);
  g_assert_cmpuint (post_cancelled->status, ==, 409);
  helder_web_test_assert_contains (post_cancelled, "only an approved moment is superseded");
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_csrf_and_roles (Fixture *f, gconstpointer data)
{
  gint64 id = approved_moment (f, "approved");
  g_autofree char *path = g_strdup_printf ("/moments/%" PRId64 "/supersede", id);
  g_autofree char *form = form_for (f, "Anders");
  g_autofree char *wrong = g_strdup_printf ("%s&csrf=not-the-token", form);
  g_autofree char *right = g_strdup_printf ("%s&csrf=%s", form, f->web->advisor.csrf);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autoptr (HelderWebTestResponse) missing =
    helder_web_test_request (f->web, "POST", path, &f->web->advisor, "cookie",
                             "application/x-www-form-urlencoded", form, -1, NULL);
  g_autoptr (HelderWebTestResponse) bad = helder_web_test_post (f->web, path, wrong);
  g_autoptr (HelderWebTestResponse) cross = helder_web_test_request (
    f->web, "POST", path, &f->web->advisor, "cookie", "application/x-www-form-urlencoded", right,
    -1, "Sec-Fetch-Site", "cross-site", NULL);
  HelderWebTestUser *others[] = { &f->web->hr, &f->web->employee };

  g_assert_cmpuint (missing->status, ==, 403);
  g_assert_cmpuint (bad->status, ==, 403);
  g_assert_cmpuint (cross->status, ==, 403);
  for (guint o = 0; o < G_N_ELEMENTS (others); o++)
    {
      g_autoptr (HelderWebTestResponse) refused =
        helder_web_test_post_form (f->web, path, others[o], form);
      g_autoptr (HelderWebTestResponse) page =
        helder_web_test_request (f->web, "GET", path, others[o], "cookie", NULL, NULL, 0, NULL);

      g_assert_cmpuint (refused->status, ==, 403);
      g_assert_cmpuint (page->status, ==, 403);
    }
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_dutch (Fixture *f, gconstpointer data)
{
  gint64 id = approved_moment (f, "approved");
  g_autofree char *path = g_strdup_printf ("/moments/%" PRId64, id);
  g_autofree char *form_path = g_strdup_printf ("/moments/%" PRId64 "/supersede", id);
  g_autoptr (HelderWebTestResponse) page = NULL;
  g_autoptr (HelderWebTestResponse) form = NULL;

  helder_web_test_set_locale (f->web, f->web->advisor.person, "nl");
  page = helder_web_test_browse (f->web, path);
  helder_web_test_assert_contains (page, "Vervangen door nieuwe versie");
  form = helder_web_test_browse (f->web, form_path);
  g_assert_cmpuint (form->status, ==, 200);
  helder_web_test_assert_contains (form, "Nieuwe versie van");
  helder_web_test_assert_contains (form, "Nieuwe versie als concept opslaan");
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/web-supersede/supersede", test_supersede);
  ADD ("/web-supersede/bad-input", test_bad_input);
  ADD ("/web-supersede/only-approved", test_only_approved);
  ADD ("/web-supersede/csrf-and-roles", test_csrf_and_roles);
  ADD ("/web-supersede/dutch", test_dutch);
#undef ADD

  return g_test_run ();
}
