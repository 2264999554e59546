/* test-web-gate-forms.c — gates and their criteria on the web: a new gate,
 * a new criterion, a criterion's status with a note; every bad field named
 * in one answer, nothing changed by bad input, CSRF and roles. Against a
 * real server on loopback and the demo programme.
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

static gint64
count_criteria (Fixture *f, const char *gate)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT count(*) FROM gate_criterion WHERE gate = '%s'", gate);
  return helder_web_test_scalar (f->web, sql);
}

/* ---- a new gate ------------------------------------------------------------------- */

static void
test_new_gate (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) dashboard = helder_web_test_browse (f->web, "/dashboard");
  g_autoptr (HelderWebTestResponse) blank = helder_web_test_browse (f->web, "/gates/new");
  g_autoptr (HelderWebTestResponse) created = NULL;
  g_autoptr (HelderWebTestResponse) page = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *day = helder_date_add_days (f->web->today, 40);
  g_autofree char *form = NULL;
  const char *location;
  JsonArray *groups;

  g_assert_cmpuint (dashboard->status, ==, 200);
  helder_web_test_assert_contains (dashboard, "href=\"/gates/new\"");
  g_assert_cmpuint (blank->status, ==, 200);
  helder_web_test_assert_contains (blank, "<label for=\"name\">");
  helder_web_test_assert_contains (blank, "<label for=\"slug\">");
  helder_web_test_assert_contains (blank, "<label for=\"phase\">");
  helder_web_test_assert_contains (blank, "<label for=\"decide_on\">");
  helder_web_test_assert_contains (blank, "<label for=\"group-servicedesk\">");
  helder_web_test_assert_contains (blank, "<option dir=\"auto\" value=\"migration\"");
  helder_web_test_assert_lacks (blank, "error-summary");

  /* Without a slug, the name gives one. */
  form = g_strdup_printf ("name=Go%%2FNo-Go+g%%C3%%A9%%C3%%A9n+weekend&slug=&phase=migration"
                          "&decide_on=%s&groups=servicedesk&groups=key-users",
                          day);
  created = helder_web_test_post (f->web, "/gates", form);
  g_assert_cmpuint (created->status, ==, 303);
  location = soup_message_headers_get_one (created->headers, "Location");
  g_assert_cmpstr (location, ==, "/gates/go-no-go-geen-weekend?done=created");

  row =
    helder_repo_get (f->web->store, helder_entity_lookup ("gate"), "go-no-go-geen-weekend", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Go/No-Go géén weekend");
  g_assert_cmpstr (json_object_get_string_member (row, "phase"), ==, "migration");
  g_assert_cmpstr (json_object_get_string_member (row, "decide_on"), ==, day);
  g_assert_true (json_object_get_null_member (row, "decision"));
  groups = json_object_get_array_member (row, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 2);
  g_assert_cmpint (
    helder_web_test_scalar (f->web, "SELECT count(*) FROM audit_entry WHERE action = 'create'"
                                    " AND entity = 'gate' AND record = 'go-no-go-geen-weekend'"),
    ==, 1);

  page = helder_web_test_browse (f->web, location);
  g_assert_cmpuint (page->status, ==, 200);
  helder_web_test_assert_contains (page, "The gate is created.");
  helder_web_test_assert_contains (page, "This gate has no criteria.");
  helder_web_test_assert_contains (page, "href=\"/gates/go-no-go-geen-weekend/criteria/new\"");
}

