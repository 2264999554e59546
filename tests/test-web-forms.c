/* test-web-forms.c — the advisor's forms over HTTP: moments, commitment
 * updates and gate decisions, their validation messages, CSRF and escaping.
 * Against a real server on loopback and the demo programme.
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "model/helder-entity.h"
#include "services/views/helder-audience.h"
#include "services/repo/helder-repo.h"

typedef struct
{
  HelderWebTest *web;
} Fixture;

/* The advisor reads English unless a test says otherwise; pages follow the
 * signed-in person's locale. */

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

/* A page as the advisor's browser session sees it. */

/* The id in a "Location: /moments/ID?…" header. */

static JsonObject *
get_row (Fixture *f, const char *entity, const char *key)
{
  g_autoptr (GError) error = NULL;
  JsonObject *row = helder_repo_get (f->web->store, helder_entity_lookup (entity), key, &error);

  g_assert_no_error (error);
  return row;
}

static JsonObject *
get_moment (Fixture *f, gint64 id)
{
  g_autofree char *key = g_strdup_printf ("%" PRId64, id);
  return get_row (f, "moment", key);
}

static gint64
count_where (Fixture *f, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->web->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* @day at @hour:@minute in Amsterdam, in UTC: worked out with GLib's own
 * zone, not with the code under test. */
static char *
amsterdam_utc (const char *day, int hour, int minute)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("Europe/Amsterdam");
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GDateTime) utc = NULL;
  int y, m, d;

  g_assert_nonnull (zone);
  g_assert_cmpint (sscanf (day, "%d-%d-%d", &y, &m, &d), ==, 3);
  local = g_date_time_new (zone, y, m, d, hour, minute, 0);
  utc = g_date_time_to_utc (local);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* A day a week from the test's today. */
static char *
next_week (Fixture *f)
{
  return helder_date_add_days (f->web->today, 7);
}

/* Creates a draft through the form; @extra is appended to a valid form. */
static gint64
create_moment (Fixture *f, const char *title, const char *extra)
{
  g_autofree char *day = next_week (f);
  g_autofree char *escaped = g_uri_escape_string (title, NULL, FALSE);
  g_autofree char *form = g_strdup_printf ("title=%s&body=Hallo&phase=&scheduled_date=%s"
                                           "&scheduled_time=10%%3A30&channels=email%s",
                                           escaped, day, extra ? extra : "");
  g_autoptr (HelderWebTestResponse) r = helder_web_test_post (f->web, "/moments", form);

  return helder_web_test_location_id (r, "/moments/");
}

/* ---- moments ------------------------------------------------------------------ */

