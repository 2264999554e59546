/* test-web-commitment-forms.c — commitments on the web: a new commitment,
 * an update with a note and a link to its evidence, withdrawing with an
 * explanation; every bad field named in one answer, nothing changed by bad
 * input, CSRF and roles. The evidence link on the API and the CLI too.
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

/* An open commitment of the demo that is not yet due. */
static gint64
open_commitment (Fixture *f)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT id FROM commitment WHERE status = 'open' AND due_on >= '%s'"
                     " ORDER BY id LIMIT 1",
                     f->web->today);
  return helder_web_test_scalar (f->web, sql);
}

/* ---- a new commitment ------------------------------------------------------------ */

static void
test_new (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) dashboard = helder_web_test_browse (f->web, "/dashboard");
  g_autoptr (HelderWebTestResponse) blank = helder_web_test_browse (f->web, "/commitments/new");
  g_autoptr (HelderWebTestResponse) created = NULL;
  g_autoptr (HelderWebTestResponse) page = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) anna = NULL;
  g_autofree char *due = helder_date_add_days (f->web->today, 30);
  g_autofree char *made_on = g_strdup_printf ("value=\"%s\"", f->web->today);
  g_autofree char *form = NULL;
  g_autofree char *path = NULL;
  g_autofree char *audit = NULL;
  const char *email;
  JsonArray *groups, *persons;
  gint64 id, someone;

  /* Reached from the dashboard's commitments. */
  g_assert_cmpuint (dashboard->status, ==, 200);
  helder_web_test_assert_contains (dashboard, "href=\"/commitments/new\"");

  /* Every input labelled; made on today and by the advisor unless changed. */
  g_assert_cmpuint (blank->status, ==, 200);
  helder_web_test_assert_contains (blank, "<label for=\"text\">");
  helder_web_test_assert_contains (blank, "<label for=\"made_by\">");
  helder_web_test_assert_contains (blank, "<label for=\"due_on\">");
  helder_web_test_assert_contains (blank, "<label for=\"group-servicedesk\">");
  helder_web_test_assert_contains (blank, "<legend>");
  helder_web_test_assert_contains (blank, made_on);
  helder_web_test_assert_contains (blank, f->web->advisor.name);
  helder_web_test_assert_contains (blank, "name=\"csrf\"");
  helder_web_test_assert_lacks (blank, "error-summary");

  someone = helder_web_test_scalar (
    f->web, "SELECT id FROM person WHERE email IS NOT NULL ORDER BY id LIMIT 1");
  anna = get_row (f, "person", someone);
  email = json_object_get_string_member (anna, "email");
  {
    g_autofree char *escaped = g_uri_escape_string (email, NULL, FALSE);
    form = g_strdup_printf ("text=Iedereen+van+de+servicedesk+krijgt+een+**training**."
                            "&made_by=MT&made_on=%s&due_on=%s&groups=servicedesk"
                            "&groups=key-users&persons=%s",
                            f->web->today, due, escaped);
  }
  created = helder_web_test_post (f->web, "/commitments", form);
  id = helder_web_test_location_id (created, "/commitments/");
  g_assert_true (g_str_has_suffix (soup_message_headers_get_one (created->headers, "Location"),
                                   "?done=created"));

  row = get_row (f, "commitment", id);
  g_assert_cmpstr (json_object_get_string_member (row, "text"), ==,
                   "Iedereen van de servicedesk krijgt een **training**.");
  g_assert_cmpstr (json_object_get_string_member (row, "made_by"), ==, "MT");
  g_assert_cmpstr (json_object_get_string_member (row, "made_on"), ==, f->web->today);
  g_assert_cmpstr (json_object_get_string_member (row, "due_on"), ==, due);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "open");
  groups = json_object_get_array_member (row, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 2);
  persons = json_object_get_array_member (row, "persons");
  g_assert_cmpuint (json_array_get_length (persons), ==, 1);
  g_assert_cmpint (json_array_get_int_element (persons, 0), ==, someone);

  audit = g_strdup_printf (
    "SELECT count(*) FROM audit_entry WHERE action = 'create' AND entity = 'commitment'"
    " AND record = '%" PRId64 "' AND actor = %" PRId64,
    id, f->web->advisor.person);
  g_assert_cmpint (helder_web_test_scalar (f->web, audit), ==, 1);

  path = g_strdup_printf ("/commitments/%" PRId64 "?done=created", id);
  page = helder_web_test_browse (f->web, path);
  g_assert_cmpuint (page->status, ==, 200);
  helder_web_test_assert_contains (page, "The commitment is recorded.");
  helder_web_test_assert_contains (page, "<strong>training</strong>");
  helder_web_test_assert_contains (page, json_object_get_string_member (anna, "name"));
}