static void
test_new_gate_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autoptr (HelderWebTestResponse) empty =
    helder_web_test_post (f->web, "/gates", "name=+&slug=&decide_on=");
  g_autoptr (HelderWebTestResponse) bad = helder_web_test_post (
    f->web, "/gates",
    "name=Poort&slug=Met+Spaties&phase=bestaat-niet&decide_on=2027-02-29&groups=geen-groep");
  g_autoptr (HelderWebTestResponse) reserved =
    helder_web_test_post (f->web, "/gates", "name=Nieuw&slug=new&decide_on=2027-03-01");
  g_autoptr (HelderWebTestResponse) taken = helder_web_test_post (
    f->web, "/gates", "name=Nog+eens&slug=technische-infrastructuur&decide_on=2027-03-01");
  g_autoptr (HelderWebTestResponse) symbols =
    helder_web_test_post (f->web, "/gates", "name=%E2%9C%93%E2%9C%93&slug=&decide_on=2027-03-01");

  /* Empty: the name and the date, at once (no slug problem: it comes
   * from the name). */
  g_assert_cmpuint (empty->status, ==, 400);
  helder_web_test_assert_contains (empty, "<a href=\"#name\">Name: may not be empty</a>");
  helder_web_test_assert_contains (empty,
                                   "<a href=\"#decide_on\">Decision date: may not be empty</a>");
  helder_web_test_assert_contains (empty, "<p class=\"field-error\" id=\"name-error\">");
  helder_web_test_assert_contains (empty, "<p class=\"field-error\" id=\"decide_on-error\">");
  helder_web_test_assert_lacks (empty, "id=\"slug-error\"");

  /* Every bad field of one form in one answer, as typed. */
  g_assert_cmpuint (bad->status, ==, 400);
  helder_web_test_assert_contains (bad, "id=\"slug-error\"");
  helder_web_test_assert_contains (bad, "“Met Spaties” is not a valid key");
  helder_web_test_assert_contains (bad, "id=\"phase-error\"");
  helder_web_test_assert_contains (bad, "bestaat-niet");
  helder_web_test_assert_contains (bad, "id=\"decide_on-error\"");
  helder_web_test_assert_contains (bad, "2027-02-29");
  helder_web_test_assert_contains (bad, "id=\"groups-error\"");
  helder_web_test_assert_contains (bad, "geen-groep");
  helder_web_test_assert_contains (bad, "value=\"Met Spaties\"");

  g_assert_cmpuint (reserved->status, ==, 400);
  helder_web_test_assert_contains (reserved, "id=\"slug-error\"");
  helder_web_test_assert_contains (reserved, "“new” is the address of the form for a new gate");

  g_assert_cmpuint (taken->status, ==, 409);
  helder_web_test_assert_contains (taken, "already exists");
  helder_web_test_assert_contains (taken, "id=\"slug-error\"");

  /* A name of symbols only gives no slug: then one must be typed. */
  g_assert_cmpuint (symbols->status, ==, 400);
  helder_web_test_assert_contains (symbols, "<a href=\"#slug\">");

  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

/* ---- criteria --------------------------------------------------------------------- */

static void
test_new_criterion (Fixture *f, gconstpointer data)
{
  const char *gate = "technische-infrastructuur";
  gint64 n = count_criteria (f, gate);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  g_autoptr (HelderWebTestResponse) gate_page =
    helder_web_test_browse (f->web, "/gates/technische-infrastructuur");
  g_autoptr (HelderWebTestResponse) blank =
    helder_web_test_browse (f->web, "/gates/technische-infrastructuur/criteria/new");
  g_autoptr (HelderWebTestResponse) empty = helder_web_test_post (
    f->web, "/gates/technische-infrastructuur/criteria", "text=+&owner=&status=&note=");
  g_autoptr (HelderWebTestResponse) odd =
    helder_web_test_post (f->web, "/gates/technische-infrastructuur/criteria",
                          "text=Firewall&owner=&status=misschien&note=");
  g_autoptr (HelderWebTestResponse) nowhere =
    helder_web_test_post (f->web, "/gates/bestaat-niet/criteria", "text=Firewall&status=open");
  g_autoptr (HelderWebTestResponse) added = NULL;
  g_autoptr (HelderWebTestResponse) shown = NULL;
  const char *location;

  helder_web_test_assert_contains (gate_page,
                                   "href=\"/gates/technische-infrastructuur/criteria/new\"");
  g_assert_cmpuint (blank->status, ==, 200);
  helder_web_test_assert_contains (blank, "<label for=\"text\">");
  helder_web_test_assert_contains (blank, "<label for=\"owner\">");
  helder_web_test_assert_contains (blank, "<label for=\"note\">");
  helder_web_test_assert_contains (blank,
                                   "id=\"status-open\" name=\"status\" value=\"open\" checked");

  g_assert_cmpuint (empty->status, ==, 400);
  helder_web_test_assert_contains (empty, "<a href=\"#text\">Criterion: may not be empty</a>");
  helder_web_test_assert_contains (empty, "<a href=\"#status-open\">Status: may not be empty</a>");
  helder_web_test_assert_contains (empty, "id=\"text-error\"");
  helder_web_test_assert_contains (empty, "id=\"status-error\"");
  g_assert_cmpuint (odd->status, ==, 400);
  helder_web_test_assert_contains (odd, "“misschien” is not one of");
  helder_web_test_assert_contains (odd, "value=\"Firewall\"");
  g_assert_cmpuint (nowhere->status, ==, 404);
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);

  added = helder_web_test_post (f->web, "/gates/technische-infrastructuur/criteria",
                                "text=Firewallregels+zijn+overgezet&owner=Rik+Vermeulen&status=open"
                                "&note=Wacht+op+*Nimbus*.");
  g_assert_cmpuint (added->status, ==, 303);
  location = soup_message_headers_get_one (added->headers, "Location");
  g_assert_cmpstr (location, ==,
                   "/gates/technische-infrastructuur?done=criterion-added#criteria-title");
  g_assert_cmpint (count_criteria (f, gate), ==, n + 1);
  sql = g_strdup_printf ("SELECT count(*) FROM gate_criterion WHERE gate = '%s'"
                         " AND text = 'Firewallregels zijn overgezet' AND owner = 'Rik Vermeulen'"
                         " AND status = 'open' AND note = 'Wacht op *Nimbus*.'",
                         gate);
  g_assert_cmpint (helder_web_test_scalar (f->web, sql), ==, 1);

  shown = helder_web_test_browse (f->web, "/gates/technische-infrastructuur?done=criterion-added");
  helder_web_test_assert_contains (shown, "The criterion is added.");
  helder_web_test_assert_contains (shown, "Firewallregels zijn overgezet");
  helder_web_test_assert_contains (shown, "Wacht op <em>Nimbus</em>.");
}