static void
test_moment_create_approve (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) blank = helder_web_test_browse (f->web, "/moments/new");
  g_autoptr (HelderWebTestResponse) created = NULL;
  g_autoptr (HelderWebTestResponse) page = NULL;
  g_autoptr (HelderWebTestResponse) approved = NULL;
  g_autoptr (HelderWebTestResponse) after = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) done = NULL;
  g_autoptr (GArray) audience = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *day = next_week (f);
  g_autofree char *when = g_strdup_printf ("%sT10:30", day);
  g_autofree char *utc = amsterdam_utc (day, 10, 30);
  g_autofree char *form = NULL;
  g_autofree char *path = NULL;
  g_autofree char *approve = NULL;
  g_autofree char *count = NULL;
  g_autofree char *audit = NULL;
  gint64 id;

  /* The empty form: every input labelled, checkbox groups in fieldsets. */
  g_assert_cmpuint (blank->status, ==, 200);
  helder_web_test_assert_contains (blank, "<label for=\"title\">");
  helder_web_test_assert_contains (blank, "<label for=\"title_en\">");
  helder_web_test_assert_contains (blank, "<label for=\"body_en\">");
  helder_web_test_assert_contains (blank, "<input type=\"date\" id=\"scheduled-date\"");
  helder_web_test_assert_contains (blank, "<input type=\"time\" id=\"scheduled-time\"");
  helder_web_test_assert_contains (blank, "id=\"channel-meeting\"");
  helder_web_test_assert_contains (blank, "<label for=\"group-servicedesk\">");
  helder_web_test_assert_contains (blank, "<legend>");
  helder_web_test_assert_contains (blank, "name=\"csrf\"");
  helder_web_test_assert_lacks (blank, "error-summary");

  form = g_strdup_printf (
    "title=Kennismaking+met+Nimbus&body=Op+**dinsdag**+komt+Nimbus+langs."
    "&phase=migration&scheduled_date=%s&scheduled_time=10%%3A30"
    "&channels=email&channels=meeting&groups=servicedesk&groups=key-users"
    "&statuses=decided&persons=&title_en=Meet+Nimbus&body_en=On+**Tuesday**+Nimbus+visits.",
    day);
  created = helder_web_test_post (f->web, "/moments", form);
  id = helder_web_test_location_id (created, "/moments/");
  g_assert_true (g_str_has_suffix (soup_message_headers_get_one (created->headers, "Location"),
                                   "?done=created"));

  row = get_moment (f, id);
  g_assert_cmpstr (json_object_get_string_member (row, "title"), ==, "Kennismaking met Nimbus");
  g_assert_cmpstr (json_object_get_string_member (row, "title_en"), ==, "Meet Nimbus");
  g_assert_cmpstr (json_object_get_string_member (row, "body_en"), ==,
                   "On **Tuesday** Nimbus visits.");
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (row, "phase"), ==, "migration");
  g_assert_cmpstr (json_object_get_string_member (row, "author"), ==, f->web->advisor.name);
  /* The time typed is the programme's (Amsterdam's) wall time, whatever
   * the process's TZ, stored in UTC, as the CLI does. */
  g_assert_cmpstr (json_object_get_string_member (row, "scheduled_at"), ==, utc);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "channels")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "groups")), ==, 2);
  g_assert_cmpstr (
    json_array_get_string_element (json_object_get_array_member (row, "statuses"), 0), ==,
    "decided");
  audit = g_strdup_printf (
    "SELECT count(*) FROM audit_entry WHERE action = 'create' AND entity = 'moment'"
    " AND record = '%" PRId64 "' AND actor = %" PRId64,
    id, f->web->advisor.person);
  g_assert_cmpint (count_where (f, audit), ==, 1);

  /* The page: the resolved audience, with names, and the rendered body. */
  path = g_strdup_printf ("/moments/%" PRId64 "?done=created", id);
  page = helder_web_test_browse (f->web, path);
  g_assert_cmpuint (page->status, ==, 200);
  audience = helder_audience_resolve (f->web->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audience->len, >, 1);
  count = g_strdup_printf ("Reaches %u people.", audience->len);
  helder_web_test_assert_contains (page, count);
  helder_web_test_assert_contains (page, "<details>");
  helder_web_test_assert_contains (page, "<strong>dinsdag</strong>");
  helder_web_test_assert_contains (page, "saved as a draft");
  helder_web_test_assert_contains (page, "value=\"10:30\"");
  helder_web_test_assert_contains (page, ", 10:30");
  helder_web_test_assert_contains (page, "Europe/Amsterdam");
  helder_web_test_assert_contains (page, "/approve\"");

  approve = g_strdup_printf ("/moments/%" PRId64 "/approve", id);
  approved = helder_web_test_post (f->web, approve, "");
  g_assert_cmpint (helder_web_test_location_id (approved, "/moments/"), ==, id);
  done = get_moment (f, id);
  g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "approved");

  g_free (path);
  path = g_strdup_printf ("/moments/%" PRId64, id);
  after = helder_web_test_browse (f->web, path);
  g_assert_cmpuint (after->status, ==, 200);
  helder_web_test_assert_contains (after, "can no longer be edited, only cancelled or superseded");
  /* No edit form and no approve button any more; cancelling still can. */
  helder_web_test_assert_lacks (after, "id=\"title\"");
  helder_web_test_assert_lacks (after, "/approve\"");
  helder_web_test_assert_contains (after, "/cancel\"");
}