/* Every problem of the form in one answer, each next to its field; what
 * was typed is kept; nothing is written. */
static void
test_new_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autofree char *due = helder_date_add_days (f->web->today, 30);
  g_autofree char *past = helder_date_add_days (f->web->today, -3);
  g_autoptr (HelderWebTestResponse) empty =
    helder_web_test_post (f->web, "/commitments", "text=+&made_by=&due_on=");
  g_autoptr (HelderWebTestResponse) dates = helder_web_test_post (
    f->web, "/commitments",
    "text=Belofte&made_by=MT&made_on=2026-02-30&due_on=morgen&groups=servicedesk");
  g_autoptr (HelderWebTestResponse) refs = helder_web_test_post (
    f->web, "/commitments",
    "text=Belofte&made_by=MT&made_on=2026-12-01&due_on=2027-01-01&groups=bestaat-niet"
    "&persons=niemand%40example.org%2C+99999");
  g_autoptr (HelderWebTestResponse) control = helder_web_test_post (
    f->web, "/commitments",
    "text=Belofte&made_by=M%E2%80%AET&made_on=2026-12-01&due_on=2027-01-01&groups=servicedesk");
  g_autoptr (HelderWebTestResponse) span = NULL;
  g_autofree char *span_form =
    g_strdup_printf ("text=Belofte&made_by=MT&made_on=%s&due_on=%s&groups=servicedesk", due, past);

  /* The empty form: the promise, who made it, when it is due and to whom. */
  g_assert_cmpuint (empty->status, ==, 400);
  helder_web_test_assert_contains (empty, "class=\"error-summary\"");
  helder_web_test_assert_contains (empty, "<a href=\"#text\">Promise: may not be empty</a>");
  helder_web_test_assert_contains (empty, "<a href=\"#made_by\">Made by: may not be empty</a>");
  helder_web_test_assert_contains (empty, "<a href=\"#due_on\">Due: may not be empty</a>");
  helder_web_test_assert_contains (
    empty, "<a href=\"#groups\">Made to groups: say to whom the promise was made");
  helder_web_test_assert_contains (empty, "<p class=\"field-error\" id=\"text-error\">");
  helder_web_test_assert_contains (
    empty, "aria-describedby=\"text-hint text-error\" aria-invalid=\"true\"");
  helder_web_test_assert_contains (empty, "<p class=\"field-error\" id=\"groups-error\">");

  /* Dates that do not exist, named with what was typed. */
  g_assert_cmpuint (dates->status, ==, 400);
  helder_web_test_assert_contains (dates,
                                   "<a href=\"#made_on\">Made on: “2026-02-30” is not a date");
  helder_web_test_assert_contains (dates, "<a href=\"#due_on\">Due: “morgen” is not a date");
  helder_web_test_assert_contains (dates, "value=\"morgen\"");
  helder_web_test_assert_contains (
    dates, "id=\"group-servicedesk\" name=\"groups\" value=\"servicedesk\" checked");

  /* Unknown groups and persons: each one named. */
  g_assert_cmpuint (refs->status, ==, 400);
  helder_web_test_assert_contains (refs, "bestaat-niet");
  helder_web_test_assert_contains (refs, "niemand@example.org");
  helder_web_test_assert_contains (refs, "99999");
  helder_web_test_assert_contains (refs, "id=\"persons-error\"");
  helder_web_test_assert_contains (refs, "id=\"groups-error\"");

  /* A bidi override in a name, by the shared text rule. */
  g_assert_cmpuint (control->status, ==, 400);
  helder_web_test_assert_contains (control, "id=\"made_by-error\"");
  helder_web_test_assert_contains (control, "U+202E");

  /* Due before it was made: the repository's rule, next to its field. */
  span = helder_web_test_post (f->web, "/commitments", span_form);
  g_assert_cmpuint (span->status, ==, 400);
  helder_web_test_assert_contains (span, "field-error");
  helder_web_test_assert_contains (span, ">Belofte</textarea>");

  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