static void
test_update_criterion (Fixture *f, gconstpointer data)
{
  gint64 id = helder_web_test_scalar (
    f->web, "SELECT id FROM gate_criterion WHERE gate = 'technische-infrastructuur'"
            " AND status = 'open' ORDER BY id LIMIT 1");
  gint64 elsewhere = helder_web_test_scalar (
    f->web, "SELECT id FROM gate_criterion WHERE gate != 'technische-infrastructuur'"
            " ORDER BY id LIMIT 1");
  g_autofree char *path =
    g_strdup_printf ("/gates/technische-infrastructuur/criteria/%" PRId64, id);
  g_autofree char *wrong_gate =
    g_strdup_printf ("/gates/technische-infrastructuur/criteria/%" PRId64, elsewhere);
  g_autofree char *link = g_strdup_printf ("href=\"%s\"", path);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autoptr (HelderWebTestResponse) gate_page =
    helder_web_test_browse (f->web, "/gates/technische-infrastructuur");
  g_autoptr (HelderWebTestResponse) page = helder_web_test_browse (f->web, path);
  g_autoptr (HelderWebTestResponse) none = helder_web_test_post (f->web, path, "note=Iets");
  g_autoptr (HelderWebTestResponse) odd =
    helder_web_test_post (f->web, path, "status=klaar&note=Iets");
  g_autoptr (HelderWebTestResponse) other = helder_web_test_browse (f->web, wrong_gate);
  g_autoptr (HelderWebTestResponse) other_post =
    helder_web_test_post (f->web, wrong_gate, "status=met&note=x");
  g_autoptr (HelderWebTestResponse) missing =
    helder_web_test_browse (f->web, "/gates/technische-infrastructuur/criteria/99999");
  g_autoptr (HelderWebTestResponse) word =
    helder_web_test_browse (f->web, "/gates/technische-infrastructuur/criteria/abc");
  g_autoptr (HelderWebTestResponse) updated = NULL;
  g_autoptr (HelderWebTestResponse) shown = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *key = g_strdup_printf ("%" PRId64, id);
  g_autoptr (GError) error = NULL;
  g_autofree char *audit = NULL;

  /* Each criterion on the gate's page links to its form. */
  helder_web_test_assert_contains (gate_page, link);
  g_assert_cmpuint (page->status, ==, 200);
  helder_web_test_assert_contains (page,
                                   "id=\"status-open\" name=\"status\" value=\"open\" checked");
  helder_web_test_assert_contains (page, "<label for=\"note\">");

  g_assert_cmpuint (none->status, ==, 400);
  helder_web_test_assert_contains (none, "id=\"status-error\"");
  helder_web_test_assert_contains (none, ">Iets</textarea>");
  g_assert_cmpuint (odd->status, ==, 400);
  helder_web_test_assert_contains (odd, "“klaar” is not one of");
  g_assert_cmpuint (other->status, ==, 404);
  g_assert_cmpuint (other_post->status, ==, 404);
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpuint (word->status, ==, 404);
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);

  updated =
    helder_web_test_post (f->web, path, "status=met&note=Hersteltest+op+3+december+geslaagd.");
  g_assert_cmpuint (updated->status, ==, 303);
  g_assert_cmpstr (soup_message_headers_get_one (updated->headers, "Location"), ==,
                   "/gates/technische-infrastructuur?done=criterion-updated#criteria-title");
  row = helder_repo_get (f->web->store, helder_entity_lookup ("criterion"), key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "met");
  g_assert_cmpstr (json_object_get_string_member (row, "note"), ==,
                   "Hersteltest op 3 december geslaagd.");
  audit = g_strdup_printf ("SELECT count(*) FROM audit_entry WHERE action = 'update'"
                           " AND entity = 'criterion' AND record = '%" PRId64 "'",
                           id);
  g_assert_cmpint (helder_web_test_scalar (f->web, audit), ==, 1);

  /* The gate's count follows the records. */
  shown =
    helder_web_test_browse (f->web, "/gates/technische-infrastructuur?done=criterion-updated");
  helder_web_test_assert_contains (shown, "The criterion is updated.");
  helder_web_test_assert_contains (shown, "Hersteltest op 3 december geslaagd.");
  {
    gint64 open = helder_web_test_scalar (
      f->web, "SELECT count(*) FROM gate_criterion"
              " WHERE gate = 'technische-infrastructuur' AND status != 'met'");
    gint64 total = count_criteria (f, "technische-infrastructuur");
    g_autofree char *summary = g_strdup_printf ("%" PRId64 " of %" PRId64, open, total);

    helder_web_test_assert_contains (shown, summary);
  }
}