static void
test_moment_edit (Fixture *f, gconstpointer data)
{
  gint64 id = create_moment (f, "Eerste versie", "&groups=servicedesk");
  g_autofree char *path = g_strdup_printf ("/moments/%" PRId64, id);
  g_autofree char *approve = g_strdup_printf ("/moments/%" PRId64 "/approve", id);
  g_autofree char *day = next_week (f);
  g_autofree char *form =
    g_strdup_printf ("title=Tweede+versie&body=Nieuw&phase=&scheduled_date=%s"
                     "&scheduled_time=11%%3A00&channels=email&groups=servicedesk",
                     day);
  g_autofree char *form2 =
    g_strdup_printf ("title=Derde+versie&body=Nieuw&phase=&scheduled_date=%s"
                     "&scheduled_time=11%%3A00&channels=email&groups=servicedesk",
                     day);
  g_autoptr (HelderWebTestResponse) edited = helder_web_test_post (f->web, path, form);
  g_autoptr (HelderWebTestResponse) approved = NULL;
  g_autoptr (HelderWebTestResponse) refused = NULL;
  g_autoptr (HelderWebTestResponse) same = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (helder_web_test_location_id (edited, "/moments/"), ==, id);
  row = get_moment (f, id);
  g_assert_cmpstr (json_object_get_string_member (row, "title"), ==, "Tweede versie");

  approved = helder_web_test_post (f->web, approve, "");
  g_assert_cmpuint (approved->status, ==, 303);

  /* Approved: a changed form and the same form sent back are both refused. */
  before = helder_test_fingerprint (f->web->store);
  refused = helder_web_test_post (f->web, path, form2);
  g_assert_cmpuint (refused->status, ==, 409);
  helder_web_test_assert_contains (refused, "can no longer be edited");
  helder_web_test_assert_contains (refused, "class=\"error-summary\"");
  same = helder_web_test_post (f->web, path, form);
  g_assert_cmpuint (same->status, ==, 409);
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_moment_approve_needs_audience (Fixture *f, gconstpointer data)
{
  gint64 id = create_moment (f, "Zonder publiek", NULL);
  g_autofree char *approve = g_strdup_printf ("/moments/%" PRId64 "/approve", id);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autoptr (HelderWebTestResponse) refused = helder_web_test_post (f->web, approve, "");
  g_autoptr (JsonObject) row = NULL;
  const char *error_at, *fieldset;

  g_assert_cmpuint (refused->status, ==, 400);
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
  row = get_moment (f, id);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "draft");

  /* The summary links to the audience; the message sits in its fieldset. */
  helder_web_test_assert_contains (refused, "class=\"error-summary\"");
  helder_web_test_assert_contains (
    refused, "<a href=\"#audience\">Audience: an approved moment needs an audience");
  helder_web_test_assert_contains (refused, "aria-describedby=\"audience-hint audience-error\"");
  fieldset = strstr (refused->text, "id=\"audience\"");
  error_at = strstr (refused->text, "<p class=\"field-error\" id=\"audience-error\">");
  g_assert_nonnull (fieldset);
  g_assert_nonnull (error_at);
  g_assert_true (error_at > fieldset);
  g_assert_nonnull (strstr (error_at, "An approved moment needs an audience"));
  g_assert_true (strstr (error_at, "</fieldset>") >
                 strstr (error_at, "An approved moment needs an audience"));
}

/* In Dutch, the rule's own translated message stands next to the field. */
static void
test_moment_dutch (Fixture *f, gconstpointer data)
{
  gint64 id = create_moment (f, "Zonder publiek", NULL);
  g_autofree char *approve = g_strdup_printf ("/moments/%" PRId64 "/approve", id);
  g_autoptr (HelderWebTestResponse) refused = NULL;
  const char *error_at;

  helder_web_test_set_locale (f->web, f->web->advisor.person, "nl");
  refused = helder_web_test_post (f->web, approve, "");
  g_assert_cmpuint (refused->status, ==, 400);
  g_assert_cmpstr (soup_message_headers_get_one (refused->headers, "Content-Language"), ==, "nl");
  error_at = strstr (refused->text, "id=\"audience-error\"");
  g_assert_nonnull (error_at);
  g_assert_nonnull (strstr (error_at, "heeft een doelgroep nodig"));
}