/* ---- updates with evidence ------------------------------------------------------- */

static void
test_update_evidence (Fixture *f, gconstpointer data)
{
  gint64 id = open_commitment (f);
  g_autofree char *path = g_strdup_printf ("/commitments/%" PRId64 "/updates", id);
  g_autofree char *page_path = g_strdup_printf ("/commitments/%" PRId64, id);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  g_autoptr (HelderWebTestResponse) form = helder_web_test_browse (f->web, page_path);
  g_autoptr (HelderWebTestResponse) script = helder_web_test_post (
    f->web, path, "status=kept&note=Gedaan&evidence_url=javascript%3Aalert(1)");
  g_autoptr (HelderWebTestResponse) ftp = helder_web_test_post (
    f->web, path, "status=kept&note=Gedaan&evidence_url=ftp%3A%2F%2Fexample.org%2Fa");
  g_autoptr (HelderWebTestResponse) nohost =
    helder_web_test_post (f->web, path, "status=kept&note=Gedaan&evidence_url=https%3A%2F%2F");
  g_autoptr (HelderWebTestResponse) recorded = NULL;
  g_autoptr (HelderWebTestResponse) shown = NULL;
  g_autoptr (JsonObject) row = NULL;

  g_assert_cmpuint (form->status, ==, 200);
  helder_web_test_assert_contains (form, "<label for=\"evidence_url\">");
  helder_web_test_assert_contains (form, "<input type=\"url\" id=\"evidence_url\"");

  /* Only http:// and https:// addresses with a host; the typed value is
   * kept, the error is next to the field, nothing is written. */
  g_assert_cmpuint (script->status, ==, 400);
  helder_web_test_assert_contains (script, "<p class=\"field-error\" id=\"evidence-error\">");
  helder_web_test_assert_contains (
    script, "<a href=\"#evidence_url\">Evidence link: “javascript:alert(1)”");
  helder_web_test_assert_contains (script, "value=\"javascript:alert(1)\"");
  helder_web_test_assert_contains (script, ">Gedaan</textarea>");
  helder_web_test_assert_lacks (script, "href=\"javascript:");
  g_assert_cmpuint (ftp->status, ==, 400);
  helder_web_test_assert_contains (ftp, "id=\"evidence-error\"");
  g_assert_cmpuint (nohost->status, ==, 400);
  helder_web_test_assert_contains (nohost, "id=\"evidence-error\"");
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);

  recorded = helder_web_test_post (
    f->web, path,
    "status=kept&note=Training+gegeven+op+2+december."
    "&evidence_url=+https%3A%2F%2Fintranet.voorbeeld.nl%2Fverslag%3Fid%3D7%26a%3Db+");
  g_assert_cmpint (helder_web_test_location_id (recorded, "/commitments/"), ==, id);
  row = get_row (f, "commitment", id);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "kept");
  sql = g_strdup_printf ("SELECT count(*) FROM commitment_update WHERE commitment = %" PRId64
                         " AND status = 'kept' AND note = 'Training gegeven op 2 december.'"
                         " AND evidence_url = 'https://intranet.voorbeeld.nl/verslag?id=7&a=b'",
                         id);
  g_assert_cmpint (helder_web_test_scalar (f->web, sql), ==, 1);

  shown = helder_web_test_browse (f->web, page_path);
  helder_web_test_assert_contains (shown,
                                   "<a href=\"https://intranet.voorbeeld.nl/verslag?id=7&amp;a=b\" "
                                   "rel=\"noopener noreferrer\">");
}