/* ---- who may, and CSRF ------------------------------------------------------------ */

static void
test_csrf_and_roles (Fixture *f, gconstpointer data)
{
  gint64 id = helder_web_test_scalar (
    f->web, "SELECT id FROM gate_criterion WHERE gate = 'technische-infrastructuur'"
            " ORDER BY id LIMIT 1");
  g_autofree char *criterion =
    g_strdup_printf ("/gates/technische-infrastructuur/criteria/%" PRId64, id);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autofree char *good = g_strdup_printf ("csrf=%s", f->web->advisor.csrf);
  const char *paths[] = { "/gates", "/gates/technische-infrastructuur/criteria", criterion };
  const char *pages[] = { "/gates/new", "/gates/technische-infrastructuur/criteria/new",
                          criterion };
  const char *form = "name=X&decide_on=2027-03-01&text=T&status=met&note=n";
  HelderWebTestUser *others[] = { &f->web->hr, &f->web->employee };

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
      for (guint o = 0; o < G_N_ELEMENTS (others); o++)
        {
          g_autoptr (HelderWebTestResponse) refused =
            helder_web_test_post_form (f->web, paths[i], others[o], form);
          g_autoptr (HelderWebTestResponse) page = helder_web_test_request (
            f->web, "GET", pages[i], others[o], "cookie", NULL, NULL, 0, NULL);

          g_assert_cmpuint (refused->status, ==, 403);
          g_assert_cmpuint (page->status, ==, 403);
        }
    }
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

/* ---- in Dutch ---------------------------------------------------------------------- */

static void
test_dutch (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) gate = NULL;
  g_autoptr (HelderWebTestResponse) blank = NULL;
  g_autoptr (HelderWebTestResponse) empty = NULL;

  helder_web_test_set_locale (f->web, f->web->advisor.person, "nl");
  blank = helder_web_test_browse (f->web, "/gates/new");
  helder_web_test_assert_contains (blank, "<h1>Nieuw beslismoment</h1>");
  gate = helder_web_test_browse (f->web, "/gates/technische-infrastructuur");
  helder_web_test_assert_contains (gate, "Criterium toevoegen");
  helder_web_test_assert_contains (gate, ">Bijwerken<");
  empty = helder_web_test_post (f->web, "/gates/technische-infrastructuur/criteria", "text=");
  g_assert_cmpuint (empty->status, ==, 400);
  helder_web_test_assert_contains (empty, "<h1>Nieuw criterium</h1>");
  helder_web_test_assert_contains (empty, "mag niet leeg zijn");
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/web-gate-forms/new-gate", test_new_gate);
  ADD ("/web-gate-forms/new-gate-bad-input", test_new_gate_bad_input);
  ADD ("/web-gate-forms/new-criterion", test_new_criterion);
  ADD ("/web-gate-forms/update-criterion", test_update_criterion);
  ADD ("/web-gate-forms/csrf-and-roles", test_csrf_and_roles);
  ADD ("/web-gate-forms/dutch", test_dutch);
#undef ADD

  return g_test_run ();
}