static void
test_moment_validation (Fixture *f, gconstpointer data)
{
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autofree char *day = next_week (f);
  g_autofree char *no_title =
    g_strdup_printf ("title=+&body=Blijft+staan&scheduled_date=%s"
                     "&scheduled_time=09%%3A00&channels=email&groups=servicedesk",
                     day);
  g_autofree char *bad_person = g_strdup_printf ("title=T&scheduled_date=%s&scheduled_time=09%%3A00"
                                                 "&persons=niemand%%40example.org",
                                                 day);
  g_autofree char *bad_date = g_strdup ("title=T&scheduled_date=2027-02-30&scheduled_time=09%3A00");
  g_autoptr (HelderWebTestResponse) r1 = helder_web_test_post (f->web, "/moments", no_title);
  g_autoptr (HelderWebTestResponse) r2 = helder_web_test_post (f->web, "/moments", bad_person);
  g_autoptr (HelderWebTestResponse) r3 = helder_web_test_post (f->web, "/moments", bad_date);
  g_autoptr (HelderWebTestResponse) r4 =
    helder_web_test_post (f->web, "/moments", "title=T&scheduled_date=&scheduled_time=09%3A00");
  g_autoptr (HelderWebTestResponse) r5 = helder_web_test_post (
    f->web, "/moments", "title=T&scheduled_date=2027-01-04&scheduled_time=09%3A00&channels=fax");
  g_autoptr (HelderWebTestResponse) r6 =
    helder_web_test_post (f->web, "/moments", "title=&scheduled_date=&scheduled_time=09%3A00");
  /* The hour skipped and the hour repeated when the clocks change. */
  g_autoptr (HelderWebTestResponse) r7 = helder_web_test_post (
    f->web, "/moments", "title=T&scheduled_date=2027-03-28&scheduled_time=02%3A30");
  g_autoptr (HelderWebTestResponse) r8 = helder_web_test_post (
    f->web, "/moments", "title=T&scheduled_date=2026-10-25&scheduled_time=02%3A30");

  g_assert_cmpuint (r1->status, ==, 400);
  helder_web_test_assert_contains (r1, "<p class=\"field-error\" id=\"title-error\">");
  helder_web_test_assert_contains (
    r1, "aria-describedby=\"title-hint title-error\" aria-invalid=\"true\"");
  helder_web_test_assert_contains (r1, "<a href=\"#title\">Title: may not be empty</a>");
  /* What was typed is kept. */
  helder_web_test_assert_contains (r1, ">Blijft staan</textarea>");
  helder_web_test_assert_contains (
    r1, "id=\"group-servicedesk\" name=\"groups\" value=\"servicedesk\" checked");

  g_assert_cmpuint (r2->status, ==, 400);
  helder_web_test_assert_contains (r2, "<p class=\"field-error\" id=\"persons-error\">");
  helder_web_test_assert_contains (r2, "niemand@example.org");
  helder_web_test_assert_contains (r2, "value=\"niemand@example.org\"");

  g_assert_cmpuint (r3->status, ==, 400);
  helder_web_test_assert_contains (r3, "id=\"scheduled-error\"");
  helder_web_test_assert_contains (r3, "2027-02-30");

  g_assert_cmpuint (r4->status, ==, 400);
  helder_web_test_assert_contains (r4, "id=\"scheduled-error\"");
  helder_web_test_assert_contains (r4, "give both a date and a time");

  g_assert_cmpuint (r5->status, ==, 400);
  helder_web_test_assert_contains (r5, "id=\"channels-error\"");

  /* An empty form names every missing field at once. */
  g_assert_cmpuint (r6->status, ==, 400);
  helder_web_test_assert_contains (r6, "<a href=\"#title\">Title: may not be empty</a>");
  helder_web_test_assert_contains (
    r6, "<a href=\"#scheduled-date\">Scheduled for: give both a date and a time</a>");
  helder_web_test_assert_contains (r6, "id=\"title-error\"");
  helder_web_test_assert_contains (r6, "id=\"scheduled-error\"");

  g_assert_cmpuint (r7->status, ==, 400);
  helder_web_test_assert_contains (r7, "id=\"scheduled-error\"");
  helder_web_test_assert_contains (r7, "does not exist in Europe/Amsterdam");
  g_assert_cmpuint (r8->status, ==, 400);
  helder_web_test_assert_contains (r8, "occurs twice in Europe/Amsterdam");

  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_moment_cancel (Fixture *f, gconstpointer data)
{
  gint64 id = create_moment (f, "Gaat niet door", "&groups=servicedesk");
  g_autofree char *cancel = g_strdup_printf ("/moments/%" PRId64 "/cancel", id);
  g_autofree char *unasked = helder_test_fingerprint (f->web->store);
  g_autoptr (HelderWebTestResponse) asked = helder_web_test_post (f->web, cancel, "");
  g_autofree char *still = helder_test_fingerprint (f->web->store);
  g_autoptr (HelderWebTestResponse) cancelled = NULL;
  g_autoptr (HelderWebTestResponse) again = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Without confirm=yes the page asks first and nothing changes. */
  g_assert_cmpuint (asked->status, ==, 200);
  helder_web_test_assert_contains (asked, "Cancel this moment?");
  helder_web_test_assert_contains (asked, "<input type=\"hidden\" name=\"confirm\" value=\"yes\">");
  g_assert_cmpstr (unasked, ==, still);
  row = get_moment (f, id);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "draft");
  g_clear_pointer (&row, json_object_unref);

  cancelled = helder_web_test_post (f->web, cancel, "confirm=yes");
  g_assert_cmpuint (cancelled->status, ==, 303);
  row = get_moment (f, id);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "cancelled");

  /* Approving a cancelled moment is a transition the rules forbid. */
  before = helder_test_fingerprint (f->web->store);
  g_free (cancel);
  cancel = g_strdup_printf ("/moments/%" PRId64 "/approve", id);
  again = helder_web_test_post (f->web, cancel, "");
  g_assert_cmpuint (again->status, ==, 409);
  helder_web_test_assert_contains (again, "cannot move from cancelled to approved");
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_not_found (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) moment = helder_web_test_browse (f->web, "/moments/99999");
  g_autoptr (HelderWebTestResponse) word = helder_web_test_browse (f->web, "/moments/abc");
  g_autoptr (HelderWebTestResponse) commitment =
    helder_web_test_browse (f->web, "/commitments/99999");
  g_autoptr (HelderWebTestResponse) gate = helder_web_test_browse (f->web, "/gates/bestaat-niet");
  g_autoptr (HelderWebTestResponse) approve =
    helder_web_test_post (f->web, "/moments/99999/approve", "");

  g_assert_cmpuint (moment->status, ==, 404);
  g_assert_cmpuint (word->status, ==, 404);
  g_assert_cmpuint (commitment->status, ==, 404);
  g_assert_cmpuint (gate->status, ==, 404);
  g_assert_cmpuint (approve->status, ==, 404);
}