/* The API and the CLI take the same link, with the same rule. */
static void
test_evidence_api_cli (Fixture *f, gconstpointer data)
{
  gint64 id = open_commitment (f);
  g_autofree char *path = g_strdup_printf ("/api/v1/commitments/%" PRId64 "/updates", id);
  g_autofree char *key = g_strdup_printf ("%" PRId64, id);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (HelderWebTestResponse) bad = helder_web_test_send_json (
    f->web, "POST", path, &f->web->advisor, "{\"note\":\"n\",\"evidence_url\":\"file:///etc\"}");
  g_autoptr (HelderWebTestResponse) good = NULL;
  g_autoptr (JsonNode) body = NULL;
  JsonObject *update;

  helder_web_test_assert_error (bad, 400, "evidence_url", "file:///etc");
  g_assert_cmpint (helder_test_run (f->web->db_path, NULL, &out, &err, "commitment", "update", key,
                                    "--note", "n", "--evidence", "mailto:a@b.nl", NULL),
                   ==, 1);
  /* The option as it is typed, not the field behind it. */
  g_assert_nonnull (strstr (err, "--evidence:"));
  g_assert_nonnull (strstr (err, "mailto:a@b.nl"));
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);

  good = helder_web_test_send_json (f->web, "POST", path, &f->web->advisor,
                                    "{\"note\":\"n\",\"evidence_url\":\"https://a.nl/1\"}");
  g_assert_cmpuint (good->status, ==, 201);
  body = helder_web_test_json (good);
  update = json_object_get_object_member (json_node_get_object (body), "update");
  g_assert_cmpstr (json_object_get_string_member (update, "evidence_url"), ==, "https://a.nl/1");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (helder_test_run (f->web->db_path, NULL, &out, &err, "commitment", "update", key,
                                    "--note", "Verslag", "--evidence", "https://a.nl/2", NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
    helder_test_run (f->web->db_path, NULL, &out, &err, "commitment", "history", key, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "evidence: https://a.nl/2"));
}

/* ---- withdrawing -------------------------------------------------------------------- */

static void
test_withdraw (Fixture *f, gconstpointer data)
{
  gint64 id = open_commitment (f);
  g_autofree char *page_path = g_strdup_printf ("/commitments/%" PRId64, id);
  g_autofree char *path = g_strdup_printf ("/commitments/%" PRId64 "/withdraw", id);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  g_autoptr (HelderWebTestResponse) page = helder_web_test_browse (f->web, page_path);
  g_autoptr (HelderWebTestResponse) bare =
    helder_web_test_post (f->web, path, "explanation=+%0D%0A");
  g_autoptr (HelderWebTestResponse) done = NULL;
  g_autoptr (HelderWebTestResponse) shown = NULL;
  g_autoptr (HelderWebTestResponse) again = NULL;
  g_autoptr (JsonObject) row = NULL;

  g_assert_cmpuint (page->status, ==, 200);
  helder_web_test_assert_contains (page, "action=\"/commitments/");
  helder_web_test_assert_contains (page, "/withdraw\"");
  helder_web_test_assert_contains (page, "<label for=\"explanation\">");
  /* The update form no longer offers "withdrawn": withdrawing has its form. */
  helder_web_test_assert_lacks (page, "<option value=\"withdrawn\"");

  /* No explanation: refused next to the explanation, nothing changed. */
  g_assert_cmpuint (bare->status, ==, 400);
  helder_web_test_assert_contains (bare, "<p class=\"field-error\" id=\"explanation-error\">");
  helder_web_test_assert_contains (
    bare, "<a href=\"#explanation\">Explanation: a commitment that is withdrawn "
          "needs an explanation</a>");
  helder_web_test_assert_contains (bare, "aria-describedby=\"explanation-hint explanation-error\" "
                                         "aria-invalid=\"true\"");
  helder_web_test_assert_lacks (bare, "id=\"note-error\"");
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);

  done = helder_web_test_post (f->web, path, "explanation=De+leverancier+neemt+dit+over.");
  g_assert_cmpint (helder_web_test_location_id (done, "/commitments/"), ==, id);
  g_assert_true (
    g_str_has_suffix (soup_message_headers_get_one (done->headers, "Location"), "?done=withdrawn"));
  row = get_row (f, "commitment", id);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "withdrawn");
  sql = g_strdup_printf ("SELECT count(*) FROM commitment_update WHERE commitment = %" PRId64
                         " AND status = 'withdrawn' AND note = 'De leverancier neemt dit over.'"
                         " AND author = (SELECT name FROM person WHERE id = %" PRId64 ")",
                         id, f->web->advisor.person);
  g_assert_cmpint (helder_web_test_scalar (f->web, sql), ==, 1);
  g_free (sql);
  /* One entry, written by the service in the same transaction. */
  sql = g_strdup_printf ("SELECT count(*) FROM audit_entry WHERE action = 'record'"
                         " AND entity = 'commitment' AND detail = 'withdrawn'"
                         " AND record = '%" PRId64 "'",
                         id);
  g_assert_cmpint (helder_web_test_scalar (f->web, sql), ==, 1);

  g_free (page_path);
  page_path = g_strdup_printf ("/commitments/%" PRId64 "?done=withdrawn", id);
  shown = helder_web_test_browse (f->web, page_path);
  helder_web_test_assert_contains (shown, "The commitment is withdrawn.");
  helder_web_test_assert_contains (shown, "De leverancier neemt dit over.");
  helder_web_test_assert_lacks (shown, "id=\"explanation\"");

  /* Withdrawn once is enough. */
  g_free (before);
  before = helder_test_fingerprint (f->web->store);
  again = helder_web_test_post (f->web, path, "explanation=Nog+een+keer");
  g_assert_cmpuint (again->status, ==, 409);
  helder_web_test_assert_contains (again, "already withdrawn");
  g_free (after);
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