/* ---- commitments ---------------------------------------------------------------- */

static void
test_commitment_update (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) page = NULL;
  g_autoptr (HelderWebTestResponse) refused = NULL;
  g_autoptr (HelderWebTestResponse) recorded = NULL;
  g_autoptr (HelderWebTestResponse) after_page = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) late = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *late_key = NULL;
  g_autofree char *late_path = NULL;
  g_autofree char *late_text = NULL;
  g_autofree char *audit = NULL;
  gint64 late_id, days;
  GDate due, today;

  /* An open commitment past its due date says it is late, and by how much. */
  {
    g_autofree char *sql =
      g_strdup_printf ("SELECT id FROM commitment WHERE status = 'open' AND due_on < '%s'"
                       " ORDER BY id LIMIT 1",
                       f->web->today);
    late_id = count_where (f, sql);
  }
  late_key = g_strdup_printf ("%" PRId64, late_id);
  late = get_row (f, "commitment", late_key);
  g_assert_true (helder_date_parse (json_object_get_string_member (late, "due_on"), &due));
  g_assert_true (helder_date_parse (f->web->today, &today));
  days = g_date_days_between (&due, &today);
  late_path = g_strdup_printf ("/commitments/%" PRId64, late_id);
  page = helder_web_test_browse (f->web, late_path);
  g_assert_cmpuint (page->status, ==, 200);
  late_text = g_strdup_printf (days == 1 ? "late — %" PRId64 " day past the due date"
                                         : "late — %" PRId64 " days past the due date",
                               days);
  helder_web_test_assert_contains (page, late_text);
  helder_web_test_assert_contains (page, "status--late");
  helder_web_test_assert_contains (page, "<label for=\"note\">");
  /* The heading is the promise itself, not its number. */
  {
    const char *text = json_object_get_string_member (late, "text");
    g_autofree char *first = g_strndup (text, strcspn (text, " \n*_`#>&<\"'"));
    g_autofree char *h1 = g_strdup_printf ("<h1><bdi>%s", first);

    g_assert_cmpuint (strlen (first), >, 0);
    helder_web_test_assert_contains (page, h1);
    g_assert_null (strstr (page->text, "<h1><bdi>Commitment "));
  }

  /* Broken without an explanation: refused, next to the note. */
  before = helder_test_fingerprint (f->web->store);
  g_free (late_path);
  late_path = g_strdup_printf ("/commitments/%" PRId64 "/updates", late_id);
  refused = helder_web_test_post (f->web, late_path, "status=broken&note=+");
  g_assert_cmpuint (refused->status, ==, 400);
  helder_web_test_assert_contains (refused, "<p class=\"field-error\" id=\"note-error\">");
  helder_web_test_assert_contains (refused, "needs an explanation");
  helder_web_test_assert_contains (refused, "<a href=\"#note\">");
  helder_web_test_assert_contains (
    refused, "aria-describedby=\"note-hint note-error\" aria-invalid=\"true\"");
  helder_web_test_assert_contains (refused, "<option value=\"broken\" selected>");
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);

  /* With one, it is recorded with the advisor as author. */
  recorded =
    helder_web_test_post (f->web, late_path, "status=broken&note=De+begroting+is+geschrapt.");
  g_assert_cmpint (helder_web_test_location_id (recorded, "/commitments/"), ==, late_id);
  row = get_row (f, "commitment", late_key);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "broken");
  g_free (audit);
  audit = g_strdup_printf (
    "SELECT count(*) FROM commitment_update WHERE commitment = %" PRId64
    " AND status = 'broken' AND author = (SELECT name FROM person WHERE id = %" PRId64 ")",
    late_id, f->web->advisor.person);
  g_assert_cmpint (count_where (f, audit), ==, 1);

  g_free (late_path);
  late_path = g_strdup_printf ("/commitments/%" PRId64 "?done=recorded", late_id);
  after_page = helder_web_test_browse (f->web, late_path);
  helder_web_test_assert_contains (after_page, "De begroting is geschrapt.");
  helder_web_test_assert_contains (after_page, "The update is recorded.");
}

/* ---- gates ---------------------------------------------------------------------- */

static void
test_gate_decision (Fixture *f, gconstpointer data)
{
  const char *path = "/gates/technische-infrastructuur/decision";
  g_autoptr (HelderWebTestResponse) page =
    helder_web_test_browse (f->web, "/gates/technische-infrastructuur");
  g_autoptr (HelderWebTestResponse) no_override = NULL;
  g_autoptr (HelderWebTestResponse) no_rationale = NULL;
  g_autoptr (HelderWebTestResponse) no_decision = NULL;
  g_autoptr (HelderWebTestResponse) decided = NULL;
  g_autoptr (HelderWebTestResponse) shown = NULL;
  g_autoptr (JsonObject) gate = NULL;
  g_autoptr (JsonObject) moment = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *link = NULL;
  const char *location;
  gint64 open, drafted;

  /* The hint about postponing sits with that option. */
  helder_web_test_assert_contains (page, "value=\"postponed\" aria-describedby=\"decision-hint\"");

  open =
    count_where (f, "SELECT count(*) FROM gate_criterion WHERE gate = 'technische-infrastructuur'"
                    " AND status != 'met'");
  g_assert_cmpint (open, >, 0);
  g_assert_cmpuint (page->status, ==, 200);
  helder_web_test_assert_contains (page, "Required to decide go while");
  helder_web_test_assert_contains (page, "<th scope=\"col\">");
  helder_web_test_assert_contains (page, "id=\"decision-go\"");

  before = helder_test_fingerprint (f->web->store);
  no_override = helder_web_test_post (f->web, path,
                                      "decision=go&rationale=Het+netwerk+is+klaar.&override_note=");
  g_assert_cmpuint (no_override->status, ==, 409);
  helder_web_test_assert_contains (no_override, "<p class=\"field-error\" id=\"override-error\">");
  helder_web_test_assert_contains (no_override, "deciding go needs an explicit override note");
  helder_web_test_assert_contains (no_override, ">Het netwerk is klaar.</textarea>");
  helder_web_test_assert_contains (no_override,
                                   "id=\"decision-go\" name=\"decision\" value=\"go\" checked");

  no_rationale = helder_web_test_post (f->web, path, "decision=nogo&rationale=&override_note=");
  g_assert_cmpuint (no_rationale->status, ==, 400);
  helder_web_test_assert_contains (no_rationale, "id=\"rationale-error\"");

  no_decision = helder_web_test_post (f->web, path, "rationale=Waarom");
  g_assert_cmpuint (no_decision->status, ==, 400);
  helder_web_test_assert_contains (no_decision, "id=\"decision-error\"");
  helder_web_test_assert_contains (no_decision, "<a href=\"#decision-go\">");
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);

  decided = helder_web_test_post (
    f->web, path,
    "decision=go&rationale=Het+netwerk+is+klaar."
    "&override_note=Het+IP-plan+volgt+binnen+een+week%3B+het+risico+is+klein.");
  g_assert_cmpuint (decided->status, ==, 303);
  location = soup_message_headers_get_one (decided->headers, "Location");
  g_assert_true (g_str_has_prefix (location, "/gates/technische-infrastructuur?drafted="));
  drafted = g_ascii_strtoll (strchr (location, '=') + 1, NULL, 10);

  gate = get_row (f, "gate", "technische-infrastructuur");
  g_assert_cmpstr (json_object_get_string_member (gate, "decision"), ==, "go");
  g_assert_cmpstr (json_object_get_string_member (gate, "decided_by"), ==, f->web->advisor.name);
  moment = get_moment (f, drafted);
  g_assert_cmpstr (json_object_get_string_member (moment, "status"), ==, "draft");
  g_assert_true (json_node_equal (json_object_get_member (moment, "groups"),
                                  json_object_get_member (gate, "groups")));

  shown = helder_web_test_browse (f->web, location);
  g_assert_cmpuint (shown->status, ==, 200);
  link = g_strdup_printf ("<a href=\"/moments/%" PRId64 "\">", drafted);
  helder_web_test_assert_contains (shown, link);
  helder_web_test_assert_contains (shown, "The decision is recorded.");
  helder_web_test_assert_contains (shown, "Het IP-plan volgt binnen een week");
  /* Decided go: no form any more. */
  helder_web_test_assert_lacks (shown, "id=\"rationale\"");
}