/* ---- who may, and CSRF --------------------------------------------------------------- */

static void
test_csrf_and_roles (Fixture *f, gconstpointer data)
{
  gint64 id = open_commitment (f);
  g_autofree char *updates = g_strdup_printf ("/commitments/%" PRId64 "/updates", id);
  g_autofree char *withdraw = g_strdup_printf ("/commitments/%" PRId64 "/withdraw", id);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autofree char *good = g_strdup_printf ("csrf=%s", f->web->advisor.csrf);
  const char *paths[] = { "/commitments", updates, withdraw };
  const char *form = "text=X&made_by=MT&made_on=2026-12-01&due_on=2027-01-01&groups=servicedesk"
                     "&status=kept&note=n&explanation=e";
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
          g_assert_cmpuint (refused->status, ==, 403);
        }
    }
  for (guint o = 0; o < G_N_ELEMENTS (others); o++)
    {
      g_autoptr (HelderWebTestResponse) page = helder_web_test_request (
        f->web, "GET", "/commitments/new", others[o], "cookie", NULL, NULL, 0, NULL);
      g_assert_cmpuint (page->status, ==, 403);
    }
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

/* ---- in Dutch ------------------------------------------------------------------------ */

static void
test_dutch (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) blank = NULL;
  g_autoptr (HelderWebTestResponse) empty = NULL;

  helder_web_test_set_locale (f->web, f->web->advisor.person, "nl");
  blank = helder_web_test_browse (f->web, "/commitments/new");
  g_assert_cmpuint (blank->status, ==, 200);
  helder_web_test_assert_contains (blank, "<h1>Nieuwe toezegging</h1>");
  helder_web_test_assert_contains (blank, "Toezegging vastleggen");
  empty = helder_web_test_post (f->web, "/commitments", "text=&due_on=");
  g_assert_cmpuint (empty->status, ==, 400);
  helder_web_test_assert_contains (empty, "Er is een probleem");
  helder_web_test_assert_contains (empty, "mag niet leeg zijn");
  helder_web_test_assert_lacks (empty, "may not be empty");
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/web-commitment-forms/new", test_new);
  ADD ("/web-commitment-forms/new-bad-input", test_new_bad_input);
  ADD ("/web-commitment-forms/update-evidence", test_update_evidence);
  ADD ("/web-commitment-forms/evidence-api-cli", test_evidence_api_cli);
  ADD ("/web-commitment-forms/withdraw", test_withdraw);
  ADD ("/web-commitment-forms/csrf-and-roles", test_csrf_and_roles);
  ADD ("/web-commitment-forms/dutch", test_dutch);
#undef ADD

  return g_test_run ();
}