/* ---- CSRF --------------------------------------------------------------------- */

static void
test_csrf (Fixture *f, gconstpointer data)
{
  gint64 id = create_moment (f, "Voor CSRF", "&groups=servicedesk");
  g_autofree char *approve = g_strdup_printf ("/moments/%" PRId64 "/approve", id);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autofree char *good = g_strdup_printf ("csrf=%s", f->web->advisor.csrf);
  const char *paths[] = { "/moments", approve, "/commitments/1/updates",
                          "/gates/technische-infrastructuur/decision" };
  const char *form = "title=X&scheduled_date=2027-01-04&scheduled_time=09%3A00&channels=email"
                     "&groups=servicedesk&status=kept&note=n&decision=nogo&rationale=r";

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
      /* A bearer token has no form token: forms are for browser sessions. */
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

/* ---- escaping ------------------------------------------------------------------ */

static void
test_xss (Fixture *f, gconstpointer data)
{
  g_autofree char *day = next_week (f);
  g_autofree char *title = g_uri_escape_string ("<script>alert(1)</script>\"'&", NULL, FALSE);
  g_autofree char *body =
    g_uri_escape_string ("Hallo <script>alert(2)</script>\n\n"
                         "<img src=x onerror=alert(3)>\n\n"
                         "[klik](javascript:alert(4)) en [ook](JaVaScRiPt:alert(5))\n\n"
                         "<a href=\"javascript:alert(6)\">a</a>",
                         NULL, FALSE);
  g_autofree char *form =
    g_strdup_printf ("title=%s&body=%s&scheduled_date=%s&scheduled_time=09%%3A00"
                     "&channels=email&groups=servicedesk",
                     title, body, day);
  g_autoptr (HelderWebTestResponse) created = helder_web_test_post (f->web, "/moments", form);
  g_autoptr (HelderWebTestResponse) page = NULL;
  g_autoptr (HelderWebTestResponse) invalid = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bad_form =
    g_strdup_printf ("title=%s&body=%s&scheduled_date=&scheduled_time=", title, body);
  gint64 id = helder_web_test_location_id (created, "/moments/");

  path = g_strdup_printf ("/moments/%" PRId64, id);
  page = helder_web_test_browse (f->web, path);
  g_assert_cmpuint (page->status, ==, 200);
  helder_web_test_assert_contains (page, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;");
  helder_web_test_assert_lacks (page, "<script");
  helder_web_test_assert_lacks (page, "<img");
  helder_web_test_assert_lacks (page, "href=\"javascript:");
  helder_web_test_assert_lacks (page, "href=\"JaVaScRiPt:");
  /* The body as typed is in the textarea, escaped. */
  helder_web_test_assert_contains (page, "&lt;img src=x onerror=alert(3)&gt;");

  /* The same when the form comes back with an error. */
  invalid = helder_web_test_post (f->web, "/moments", bad_form);
  g_assert_cmpuint (invalid->status, ==, 400);
  helder_web_test_assert_contains (
    invalid, "value=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;\"");
  helder_web_test_assert_lacks (invalid, "<script");
  helder_web_test_assert_lacks (invalid, "<img");
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/web-forms/moment/create-approve", test_moment_create_approve);
  ADD ("/web-forms/moment/edit", test_moment_edit);
  ADD ("/web-forms/moment/approve-needs-audience", test_moment_approve_needs_audience);
  ADD ("/web-forms/moment/validation", test_moment_validation);
  ADD ("/web-forms/moment/dutch", test_moment_dutch);
  ADD ("/web-forms/moment/cancel", test_moment_cancel);
  ADD ("/web-forms/not-found", test_not_found);
  ADD ("/web-forms/commitment/update", test_commitment_update);
  ADD ("/web-forms/gate/decision", test_gate_decision);
  ADD ("/web-forms/csrf", test_csrf);
  ADD ("/web-forms/xss", test_xss);
#undef ADD

  return g_test_run ();
}
